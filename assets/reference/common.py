"""What every reference asset shares: its group, and loading one bundle table into the warehouse."""

import dagster as dg

from assets.table_metadata import table_metadata
from assets.warehouse.sql_files import statement
from pipelines.resources import ReferenceBundleResource, WarehouseResource

GROUP = "reference"


def load_bundle_table(
    warehouse: WarehouseResource, reference_bundle: ReferenceBundleResource, table: str
) -> dg.MaterializeResult:
    """Replace conformed.<table> with the bundle's table of that name, in one transaction, by
    assets/reference/sql/delete_<table>.sql and insert_<table>.sql."""
    bundle = reference_bundle.bundle()
    with warehouse.store().transaction() as connection:
        connection.execute(statement(f"reference/delete_{table}"))
        connection.execute(
            statement(f"reference/insert_{table}"),
            {
                "path": str(bundle.path(table)),
                "source_location": f"reference bundle {bundle.version}: {table}",
                "reference_version": bundle.version,
            },
        )
        metadata = table_metadata(connection, f"conformed.{table}")
    return dg.MaterializeResult(
        metadata={**metadata, "reference_version": dg.MetadataValue.text(bundle.version)}
    )
