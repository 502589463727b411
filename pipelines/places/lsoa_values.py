"""A place's LSOA-level extract rows summed to the whole place, with confidence intervals: Wilson
for a percentage (scale 100), Byar's for rates and counts on any other scale."""

from __future__ import annotations

import polars as pl

from pipelines.statistics.intervals import byar_interval, wilson_interval

SYNTHETIC_NOTE = "Synthetic demo value - not real data"
PERCENT = 100.0


def place_values(sums: pl.DataFrame, area_code: str) -> pl.DataFrame:
    """sums: one row per measure, sex, age and period (select_place_lsoa_sums)."""
    if sums.is_empty():
        return sums.with_columns(
            area_code=pl.lit(area_code),
            value=pl.lit(None, pl.Float64),
            lower_ci_95=pl.lit(None, pl.Float64),
            upper_ci_95=pl.lit(None, pl.Float64),
            value_note=pl.lit(None, pl.String),
        )
    scale = sums["scale"].fill_null(PERCENT)
    proportion = scale == PERCENT
    wilson = wilson_interval(sums["numerator"], sums["denominator"], multiplier=PERCENT)
    byar = byar_interval(sums["numerator"], sums["denominator"], multiplier=1.0)
    return sums.with_columns(
        area_code=pl.lit(area_code),
        value=sums["numerator"] / sums["denominator"] * scale,
        lower_ci_95=pl.when(proportion).then(wilson.lower).otherwise(byar.lower * scale),
        upper_ci_95=pl.when(proportion).then(wilson.upper).otherwise(byar.upper * scale),
        value_note=pl.when(pl.col("is_synthetic"))
        .then(pl.lit(SYNTHETIC_NOTE))
        .when(pl.col("suppressed_lsoas") > 0)
        .then(pl.format("sum of LSOAs; {} suppressed LSOA counts left out", "suppressed_lsoas"))
        .otherwise(pl.lit(None, pl.String)),
    )
