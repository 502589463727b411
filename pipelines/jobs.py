"""Jobs: named selections of assets that schedules, sensors and the command line run."""

from __future__ import annotations

import dagster as dg

from assets.places.partitions import places_partitions

fingertips_refresh_job = dg.define_asset_job(
    name="fingertips_refresh",
    selection=dg.AssetSelection.groups("fingertips", "warehouse"),
    description="Pull what changed in Fingertips, rebuild the conformed values, publish the warehouse.",
)

place_refresh_job = dg.define_asset_job(
    name="place_refresh",
    selection=dg.AssetSelection.groups("places", "warehouse"),
    partitions_def=places_partitions,
    description="Load one place's framework, rebuild its measures' values (one partition per "
    "place), then publish.",
)
