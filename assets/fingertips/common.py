"""What every Fingertips asset shares: its group, and the keys of the dbt models
(sql/models/*/fingertips/) the Python assets read."""

import dagster as dg

GROUP = "fingertips"

STAGING_VALUES = dg.AssetKey(["staging", "fingertips_values"])
DIM_PROFILE = dg.AssetKey(["conformed", "dim_profile"])
DIM_AREA_TYPE = dg.AssetKey(["conformed", "dim_area_type"])
DIM_AREA = dg.AssetKey(["conformed", "dim_area"])
DIM_CATEGORY = dg.AssetKey(["conformed", "dim_category"])
DIM_INDICATOR = dg.AssetKey(["conformed", "dim_indicator"])
FACT_INDICATOR_VALUE = dg.AssetKey(["conformed", "fact_indicator_value"])
