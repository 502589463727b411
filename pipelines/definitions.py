"""The Dagster entry point: assembles assets, checks, resources, jobs and schedules. No logic here."""

from __future__ import annotations

import dagster as dg

from assets.core20 import breakdowns
from assets.core20 import checks as core20_checks
from assets.extracts import EXTRACT_ASSETS, EXTRACT_CHECKS, extract_drop_sensor
from assets.fingertips import checks, indicators, reference, values, verdicts
from assets.places import frameworks
from assets.places.sensors import place_files_sensor
from assets.reference import bridge, deprivation, geography, population
from assets.reference import checks as reference_checks
from assets.reviews import published
from assets.reviews.sensors import review_due_sensor
from assets.warehouse import publication
from pipelines.jobs import fingertips_refresh_job, place_refresh_job, place_review_job
from pipelines.resources import build_resources
from pipelines.schedules import nightly_fingertips_refresh
from pipelines.settings import Settings

ASSET_MODULES = [
    reference,
    indicators,
    values,
    verdicts,
    frameworks,
    deprivation,
    geography,
    population,
    bridge,
    breakdowns,
    published,
    publication,
]
CHECK_MODULES = [checks, reference_checks, core20_checks]

defs = dg.Definitions(
    assets=[*dg.load_assets_from_modules(ASSET_MODULES), *EXTRACT_ASSETS],
    asset_checks=[*dg.load_asset_checks_from_modules(CHECK_MODULES), *EXTRACT_CHECKS],
    resources=build_resources(Settings.from_env()),
    jobs=[fingertips_refresh_job, place_refresh_job, place_review_job],
    schedules=[nightly_fingertips_refresh],
    sensors=[place_files_sensor, review_due_sensor, extract_drop_sensor],
)
