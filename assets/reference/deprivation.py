"""National deprivation by LSOA: IMD 2019 (LSOA 2011) and IoD 2025 (LSOA 2021)."""

import dagster as dg

from assets.reference.common import GROUP, conformed_table, load_bundle_table
from assets.warehouse.pool import KINDS, WAREHOUSE_POOL
from pipelines.resources import ReferenceBundleResource, WarehouseResource

# With the quintile and Core20 flag: sql/models/conformed/reference/lsoa_deprivation.sql.
lsoa_deprivation = conformed_table("lsoa_deprivation")


@dg.asset(group_name=GROUP, kinds=KINDS, pool=WAREHOUSE_POOL)
def reference_lsoa_deprivation(
    warehouse: WarehouseResource, reference_bundle: ReferenceBundleResource
) -> dg.MaterializeResult:
    """One row per LSOA per IMD version, as the reference bundle holds it: national rank and decile."""
    return load_bundle_table(warehouse, reference_bundle, "lsoa_deprivation")
