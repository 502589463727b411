"""Publication: the working warehouse swapped in atomically as the file BI tools read."""

import dagster as dg

from assets.fingertips.common import WAREHOUSE_POOL
from assets.fingertips.indicators import fingertips_indicator_metadata
from assets.fingertips.reference import (
    fingertips_area_types,
    fingertips_areas,
    fingertips_category_types,
    fingertips_profiles,
)
from assets.fingertips.values import fingertips_indicator_values
from assets.fingertips.verdicts import fingertips_inequalities, fingertips_verdicts
from assets.places.frameworks import place_measure_values
from assets.reviews.published import place_reviews
from pipelines.resources import WarehouseResource
from pipelines.warehouse.schema_docs import apply_comments
from pipelines.warehouse.sql_files import statement

PUBLISHED_AFTER = [
    fingertips_profiles,
    fingertips_area_types,
    fingertips_areas,
    fingertips_category_types,
    fingertips_indicator_metadata,
    fingertips_indicator_values,
    fingertips_verdicts,
    fingertips_inequalities,
    place_measure_values,
    place_reviews,
]


@dg.asset(
    group_name="warehouse",
    kinds={"duckdb"},
    pool=WAREHOUSE_POOL,
    deps=PUBLISHED_AFTER,
    # Republished after anything it is built from changes, e.g. places rebuilt overnight.
    automation_condition=dg.AutomationCondition.eager(),
)
def published_warehouse(warehouse: WarehouseResource) -> dg.MaterializeResult:
    """The DuckDB file BI tools open (OUTCOMES_WAREHOUSE): one row per table, with its row count."""
    store = warehouse.store()
    with store.transaction() as connection:
        apply_comments(connection)
        tables = connection.execute(statement("marts/select_table_row_counts")).fetchall()
    path = store.published_path
    store.publish()
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(path)),
            "bytes": dg.MetadataValue.int(path.stat().st_size),
            "tables": dg.MetadataValue.table(
                records=[dg.TableRecord({"table": name, "rows": rows}) for name, rows in tables],
                schema=dg.TableSchema(
                    columns=[dg.TableColumn("table", "string"), dg.TableColumn("rows", "int")]
                ),
            ),
        }
    )
