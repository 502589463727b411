"""The declared extract sources of a catalogue folder (its sources/), each as an asset with its
checks, and the sensor that watches their drop folders."""

from pathlib import Path

import dagster as dg

from assets.catalogue import load_catalogue
from assets.extracts.checks import extract_checks
from assets.extracts.declared_sources import (
    DeclaredSource,
    load_sources,
    place_ids,
    sources_folder,
)
from assets.extracts.ingestion import extract_asset
from assets.extracts.sensor import drop_sensor


def declared_sources(catalogue_dir: Path) -> list[DeclaredSource]:
    return load_sources(
        sources_folder(catalogue_dir), load_catalogue(catalogue_dir), place_ids(catalogue_dir)
    )


def build_extract_definitions(
    sources: list[DeclaredSource],
) -> tuple[list[dg.AssetsDefinition], list[dg.AssetChecksDefinition], dg.SensorDefinition]:
    return (
        [extract_asset(source) for source in sources],
        [check for source in sources for check in extract_checks(source)],
        drop_sensor(sources),
    )
