"""A place's LSOA-level extract rows summed to the whole place, with confidence intervals: Wilson
for a percentage (scale 100), Byar's for rates and counts on any other scale."""

from __future__ import annotations

import polars as pl

from assets.statistics.intervals import value_on_scale

SYNTHETIC_NOTE = "Synthetic demo value - not real data"


def place_values(sums: pl.DataFrame, area_code: str) -> pl.DataFrame:
    """sums: one row per measure, sex, age and period (select_place_lsoa_sums)."""
    scaled = value_on_scale(sums["numerator"], sums["denominator"], sums["scale"])
    return sums.with_columns(
        area_code=pl.lit(area_code),
        value=scaled.value,
        lower_ci_95=scaled.lower,
        upper_ci_95=scaled.upper,
        value_note=pl.when(pl.col("is_synthetic"))
        .then(pl.lit(SYNTHETIC_NOTE))
        .when(pl.col("suppressed_lsoas") > 0)
        .then(pl.format("sum of LSOAs; {} suppressed LSOA counts left out", "suppressed_lsoas"))
        .otherwise(pl.lit(None, pl.String)),
    )
