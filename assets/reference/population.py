"""LSOA populations: ONS mid-year estimates by LSOA 2011, in contiguous age bands."""

import dagster as dg

from assets.reference.common import GROUP, conformed_table, load_bundle_table
from assets.warehouse.pool import KINDS, WAREHOUSE_POOL
from pipelines.resources import ReferenceBundleResource, WarehouseResource

# sql/models/conformed/reference/lsoa_population.sql; each LSOA's latest all-ages population is
# the view lsoa_population_latest.sql beside it.
lsoa_population = conformed_table("lsoa_population")


@dg.asset(group_name=GROUP, kinds=KINDS, pool=WAREHOUSE_POOL)
def reference_lsoa_population(
    warehouse: WarehouseResource, reference_bundle: ReferenceBundleResource
) -> dg.MaterializeResult:
    """One row per LSOA, vintage, mid-year, sex and age band: the estimated population."""
    return load_bundle_table(warehouse, reference_bundle, "lsoa_population")
