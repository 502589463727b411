"""Checks on the official files and on the tables derived from them, before a bundle is written.

Each failure is a ReferenceDataError naming the dataset, file, row and field.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from assets.geography import ENGLAND_LSOAS, IMD_VINTAGES
from assets.reference.errors import ReferenceDataError
from assets.reference.reading import ROW, SINGLE_YEAR
from assets.reference.sources import KEYS, REQUIRED_COLUMNS
from assets.reference.tables import IMD_DATASETS

# Columns holding whole numbers ("29,199" allowed).
INTEGER_COLUMNS = {
    "imd2019_lsoa11": ("imd_rank", "imd_decile"),
    "imd2025_lsoa21": ("imd_rank", "imd_decile"),
    "population_lsoa11": ("all_ages",),
}

# LSOA-keyed datasets that must hold every English LSOA of a vintage (the IMD's LSOAs).
LSOA_DATASETS = {
    "2011": ("lsoa11_nhs_lookup", "lsoa11_utla19", "lsoa11_lad20", "population_lsoa11"),
    "2021": ("lsoa21_ltla_lookup", "lsoa21_nhs_lookup"),
}

# Which lookup supplies each parent of an LSOA, by vintage: named when a parent is missing.
PARENT_SOURCES = {
    "2011": {
        "ltla_code": "ltla22_ltla23",
        "utla_code": "ltla23_utla23",
        "region_code": "ltla_region",
        "sub_icb_code": "lsoa11_nhs_lookup",
        "icb_code": "lsoa11_nhs_lookup",
        "lsoa_name": "lsoa11_nhs_lookup",
    },
    "2021": {
        "ltla_code": "lsoa21_ltla_lookup",
        "utla_code": "ltla23_utla23",
        "region_code": "ltla_region",
        "sub_icb_code": "lsoa21_nhs_lookup",
        "icb_code": "lsoa21_nhs_lookup",
        "lsoa_name": "lsoa21_ltla_lookup",
    },
}
LSOA_LOOKUP = {"2011": "lsoa11_nhs_lookup", "2021": "lsoa21_ltla_lookup"}


def check_file(dataset: str, file: str, frame: pl.DataFrame) -> None:
    """Values present, numbers numeric and keys unique in the English rows of one file."""
    keys = KEYS[dataset]
    english = frame.filter(pl.col(keys[0]).str.starts_with("E")) if keys else frame
    if keys and english.is_empty():
        raise ReferenceDataError(dataset, file, "no English rows", field=keys[0])
    for column in REQUIRED_COLUMNS[dataset]:
        _first_failure(dataset, file, english, column, pl.col(column).is_null(), "empty value")
    numbers = INTEGER_COLUMNS.get(dataset, ()) + tuple(
        column for column in frame.columns if SINGLE_YEAR.match(column)
    )
    for column in numbers:
        parsed = pl.col(column).str.replace_all(",", "").cast(pl.Int64, strict=False)
        _first_failure(
            dataset,
            file,
            english,
            column,
            parsed.is_null() & pl.col(column).is_not_null(),
            "not a whole number",
        )
    if "imd_decile" in frame.columns:
        decile = pl.col("imd_decile").cast(pl.Int64, strict=False)
        _first_failure(
            dataset, file, english, "imd_decile", ~decile.is_between(1, 10), "not a decile 1-10"
        )
    if keys:
        duplicated = pl.struct(*keys).is_duplicated() & ~pl.struct(*keys).is_first_distinct()
        _first_failure(dataset, file, english, keys[-1], duplicated, "duplicate key")


def _first_failure(
    dataset: str, file: str, frame: pl.DataFrame, column: str, failing: pl.Expr, problem: str
) -> None:
    bad = frame.filter(failing).head(1)
    if not bad.is_empty():
        row = bad.row(0, named=True)
        raise ReferenceDataError(
            dataset, file, f"{problem} ({row[column]!r})", row=row[ROW], field=column
        )


def check_coverage(frames: Mapping[str, pl.DataFrame], files: Mapping[str, str]) -> None:
    """Each IMD ranks every English LSOA of its vintage; every LSOA dataset holds those LSOAs."""
    for version, dataset in IMD_DATASETS.items():
        vintage = IMD_VINTAGES[version]
        lsoas = _english_codes(frames[dataset], "lsoa_code")
        if len(lsoas) != ENGLAND_LSOAS[vintage]:
            raise ReferenceDataError(
                dataset,
                files[dataset],
                f"{len(lsoas):,} English LSOAs, expected {ENGLAND_LSOAS[vintage]:,} "
                f"(every LSOA {vintage})",
                field="lsoa_code",
            )
        for other in LSOA_DATASETS[vintage]:
            _same_lsoas(other, files[other], _english_codes(frames[other], "lsoa_code"), lsoas)
        column = f"lsoa{vintage[2:]}_code"
        bridge = _english_codes(frames["lsoa11_lsoa21"], column)
        _same_lsoas("lsoa11_lsoa21", files["lsoa11_lsoa21"], bridge, lsoas, column)


def _english_codes(frame: pl.DataFrame, column: str) -> set[str]:
    return set(frame.filter(pl.col(column).str.starts_with("E"))[column].to_list())


def _same_lsoas(
    dataset: str, file: str, found: set[str], expected: set[str], field: str = "lsoa_code"
) -> None:
    missing, extra = sorted(expected - found), sorted(found - expected)
    if missing:
        raise ReferenceDataError(
            dataset,
            file,
            f"{len(missing)} English LSOA(s) of the IMD missing, e.g. {missing[0]}",
            field=field,
        )
    if extra:
        raise ReferenceDataError(
            dataset,
            file,
            f"{len(extra)} LSOA(s) the IMD does not rank, e.g. {extra[0]}",
            field=field,
        )


def check_parents(geography: pl.DataFrame, files: Mapping[str, str]) -> None:
    """Every LSOA of each vintage has a district, county or unitary, region, sub-ICB and ICB."""
    for vintage, sources in PARENT_SOURCES.items():
        rows = geography.filter(pl.col("lsoa_vintage") == vintage)
        for column, dataset in sources.items():
            bad = rows.filter(pl.col(column).is_null()).head(1)
            if not bad.is_empty():
                row = bad.row(0, named=True)
                lookup = LSOA_LOOKUP[vintage]
                raise ReferenceDataError(
                    dataset,
                    files[dataset],
                    f"LSOA {row['lsoa_code']} (row {row[ROW]} of {files[lookup]}) has no "
                    f"{column}: its district {row['ltla_code']} is in no row of this file",
                    field=column,
                )


def check_upper_tier_regions(upper_tier_areas: pl.DataFrame, files: Mapping[str, str]) -> None:
    """Every County & UA of April 2023 (Fingertips 502) lies in a region."""
    bad = upper_tier_areas.filter((pl.col("area_type") == 502) & pl.col("region_code").is_null())
    if not bad.is_empty():
        code = bad["area_code"][0]
        raise ReferenceDataError(
            "ltla_region",
            files["ltla_region"],
            f"County & UA {code} (April 2023) has no region: none of its districts is listed",
            field="region_code",
        )
