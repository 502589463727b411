"""The project's declared extract sources (indicator_catalogue/sources/, under OUTCOMES_CATALOGUE),
each as an asset with its checks, and the sensor that watches their drop folders."""

import dagster as dg

from assets.extracts.checks import extract_checks
from assets.extracts.ingestion import extract_asset
from assets.extracts.sensor import drop_sensor
from pipelines.catalogue import load_catalogue
from pipelines.extracts.declared_sources import (
    DeclaredSource,
    load_sources,
    place_ids,
    sources_folder,
)
from pipelines.settings import Settings


def build_extract_definitions(
    sources: list[DeclaredSource],
) -> tuple[list[dg.AssetsDefinition], list[dg.AssetChecksDefinition], dg.SensorDefinition]:
    return (
        [extract_asset(source) for source in sources],
        [check for source in sources for check in extract_checks(source)],
        drop_sensor(sources),
    )


_catalogue_dir = Settings.from_env().catalogue_dir
SOURCES = load_sources(
    sources_folder(_catalogue_dir), load_catalogue(_catalogue_dir), place_ids(_catalogue_dir)
)
EXTRACT_ASSETS, EXTRACT_CHECKS, extract_drop_sensor = build_extract_definitions(SOURCES)
