"""Declared local and national extracts: one asset per source (extract_<source id>), its checks,
and the sensor watching the drop folders, all built from a catalogue folder's declarations by
build_extract_definitions(declared_sources(folder)) (pipelines.definitions does), with the
`extracts` resource (pipelines.extracts.resource.ExtractsResource)."""

from assets.extracts.declared import build_extract_definitions, declared_sources

__all__ = ["build_extract_definitions", "declared_sources"]
