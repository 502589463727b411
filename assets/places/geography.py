"""Which area codes exist in which boundary vintage, and the region and ICB each code sits in.

Fingertips publishes Counties & UAs (upper-tier local authorities) under one area type per
boundary vintage. `OnsGeography` reads each vintage's codes, with their names, regions and ICBs,
from the reference bundle (`upper_tier_areas`, `area_names`, `nearest_neighbours`), which the
bundle builder derives from the ONS lookups (see assets/reference/upper_tier.py for what each
vintage is built from; Dorset County Council E10000009 is unknown in 102).
"""

from __future__ import annotations

from collections import defaultdict
from enum import IntEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from assets.reference.bundle import ReferenceBundle


class AreaType(IntEnum):
    """A Fingertips area type for Counties & UAs: one per boundary vintage."""

    COUNTIES_UAS_PRE_APRIL_2019 = 102
    COUNTIES_UAS_APRIL_2019 = 202
    COUNTIES_UAS_APRIL_2020 = 302
    COUNTIES_UAS_APRIL_2021 = 402
    COUNTIES_UAS_APRIL_2023 = 502

    @property
    def boundaries(self) -> str:
        return _BOUNDARIES[self]


_BOUNDARIES = {
    AreaType.COUNTIES_UAS_PRE_APRIL_2019: "boundaries before April 2019",
    AreaType.COUNTIES_UAS_APRIL_2019: "April 2019 boundaries",
    AreaType.COUNTIES_UAS_APRIL_2020: "April 2020 boundaries",
    AreaType.COUNTIES_UAS_APRIL_2021: "April 2021 boundaries",
    AreaType.COUNTIES_UAS_APRIL_2023: "April 2023 boundaries",
}


class Geography(Protocol):
    """What place validation and scaffolding need to know about area codes."""

    def codes_in_vintage(self, area_type: int) -> set[str]:
        """Codes of the Counties & UAs in this Fingertips area type (boundary vintage)."""
        ...

    def name(self, code: str) -> str | None:
        """The name of any known area, region or ICB code; None for an unknown code."""
        ...

    def region_of(self, code: str) -> str | None:
        """The region code (E12…) the area lies in; None if unknown."""
        ...

    def icb_of(self, code: str) -> str | None:
        """The code of the ICB (2024) covering most of the area; None if unknown."""
        ...

    def nearest_neighbours(self, code: str) -> list[str]:
        """The area's nearest statistical neighbours, itself excluded; empty if none are known."""
        ...


class OnsGeography:
    """A Geography read from a reference bundle's tables."""

    def __init__(
        self,
        vintages: dict[AreaType, frozenset[str]],
        names: dict[str, str],
        regions: dict[str, str],
        icbs: dict[str, str],
        neighbours: dict[str, list[str]],
    ) -> None:
        self._vintages = vintages
        self._names = names
        self._regions = regions
        # Code (any vintage) → the ICB 2024 covering most of the LSOAs 2021 of the area.
        self._icbs = icbs
        self._neighbours = neighbours

    @classmethod
    def from_bundle(cls, bundle: ReferenceBundle) -> OnsGeography:
        vintages: dict[AreaType, set[str]] = {area_type: set() for area_type in AreaType}
        for area_type, code in (
            bundle.frame("upper_tier_areas").select("area_type", "area_code").iter_rows()
        ):
            vintages[AreaType(area_type)].add(code)
        names, regions, icbs = {}, {}, {}
        for code, name, region, icb in (
            bundle.frame("area_names")
            .select("area_code", "area_name", "region_code", "icb_code")
            .iter_rows()
        ):
            for known, value in ((names, name), (regions, region), (icbs, icb)):
                if value is not None:
                    known[code] = value
        neighbours: dict[str, list[str]] = defaultdict(list)
        for code, other in (
            bundle.frame("nearest_neighbours")
            .sort("area_code", "rank")
            .select("area_code", "neighbour_code")
            .iter_rows()
        ):
            neighbours[code].append(other)
        return cls(
            {area_type: frozenset(codes) for area_type, codes in vintages.items()},
            names,
            regions,
            icbs,
            dict(neighbours),
        )

    def codes_in_vintage(self, area_type: int) -> set[str]:
        return set(self._vintages[AreaType(area_type)])

    def name(self, code: str) -> str | None:
        return self._names.get(code)

    def region_of(self, code: str) -> str | None:
        return self._regions.get(code)

    def icb_of(self, code: str) -> str | None:
        return self._icbs.get(code)

    def nearest_neighbours(self, code: str) -> list[str]:
        return list(self._neighbours.get(code, []))
