"""Fingertips indicator metadata: what each indicator measures and when its data last changed, kept
in raw (the JSON answer and the metadata CSV of each batch); dbt builds conformed.dim_indicator."""

from pathlib import Path

import dagster as dg

from assets.fingertips import api
from assets.fingertips.common import GROUP
from assets.fingertips.group_roots import fetch_benchmarking
from assets.fingertips.raw_loading import load_json, load_metadata_csv
from assets.fingertips.selection import FingertipsSelection, resolve
from assets.warehouse.pool import KINDS, WAREHOUSE_POOL
from pipelines.resources import CatalogueResource, FingertipsResource, WarehouseResource


def batches(indicator_ids: list[int]) -> list[list[int]]:
    size = api.MAX_IDS_PER_CALL
    return [indicator_ids[start : start + size] for start in range(0, len(indicator_ids), size)]


@dg.asset(group_name=GROUP, kinds=KINDS, pool=WAREHOUSE_POOL)
def fingertips_indicator_metadata(
    context: dg.AssetExecutionContext,
    config: FingertipsSelection,
    warehouse: WarehouseResource,
    fingertips: FingertipsResource,
    catalogue: CatalogueResource,
) -> dg.MaterializeResult:
    """Each indicator's metadata (name, unit, value type, polarity, CI method, year type,
    LastUploadedAt) and its group roots (how Fingertips benchmarks it) as Fingertips answered
    them, kept in raw."""
    selection = resolve(config, fingertips, catalogue)
    source = fingertips.source()
    with fingertips.download_folder() as folder:
        # Everything is fetched before anything is written (see fingertips_downloads).
        fetched = [
            (
                api.indicator_metadata(source, batch),
                api.indicator_metadata_csv(
                    source, batch, Path(folder) / f"indicator_metadata_{number}.csv"
                ),
            )
            for number, batch in enumerate(batches(selection.indicator_ids))
        ]
        benchmarking = fetch_benchmarking(
            source, selection.indicator_ids, [child for child, _ in selection.area_type_pairs]
        )
        with warehouse.store().transaction() as connection:
            for metadata_json, metadata_csv in fetched:
                # dim_indicator pairs each JSON answer with the CSV of the same run and indicators.
                load_json(connection, metadata_json, context.run_id)
                load_metadata_csv(connection, metadata_csv, context.run_id)
            for answer in benchmarking:
                load_json(connection, answer, context.run_id)
    return dg.MaterializeResult(
        metadata={
            "batches": dg.MetadataValue.int(len(fetched)),
            "indicators_requested": dg.MetadataValue.int(len(selection.indicator_ids)),
        }
    )
