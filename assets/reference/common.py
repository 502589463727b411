"""What every reference asset shares: its group, loading one bundle table into raw, and the key of
the conformed table dbt builds from it."""

import dagster as dg

from assets.table_metadata import table_metadata
from assets.warehouse.sql_files import statement
from pipelines.resources import ReferenceBundleResource, WarehouseResource

GROUP = "reference"


def load_bundle_table(
    warehouse: WarehouseResource, reference_bundle: ReferenceBundleResource, table: str
) -> dg.MaterializeResult:
    """Replace raw.reference_<table> with the bundle's table of that name, in one transaction, by
    assets/reference/sql/delete_reference_<table>.sql and insert_reference_<table>.sql. The dbt
    model sql/models/conformed/reference/<table>.sql builds conformed.<table> from it."""
    bundle = reference_bundle.bundle()
    with warehouse.store().transaction() as connection:
        connection.execute(statement(f"reference/delete_reference_{table}"))
        connection.execute(
            statement(f"reference/insert_reference_{table}"),
            {
                "path": str(bundle.path(table)),
                "source_location": f"reference bundle {bundle.version}: {table}",
                "reference_version": bundle.version,
            },
        )
        metadata = table_metadata(connection, f"raw.reference_{table}")
    return dg.MaterializeResult(
        metadata={**metadata, "reference_version": dg.MetadataValue.text(bundle.version)}
    )


def conformed_table(table: str) -> dg.AssetKey:
    """The asset key of conformed.<table>, the dbt model the Python assets that read it depend on."""
    return dg.AssetKey(["conformed", table])
