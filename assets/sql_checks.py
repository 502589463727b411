"""Cheap data rules as SQL asset checks: a query that returns the rows breaking the rule."""

import dagster as dg

from assets.warehouse.sql_files import statement
from pipelines.resources import WarehouseResource

EXAMPLES = 5


def failing_rows_check(
    warehouse: WarehouseResource, sql_name: str, rule: str, count_name: str = "failing_rows"
) -> dg.AssetCheckResult:
    """Passes when sql/<sql_name>.sql returns no rows; a warning showing a few that it returns
    (`count_name` names how many, in the check's metadata)."""
    with warehouse.store().reader() as connection:
        rows = connection.execute(statement(sql_name)).fetchall()
    return dg.AssetCheckResult(
        passed=not rows,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            count_name: dg.MetadataValue.int(len(rows)),
            "examples": dg.MetadataValue.text("; ".join(map(str, rows[:EXAMPLES])) or "none"),
            "rule": dg.MetadataValue.text(rule),
        },
    )
