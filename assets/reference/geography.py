"""Where each LSOA lies: district, county or unitary, region, sub-ICB and ICB."""

import dagster as dg

from assets.reference.common import GROUP, conformed_table, load_bundle_table
from assets.warehouse.pool import KINDS, WAREHOUSE_POOL
from pipelines.resources import ReferenceBundleResource, WarehouseResource

# sql/models/conformed/reference/lsoa_geography.sql.
lsoa_geography = conformed_table("lsoa_geography")


@dg.asset(group_name=GROUP, kinds=KINDS, pool=WAREHOUSE_POOL)
def reference_lsoa_geography(
    warehouse: WarehouseResource, reference_bundle: ReferenceBundleResource
) -> dg.MaterializeResult:
    """One row per LSOA per vintage with the councils (current codes) and NHS areas it lies in."""
    return load_bundle_table(warehouse, reference_bundle, "lsoa_geography")
