"""National deprivation by LSOA: IMD 2019 (LSOA 2011) and IoD 2025 (LSOA 2021)."""

import dagster as dg

from assets.fingertips.common import KINDS, WAREHOUSE_POOL
from assets.reference.common import GROUP
from assets.table_metadata import table_metadata
from pipelines.reference.files import ReferenceFiles
from pipelines.reference.vintages import IMD_VINTAGES
from pipelines.resources import WarehouseResource
from pipelines.warehouse.sql_files import statement

# The reference dataset each IMD version is read from.
IMD_DATASETS = {"imd2019": "imd2019_lsoa11", "imd2025": "imd2025_lsoa21"}


@dg.asset(group_name=GROUP, kinds=KINDS, pool=WAREHOUSE_POOL)
def lsoa_deprivation(
    warehouse: WarehouseResource, reference_files: ReferenceFiles
) -> dg.MaterializeResult:
    """One row per LSOA per IMD version: national rank, decile, quintile and Core20 flag."""
    with (
        reference_files.local_files(*IMD_DATASETS.values()) as paths,
        warehouse.store().transaction() as connection,
    ):
        for imd_version, dataset in IMD_DATASETS.items():
            connection.execute(
                statement("conformed/reference_delete_lsoa_deprivation"),
                {"imd_version": imd_version},
            )
            connection.execute(
                statement("conformed/reference_insert_lsoa_deprivation"),
                {
                    "path": str(paths[dataset]),
                    "imd_version": imd_version,
                    "lsoa_vintage": IMD_VINTAGES[imd_version],
                    "source_location": reference_files.location(dataset),
                },
            )
        return dg.MaterializeResult(
            metadata=table_metadata(connection, "conformed.lsoa_deprivation")
        )
