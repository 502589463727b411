"""National deprivation by LSOA: IMD 2019 (LSOA 2011) and IoD 2025 (LSOA 2021)."""

import dagster as dg

from assets.fingertips.common import KINDS, WAREHOUSE_POOL
from assets.reference.common import GROUP, load_bundle_table
from pipelines.resources import ReferenceBundleResource, WarehouseResource


@dg.asset(group_name=GROUP, kinds=KINDS, pool=WAREHOUSE_POOL)
def lsoa_deprivation(
    warehouse: WarehouseResource, reference_bundle: ReferenceBundleResource
) -> dg.MaterializeResult:
    """One row per LSOA per IMD version: national rank, decile, quintile and Core20 flag."""
    return load_bundle_table(warehouse, reference_bundle, "lsoa_deprivation")
