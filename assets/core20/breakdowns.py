"""Core20, quintile and decile breakdowns of a place's LSOA-level counts (one partition a place)."""

import dagster as dg
import polars as pl

from assets.core20.breakdown import core20_breakdown
from assets.core20.inequalities import place_inequalities
from assets.fingertips.common import WAREHOUSE_POOL
from assets.places.frameworks import place_frameworks
from assets.places.partitions import places_partitions
from assets.reference.bridge import lsoa_bridge_2011_2021
from assets.reference.deprivation import lsoa_deprivation
from assets.reference.population import lsoa_population
from assets.table_metadata import table_metadata
from assets.warehouse.sql_files import statement
from pipelines.resources import WarehouseResource

GROUP = "core20"
# Besides the LSOA, these columns tell extract rows apart (core20_select_place_lsoa_counts);
# is_synthetic belongs to the source and travels with it.
COUNT_KEYS = (
    "source_id",
    "indicator",
    "sex",
    "age",
    "extract_breakdown",
    "period_label",
    "is_synthetic",
)


@dg.asset(
    group_name=GROUP,
    kinds={"duckdb", "polars"},
    pool=WAREHOUSE_POOL,
    partitions_def=places_partitions,
    automation_condition=dg.AutomationCondition.eager(),
    # And every declared extract's asset, added by pipelines.definitions.with_extract_deps (which
    # sources are declared depends on the Settings' catalogue folder).
    deps=[place_frameworks, lsoa_deprivation, lsoa_population, lsoa_bridge_2011_2021],
)
def core20_breakdowns(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """One row per source, indicator, sex, age, breakdown, period and deprivation group of a place
    (with marts.place_inequalities: its Core20 gap, quintile gap and SII/RII per period)."""
    place_id = context.partition_key
    parameters = {"place_id": place_id}
    with warehouse.store().transaction() as connection:
        settings = connection.execute(
            statement("core20/select_place_settings"), parameters
        ).fetchall()
        if not settings:
            raise ValueError(
                f"place {place_id!r} is not loaded: materialise place_frameworks first"
            )
        ((imd_version, core20_deciles),) = settings
        breakdown = core20_breakdown(
            connection.sql(statement("core20/select_place_lsoa_counts"), params=parameters).pl(),
            connection.sql(statement("core20/select_deprivation")).pl(),
            connection.sql(statement("core20/select_bridge")).pl(),
            connection.sql(statement("core20/select_population")).pl(),
            imd_version,
            COUNT_KEYS,
            core20_deciles,
        ).with_columns(place_id=pl.lit(place_id))
        connection.execute(statement("core20/delete_place_breakdowns"), parameters)
        if breakdown.height:
            connection.register("core20_breakdown_rows", breakdown)
            connection.execute(statement("core20/insert_breakdowns"))
            connection.unregister("core20_breakdown_rows")
        # Intervals, gaps and SII/RII from the sums just written.
        connection.execute(statement("core20/delete_place_inequalities"), parameters)
        sums = connection.sql(statement("core20/select_place_breakdowns"), params=parameters).pl()
        inequalities = place_inequalities(sums) if sums.height else None
        if inequalities is not None:
            connection.register("place_inequality_rows", inequalities)
            connection.execute(statement("core20/insert_place_inequalities"))
            connection.unregister("place_inequality_rows")
        return dg.MaterializeResult(
            metadata=table_metadata(connection, "conformed.core20_breakdown")
            | {
                "imd_version": dg.MetadataValue.text(imd_version),
                "inequality_rows": dg.MetadataValue.int(
                    inequalities.height if inequalities is not None else 0
                ),
            }
        )
