"""The Dagster entry point: assembles assets, checks, resources, jobs and schedules. No logic here."""

from __future__ import annotations

import dagster as dg

from assets.fingertips import checks, indicators, reference, values
from assets.places import frameworks
from assets.places.sensors import place_files_sensor
from assets.warehouse import publication
from pipelines.jobs import fingertips_refresh_job, place_refresh_job
from pipelines.resources import build_resources
from pipelines.schedules import nightly_fingertips_refresh
from pipelines.settings import Settings

ASSET_MODULES = [reference, indicators, values, frameworks, publication]

defs = dg.Definitions(
    assets=dg.load_assets_from_modules(ASSET_MODULES),
    asset_checks=dg.load_asset_checks_from_modules([checks]),
    resources=build_resources(Settings.from_env()),
    jobs=[fingertips_refresh_job, place_refresh_job],
    schedules=[nightly_fingertips_refresh],
    sensors=[place_files_sensor],
)
