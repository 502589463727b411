"""Fingertips indicator values downloaded into the raw layer, and their period labels parsed into
dates (conformed.dim_period); dbt types the values into conformed.fact_indicator_value."""

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import dagster as dg
import duckdb

from assets.fingertips import api
from assets.fingertips.common import DIM_INDICATOR, FACT_INDICATOR_VALUE, GROUP, STAGING_VALUES
from assets.fingertips.indicators import batches
from assets.fingertips.raw_loading import load_all_data
from assets.fingertips.selection import FingertipsSelection, ResolvedSelection, resolve
from assets.fingertips.source import FetchedFile, FingertipsSource
from assets.periods import parse_fingertips_period as parse_period
from assets.table_metadata import table_metadata
from assets.warehouse.pool import KINDS, WAREHOUSE_POOL
from assets.warehouse.sql_files import statement
from pipelines.resources import CatalogueResource, FingertipsResource, WarehouseResource

# A download planned for this run: the indicators it covers with the LastUploadedAt each is
# pulled at, and the child and parent area types (None: every type the indicator has).
Planned = tuple[dict[int, datetime | None], int | None, int | None]


def _needs_download(
    indicator_id: int,
    uploaded: dict[int, datetime | None],
    downloaded: dict[int, datetime | None],
    force: bool,
) -> bool:
    if force or indicator_id not in downloaded:
        return True
    current, previous = uploaded.get(indicator_id), downloaded[indicator_id]
    # No LastUploadedAt on either side means we cannot tell: pull again rather than go stale.
    return current is None or previous is None or current > previous


def plan_downloads(
    connection: duckdb.DuckDBPyConnection, selection: ResolvedSelection
) -> tuple[list[Planned], int]:
    """The downloads this run needs, and how many (indicator, area type) pulls were up to date."""
    ids = selection.indicator_ids
    uploaded = dict(
        connection.execute(
            statement("fingertips/select_last_uploaded_at"), {"indicator_ids": ids}
        ).fetchall()
    )
    pairs: list[tuple[int | None, int | None]] = (
        [(None, None)] if selection.every_area_type else list(selection.area_type_pairs)
    )
    planned: list[Planned] = []
    up_to_date = 0
    for child, parent in pairs:
        downloaded = dict(
            connection.execute(
                statement("fingertips/select_downloaded_uploads"),
                {"child_area_type_id": child, "parent_area_type_id": parent, "indicator_ids": ids},
            ).fetchall()
        )
        due = [
            indicator_id
            for indicator_id in ids
            if _needs_download(indicator_id, uploaded, downloaded, selection.force)
        ]
        up_to_date += len(ids) - len(due)
        if child is None:
            planned.extend(
                ({indicator_id: uploaded.get(indicator_id)}, None, None) for indicator_id in due
            )
        else:
            planned.extend(
                (
                    {indicator_id: uploaded.get(indicator_id) for indicator_id in batch},
                    child,
                    parent,
                )
                for batch in batches(due)
            )
    return planned, up_to_date


def _download(source: FingertipsSource, plan: Planned, folder: Path, number: int) -> FetchedFile:
    requested, child, parent = plan
    destination = folder / f"all_data_{number}.csv"
    if child is None or parent is None:
        (indicator_id,) = requested
        return api.all_data_for_one_indicator(source, indicator_id, destination)
    return api.all_data_by_indicator_ids(source, sorted(requested), child, parent, destination)


# What the refresh builds from the downloads (the staging view is rebuilt with its fact).
BUILT_FROM_DOWNLOADS = [
    FACT_INDICATOR_VALUE,
    dg.AssetKey("fingertips_periods"),
    dg.AssetKey("fingertips_verdicts"),
    dg.AssetKey("fingertips_inequalities"),
]


def _latest_storage_id(instance: dg.DagsterInstance, key: dg.AssetKey) -> int | None:
    records = instance.fetch_materializations(key, limit=1).records
    return records[0].storage_id if records else None


def _built_since_last_download(instance: dg.DagsterInstance, downloads: dg.AssetKey) -> bool:
    """Whether, by Dagster's event log, each asset built from the downloads was materialised after
    the latest download: a run that failed after downloading (its verdicts, say) leaves them
    behind, and the next run rebuilds them though nothing new is downloaded. An instance with no
    history (an ephemeral one) knows nothing, so everything is rebuilt."""
    downloaded = _latest_storage_id(instance, downloads)
    if downloaded is None:
        return False
    built = [_latest_storage_id(instance, key) for key in BUILT_FROM_DOWNLOADS]
    return all(storage_id is not None and storage_id > downloaded for storage_id in built)


# It reads each indicator's LastUploadedAt from conformed.dim_indicator. Not required: when every
# pull is up to date (and what is built from the downloads is too) it materialises nothing, and
# Dagster skips what is built from the downloads in the same run (the staging and fact models,
# periods, verdicts, inequalities): nothing changed, nothing done.
@dg.asset(
    group_name=GROUP,
    kinds=KINDS,
    pool=WAREHOUSE_POOL,
    deps=[DIM_INDICATOR],
    output_required=False,
)
def fingertips_downloads(
    context: dg.AssetExecutionContext,
    config: FingertipsSelection,
    warehouse: WarehouseResource,
    fingertips: FingertipsResource,
    catalogue: CatalogueResource,
) -> Iterator[dg.MaterializeResult]:
    """One row per row of an all_data CSV download, every field as the text that came back."""
    selection = resolve(config, fingertips, catalogue)
    store = warehouse.store()
    with store.transaction() as connection:
        planned, up_to_date = plan_downloads(connection, selection)
    if not planned and _built_since_last_download(context.instance, context.asset_key):
        context.log.info(
            f"All {up_to_date} pulls are up to date (LastUploadedAt unchanged) and everything "
            "built from the downloads was built since the last one: nothing is rebuilt."
        )
        return
    source = fingertips.source()
    empty: list[str] = []
    with fingertips.download_folder() as folder:
        # Everything is downloaded before anything is written, so one failed download leaves
        # the raw layer exactly as it was.
        downloads = [_download(source, plan, Path(folder), n) for n, plan in enumerate(planned)]
        with store.transaction() as connection:
            for (requested, child, parent), fetched in zip(planned, downloads):
                _, counts = load_all_data(
                    connection, fetched, requested, child, parent, context.run_id
                )
                empty.extend(
                    f"{indicator_id} (area type {child})"
                    for indicator_id, count in counts.items()
                    if count == 0
                )
            if empty:
                context.log.warning(
                    "No rows came back for: " + ", ".join(empty) + ". The indicator may not be "
                    "published for that area type (boundary vintage): check available_data."
                )
            yield dg.MaterializeResult(
                metadata={
                    **table_metadata(connection, "raw.fingertips_all_data"),
                    "downloads": dg.MetadataValue.int(len(downloads)),
                    "bytes_downloaded": dg.MetadataValue.int(sum(f.byte_count for f in downloads)),
                    "pulls_up_to_date": dg.MetadataValue.int(up_to_date),
                    "indicators_with_no_rows": dg.MetadataValue.text(", ".join(empty) or "none"),
                }
            )


@dg.asset(group_name=GROUP, kinds=KINDS, pool=WAREHOUSE_POOL, deps=[STAGING_VALUES, DIM_INDICATOR])
def fingertips_periods(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """One row per period label and year type of the downloaded values, with its dates: labels
    are parsed in Python, and each once (the fact model joins its values to them)."""
    with warehouse.store().transaction() as connection:
        labels = connection.execute(statement("fingertips/select_unparsed_periods")).fetchall()
        for time_period, year_type in labels:
            period = parse_period(time_period, year_type)
            connection.execute(
                statement("fingertips/insert_dim_period"),
                {
                    "time_period": time_period,
                    "year_type": year_type,
                    "period_type": period.period_type,
                    "period_start": period.period_start,
                    "period_end": period.period_end,
                },
            )
        context.log.info(f"{len(labels)} new period label(s).")
        return dg.MaterializeResult(
            metadata={
                **table_metadata(connection, "conformed.dim_period"),
                "new_period_labels": dg.MetadataValue.int(len(labels)),
            }
        )
