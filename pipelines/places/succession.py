"""Which Counties & UAs of the April 2021 boundaries (Fingertips area type 402) became which of
April 2023 (502), so a place whose code changed keeps a continuous series where it can.

An old area continues as a new one when all of its districts went to that one new area and the new
area took districts from no other: North Yorkshire county (E10000023) became North Yorkshire
unitary (E06000065), Somerset (E10000027) became E06000066. Cumbria (E10000006) split in two: its
successors start a new series, flagged as a break.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipelines.places.models import Place

OLD_AREA_TYPE = 402
NEW_AREA_TYPE = 502


@dataclass(frozen=True, order=True)
class Succession:
    old_code: str
    new_code: str
    continuous: bool


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def upper_tier_successions(geography_dir: Path) -> list[Succession]:
    """Every 2021 County & UA whose code is not a 2023 one, with the 2023 areas it went to."""
    district_2023 = {
        row["ltla22_code"]: row["ltla23_code"]
        for row in _rows(geography_dir / "lookup_ltla22_ltla23__humaniverse_geographr.csv")
    }
    upper_2023 = {
        row["ltla23_code"]: row["utla23_code"]
        for row in _rows(geography_dir / "lookup_ltla23_utla23__humaniverse_geographr.csv")
    }
    successors: dict[str, set[str]] = defaultdict(set)
    predecessors: dict[str, set[str]] = defaultdict(set)
    # No district changed between 2021 and 2022, so a 2021 district code is a 2022 one.
    for row in _rows(geography_dir / "lookup_ltla21_utla21__humaniverse_geographr.csv"):
        new = upper_2023.get(district_2023.get(row["ltla21_code"], row["ltla21_code"]))
        if new is not None:
            successors[row["utla21_code"]].add(new)
            predecessors[new].add(row["utla21_code"])
    return sorted(
        Succession(old, new, len(news) == 1 and predecessors[new] == {old})
        for old, news in successors.items()
        for new in news
        if old != new
    )


def place_area_types(place: Place) -> list[int]:
    """The Fingertips area types a place's series need: its own vintage, and April 2021's where
    the place's areas are April 2023 codes (their older values sit under the older codes)."""
    own = int(place.area_type)
    return [own, OLD_AREA_TYPE] if own == NEW_AREA_TYPE else [own]
