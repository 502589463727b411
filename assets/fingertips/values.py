"""Fingertips indicator values downloaded into the raw layer, and their period labels parsed into
dates (conformed.dim_period); dbt types the values into conformed.fact_indicator_value."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import dagster as dg
import duckdb

from assets.fingertips import api
from assets.fingertips.common import DIM_INDICATOR, FACT_INDICATOR_VALUE, GROUP, STAGING_VALUES
from assets.fingertips.download_guard import RemovalPolicy, judge_download
from assets.fingertips.errors import FingertipsError
from assets.fingertips.indicators import batches
from assets.fingertips.raw_loading import load_all_data
from assets.fingertips.selection import FingertipsSelection, ResolvedSelection, resolve
from assets.fingertips.source import FetchedFile, FingertipsSource
from assets.periods import parse_fingertips_period as parse_period
from assets.table_metadata import table_metadata
from assets.warehouse.memory import cap_memory
from assets.warehouse.pool import KINDS, WAREHOUSE_POOL
from assets.warehouse.sql_files import statement
from assets.warehouse.store import Warehouse
from pipelines.resources import CatalogueResource, FingertipsResource, WarehouseResource

# The check on fingertips_downloads that fails when an indicator was refused.
DOWNLOADS_COMPLETE = "downloads_complete"
# A download's own cap on DuckDB's memory while it is read, checked and inserted (see
# assets.warehouse.memory): a 1 GB download loads as fast within it as within 2GB.
LOAD_MEMORY_LIMIT = "500MB"
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


@dataclass
class DownloadOutcomes:
    """What the run's downloads came to: loaded ones, refused indicators with why, warnings, and
    the errors of downloads refused whole."""

    loaded: list[FetchedFile] = field(default_factory=list)
    refused: dict[tuple[int, int | None], str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    errors: list[FingertipsError] = field(default_factory=list)


def _fetch_and_load(
    store: Warehouse,
    source: FingertipsSource,
    plan: Planned,
    destination: Path,
    policy: RemovalPolicy,
    run_id: str,
    outcomes: DownloadOutcomes,
) -> None:
    """One download into raw in its own transaction: a bad body refuses its own indicators only,
    and the guard refuses each indicator it would take rows from."""
    requested, child, parent = plan
    try:
        fetched = _download(source, plan, destination)
        with store.transaction() as connection:
            cap_memory(connection, LOAD_MEMORY_LIMIT)
            response_id, counts = load_all_data(
                connection, fetched, requested, child, parent, run_id
            )
            judgement = judge_download(connection, response_id, counts, child, fetched.url, policy)
    except FingertipsError as error:
        outcomes.errors.append(error)
        first_line = str(error).splitlines()[0]
        for indicator_id in sorted(requested):
            outcomes.refused[(indicator_id, child)] = (
                f"indicator {indicator_id} (area type {child}) was not loaded: {first_line}; "
                "kept its last good values."
            )
        return
    finally:
        destination.unlink(missing_ok=True)
    outcomes.loaded.append(fetched)
    outcomes.warnings.extend(judgement.warnings)
    outcomes.refused.update(
        {(indicator_id, child): why for indicator_id, why in judgement.refused.items()}
    )


def _download(source: FingertipsSource, plan: Planned, destination: Path) -> FetchedFile:
    requested, child, parent = plan
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
    check_specs=[
        dg.AssetCheckSpec(
            DOWNLOADS_COMPLETE,
            asset="fingertips_downloads",
            description="Every indicator asked for was loaded: none refused for a bad body or "
            "for losing rows (a refused indicator keeps its last good values).",
        )
    ],
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
        # Nothing asked for, nothing refused: the check passes without a new materialisation.
        yield dg.AssetCheckResult(
            check_name=DOWNLOADS_COMPLETE,
            passed=True,
            metadata={"refused": dg.MetadataValue.text("none (nothing to download)")},
        )
        return
    source = fingertips.source()
    outcomes = DownloadOutcomes()
    with fingertips.download_folder() as folder:
        for number, plan in enumerate(planned):
            destination = Path(folder) / f"all_data_{number}.csv"
            _fetch_and_load(
                store, source, plan, destination, config.removal_policy(), context.run_id, outcomes
            )
    if outcomes.errors and not outcomes.loaded:
        # Nothing was loaded: the step fails with the cause (the raw layer is as it was).
        if len(outcomes.errors) == 1:
            raise outcomes.errors[0]
        raise FingertipsError("\n".join(str(error) for error in outcomes.errors))
    for warning in outcomes.warnings:
        context.log.warning(warning)
    # One error line per refused indicator: the run's failures (pipelines.runner).
    for why in outcomes.refused.values():
        context.log.error(why)
    with store.reader() as connection:
        table = table_metadata(connection, "raw.fingertips_all_data")
    refused = "\n".join(outcomes.refused.values())
    yield dg.MaterializeResult(
        metadata={
            **table,
            "downloads": dg.MetadataValue.int(len(outcomes.loaded)),
            "bytes_downloaded": dg.MetadataValue.int(
                sum(fetched.byte_count for fetched in outcomes.loaded)
            ),
            "pulls_up_to_date": dg.MetadataValue.int(up_to_date),
            "indicators_refused": dg.MetadataValue.int(len(outcomes.refused)),
        },
        check_results=[
            dg.AssetCheckResult(
                check_name=DOWNLOADS_COMPLETE,
                passed=not outcomes.refused,
                severity=dg.AssetCheckSeverity.ERROR,
                metadata={"refused": dg.MetadataValue.text(refused or "none")},
            )
        ],
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
