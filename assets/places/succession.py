"""Which Counties & UAs of the April 2021 boundaries (Fingertips area type 402) became which of
April 2023 (502), so a place whose code changed keeps a continuous series where it can.

An old area continues as a new one when all of its districts went to that one new area and the new
area took districts from no other: North Yorkshire county (E10000023) became North Yorkshire
unitary (E06000065), Somerset (E10000027) became E06000066. Cumbria (E10000006) split in two: its
successors start a new series, flagged as a break.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl

from assets.reference.tables import UPPER_TIER_2021_2023

if TYPE_CHECKING:
    from assets.places.models import Place
    from assets.reference.bundle import ReferenceBundle

OLD_AREA_TYPE = 402
NEW_AREA_TYPE = 502


@dataclass(frozen=True, order=True)
class Succession:
    old_code: str
    new_code: str
    continuous: bool


def upper_tier_successions(bundle: ReferenceBundle) -> list[Succession]:
    """Every 2021 County & UA whose code is not a 2023 one, with the 2023 areas it went to (the
    bundle's area_successions, derived from the ONS district lookups)."""
    rows = (
        bundle.frame("area_successions")
        .filter(pl.col("succession_type") == UPPER_TIER_2021_2023)
        .select("old_code", "new_code", "continuous")
        .iter_rows()
    )
    return sorted(Succession(*row) for row in rows)


def place_area_types(place: Place) -> list[int]:
    """The Fingertips area types a place's series need: its own vintage, and April 2021's where
    the place's areas are April 2023 codes (their older values sit under the older codes)."""
    own = int(place.area_type)
    return [own, OLD_AREA_TYPE] if own == NEW_AREA_TYPE else [own]
