"""Publication: the BI file written from the working warehouse and swapped in atomically."""

import dagster as dg
import duckdb

from assets.extracts.file_keeping import archive_published_files
from assets.fingertips.common import (
    DIM_AREA,
    DIM_AREA_TYPE,
    DIM_CATEGORY,
    DIM_INDICATOR,
    DIM_PROFILE,
    FACT_INDICATOR_VALUE,
)
from assets.fingertips.verdicts import fingertips_inequalities, fingertips_verdicts
from assets.places.frameworks import PLACE_MEASURE_VALUES
from assets.reviews.published import place_reviews
from assets.warehouse.pool import WAREHOUSE_POOL
from assets.warehouse.schema_docs import apply_comments
from assets.warehouse.sql_files import statement
from pipelines.resources import WarehouseResource

PUBLISHED_AFTER = [
    DIM_PROFILE,
    DIM_AREA_TYPE,
    DIM_AREA,
    DIM_CATEGORY,
    DIM_INDICATOR,
    FACT_INDICATOR_VALUE,
    fingertips_verdicts,
    fingertips_inequalities,
    PLACE_MEASURE_VALUES,
    place_reviews,
    # The BI view of the published reviews, built by dbt after place_reviews publishes.
    dg.AssetKey(["marts", "review_trend"]),
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
    path = store.publish()
    # Only now that their values are published do read extract files leave the drop folder.
    with store.reader() as connection:
        archived = archive_published_files(connection)
    with duckdb.connect(str(path), read_only=True) as connection:
        tables = connection.execute(statement("warehouse/select_table_row_counts")).fetchall()
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(path)),
            "bytes": dg.MetadataValue.int(path.stat().st_size),
            "storage_version": dg.MetadataValue.text(store.bi_storage_version),
            "extract_files_archived": dg.MetadataValue.int(len(archived)),
            "tables": dg.MetadataValue.table(
                records=[dg.TableRecord({"table": name, "rows": rows}) for name, rows in tables],
                schema=dg.TableSchema(
                    columns=[dg.TableColumn("table", "string"), dg.TableColumn("rows", "int")]
                ),
            ),
        }
    )
