"""The bundle's LSOA tables and lookups, derived from the checked official files.

Every frame here is keyed by canonical column names (see sources.py) and every function returns a
table of the bundle contract (bundle.py): runtime code only ever reads these.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

import polars as pl

from assets.geography import IMD_VINTAGES

# Each IMD version's dataset.
IMD_DATASETS = {"imd2019": "imd2019_lsoa11", "imd2025": "imd2025_lsoa21"}

# Contiguous age bands every age the catalogue, place files and declared sources use can be
# summed from (0-15, 16-64, 18+, 40-74, 65+, 80+, …): (label, youngest, oldest or None for 90+).
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0-4", 0, 4),
    ("5-9", 5, 9),
    ("10-14", 10, 14),
    ("15", 15, 15),
    ("16-17", 16, 17),
    ("18-19", 18, 19),
    *((f"{age}-{age + 4}", age, age + 4) for age in range(20, 90, 5)),
    ("90+", 90, None),
)
ALL_AGES = "all ages"

Frames = Mapping[str, pl.DataFrame]


def _english(frame: pl.DataFrame, *codes: str) -> pl.DataFrame:
    return frame.filter(*(pl.col(code).str.starts_with("E") for code in codes))


def integer(column: str) -> pl.Expr:
    """Whole numbers as published, thousands separators and all ("29,199")."""
    return pl.col(column).str.replace_all(",", "").cast(pl.Int32)


def lsoa_deprivation(frames: Frames) -> pl.DataFrame:
    return pl.concat(
        [
            _english(frames[dataset], "lsoa_code").select(
                pl.lit(version).alias("imd_version"),
                pl.lit(IMD_VINTAGES[version]).alias("lsoa_vintage"),
                "lsoa_code",
                integer("imd_rank").alias("imd_rank"),
                integer("imd_decile").alias("imd_decile"),
                # The LA the publisher lists the LSOA under (IoD2019: LAD 2019), where it does.
                (pl.col("lad_code") if "lad_code" in frames[dataset].columns else pl.lit(None))
                .cast(pl.String)
                .alias("lad_code"),
            )
            for version, dataset in IMD_DATASETS.items()
        ]
    ).sort("imd_version", "lsoa_code")


GEOGRAPHY_COLUMNS = (
    "lsoa_vintage",
    "lsoa_code",
    "lsoa_name",
    "ltla_code",
    "utla_code",
    "region_code",
    "sub_icb_code",
    "icb_code",
    "local_authority_year",
    "nhs_year",
)


def lsoa_geography(frames: Frames, years: Mapping[str, int | None]) -> pl.DataFrame:
    """Each LSOA's district, county or unitary, region (current council codes), sub-ICB and ICB.

    LSOA 2011: the 2022 lookup's districts carried to their April 2023 successors (Cumbria, North
    Yorkshire and Somerset were reorganised whole), then to the UTLA and region. LSOA 2021: the
    2024 districts; their UTLA from the April 2023 lookup, as no English district changed
    between April 2023 and April 2024. Left joins keep an LSOA whose district a lookup lacks, so
    the check on missing parents names it instead of it vanishing from its place.
    """
    counties = frames["ltla23_utla23"].select("ltla_code", "utla_code")
    regions = frames["ltla_region"].select("ltla_code", "region_code")
    changes = frames["ltla22_ltla23"].select("ltla_code", "successor_code")
    lsoa11 = (
        _english(frames["lsoa11_nhs_lookup"], "lsoa_code")
        .join(changes, on="ltla_code", how="left")
        .with_columns(pl.col("successor_code").alias("ltla_code"))
        .join(counties, on="ltla_code", how="left")
        .join(regions, on="ltla_code", how="left")
        .with_columns(
            pl.lit("2011").alias("lsoa_vintage"),
            pl.lit(years["ltla23_utla23"]).alias("local_authority_year"),
            pl.lit(years["lsoa11_nhs_lookup"]).alias("nhs_year"),
        )
    )
    nhs21 = frames["lsoa21_nhs_lookup"].select("lsoa_code", "sub_icb_code", "icb_code")
    lsoa21 = (
        _english(frames["lsoa21_ltla_lookup"], "lsoa_code")
        .join(nhs21, on="lsoa_code", how="left")
        .join(counties, on="ltla_code", how="left")
        .join(regions, on="ltla_code", how="left")
        .with_columns(
            pl.lit("2021").alias("lsoa_vintage"),
            pl.lit(years["lsoa21_ltla_lookup"]).alias("local_authority_year"),
            pl.lit(years["lsoa21_nhs_lookup"]).alias("nhs_year"),
        )
    )
    columns = [*GEOGRAPHY_COLUMNS, "_row"]
    return (
        pl.concat([lsoa11.select(columns), lsoa21.select(columns)])
        .with_columns(pl.col("local_authority_year", "nhs_year").cast(pl.Int32))
        .sort("lsoa_vintage", "lsoa_code")
    )


def lsoa_bridge(frames: Frames) -> pl.DataFrame:
    return (
        _english(frames["lsoa11_lsoa21"], "lsoa11_code", "lsoa21_code")
        .select("lsoa11_code", "lsoa21_code", "change_code", "ltla22_code")
        .sort("lsoa11_code", "lsoa21_code")
    )


def lsoa_population(frame: pl.DataFrame, year: int) -> pl.DataFrame:
    """Persons by LSOA 2011 in AGE_BANDS, with the publisher's own all-ages total as a row."""
    english = _english(frame, "lsoa_code")
    bands = [
        english.select(
            "lsoa_code",
            pl.lit(label).alias("age_band"),
            pl.lit(youngest).alias("age_lower"),
            pl.lit(oldest, dtype=pl.Int32).alias("age_upper"),
            pl.sum_horizontal(
                integer(str(age) if age < 90 else "90+")
                for age in range(youngest, (oldest if oldest is not None else 90) + 1)
            ).alias("population"),
        )
        for label, youngest, oldest in AGE_BANDS
    ]
    total = english.select(
        "lsoa_code",
        pl.lit(ALL_AGES).alias("age_band"),
        pl.lit(0).alias("age_lower"),
        pl.lit(None, dtype=pl.Int32).alias("age_upper"),
        integer("all_ages").alias("population"),
    )
    return (
        pl.concat([*bands, total])
        .select(
            pl.lit("2011").alias("lsoa_vintage"),
            "lsoa_code",
            pl.lit(year, dtype=pl.Int32).alias("year"),
            pl.lit("persons").alias("sex"),
            "age_band",
            pl.col("age_lower").cast(pl.Int32),
            "age_upper",
            pl.col("population").cast(pl.Int32),
        )
        .sort("lsoa_code", pl.col("age_band") == ALL_AGES, "age_lower")
    )


def ltla_utla(frames: Frames) -> pl.DataFrame:
    """District → county or unitary for April 2019 (IoD2019's LAD 2019 with ONS lookup 195, joined
    by LSOA), April 2021 and April 2023."""
    lsoa_lad19 = _english(frames["imd2019_lsoa11"], "lsoa_code").select(
        "lsoa_code", pl.col("lad_code").alias("ltla_code"), pl.col("lad_name").alias("ltla_name")
    )
    year_2019 = (
        lsoa_lad19.join(frames["lsoa11_utla19"], on="lsoa_code")
        .select("ltla_code", "ltla_name", "utla_code", "utla_name")
        .unique()
        .with_columns(pl.lit(2019).alias("boundary_year"))
    )
    by_year = [year_2019] + [
        _english(frames[dataset], "ltla_code")
        .select("ltla_code", "ltla_name", "utla_code", "utla_name")
        .with_columns(pl.lit(year).alias("boundary_year"))
        for year, dataset in ((2021, "ltla21_utla21"), (2023, "ltla23_utla23"))
    ]
    return (
        pl.concat(by_year)
        .select(
            pl.col("boundary_year").cast(pl.Int32),
            "ltla_code",
            "ltla_name",
            "utla_code",
            "utla_name",
        )
        .sort("boundary_year", "ltla_code", "utla_code")
    )


# area_successions.succession_type: Counties & UAs of April 2021 (Fingertips 402) → April 2023
# (502); and any local authority code → the code it has now (la_all_codes).
UPPER_TIER_2021_2023 = "counties_uas_402_502"
LA_CURRENT_CODE = "la_current_code"


def area_successions(frames: Frames) -> pl.DataFrame:
    """An old area continues as a new one when all of it went to that one new area and the new
    area took nothing from another (North Yorkshire E10000023 → E06000065); a split or merge is a
    break (Cumbria E10000006 → Cumberland, Westmorland and Furness)."""
    district_2023 = dict(frames["ltla22_ltla23"].select("ltla_code", "successor_code").iter_rows())
    upper_2023 = dict(frames["ltla23_utla23"].select("ltla_code", "utla_code").iter_rows())
    pairs: list[tuple[str, str]] = []
    # No district changed between 2021 and 2022, so a 2021 district code is a 2022 one.
    for ltla21, utla21 in frames["ltla21_utla21"].select("ltla_code", "utla_code").iter_rows():
        new = upper_2023.get(district_2023.get(ltla21, ltla21))
        if new is not None:
            pairs.append((utla21, new))
    rows = _successions(pairs, UPPER_TIER_2021_2023)
    la = _english(frames["la_all_codes"], "la_code").select("la_code", "current_code")
    rows += _successions(list(la.iter_rows()), LA_CURRENT_CODE)
    return pl.DataFrame(
        rows,
        schema={
            "old_code": pl.String,
            "new_code": pl.String,
            "continuous": pl.Boolean,
            "succession_type": pl.String,
        },
        orient="row",
    ).sort("succession_type", "old_code", "new_code")


def _successions(pairs: list[tuple[str, str]], kind: str) -> list[tuple[str, str, bool, str]]:
    successors: dict[str, set[str]] = defaultdict(set)
    predecessors: dict[str, set[str]] = defaultdict(set)
    for old, new in pairs:
        successors[old].add(new)
        predecessors[new].add(old)
    return sorted(
        (old, new, len(news) == 1 and predecessors[new] - {new} == {old}, kind)
        for old, news in successors.items()
        for new in news
        if old != new
    )


def nearest_neighbours(data: Any) -> pl.DataFrame:
    """Oflog's file maps each code to a list of itself and its neighbours; rank is the
    neighbour's place in that list (the file's own order), itself left out."""
    rows = [
        (code, other, rank)
        for code, group in data.items()
        for rank, other in enumerate((o for o in group if o != code), start=1)
    ]
    return pl.DataFrame(
        rows,
        schema={"area_code": pl.String, "neighbour_code": pl.String, "rank": pl.Int32},
        orient="row",
    ).sort("area_code", "rank")
