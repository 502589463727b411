"""A place's LSOA-level extract rows summed to the whole place, with confidence intervals: Wilson
for a percentage (scale 100), Byar's for rates and counts on any other scale. The intervals are
statistics, so Python computes them; marts.place_measure_values (a dbt model) reads the table."""

import dagster as dg
import polars as pl

from assets.places.frameworks import GROUP, PLACE_MEASURES, PLACES
from assets.places.partitions import places_partitions
from assets.statistics.intervals import value_on_scale
from assets.table_metadata import table_metadata
from assets.warehouse.pool import KINDS, WAREHOUSE_POOL
from assets.warehouse.sql_files import statement
from pipelines.resources import WarehouseResource

SYNTHETIC_NOTE = "Synthetic demo value - not real data"


def place_values(sums: pl.DataFrame, area_code: str) -> pl.DataFrame:
    """sums: one row per measure, sex, age and period (select_place_lsoa_sums)."""
    scaled = value_on_scale(sums["numerator"], sums["denominator"], sums["scale"])
    return sums.with_columns(
        area_code=pl.lit(area_code),
        value=scaled.value,
        lower_ci_95=scaled.lower,
        upper_ci_95=scaled.upper,
        value_note=pl.when(pl.col("is_synthetic"))
        .then(pl.lit(SYNTHETIC_NOTE))
        .when(pl.col("suppressed_lsoas") > 0)
        .then(pl.format("sum of LSOAs; {} suppressed LSOA counts left out", "suppressed_lsoas"))
        .otherwise(pl.lit(None, pl.String)),
    )


@dg.asset(
    group_name=GROUP,
    kinds=KINDS | {"polars"},
    pool=WAREHOUSE_POOL,
    partitions_def=places_partitions,
    # Every declared extract's asset is a dep too, added by pipelines.definitions.with_extract_deps:
    # which sources are declared depends on the Settings' catalogue folder.
    deps=[PLACES, PLACE_MEASURES],
    automation_condition=dg.AutomationCondition.eager(),
)
def place_lsoa_values(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """One row per measure, sex, age and period of a place's LSOA-level extracts summed to the
    place, with 95% intervals (staging.place_lsoa_values)."""
    parameters = {"place_id": context.partition_key}
    with warehouse.store().transaction() as connection:
        connection.execute(statement("places/delete_place_lsoa_values"), parameters)
        ((area_codes,),) = connection.execute(
            statement("places/select_place_area_codes"), parameters
        ).fetchall()
        sums = connection.sql(statement("places/select_place_lsoa_sums"), params=parameters).pl()
        connection.register("place_lsoa_value_rows", place_values(sums, area_codes[0]))
        connection.execute(statement("places/insert_place_lsoa_values"), parameters)
        connection.unregister("place_lsoa_value_rows")
        metadata = table_metadata(connection, "staging.place_lsoa_values")
    return dg.MaterializeResult(
        metadata={**metadata, "place_rows": dg.MetadataValue.int(sums.height)}
    )
