"""Core20, quintile and decile breakdowns of every configured place's LSOA-level counts."""

import dagster as dg
import polars as pl

from assets.fingertips.common import WAREHOUSE_POOL
from assets.reference.bridge import lsoa_bridge_2011_2021
from assets.reference.deprivation import lsoa_deprivation
from assets.reference.population import lsoa_population
from assets.table_metadata import table_metadata
from pipelines.core20.breakdown import core20_breakdown
from pipelines.core20.places import Core20Places
from pipelines.resources import WarehouseResource
from pipelines.warehouse.sql_files import statement

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
    deps=[lsoa_deprivation, lsoa_population, lsoa_bridge_2011_2021],
)
def core20_breakdowns(config: Core20Places, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """One row per place, source, indicator, sex, age, breakdown, period and deprivation group."""
    with warehouse.store().transaction() as connection:
        deprivation = connection.sql(statement("conformed/core20_select_deprivation")).pl()
        bridge = connection.sql(statement("conformed/core20_select_bridge")).pl()
        population = connection.sql(statement("conformed/core20_select_population")).pl()
        breakdowns = [
            core20_breakdown(
                connection.sql(
                    statement("conformed/core20_select_place_lsoa_counts"),
                    params={"place_id": place_id},
                ).pl(),
                deprivation,
                bridge,
                population,
                place.imd_version,
                COUNT_KEYS,
                place.core20_deciles,
            ).with_columns(place_id=pl.lit(place_id))
            for place_id, place in config.places.items()
        ]
        connection.execute(statement("conformed/core20_delete_breakdowns"))
        if breakdowns:
            connection.register("core20_breakdown_rows", pl.concat(breakdowns))
            connection.execute(statement("conformed/core20_insert_breakdowns"))
            connection.unregister("core20_breakdown_rows")
        return dg.MaterializeResult(
            metadata=table_metadata(connection, "conformed.core20_breakdown")
            | {"places": dg.MetadataValue.text(", ".join(sorted(config.places)) or "none")}
        )
