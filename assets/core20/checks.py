"""Data rules on the Core20 breakdowns, as SQL asset checks."""

import dagster as dg

from assets.core20.breakdowns import core20_breakdowns
from pipelines.resources import WarehouseResource
from pipelines.warehouse.sql_files import statement


@dg.asset_check(asset=core20_breakdowns)
def every_lsoa_matched(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Every extract LSOA found its decile (unknown codes are kept, as 'unmatched' rows)."""
    with warehouse.store().reader() as connection:
        rows = connection.execute(statement("conformed/core20_check_unmatched_lsoas")).fetchall()
    return dg.AssetCheckResult(
        passed=not rows,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "breakdowns_with_unmatched_lsoas": dg.MetadataValue.int(len(rows)),
            "examples": dg.MetadataValue.text("; ".join(map(str, rows[:5])) or "none"),
        },
    )
