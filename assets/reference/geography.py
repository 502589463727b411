"""Where each LSOA lies: district, county or unitary, region, sub-ICB and ICB."""

import dagster as dg

from assets.fingertips.common import KINDS, WAREHOUSE_POOL
from assets.reference.common import GROUP
from assets.table_metadata import table_metadata
from pipelines.reference.files import ReferenceFiles
from pipelines.resources import WarehouseResource
from pipelines.warehouse.sql_files import statement

# Each vintage's insert statement, with the dataset bound to each of its file parameters.
VINTAGE_LOOKUPS = {
    "conformed/reference_insert_lsoa11_geography": {
        "lsoa_lookup": "lsoa11_ltla22_icb22",
        "district_changes": "ltla22_ltla23",
        "district_counties": "ltla23_utla23",
        "district_regions": "ltla24_region24",
    },
    "conformed/reference_insert_lsoa21_geography": {
        "lsoa_lookup": "lsoa21_ltla24",
        "lsoa_nhs_lookup": "lsoa21_icb24",
        "district_counties": "ltla23_utla23",
        "district_regions": "ltla24_region24",
    },
}


@dg.asset(group_name=GROUP, kinds=KINDS, pool=WAREHOUSE_POOL)
def lsoa_geography(
    warehouse: WarehouseResource, reference_files: ReferenceFiles
) -> dg.MaterializeResult:
    """One row per LSOA per vintage with the councils (current codes) and NHS areas it lies in."""
    datasets = sorted(
        {dataset for lookups in VINTAGE_LOOKUPS.values() for dataset in lookups.values()}
    )
    with (
        reference_files.local_files(*datasets) as paths,
        warehouse.store().transaction() as connection,
    ):
        connection.execute(statement("conformed/reference_delete_lsoa_geography"))
        for sql_name, lookups in VINTAGE_LOOKUPS.items():
            parameters = {name: str(paths[dataset]) for name, dataset in lookups.items()}
            source = "; ".join(reference_files.location(dataset) for dataset in lookups.values())
            connection.execute(statement(sql_name), parameters | {"source_location": source})
        return dg.MaterializeResult(metadata=table_metadata(connection, "conformed.lsoa_geography"))
