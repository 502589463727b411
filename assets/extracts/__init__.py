"""Declared local and national extracts: files a place (or the national catalogue) drops in a
folder, read by a YAML declaration, validated, and loaded into conformed.fact_extract_value.

A declaration (indicator_catalogue/sources/<source id>.yaml) says where files arrive, their
format, which columns hold the area code, period, value, numerator and denominator, how periods
are written, the geography level, and which indicator each row feeds. Adding an extract is adding
a YAML file: no code changes.

The assets: one per source (extract_<source id>), its checks, and the sensor watching the drop
folders, all built from a catalogue folder's declarations by
build_extract_definitions(declared_sources(folder)), which pipelines.definitions calls.
"""
