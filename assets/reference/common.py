"""What every reference asset shares: its group, and loading one bundle table into the warehouse."""

import dagster as dg

from assets.table_metadata import table_metadata
from pipelines.reference.resource import ReferenceBundleResource
from pipelines.resources import WarehouseResource
from pipelines.warehouse.sql_files import statement

GROUP = "reference"


def load_bundle_table(
    warehouse: WarehouseResource,
    reference_bundle: ReferenceBundleResource,
    bundle_table: str,
    warehouse_table: str,
    sql_name: str,
) -> dg.MaterializeResult:
    """Replace `warehouse_table` with the bundle's `bundle_table`, in one transaction."""
    bundle = reference_bundle.bundle()
    with warehouse.store().transaction() as connection:
        connection.execute(statement(f"conformed/reference_delete_{sql_name}"))
        connection.execute(
            statement(f"conformed/reference_insert_{sql_name}"),
            {
                "path": str(bundle.path(bundle_table)),
                "source_location": f"reference bundle {bundle.version}: {bundle_table}",
                "reference_version": bundle.version,
            },
        )
        metadata = table_metadata(connection, warehouse_table)
    return dg.MaterializeResult(
        metadata={**metadata, "reference_version": dg.MetadataValue.text(bundle.version)}
    )
