"""marts.place_inequalities, one partition a place: the statistics of the Core20, quintile and
decile sums that the dbt model conformed.core20_breakdown builds."""

import dagster as dg

from assets.core20 import inequalities
from assets.places.partitions import places_partitions
from assets.table_metadata import table_metadata
from assets.warehouse.pool import WAREHOUSE_POOL
from assets.warehouse.sql_files import statement
from pipelines.resources import WarehouseResource

GROUP = "core20"
CORE20_BREAKDOWN = dg.AssetKey(["conformed", "core20_breakdown"])


@dg.asset(
    group_name=GROUP,
    kinds={"duckdb", "polars"},
    pool=WAREHOUSE_POOL,
    partitions_def=places_partitions,
    automation_condition=dg.AutomationCondition.eager(),
    deps=[CORE20_BREAKDOWN],
)
def place_inequalities(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """One row per source, indicator, sex, age and period of a place's LSOA-level data: Core20 vs
    the rest with intervals, its gaps, the quintile gap and SII/RII across national deciles."""
    parameters = {"place_id": context.partition_key}
    with warehouse.store().transaction() as connection:
        connection.execute(statement("core20/delete_place_inequalities"), parameters)
        sums = connection.sql(statement("core20/select_place_breakdowns"), params=parameters).pl()
        rows = inequalities.place_inequalities(sums) if sums.height else None
        if rows is not None:
            connection.register("place_inequality_rows", rows)
            connection.execute(statement("core20/insert_place_inequalities"))
            connection.unregister("place_inequality_rows")
        metadata = table_metadata(connection, "marts.place_inequalities")
    return dg.MaterializeResult(
        metadata=metadata
        | {"place_rows": dg.MetadataValue.int(rows.height if rows is not None else 0)}
    )
