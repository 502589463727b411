"""LSOA populations: ONS mid-year estimates by LSOA 2011, by single year of age."""

import dagster as dg

from assets.fingertips.common import KINDS, WAREHOUSE_POOL
from assets.reference.common import GROUP
from assets.table_metadata import table_metadata
from pipelines.reference.files import ReferenceFiles
from pipelines.resources import WarehouseResource
from pipelines.warehouse.sql_files import statement


@dg.asset(group_name=GROUP, kinds=KINDS, pool=WAREHOUSE_POOL)
def lsoa_population(
    warehouse: WarehouseResource, reference_files: ReferenceFiles
) -> dg.MaterializeResult:
    """One row per LSOA, vintage, mid-year, sex and age band: the estimated population."""
    year = reference_files.population_lsoa11_year
    with (
        reference_files.local_files("population_lsoa11") as paths,
        warehouse.store().transaction() as connection,
    ):
        connection.execute(
            statement("conformed/reference_delete_lsoa_population"),
            {"lsoa_vintage": "2011", "year": year},
        )
        connection.execute(
            statement("conformed/reference_insert_lsoa11_population"),
            {
                "path": str(paths["population_lsoa11"]),
                "year": year,
                "source_location": reference_files.location("population_lsoa11"),
            },
        )
        return dg.MaterializeResult(
            metadata=table_metadata(connection, "conformed.lsoa_population")
        )
