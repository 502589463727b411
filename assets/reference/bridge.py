"""The ONS LSOA 2011 → 2021 lookup, with one best fit per code in each direction."""

import dagster as dg

from assets.fingertips.common import KINDS, WAREHOUSE_POOL
from assets.reference.common import GROUP, load_bundle_table
from assets.reference.population import lsoa_population
from pipelines.resources import ReferenceBundleResource, WarehouseResource


# Populations choose the best fit among a split's or a merge's partners.
@dg.asset(group_name=GROUP, kinds=KINDS, pool=WAREHOUSE_POOL, deps=[lsoa_population])
def lsoa_bridge_2011_2021(
    warehouse: WarehouseResource, reference_bundle: ReferenceBundleResource
) -> dg.MaterializeResult:
    """One row per overlapping LSOA 2011 and LSOA 2021, with its change code and best-fit flags."""
    return load_bundle_table(warehouse, reference_bundle, "lsoa_bridge_2011_2021")
