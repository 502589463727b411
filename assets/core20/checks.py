"""Data rules on the Core20 breakdowns, as SQL asset checks."""

import dagster as dg

from assets.core20.breakdowns import core20_breakdowns
from assets.fingertips.common import WAREHOUSE_POOL
from assets.sql_checks import failing_rows_check
from pipelines.resources import WarehouseResource


@dg.asset_check(asset=core20_breakdowns, pool=WAREHOUSE_POOL)
def every_lsoa_matched(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Every extract LSOA found its decile (unknown codes are kept, as 'unmatched' rows)."""
    return failing_rows_check(
        warehouse,
        "core20/check_unmatched_lsoas",
        "every LSOA of an extract has a deprivation decile",
        count_name="breakdowns_with_unmatched_lsoas",
    )
