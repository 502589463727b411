"""One asset per declared extract source: read the files waiting in its drop folder."""

import dagster as dg

from assets.extracts.common import GROUP, KINDS, LSOA_GEOGRAPHY, extract_asset_key
from assets.extracts.declared_sources import DeclaredSource
from assets.extracts.loading import FileOutcome
from assets.extracts.source_reading import ingest_source
from assets.geography import LSOA_LEVELS
from assets.table_metadata import preview_table
from assets.warehouse.pool import WAREHOUSE_POOL
from assets.warehouse.sql_files import statement
from pipelines.resources import ExtractsResource, WarehouseResource


def _log(context: dg.AssetExecutionContext, outcome: FileOutcome) -> None:
    if outcome.status == "loaded":
        context.log.info(
            f"{outcome.name}: loaded {outcome.values_loaded} value(s) from {outcome.rows_loaded} "
            f"row(s); {outcome.rows_rejected} rejected, {outcome.rows_ignored} ignored, "
            f"{outcome.values_superseded} earlier value(s) superseded."
        )
    elif outcome.status == "duplicate":
        context.log.info(
            f"{outcome.name}: already loaded (file {outcome.duplicate_of}); nothing changed."
        )
    if outcome.problems:
        log = context.log.warning if outcome.status == "loaded" else context.log.error
        shown = "\n".join(problem.described(outcome.name) for problem in outcome.problems[:20])
        more = outcome.problem_count - min(20, len(outcome.problems))
        log(
            f"{outcome.name}: {outcome.status}, {outcome.problem_count} problem(s), kept at "
            f"{outcome.kept_at}:\n{shown}" + (f"\n… and {more} more" if more > 0 else "")
        )


def _files_table(outcomes: list[FileOutcome]) -> dg.MetadataValue:
    columns = [
        "file",
        "status",
        "rows",
        "loaded",
        "rejected",
        "ignored",
        "values",
        "superseded",
        "problem",
    ]
    records = [
        dg.TableRecord(
            {
                "file": outcome.name,
                "status": outcome.status,
                "rows": outcome.rows,
                "loaded": outcome.rows_loaded,
                "rejected": outcome.rows_rejected,
                "ignored": outcome.rows_ignored,
                "values": outcome.values_loaded,
                "superseded": outcome.values_superseded,
                "problem": outcome.problems[0].described(outcome.name)
                if outcome.problems
                else None,
            }
        )
        for outcome in outcomes
    ]
    return dg.MetadataValue.table(
        records=records,
        schema=dg.TableSchema(columns=[dg.TableColumn(name, "string") for name in columns]),
    )


def extract_asset(source: DeclaredSource) -> dg.AssetsDefinition:
    declaration = source.declaration
    lsoa_level = declaration.geography in LSOA_LEVELS

    @dg.asset(
        key=extract_asset_key(source.id),
        group_name=GROUP,
        kinds=KINDS,
        pool=WAREHOUSE_POOL,
        deps=[LSOA_GEOGRAPHY] if lsoa_level else [],
        description=(
            f"One row per value of '{declaration.title}' ({declaration.place}) for an area, sex, "
            f"age, breakdown and period, per revision: conformed.fact_extract_value where "
            f"source_id = '{source.id}'. Declared in indicator_catalogue/sources/"
            f"{source.yaml_path.name}."
        ),
        metadata={
            "source_id": source.id,
            "place": declaration.place,
            "synthetic": declaration.synthetic,
            "drop_folder": declaration.arrives.folder,
            "file_pattern": declaration.arrives.pattern,
            "format": declaration.format.type.value,
            "geography": declaration.geography,
            "on_bad_rows": declaration.on_bad_rows.value,
        },
    )
    def _extract(
        context: dg.AssetExecutionContext, warehouse: WarehouseResource, extracts: ExtractsResource
    ) -> dg.MaterializeResult:
        store = warehouse.store()
        ingestion = ingest_source(
            store, source, extracts.folders(), extracts.settle_seconds, context.run_id
        )
        outcomes = ingestion.outcomes
        if not outcomes:
            context.log.info(
                f"No files waiting in {extracts.folders().incoming(declaration.arrives.folder)}."
            )
        for outcome in outcomes:
            _log(context, outcome)
        parameters = {"source_id": source.id}
        with store.transaction() as connection:
            current, superseded = connection.execute(
                statement("extracts/count_source_values"), parameters
            ).fetchone()
            preview = connection.execute(statement("extracts/preview_source_values"), parameters)
            columns = [column[0] for column in preview.description]
            preview_rows = preview.fetchall()
        by_status = {
            status: sum(o.status == status for o in outcomes)
            for status in ("loaded", "quarantined", "duplicate")
        }
        return dg.MaterializeResult(
            metadata={
                "dagster/row_count": dg.MetadataValue.int(int(current)),
                "table": dg.MetadataValue.text("conformed.fact_extract_value"),
                "superseded_values": dg.MetadataValue.int(int(superseded)),
                "files_loaded": dg.MetadataValue.int(by_status["loaded"]),
                "files_quarantined": dg.MetadataValue.int(by_status["quarantined"]),
                "files_duplicate": dg.MetadataValue.int(by_status["duplicate"]),
                "values_loaded": dg.MetadataValue.int(sum(o.values_loaded for o in outcomes)),
                "rows_rejected": dg.MetadataValue.int(sum(o.rows_rejected for o in outcomes)),
                "files": _files_table(outcomes),
                "preview": preview_table(preview_rows, columns),
            }
            | (
                {"duckdb_memory_limit": dg.MetadataValue.text(ingestion.memory_limit)}
                if ingestion.memory_limit
                else {}
            )
        )

    return _extract
