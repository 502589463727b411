"""Jobs: named selections of assets that schedules, sensors and the command line run."""

from __future__ import annotations

import dagster as dg

fingertips_refresh_job = dg.define_asset_job(
    name="fingertips_refresh",
    selection=dg.AssetSelection.groups("fingertips", "warehouse"),
    description="Pull what changed in Fingertips, rebuild the conformed values, publish the warehouse.",
)
