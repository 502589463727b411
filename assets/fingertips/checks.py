"""Cheap data rules on the conformed Fingertips values, as SQL asset checks."""

import dagster as dg

from assets.fingertips.common import WAREHOUSE_POOL
from assets.fingertips.values import fingertips_indicator_values
from assets.sql_checks import failing_rows_check
from pipelines.resources import WarehouseResource


@dg.asset_check(asset=fingertips_indicator_values, pool=WAREHOUSE_POOL)
def value_inside_its_interval(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Every value lies within its own 95% confidence interval where both limits are given."""
    return failing_rows_check(
        warehouse, "fingertips/check_value_outside_interval", "lower ≤ value ≤ upper"
    )


@dg.asset_check(asset=fingertips_indicator_values, pool=WAREHOUSE_POOL)
def periods_understood(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Every period label parsed to a start and end date."""
    return failing_rows_check(
        warehouse, "fingertips/check_unparsed_periods", "period_start is known"
    )


@dg.asset_check(asset=fingertips_indicator_values, pool=WAREHOUSE_POOL)
def category_types_resolved(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Every deprivation (or other) category type matches a category type by exact name."""
    return failing_rows_check(
        warehouse, "fingertips/check_unresolved_category_types", "category_type_id is known"
    )


@dg.asset_check(asset=fingertips_indicator_values, pool=WAREHOUSE_POOL)
def indicators_have_metadata(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Every indicator with values has a metadata row (name, unit, polarity)."""
    return failing_rows_check(
        warehouse, "fingertips/check_indicators_without_metadata", "indicator is in dim_indicator"
    )
