"""Which IMD version each place's Core20 uses, and which national deciles it counts as Core20.

A stand-in for the places' YAML models (pipelines/places/: Place.imd_version, Place.core20) until
the asset reads them. The place's LSOAs need no council codes: every extract row names its place.
"""

from __future__ import annotations

import dagster as dg
from pydantic import Field, field_validator

from pipelines.core20.breakdown import CORE20_DECILES
from pipelines.reference.vintages import IMD_VINTAGES


class PlaceDeprivation(dg.Config):
    """One place's Core20 settings."""

    imd_version: str
    core20_deciles: list[int] = Field(default_factory=lambda: list(CORE20_DECILES))

    @field_validator("imd_version")
    @classmethod
    def _known_version(cls, value: str) -> str:
        if value not in IMD_VINTAGES:
            raise ValueError(f"imd_version {value!r} is not one of {sorted(IMD_VINTAGES)}")
        return value


class Core20Places(dg.Config):
    """place_id (the extracts' `place`) → its Core20 settings."""

    places: dict[str, PlaceDeprivation] = Field(default_factory=dict)
