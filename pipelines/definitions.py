"""The Dagster entry point: assembles assets, checks, resources, jobs and schedules from Settings.
No logic here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import dagster as dg

from assets.core20 import inequality_assets
from assets.extracts.declared import build_extract_definitions, declared_sources
from assets.extracts.declared_sources import DeclaredSource
from assets.fingertips import indicators, reference, values, verdicts
from assets.places import frameworks, lsoa_values
from assets.places.frameworks import PLACE_MEASURE_VALUES
from assets.places.sensors import place_files_sensor
from assets.reference import bridge, deprivation, geography, population
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
    lsoa_values,
    deprivation,
    geography,
    population,
    bridge,
    inequality_assets,
    published,
    publication,
]
# The assets that read every declared extract: each extract's asset is their dep, so lineage shows
# it and eager automation rebuilds them after a new file is read.
EXTRACT_READERS = {
    lsoa_values.place_lsoa_values.key,
    PLACE_MEASURE_VALUES,
    inequality_assets.CORE20_BREAKDOWN,
}
# The table every extract asset writes (the dbt source the extract models read): no one asset
# writes it, so those models depend on every extract asset in its place.
FACT_EXTRACT_VALUE = dg.AssetKey(["conformed", "fact_extract_value"])


def with_extract_deps(
    assets: Sequence[dg.AssetsDefinition], extract_keys: Sequence[dg.AssetKey]
) -> list[dg.AssetsDefinition]:
    def extract_deps(spec: dg.AssetSpec) -> dg.AssetSpec:
        others = [dep for dep in spec.deps if dep.asset_key != FACT_EXTRACT_VALUE]
        if len(others) < len(spec.deps):
            return spec.replace_attributes(deps=[*others, *extract_keys])
        return spec.merge_attributes(deps=extract_keys) if spec.key in EXTRACT_READERS else spec

    return dg.map_asset_specs(extract_deps, assets)


def build_definitions(
    settings: Settings,
    resources: Mapping[str, object] | None = None,
    extract_sources: Sequence[DeclaredSource] | None = None,
) -> dg.Definitions:
    """Every asset, check, job, schedule and sensor, the declared extracts being those in
    settings.catalogue_dir (or `extract_sources`, read from it already); `resources` default to
    build_resources(settings)."""
    extract_assets, extract_checks, extract_drop_sensor = build_extract_definitions(
        list(extract_sources)
        if extract_sources is not None
        else declared_sources(settings.catalogue_dir)
    )
    return dg.Definitions(
        assets=[
            *with_extract_deps(
                [*dg.load_assets_from_modules(ASSET_MODULES), *build_model_assets()],
                [a.key for a in extract_assets],
            ),
            *extract_assets,
        ],
        # The other data rules are dbt tests beside their models, run with them.
        asset_checks=extract_checks,
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
