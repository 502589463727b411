"""Counties & UAs of every Fingertips boundary vintage, with names, regions and ICBs, derived from
the ONS lookups when a bundle is built (runtime code reads the resulting tables).

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
successors, the ICB covering most LSOAs winning. Only English codes are kept: Fingertips' Counties
& UAs are England only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import polars as pl

from assets.geography import COUNTY_PREFIX, UNITARY_PREFIXES, AreaType

Rows = list[dict[str, str]]

AREA_TYPES = tuple(int(area_type) for area_type in AreaType)


@dataclass(frozen=True)
class UpperTierTables:
    upper_tier_areas: pl.DataFrame
    area_names: pl.DataFrame


def upper_tier_tables(frames: Mapping[str, pl.DataFrame]) -> UpperTierTables:
    """upper_tier_areas and area_names from the lookups (canonical columns, see sources.py)."""

    def english(dataset: str, code: str) -> Rows:
        return frames[dataset].filter(pl.col(code).str.starts_with("E")).to_dicts()

    names: dict[str, str] = {}
    regions: dict[str, str] = {}
    # County (any vintage) → its districts; unitaries stand for themselves.
    members: dict[str, set[str]] = defaultdict(set)

    utla23 = english("ltla23_utla23", "utla_code")
    utla21 = english("ltla21_utla21", "utla_code")
    utla19 = english("lsoa11_utla19", "utla_code")
    lad20 = english("lsoa11_lad20", "lad_code")
    chain = english("ltla18_ltla20", "ltla_code")
    la_all = english("la_all_codes", "la_code")
    for rows, code, name in (
        (utla23, "utla_code", "utla_name"),
        (utla23, "ltla_code", "ltla_name"),
        (utla21, "utla_code", "utla_name"),
        (utla21, "ltla_code", "ltla_name"),
        (utla19, "utla_code", "utla_name"),
        (lad20, "lad_code", "lad_name"),
        (chain, "ltla_code", "ltla_name"),
        (la_all, "la_code", "la_name"),
    ):
        for row in rows:
            names.setdefault(row[code], row[name])

    for rows in (utla23, utla21):
        for row in rows:
            members[row["utla_code"]].add(row["ltla_code"])

    # A 2020 district's county is the UTLA 2019 of its LSOAs (see the module docstring).
    county_2019_of_lad20 = {
        row["lad_code"]: row["utla_code"] for row in _joined_on(lad20, utla19, "lsoa_code")
    }
    utla20 = _upper_tier(
        ((lad, county_2019_of_lad20.get(lad)) for lad in {row["lad_code"] for row in lad20}),
        members,
    )
    utla18 = _upper_tier(
        ((row["ltla_code"], county_2019_of_lad20.get(row["successor_code"])) for row in chain),
        members,
    )

    for row in frames["ltla_region"].to_dicts():
        regions[row["ltla_code"]] = row["region_code"]
        names.setdefault(row["region_code"], row["region_name"])
        names.setdefault(row["ltla_code"], row["ltla_name"])
    for row in la_all:
        regions.setdefault(row["la_code"], row["region_code"])
    for row in english("utla_all_codes", "utla_code"):
        regions.setdefault(row["utla_code"], row["region_code"])
        names.setdefault(row["utla_code"], row["utla_name"])
    for county, districts in members.items():
        district_regions = {regions[d] for d in districts if d in regions}
        if county not in regions and len(district_regions) == 1:
            regions[county] = district_regions.pop()

    vintages = {
        502: frozenset(row["utla_code"] for row in utla23),
        402: frozenset(row["utla_code"] for row in utla21),
        302: utla20,
        202: frozenset(row["utla_code"] for row in utla19),
        102: utla18,
    }
    icb_counts = _icb_counts(frames, names, la_all, members, vintages)
    icbs = {code: counts.most_common(1)[0][0] for code, counts in icb_counts.items() if counts}
    upper_tier_areas = pl.DataFrame(
        [
            {
                "area_type": area_type,
                "area_code": code,
                "area_name": names.get(code),
                "region_code": regions.get(code),
                "region_name": names.get(regions.get(code, "")),
                "icb_code": icbs.get(code),
                "icb_name": names.get(icbs.get(code, "")),
            }
            for area_type in AREA_TYPES
            for code in sorted(vintages[area_type])
        ],
        schema={"area_type": pl.Int32} | {c: pl.String for c in _AREA_COLUMNS},
    )
    area_names = pl.DataFrame(
        [
            {
                "area_code": code,
                "area_name": names.get(code),
                "region_code": regions.get(code),
                "icb_code": icbs.get(code),
            }
            for code in sorted(set(names) | set(regions) | set(icbs))
        ],
        schema={c: pl.String for c in ("area_code", "area_name", "region_code", "icb_code")},
    )
    return UpperTierTables(upper_tier_areas, area_names)


_AREA_COLUMNS = ("area_code", "area_name", "region_code", "region_name", "icb_code", "icb_name")


def _joined_on(left: Rows, right: Rows, key: str) -> Iterator[dict[str, str]]:
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
        if lad.startswith(UNITARY_PREFIXES):
            codes.add(lad)
        elif county is not None and county.startswith(COUNTY_PREFIX):
            codes.add(county)
            members[county].add(lad)
    return frozenset(codes)


def _icb_counts(
    frames: Mapping[str, pl.DataFrame],
    names: dict[str, str],
    la_all: Rows,
    members: dict[str, set[str]],
    vintages: dict[int, frozenset[str]],
) -> dict[str, Counter[str]]:
    """LSOA 2021 count per ICB 2024 for every LA code, old codes through their current successor."""
    icb_of_lsoa = {}
    for row in frames["lsoa21_nhs_lookup"].to_dicts():
        icb_of_lsoa[row["lsoa_code"]] = row["icb_code"]
        names.setdefault(row["icb_code"], row["icb_name"])
    per_ltla: dict[str, Counter[str]] = defaultdict(Counter)
    for row in frames["lsoa21_ltla_lookup"].to_dicts():
        if row["lsoa_code"] in icb_of_lsoa:
            per_ltla[row["ltla_code"]][icb_of_lsoa[row["lsoa_code"]]] += 1
    # la_all_codes is newer than the 2024 lookups (Barnsley and Sheffield have later codes
    # there), so an LTLA the 2024 lookup knows keeps its own code.
    current = {row["la_code"]: row["current_code"] for row in la_all}

    def counts(ltlas: Iterable[str]) -> Counter[str]:
        total: Counter[str] = Counter()
        # Sorted, so an ICB tie resolves the same way on every build.
        for ltla in sorted(
            {code if code in per_ltla else current.get(code, code) for code in ltlas}
        ):
            total.update(per_ltla.get(ltla, Counter()))
        return total

    codes = set(current) | set(per_ltla) | {code for codes in vintages.values() for code in codes}
    return {code: counts(members.get(code) or {code}) for code in codes}
