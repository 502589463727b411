"""The Dagster entry point: assembles assets, checks, resources, jobs and schedules from Settings.
No logic here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import dagster as dg

from assets.core20 import breakdowns
from assets.core20 import checks as core20_checks
from assets.extracts.declared import build_extract_definitions, declared_sources
from assets.fingertips import indicators, reference, values, verdicts
from assets.places import frameworks
from assets.places.sensors import place_files_sensor
from assets.reference import bridge, deprivation, geography, population
from assets.reference import checks as reference_checks
from assets.reviews import published
from assets.reviews.sensors import review_due_sensor
from assets.warehouse import publication
from assets.warehouse.models import build_model_assets
from pipelines.jobs import JOBS
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
CHECK_MODULES = [reference_checks, core20_checks]
# The assets that read every declared extract: each extract's asset is their dep, so lineage shows
# it and eager automation rebuilds them after a new file is read.
EXTRACT_READERS = {frameworks.place_measure_values.key, breakdowns.core20_breakdowns.key}


def with_extract_deps(
    assets: Sequence[dg.AssetsDefinition], extract_keys: Sequence[dg.AssetKey]
) -> list[dg.AssetsDefinition]:
    return dg.map_asset_specs(
        lambda spec: (
            spec.merge_attributes(deps=extract_keys) if spec.key in EXTRACT_READERS else spec
        ),
        assets,
    )


def build_definitions(
    settings: Settings, resources: Mapping[str, object] | None = None
) -> dg.Definitions:
    """Every asset, check, job, schedule and sensor, the declared extracts being those in
    settings.catalogue_dir; `resources` default to build_resources(settings)."""
    extract_assets, extract_checks, extract_drop_sensor = build_extract_definitions(
        declared_sources(settings.catalogue_dir)
    )
    return dg.Definitions(
        assets=[
            *with_extract_deps(
                dg.load_assets_from_modules(ASSET_MODULES), [a.key for a in extract_assets]
            ),
            *extract_assets,
            *build_model_assets(),
        ],
        asset_checks=[*dg.load_asset_checks_from_modules(CHECK_MODULES), *extract_checks],
        resources=resources if resources is not None else build_resources(settings),
        jobs=JOBS,
        schedules=[nightly_fingertips_refresh],
        sensors=[place_files_sensor, review_due_sensor, extract_drop_sensor],
    )


@dg.definitions
def defs() -> dg.Definitions:
    """What `dagster dev` loads: the environment's settings. Built when Dagster asks, not when
    this module is imported, so the command line (which builds from its own settings) and tests
    pay for it only if they want it."""
    return build_definitions(Settings.from_env())
