"""Cheap data rules as SQL asset checks on what Python writes (rules on what dbt builds are dbt
tests): a query that returns the rows breaking the rule."""

from collections.abc import Mapping

import dagster as dg

from assets.warehouse.sql_files import statement
from pipelines.resources import WarehouseResource

EXAMPLES = 5


def failing_rows_check(
    warehouse: WarehouseResource,
    sql_name: str,
    count_name: str = "failing_rows",
    *,
    parameters: Mapping[str, object] | None = None,
    severity: dg.AssetCheckSeverity = dg.AssetCheckSeverity.WARN,
) -> dg.AssetCheckResult:
    """Passes when the statement `sql_name` (with `parameters` bound) returns no rows; otherwise
    fails at `severity`, showing a few of the rows it returns (`count_name` names how many)."""
    with warehouse.store().reader() as connection:
        rows = connection.execute(statement(sql_name), parameters or {}).fetchall()
    return dg.AssetCheckResult(
        passed=not rows,
        severity=severity,
        metadata={
            count_name: dg.MetadataValue.int(len(rows)),
            "examples": dg.MetadataValue.text("; ".join(map(str, rows[:EXAMPLES])) or "none"),
        },
    )
