"""Jobs: named selections of assets that schedules, sensors and the command line run."""

from __future__ import annotations

import warnings

import dagster as dg

from assets.places.partitions import places_partitions
from assets.reviews.partitions import reviews_partitions

# The extract models are built from the declared extracts' assets: with none declared, an
# extracts_load run has nothing to build (a new warehouse has the empty views from the start).
EXTRACT_LOADS = dg.AssetSelection.groups("extracts") - dg.AssetSelection.kind("dbt")

fingertips_refresh_job = dg.define_asset_job(
    name="fingertips_refresh",
    selection=dg.AssetSelection.groups("fingertips", "warehouse"),
    description="Pull what changed in Fingertips, rebuild the conformed values, publish the warehouse.",
)

reference_load_job = dg.define_asset_job(
    name="reference_load",
    selection=dg.AssetSelection.groups("reference", "warehouse"),
    description="Load the newest reference bundle (IMD, LSOA lookups, populations), then publish.",
)

extracts_load_job = dg.define_asset_job(
    name="extracts_load",
    selection=EXTRACT_LOADS.downstream() & dg.AssetSelection.groups("extracts")
    | dg.AssetSelection.groups("warehouse"),
    description="Read the files waiting in every declared extract's drop folder, then publish.",
)

# place_refresh holds a place's own assets (its file, loaded on its own) and ones that build a range
# of places in one run (pipelines.place_batches). Dagster warns, as it resolves the job, that a
# backfill of the whole job then goes a place at a time: so it should, a place's file first.
warnings.filterwarnings(
    "ignore",
    message="Asset job place_refresh materializes assets with varying BackfillPolicies",
    category=UserWarning,
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

warehouse_publish_job = dg.define_asset_job(
    name="warehouse_publish",
    selection=dg.AssetSelection.groups("warehouse"),
    description="Publish the warehouse: write the BI file from the working copy and swap it in.",
)

JOBS = [
    fingertips_refresh_job,
    reference_load_job,
    extracts_load_job,
    place_refresh_job,
    place_review_job,
    warehouse_publish_job,
]
