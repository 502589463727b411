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


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            "place_inequalities",
            group_name=GROUP,
            kinds={"duckdb", "polars"},
            deps=[CORE20_BREAKDOWN],
            automation_condition=dg.AutomationCondition.eager(),
        )
    ],
    pool=WAREHOUSE_POOL,
    partitions_def=places_partitions,
    # A night's places in one run, after their one dbt build (assets.warehouse.models).
    backfill_policy=dg.BackfillPolicy.single_run(),
)
def place_inequalities(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """One row per source, indicator, sex, age and period of a place's LSOA-level data: Core20 vs
    the rest with intervals, its gaps, the quintile gap and SII/RII across national deciles.
    Each place of the run is computed on its own: the SII/RII limits are simulated, and a place's
    must not depend on which others share its run."""
    place_rows = 0
    with warehouse.store().transaction() as connection:
        for place_id in context.partition_keys:
            parameters = {"place_id": place_id}
            connection.execute(statement("core20/delete_place_inequalities"), parameters)
            sums = connection.sql(
                statement("core20/select_place_breakdowns"), params=parameters
            ).pl()
            if sums.height:
                rows = inequalities.place_inequalities(sums)
                connection.register("place_inequality_rows", rows)
                connection.execute(statement("core20/insert_place_inequalities"))
                connection.unregister("place_inequality_rows")
                place_rows += rows.height
        metadata = table_metadata(connection, "marts.place_inequalities")
    return dg.MaterializeResult(
        metadata=metadata | {"place_rows": dg.MetadataValue.int(place_rows)}
    )
