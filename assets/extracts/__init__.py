"""Declared local and national extracts: one asset per source (extract_<source id>), its checks,
and the sensor watching the drop folders. Register EXTRACT_ASSETS, EXTRACT_CHECKS and
extract_drop_sensor, with the `extracts` resource (pipelines.extracts.resource.ExtractsResource)."""

from assets.extracts.declared import (
    EXTRACT_ASSETS,
    EXTRACT_CHECKS,
    SOURCES,
    build_extract_definitions,
    extract_drop_sensor,
)

__all__ = [
    "EXTRACT_ASSETS",
    "EXTRACT_CHECKS",
    "SOURCES",
    "build_extract_definitions",
    "extract_drop_sensor",
]
