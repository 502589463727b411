"""Fingertips indicator metadata: what each indicator measures and when its data last changed."""

from pathlib import Path

import dagster as dg

from assets.fingertips import api
from assets.fingertips.common import GROUP, KINDS, WAREHOUSE_POOL
from assets.fingertips.raw_loading import load_json, load_metadata_csv
from assets.fingertips.selection import FingertipsSelection, resolve
from assets.table_metadata import table_metadata
from assets.warehouse.sql_files import statement
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
    """One row per indicator: name, unit, value type, polarity, CI method, year type, LastUploadedAt."""
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
        with warehouse.store().transaction() as connection:
            for metadata_json, metadata_csv in fetched:
                json_id = load_json(connection, metadata_json, context.run_id)
                csv_id = load_metadata_csv(connection, metadata_csv, context.run_id)
                connection.execute(
                    statement("fingertips/insert_dim_indicator"),
                    {
                        "json_response_id": json_id,
                        "csv_response_id": csv_id,
                        "fetched_at": metadata_json.fetched_at,
                    },
                )
            return dg.MaterializeResult(
                metadata={
                    **table_metadata(connection, "conformed.dim_indicator"),
                    "indicators_requested": dg.MetadataValue.int(len(selection.indicator_ids)),
                }
            )
