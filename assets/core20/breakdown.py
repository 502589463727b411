"""Sums LSOA-level numerators and denominators into Core20 / rest of place, national IMD quintiles
and deciles, for the IMD version a place has chosen.

Counts whose LSOA vintage differs from the IMD's are carried across by the best-fit bridge (one
LSOA of the other vintage per code, so nothing is counted twice). An LSOA that cannot be matched
to a decile is kept: its counts go to a breakdown value 'unmatched' in every breakdown type, so
each type's rows add up to the input's totals, and every row says how many LSOAs were unmatched.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from assets.geography import IMD_VINTAGES

CORE20 = "core20"
REST_OF_PLACE = "rest of place"
UNMATCHED = "unmatched"

# Every (breakdown_type, breakdown_value) a key gets, most deprived first; an empty group is a
# row of zeros rather than a missing row, so "no Core20 LSOAs here" reads as zero.
BREAKDOWN_GRID = pl.DataFrame(
    [("core20", CORE20), ("core20", REST_OF_PLACE)]
    + [("quintile", str(quintile)) for quintile in range(1, 6)]
    + [("decile", str(decile)) for decile in range(1, 11)],
    schema={"breakdown_type": pl.String, "breakdown_value": pl.String},
    orient="row",
)
DEFAULT_KEYS = ("indicator", "period_label")
# Core20: the most deprived 20% of England, national deciles 1 and 2.
CORE20_DECILES = (1, 2)
SUMMED = ("numerator", "denominator", "population")


def core20_breakdown(
    counts: pl.DataFrame,
    deprivation: pl.DataFrame,
    bridge: pl.DataFrame,
    population: pl.DataFrame,
    imd_version: str,
    keys: Sequence[str] = DEFAULT_KEYS,
    core20_deciles: Sequence[int] = CORE20_DECILES,
) -> pl.DataFrame:
    """Per key (by default indicator and period_label): one row per breakdown type and value.

    counts: keys, lsoa_code, lsoa_vintage ('2011' | '2021'), numerator, denominator; one row
        per LSOA per key. Zero is a count like any other; a null makes its group's sum null.
    deprivation: conformed.lsoa_deprivation rows (lsoa_code, imd_version, imd_decile,
        imd_quintile); only imd_version's rows are used.
    bridge: conformed.lsoa_bridge_2011_2021 (lsoa11_code, lsoa21_code and the two best-fit flags).
    population: lsoa_code, lsoa_vintage, population (all ages), at the counts' own vintage.
    core20_deciles: the national deciles counted as Core20 (a place may take decile 1 alone).
    """
    keys = list(keys)
    _require_one_row_per_lsoa(counts, keys)
    classified = _classify(counts, deprivation, bridge, population, imd_version).with_columns(
        is_core20=pl.col("imd_decile").is_in(list(core20_deciles))
    )
    by_group = (
        pl.concat([_as_breakdown(classified, kind) for kind in ("core20", "quintile", "decile")])
        .group_by([*keys, "breakdown_type", "breakdown_value"])
        .agg(*[_sum_of_known(column) for column in SUMMED], lsoa_count=pl.len().cast(pl.Int64))
    )
    empty_groups = (
        counts.select(keys)
        .unique()
        .join(BREAKDOWN_GRID, how="cross")
        .join(by_group, on=[*keys, "breakdown_type", "breakdown_value"], how="anti")
        .with_columns(
            *[pl.lit(0, dtype=by_group.schema[column]).alias(column) for column in SUMMED],
            lsoa_count=pl.lit(0, dtype=pl.Int64),
        )
    )
    unmatched = classified.group_by(keys).agg(
        unmatched_lsoas=(~pl.col("matched")).sum().cast(pl.Int64)
    )
    return (
        pl.concat([by_group, empty_groups.select(by_group.columns)])
        .join(unmatched, on=keys, how="left")
        .with_columns(imd_version=pl.lit(imd_version))
        .select(
            *keys,
            "imd_version",
            "breakdown_type",
            "breakdown_value",
            "numerator",
            "denominator",
            "lsoa_count",
            "population",
            "unmatched_lsoas",
        )
    )


def _require_one_row_per_lsoa(counts: pl.DataFrame, keys: list[str]) -> None:
    # A repeated LSOA would count its population twice: refuse it rather than guess which row.
    repeated = counts.filter(pl.len().over([*keys, "lsoa_vintage", "lsoa_code"]) > 1)
    if not repeated.is_empty():
        raise ValueError(
            f"{repeated.height} count rows repeat an LSOA within one key {keys}, e.g. "
            f"{repeated.head(3).to_dicts()}"
        )


def _classify(
    counts: pl.DataFrame,
    deprivation: pl.DataFrame,
    bridge: pl.DataFrame,
    population: pl.DataFrame,
    imd_version: str,
) -> pl.DataFrame:
    """Each count row with the decile, quintile and Core20 flag of the LSOA it falls in."""
    imd_vintage = IMD_VINTAGES[imd_version]
    best_fits = pl.concat(
        [
            bridge.filter(pl.col("is_best_fit_2011_to_2021")).select(
                lsoa_vintage=pl.lit("2011"),
                lsoa_code=pl.col("lsoa11_code"),
                imd_lsoa_code=pl.col("lsoa21_code"),
            ),
            bridge.filter(pl.col("is_best_fit_2021_to_2011")).select(
                lsoa_vintage=pl.lit("2021"),
                lsoa_code=pl.col("lsoa21_code"),
                imd_lsoa_code=pl.col("lsoa11_code"),
            ),
        ]
    ).filter(pl.col("lsoa_vintage") != imd_vintage)
    deciles = deprivation.filter(pl.col("imd_version") == imd_version).select(
        imd_lsoa_code=pl.col("lsoa_code"),
        imd_decile=pl.col("imd_decile"),
        imd_quintile=pl.col("imd_quintile"),
    )
    return (
        counts.join(best_fits, on=["lsoa_vintage", "lsoa_code"], how="left")
        .with_columns(
            imd_lsoa_code=pl.when(pl.col("lsoa_vintage") == imd_vintage)
            .then(pl.col("lsoa_code"))
            .otherwise(pl.col("imd_lsoa_code"))
        )
        .join(deciles, on="imd_lsoa_code", how="left")
        .join(
            population.select("lsoa_code", "lsoa_vintage", "population"),
            on=["lsoa_vintage", "lsoa_code"],
            how="left",
        )
        .with_columns(matched=pl.col("imd_decile").is_not_null())
    )


def _as_breakdown(classified: pl.DataFrame, breakdown_type: str) -> pl.DataFrame:
    """The rows labelled with their value in one breakdown type ('unmatched' if no decile)."""
    if breakdown_type == "core20":
        value = pl.when(pl.col("is_core20")).then(pl.lit(CORE20)).otherwise(pl.lit(REST_OF_PLACE))
    else:
        value = pl.col(f"imd_{breakdown_type}").cast(pl.String)
    return classified.with_columns(
        breakdown_type=pl.lit(breakdown_type),
        breakdown_value=pl.when(pl.col("matched")).then(value).otherwise(pl.lit(UNMATCHED)),
    )


def _sum_of_known(column: str) -> pl.Expr:
    # An unknown (null) value makes its group's total unknown: a gap is never read as zero.
    return pl.when(pl.col(column).null_count() == 0).then(pl.col(column).sum()).alias(column)
