"""Jobs: named selections of assets that schedules, sensors and the command line run."""

from __future__ import annotations

import dagster as dg

from assets.places.partitions import places_partitions
from assets.reviews.partitions import reviews_partitions

fingertips_refresh_job = dg.define_asset_job(
    name="fingertips_refresh",
    selection=dg.AssetSelection.groups("fingertips", "warehouse"),
    description="Pull what changed in Fingertips, rebuild the conformed values, publish the warehouse.",
)

place_refresh_job = dg.define_asset_job(
    name="place_refresh",
    selection=dg.AssetSelection.groups("places", "core20", "warehouse"),
    partitions_def=places_partitions,
    description="Load one place's framework, rebuild its measures' values (one partition per "
    "place), then publish.",
)

place_review_job = dg.define_asset_job(
    name="place_review",
    selection=dg.AssetSelection.groups("reviews", "warehouse"),
    partitions_def=reviews_partitions,
    description="Publish one place review (frozen; a no-op if already published), write its "
    "report, workbook and files, then publish the warehouse.",
)
