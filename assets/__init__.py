"""Dagster assets, grouped by domain.

Asset modules leave out `from __future__ import annotations`: Dagster reads the real annotation
objects of `context` and `config` parameters, not strings.
"""
