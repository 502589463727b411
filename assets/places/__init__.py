"""Places: one YAML file each under indicator_catalogue/places/, with its shared outcomes framework.

A place names its Counties & UAs in one boundary vintage, its ICB and region, its comparators,
its review cycle and the IMD its Core20 cut uses, and its framework: shared outcomes, each with
priorities, each with measures on catalogue indicators or local ones (see models.py for the
schema). `load_place` / `load_places` validate files against the indicator catalogue and the ONS
geography, and `scaffold_place` writes a new place from the PHOF defaults.
"""

from __future__ import annotations

from assets.geography import AreaType, Geography, OnsGeography
from assets.places.loader import PlaceError, load_place, load_places, load_review_cycle
from assets.places.models import (
    Area,
    Cadence,
    Comparators,
    Core20,
    Direction,
    Icb,
    ImdVersion,
    LocalIndicator,
    Measure,
    Milestone,
    NeighbourSource,
    Place,
    PlacedMeasure,
    PlaceReferences,
    Priority,
    Region,
    ReviewCycle,
    Role,
    Sex,
    SharedOutcome,
    Target,
)
from assets.places.scaffold import scaffold_place

__all__ = [
    "Area",
    "AreaType",
    "Cadence",
    "Comparators",
    "Core20",
    "Direction",
    "Geography",
    "Icb",
    "ImdVersion",
    "LocalIndicator",
    "Measure",
    "Milestone",
    "NeighbourSource",
    "OnsGeography",
    "Place",
    "PlaceError",
    "PlaceReferences",
    "PlacedMeasure",
    "Priority",
    "Region",
    "ReviewCycle",
    "Role",
    "Sex",
    "SharedOutcome",
    "Target",
    "load_place",
    "load_places",
    "load_review_cycle",
    "scaffold_place",
]
