"""Checks on each declared extract source: cheap rules in SQL, and its expectation suite run by
Great Expectations (imported only inside that check: it takes seconds to import)."""

import dagster as dg

from assets.extracts.common import extract_asset_key
from assets.extracts.declared_sources import DeclaredSource
from assets.extracts.expectations import validate
from assets.warehouse.pool import WAREHOUSE_POOL
from assets.warehouse.sql_files import statement
from pipelines.resources import ExtractsResource, WarehouseResource

# Broken keys shown in a failed check's metadata.
EXAMPLES = 5


def extract_checks(source: DeclaredSource) -> list[dg.AssetChecksDefinition]:
    key = extract_asset_key(source.id)

    @dg.asset_check(asset=key, name="one_value_per_key", blocking=True, pool=WAREHOUSE_POOL)
    def one_value_per_key(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        """Each indicator, area, sex, age, breakdown and period has one row per revision and
        exactly one current revision (the fact table's key, which DuckDB does not enforce)."""
        with warehouse.store().reader() as connection:
            rows = connection.execute(
                statement("extracts/check_broken_keys"), {"source_id": source.id}
            ).fetchall()
        return dg.AssetCheckResult(
            passed=not rows,
            severity=dg.AssetCheckSeverity.ERROR,
            metadata={
                "failing_keys": dg.MetadataValue.int(len(rows)),
                "examples": dg.MetadataValue.text("; ".join(map(str, rows[:EXAMPLES])) or "none"),
            },
        )

    @dg.asset_check(asset=key, name="files_read_cleanly", pool=WAREHOUSE_POOL)
    def files_read_cleanly(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        """No file quarantined since the last good load, and no current file with rejected rows."""
        with warehouse.store().reader() as connection:
            rows = connection.execute(
                statement("extracts/check_unresolved_files"), {"source_id": source.id}
            ).fetchall()
        return dg.AssetCheckResult(
            passed=not rows,
            severity=dg.AssetCheckSeverity.WARN,
            metadata={
                "files_needing_attention": dg.MetadataValue.int(len(rows)),
                "files": dg.MetadataValue.md(
                    "\n".join(
                        f"- {name}: {status}, {rejected} row(s) rejected; {problem or ''} "
                        f"(kept at {kept_at})"
                        for name, status, rejected, problem, kept_at in rows
                    )
                    or "none"
                ),
            },
        )

    @dg.asset_check(asset=key, name="expectation_suite", blocking=True, pool=WAREHOUSE_POOL)
    def expectation_suite(
        warehouse: WarehouseResource, extracts: ExtractsResource
    ) -> dg.AssetCheckResult:
        """The source's current values meet its declared expectation suite (Great Expectations)."""
        with warehouse.store().reader() as connection:
            values = connection.execute(
                statement("extracts/select_current_values"), {"source_id": source.id}
            ).df()
        if values.empty:
            return dg.AssetCheckResult(
                passed=True, metadata={"current_values": dg.MetadataValue.int(0)}
            )
        outcome = validate(source, values, extracts.folders().reports(source.id))
        failures = "\n".join(
            f"- {failed.type} {failed.kwargs}: "
            + (
                failed.error
                or f"{failed.unexpected_count} unexpected; " + "; ".join(failed.examples)
            )
            for failed in outcome.failed
        )
        return dg.AssetCheckResult(
            passed=outcome.success,
            metadata={
                "current_values": dg.MetadataValue.int(len(values)),
                "expectations": dg.MetadataValue.int(outcome.evaluated),
                "failed_expectations": dg.MetadataValue.int(len(outcome.failed)),
                "failures": dg.MetadataValue.md(failures or "none"),
                "data_docs": dg.MetadataValue.path(str(outcome.html_path)),
                "result_json": dg.MetadataValue.path(str(outcome.json_path)),
            },
        )

    return [one_value_per_key, files_read_cleanly, expectation_suite]
