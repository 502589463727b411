"""Fingertips' verdicts and inequality indices computed by the product from its values."""

from pathlib import Path

import dagster as dg

from assets.catalogue import load_catalogue
from assets.fingertips.common import FACT_INDICATOR_VALUE, GROUP
from assets.fingertips.decile_inequalities import decile_inequalities
from assets.fingertips.verdict_rows import indicator_verdicts
from assets.table_metadata import table_metadata
from assets.warehouse.pool import KINDS, WAREHOUSE_POOL
from assets.warehouse.sql_files import statement
from pipelines.resources import CatalogueResource, WarehouseResource


@dg.asset(
    group_name=GROUP,
    kinds=KINDS | {"polars"},
    pool=WAREHOUSE_POOL,
    deps=[FACT_INDICATOR_VALUE],
)
def fingertips_verdicts(
    warehouse: WarehouseResource, catalogue: CatalogueResource
) -> dg.MaterializeResult:
    """One row per Fingertips value: our comparisons and trend beside Fingertips' own."""
    with warehouse.store().transaction() as connection:
        values = connection.sql(statement("fingertips/select_values_for_verdicts")).pl()
        verdicts = indicator_verdicts(values, load_catalogue(Path(catalogue.folder)))
        connection.execute(statement("fingertips/delete_indicator_verdicts"))
        connection.register("indicator_verdict_rows", verdicts)
        connection.execute(statement("fingertips/insert_indicator_verdicts"))
        connection.unregister("indicator_verdict_rows")
        metadata = table_metadata(connection, "marts.indicator_verdicts")
    agreement = {
        name: verdicts[column].drop_nulls()
        for name, column in (
            ("england", "agrees_england"),
            ("parent", "agrees_parent"),
            ("trend", "agrees_trend"),
        )
    }
    return dg.MaterializeResult(
        metadata={
            **metadata,
            **{
                f"agrees_{name}": dg.MetadataValue.text(f"{int(series.sum())} of {series.len()}")
                for name, series in agreement.items()
            },
        }
    )


@dg.asset(
    group_name=GROUP,
    kinds=KINDS | {"polars"},
    pool=WAREHOUSE_POOL,
    deps=[FACT_INDICATOR_VALUE],
)
def fingertips_inequalities(warehouse: WarehouseResource) -> dg.MaterializeResult:
    """One row per indicator, area, sex, age, decile type and period: SII and RII across deciles."""
    with warehouse.store().transaction() as connection:
        rows = connection.sql(statement("fingertips/select_decile_values")).pl()
        inequalities = decile_inequalities(rows)
        connection.execute(statement("fingertips/delete_fingertips_inequalities"))
        if inequalities.height:
            connection.register("fingertips_inequality_rows", inequalities)
            connection.execute(statement("fingertips/insert_fingertips_inequalities"))
            connection.unregister("fingertips_inequality_rows")
        return dg.MaterializeResult(
            metadata=table_metadata(connection, "marts.fingertips_inequalities")
        )
