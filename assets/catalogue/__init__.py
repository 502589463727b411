"""The national indicator catalogue: PHOF, ASCOF and NHS Outcomes Framework indicators.

One YAML file per framework under indicator_catalogue/indicators/ (see the header comment of
each for its evidence), validated into pydantic models by `load_catalogue`. Every entry is keyed
on a stable catalogue id; a Fingertips id belongs to exactly one entry, and an indicator carried
by several frameworks lists the others under `also_in`. Facts that are leads rather than
verified are named in the entry's `unverified` list and explained in its `notes`.
"""

from __future__ import annotations

from assets.catalogue.loader import CatalogueError, load_catalogue
from assets.catalogue.models import (
    Catalogue,
    CiMethod,
    Framework,
    FrameworkCode,
    Frequency,
    Indicator,
    IndicatorEntry,
    Polarity,
    SeriesBreak,
    Source,
    Status,
    ValueType,
)

__all__ = [
    "Catalogue",
    "CatalogueError",
    "CiMethod",
    "Framework",
    "FrameworkCode",
    "Frequency",
    "Indicator",
    "IndicatorEntry",
    "Polarity",
    "SeriesBreak",
    "Source",
    "Status",
    "ValueType",
    "load_catalogue",
]
