"""Which area codes exist in which boundary vintage, and the region and ICB each code sits in.

Fingertips publishes Counties & UAs (upper-tier local authorities) under one area type per
boundary vintage. `OnsGeography` rebuilds each vintage's set of codes from the published ONS
lookups (the files in ../shared/data/geography; production points at a folder holding the same
files), and Oflog's nearest-neighbour model from its JSON file.

What the lookups cover, vintage by vintage:

- 502 (from April 2023) and 402 (April 2021 to March 2023): the LTLA → UTLA lookups of those
  years.
- 202 (April 2019 to March 2020): ONS lookup 195, LSOA 2011 → UTLA 2019.
- 302 (April 2020 to March 2021): there is no UTLA 2020 lookup, so it is derived: the unitary
  authorities among the 2020 LADs (ONS lookup 219), plus the county of each 2020 district, read
  from the UTLA 2019 of its LSOAs (no county changed between April 2019 and April 2020 except
  Buckinghamshire, whose districts were abolished, so no 2020 district has a stale county).
- 102 (before April 2019): derived the same way from the 2018 LADs of the LTLA chain, each district
  taking the county of the LSOAs of its 2020 successor. Dorset County Council (E10000009) cannot be
  recovered: its districts became unitary authorities in 2019 and no lookup here names the county,
  so 151 of the vintage's 152 codes are known and E10000009 reads as an unknown code.

ICBs are the 2024 ICBs (LSOA 2021 lookup); for an older code, the ICBs of its LTLAs' current
successors. Only English codes are kept: Fingertips' Counties & UAs are England only.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from enum import IntEnum
from pathlib import Path
from typing import Protocol

# The published lookups, by the names they have in ../shared/data/geography.
LTLA23_UTLA23 = "lookup_ltla23_utla23__humaniverse_geographr.csv"
LTLA21_UTLA21 = "lookup_ltla21_utla21__humaniverse_geographr.csv"
LSOA11_UTLA19 = "lsoa11_utla19__ons_lookup_195.csv"
LSOA11_LAD20 = "lsoa11_ccg20_lad20__ons_lookup_219.csv"
LTLA_CHAIN = "lookup_ltla_ltla__humaniverse_geographr.csv"
LTLA24_REGION24 = "lookup_ltla24_region24__humaniverse_geographr.csv"
LSOA21_LTLA24 = "lookup_lsoa21_ward24_ltla24__humaniverse_geographr.csv"
LSOA21_ICB24 = "lookup_lsoa21_icb24__humaniverse_geographr.csv"
LA_ALL_CODES = "la_all_codes.csv"
UTLA_ALL_CODES = "utla_all_codes.csv"
OFLOG_NEAREST_NEIGHBOURS = "oflog_nearest_neighbours.json"

# Unitary authorities: metropolitan districts, London boroughs and other unitaries.
_UNITARY_PREFIXES = ("E06", "E08", "E09")
_COUNTY_PREFIX = "E10"


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
    """A Geography built from the ONS lookups in one folder (see the module docstring)."""

    def __init__(
        self,
        vintages: dict[AreaType, frozenset[str]],
        names: dict[str, str],
        regions: dict[str, str],
        icb_counts: dict[str, Counter[str]],
        neighbours: dict[str, list[str]],
    ) -> None:
        self._vintages = vintages
        self._names = names
        self._regions = regions
        # Code (any vintage) → LSOA 2021 count per ICB 2024 over the area it covered.
        self._icb_counts = icb_counts
        self._neighbours = neighbours

    @classmethod
    def from_reference_dir(cls, reference_dir: Path) -> OnsGeography:
        """A folder laid out like ../shared/data: geography/*.csv and other_sources/*.json."""
        reference_dir = Path(reference_dir)
        return cls.from_folder(
            reference_dir / "geography",
            reference_dir / "other_sources" / OFLOG_NEAREST_NEIGHBOURS,
        )

    @classmethod
    def from_folder(cls, folder: Path, nearest_neighbours_file: Path | None = None) -> OnsGeography:
        """Read the lookups in `folder` (FileNotFoundError naming any that is missing), and Oflog's
        nearest neighbours from `nearest_neighbours_file` if given."""
        folder = Path(folder)
        names: dict[str, str] = {}
        regions: dict[str, str] = {}
        # County (any vintage) → its districts; unitaries stand for themselves.
        members: dict[str, set[str]] = defaultdict(set)

        utla23 = _english(_rows(folder / LTLA23_UTLA23), "utla23_code")
        utla21 = _english(_rows(folder / LTLA21_UTLA21), "utla21_code")
        utla19 = _english(_rows(folder / LSOA11_UTLA19), "UTLA19CD")
        lad20 = _english(_rows(folder / LSOA11_LAD20), "LAD20CD")
        chain = _english(_rows(folder / LTLA_CHAIN), "ltla18_code")
        la_all = _english(_rows(folder / LA_ALL_CODES), "LADCD")
        for rows, code, name in (
            (utla23, "utla23_code", "utla23_name"),
            (utla23, "ltla23_code", "ltla23_name"),
            (utla21, "utla21_code", "utla21_name"),
            (utla21, "ltla21_code", "ltla21_name"),
            (utla19, "UTLA19CD", "UTLA19NM"),
            (lad20, "LAD20CD", "LAD20NM"),
            (chain, "ltla18_code", "ltla18_name"),
            (la_all, "LADCD", "LADNM"),
        ):
            for row in rows:
                names.setdefault(row[code], row[name])

        for rows, ltla, utla in (
            (utla23, "ltla23_code", "utla23_code"),
            (utla21, "ltla21_code", "utla21_code"),
        ):
            for row in rows:
                members[row[utla]].add(row[ltla])

        # A 2020 district's county is the UTLA 2019 of its LSOAs (see the module docstring).
        county_2019_of_lad20 = {
            row["LAD20CD"]: row["UTLA19CD"] for row in _joined_on(lad20, utla19, "LSOA11CD")
        }
        utla20 = _upper_tier(
            ((lad, county_2019_of_lad20.get(lad)) for lad in {row["LAD20CD"] for row in lad20}),
            members,
        )
        utla18 = _upper_tier(
            ((row["ltla18_code"], county_2019_of_lad20.get(row["ltla20_code"])) for row in chain),
            members,
        )

        for row in _rows(folder / LTLA24_REGION24):
            regions[row["ltla24_code"]] = row["region24_code"]
            names.setdefault(row["region24_code"], row["region24_name"])
            names.setdefault(row["ltla24_code"], row["ltla24_name"])
        for row in la_all:
            regions.setdefault(row["LADCD"], row["RGNCD"])
        for row in _english(_rows(folder / UTLA_ALL_CODES), "UTLACD"):
            regions.setdefault(row["UTLACD"], row["RGNCD"])
            names.setdefault(row["UTLACD"], row["UTLANM"])
        for county, districts in members.items():
            district_regions = {regions[d] for d in districts if d in regions}
            if county not in regions and len(district_regions) == 1:
                regions[county] = district_regions.pop()

        vintages = {
            AreaType.COUNTIES_UAS_APRIL_2023: _codes(utla23, "utla23_code"),
            AreaType.COUNTIES_UAS_APRIL_2021: _codes(utla21, "utla21_code"),
            AreaType.COUNTIES_UAS_APRIL_2020: utla20,
            AreaType.COUNTIES_UAS_APRIL_2019: _codes(utla19, "UTLA19CD"),
            AreaType.COUNTIES_UAS_PRE_APRIL_2019: utla18,
        }
        icb_counts = _icb_counts(folder, names, la_all, members, vintages)
        neighbours = _read_neighbours(nearest_neighbours_file) if nearest_neighbours_file else {}
        return cls(vintages, names, regions, icb_counts, neighbours)

    def codes_in_vintage(self, area_type: int) -> set[str]:
        return set(self._vintages[AreaType(area_type)])

    def name(self, code: str) -> str | None:
        return self._names.get(code)

    def region_of(self, code: str) -> str | None:
        return self._regions.get(code)

    def icb_of(self, code: str) -> str | None:
        counts = self._icb_counts.get(code)
        return counts.most_common(1)[0][0] if counts else None

    def nearest_neighbours(self, code: str) -> list[str]:
        return list(self._neighbours.get(code, []))


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def _english(rows: list[dict[str, str]], code: str) -> list[dict[str, str]]:
    return [row for row in rows if row[code].startswith("E")]


def _codes(rows: list[dict[str, str]], column: str) -> frozenset[str]:
    return frozenset(row[column] for row in rows)


def _joined_on(
    left: list[dict[str, str]], right: list[dict[str, str]], key: str
) -> Iterator[dict[str, str]]:
    by_key = {row[key]: row for row in right}
    for row in left:
        if row[key] in by_key:
            yield {**by_key[row[key]], **row}


def _upper_tier(
    lads_with_county: Iterable[tuple[str, str | None]], members: dict[str, set[str]]
) -> frozenset[str]:
    """Counties & UAs of one year: its unitaries, and the county of each of its districts.

    A district whose county cannot be found (its LSOAs now lie in a unitary) adds nothing.
    """
    codes = set()
    for lad, county in lads_with_county:
        if lad.startswith(_UNITARY_PREFIXES):
            codes.add(lad)
        elif county is not None and county.startswith(_COUNTY_PREFIX):
            codes.add(county)
            members[county].add(lad)
    return frozenset(codes)


def _icb_counts(
    folder: Path,
    names: dict[str, str],
    la_all: list[dict[str, str]],
    members: dict[str, set[str]],
    vintages: dict[AreaType, frozenset[str]],
) -> dict[str, Counter[str]]:
    """LSOA 2021 count per ICB 2024 for every LA code, old codes through their current successor."""
    icb_of_lsoa = {}
    for row in _rows(folder / LSOA21_ICB24):
        icb_of_lsoa[row["lsoa21_code"]] = row["icb24_code"]
        names.setdefault(row["icb24_code"], row["icb24_name"])
    per_ltla: dict[str, Counter[str]] = defaultdict(Counter)
    for row in _rows(folder / LSOA21_LTLA24):
        if row["lsoa21_code"] in icb_of_lsoa:
            per_ltla[row["ltla24_code"]][icb_of_lsoa[row["lsoa21_code"]]] += 1
    # la_all_codes.csv is newer than the 2024 lookups (Barnsley and Sheffield have later codes
    # there), so an LTLA the 2024 lookup knows keeps its own code.
    current = {row["LADCD"]: row["LADCD_ACTIVE"] for row in la_all}

    def counts(ltlas: Iterable[str]) -> Counter[str]:
        total: Counter[str] = Counter()
        for ltla in {code if code in per_ltla else current.get(code, code) for code in ltlas}:
            total.update(per_ltla.get(ltla, Counter()))
        return total

    codes = set(current) | set(per_ltla) | {code for codes in vintages.values() for code in codes}
    return {code: counts(members.get(code) or {code}) for code in codes}


def _read_neighbours(path: Path) -> dict[str, list[str]]:
    """Oflog's file maps each code to a sorted list of itself and its neighbours."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {code: [other for other in group if other != code] for code, group in data.items()}
