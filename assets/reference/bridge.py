"""The ONS LSOA 2011 → 2021 lookup, with one best fit per code in each direction."""

import dagster as dg

from assets.fingertips.common import KINDS, WAREHOUSE_POOL
from assets.reference.common import GROUP
from assets.reference.population import lsoa_population
from assets.table_metadata import table_metadata
from pipelines.reference.files import ReferenceFiles
from pipelines.resources import WarehouseResource
from pipelines.warehouse.sql_files import statement


# Populations choose the best fit among a split's or a merge's partners.
@dg.asset(group_name=GROUP, kinds=KINDS, pool=WAREHOUSE_POOL, deps=[lsoa_population])
def lsoa_bridge_2011_2021(
    warehouse: WarehouseResource, reference_files: ReferenceFiles
) -> dg.MaterializeResult:
    """One row per overlapping LSOA 2011 and LSOA 2021, with its change code and best-fit flags."""
    with (
        reference_files.local_files("lsoa11_lsoa21") as paths,
        warehouse.store().transaction() as connection,
    ):
        connection.execute(statement("conformed/reference_delete_lsoa_bridge"))
        connection.execute(
            statement("conformed/reference_insert_lsoa_bridge"),
            {
                "path": str(paths["lsoa11_lsoa21"]),
                "source_location": reference_files.location("lsoa11_lsoa21"),
            },
        )
        return dg.MaterializeResult(
            metadata=table_metadata(connection, "conformed.lsoa_bridge_2011_2021")
        )
