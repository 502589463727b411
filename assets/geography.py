"""England's ONS area codes: the levels a code can be at, the boundary vintages codes belong to,
and what each code's region, ICB and neighbours are.

- Area levels and their GSS prefixes (E01 LSOA, E05 ward, E06–E10 councils, E54 ICB, E12 region,
  E92 England), which declared extracts report at. A source declares one level (every row an LSOA
  2011, say) or `by_code`: the level is read from each code's prefix, for national files that mix
  England, regions and councils. Unitary authorities, metropolitan districts and London boroughs
  (E06, E08, E09) are both lower and upper tier; `by_code` files them as `utla`, the tier places
  are built on, and E07 districts as `lad`.
- Boundary vintages: Fingertips publishes Counties & UAs (upper-tier local authorities) under one
  area type per vintage (`AreaType`); LSOAs come in the 2011 and 2021 sets, and each IMD version
  ranks one of them.
- `OnsGeography` reads each upper-tier vintage's codes, with their names, regions and ICBs, from
  the reference bundle (`upper_tier_areas`, `area_names`, `nearest_neighbours`), which the bundle
  builder derives from the ONS lookups (see assets/reference/upper_tier.py for what each vintage is
  built from; Dorset County Council E10000009 is unknown in 102).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from assets.reference.bundle import ReferenceBundle

ENGLAND_CODE = "E92000001"
# Unitary authorities: metropolitan districts (E08), London boroughs (E09) and other unitaries
# (E06), lower and upper tier at once; county councils (E10) are upper tier over E07 districts.
UNITARY_PREFIXES = ("E06", "E08", "E09")
COUNTY_PREFIX = "E10"


# Area levels (extract declarations).
class AreaLevel(StrEnum):
    LSOA2011 = "lsoa2011"
    LSOA2021 = "lsoa2021"
    WARD = "ward"
    LAD = "lad"
    UTLA = "utla"
    ICB = "icb"
    REGION = "region"
    ENGLAND = "england"


BY_CODE = "by_code"

# LSOA codes up to E01033768 are the 2011 set; every code from E01033769 was new in 2021. The
# reverse (a 2011 code retired in 2021) needs the code lists, which the reference assets load into
# conformed.lsoa_geography: rows are checked against them once they are there.
FIRST_LSOA_2021_ONLY_CODE = "E01033769"


@dataclass(frozen=True)
class LevelCode:
    """The codes of one area level: E, a 2-digit entity prefix (E01 for LSOAs) and 6 digits, one of
    `prefixes` (or exactly `exact`), and how to say it in a message. Matched by prefix, so DuckDB
    can join each row to its level on equality rather than test every pattern against every row."""

    level: AreaLevel
    prefixes: tuple[str, ...]
    described: str
    exact: str | None = None

    @property
    def pattern(self) -> str:
        """The same rule as a regular expression (for the expectation suite)."""
        return self.exact or f"(?:{'|'.join(self.prefixes)})\\d{{6}}"


LEVEL_CODES = {
    AreaLevel.LSOA2011: LevelCode(AreaLevel.LSOA2011, ("E01",), "an LSOA code (E01 and 6 digits)"),
    AreaLevel.LSOA2021: LevelCode(AreaLevel.LSOA2021, ("E01",), "an LSOA code (E01 and 6 digits)"),
    AreaLevel.WARD: LevelCode(AreaLevel.WARD, ("E05",), "a ward code (E05 and 6 digits)"),
    AreaLevel.LAD: LevelCode(
        AreaLevel.LAD,
        ("E06", "E07", "E08", "E09"),
        "a local authority district code (E06, E07, E08 or E09)",
    ),
    AreaLevel.UTLA: LevelCode(
        AreaLevel.UTLA,
        (*UNITARY_PREFIXES, COUNTY_PREFIX),
        "an upper-tier local authority code (E06, E08, E09 or E10)",
    ),
    AreaLevel.ICB: LevelCode(AreaLevel.ICB, ("E54",), "an ICB code (E54 and 6 digits)"),
    AreaLevel.REGION: LevelCode(AreaLevel.REGION, ("E12",), "a region code (E12 and 6 digits)"),
    AreaLevel.ENGLAND: LevelCode(
        AreaLevel.ENGLAND, ("E92",), f"England ({ENGLAND_CODE})", exact=ENGLAND_CODE
    ),
}

# For `by_code` sources: disjoint prefixes, so each code has exactly one level.
BY_CODE_LEVELS = (
    LEVEL_CODES[AreaLevel.ENGLAND],
    LEVEL_CODES[AreaLevel.REGION],
    LEVEL_CODES[AreaLevel.ICB],
    LEVEL_CODES[AreaLevel.WARD],
    LEVEL_CODES[AreaLevel.UTLA],
    LevelCode(AreaLevel.LAD, ("E07",), "a district code (E07)"),
)
BY_CODE_DESCRIBED = (
    "an English area code of a known level (E92 England, E12 region, E54 ICB, E05 ward, "
    "E06/E08/E09/E10 upper-tier or E07 district council)"
)

LSOA_LEVELS = (AreaLevel.LSOA2011, AreaLevel.LSOA2021)


def level_codes(geography: str) -> tuple[tuple[LevelCode, ...], str]:
    """The codes a source may use, and how to describe them when a code is none of them."""
    if geography == BY_CODE:
        return BY_CODE_LEVELS, BY_CODE_DESCRIBED
    level = LEVEL_CODES[AreaLevel(geography)]
    return (level,), level.described


# LSOA boundary vintages, and which vintage each IMD version ranks.

# England's LSOAs in each boundary vintage: every reference table is checked against these.
ENGLAND_LSOAS = {"2011": 32_844, "2021": 33_755}

# Each IMD version ranks the LSOAs of one vintage; never join one to the other's codes directly.
IMD_VINTAGES = {"imd2019": "2011", "imd2025": "2021"}


# Upper-tier vintages (Fingertips' Counties & UAs area types) and the ONS geography of places.


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
