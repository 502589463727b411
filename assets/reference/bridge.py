"""The ONS LSOA 2011 → 2021 lookup, with one best fit per code in each direction."""

import dagster as dg

from assets.reference.common import GROUP, conformed_table, load_bundle_table
from assets.warehouse.pool import KINDS, WAREHOUSE_POOL
from pipelines.resources import ReferenceBundleResource, WarehouseResource

# With the best fits, chosen by population: sql/models/conformed/reference/lsoa_bridge_2011_2021.sql.
lsoa_bridge_2011_2021 = conformed_table("lsoa_bridge_2011_2021")


@dg.asset(group_name=GROUP, kinds=KINDS, pool=WAREHOUSE_POOL)
def reference_lsoa_bridge_2011_2021(
    warehouse: WarehouseResource, reference_bundle: ReferenceBundleResource
) -> dg.MaterializeResult:
    """One row per overlapping LSOA 2011 and LSOA 2021, with its change code."""
    return load_bundle_table(warehouse, reference_bundle, "lsoa_bridge_2011_2021")
