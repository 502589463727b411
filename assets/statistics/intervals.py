"""Confidence intervals by the methods Fingertips uses, computed on whole columns.

- Wilson score interval for proportions (Wilson 1927; Newcombe & Altman 2000).
- Byar's approximation for counts and crude rates, with the exact Poisson limits below 10 events
  (Breslow & Day 1987; Armitage & Berry 2002).
- Dobson's method for directly standardised rates (Dobson et al. 1991), with Byar's limits on the
  total count.

The formulas are those of OHID's reference implementations, PHEindicatormethods (R) and
PHStatsMethods 0.1.16 (Python, `confidence_intervals.py`, `rates.py`, `DSR.py`), which work row
by row; the tests compare these vectorised versions with PHStatsMethods. Unlike PHStatsMethods,
nothing here raises on data: a zero count is valid (its interval runs from 0), and inputs that
define no interval (a negative count, a numerator above its denominator, a zero denominator)
give null limits.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import polars as pl
from scipy.special import gammaincinv, ndtri

from assets.statistics.columns import ColumnLike, as_floats, confidence_suffix, to_series

# Below this many events Byar's approximation is poor, so PHEindicatormethods and PHStatsMethods
# use the exact Poisson limits instead; a DSR on fewer events is not published at all.
SMALL_COUNT = 10


class Interval(NamedTuple):
    lower: pl.Series
    upper: pl.Series


def normal_quantile(confidence: float) -> float:
    """The two-sided standard normal quantile: 1.959964 for 0.95, 3.090232 for 0.998."""
    return float(ndtri((1 + confidence) / 2))


def poisson_count_limits(count: np.ndarray, confidence: float) -> tuple[np.ndarray, np.ndarray]:
    """Confidence limits for a Poisson count: Byar's method from 10 events, exact below.

    The exact limits are chi-squared quantiles, chi2(alpha/2, 2x)/2 and chi2(1 - alpha/2, 2x + 2)/2,
    written here as the inverse regularised gamma function they reduce to (as scipy's chi2.ppf
    does). A zero count has lower limit 0.
    """
    z = normal_quantile(confidence)
    alpha = 1 - confidence
    with np.errstate(divide="ignore", invalid="ignore"):
        lower = count * (1 - 1 / (9 * count) - z / (3 * np.sqrt(count))) ** 3
        upper = (count + 1) * (1 - 1 / (9 * (count + 1)) + z / (3 * np.sqrt(count + 1))) ** 3
    small = count < SMALL_COUNT
    lower[small] = np.where(count[small] > 0, gammaincinv(count[small], alpha / 2), 0.0)
    upper[small] = gammaincinv(count[small] + 1, 1 - alpha / 2)
    undefined = ~(count >= 0)
    lower[undefined] = np.nan
    upper[undefined] = np.nan
    return lower, upper


def wilson_interval(
    numerator: ColumnLike,
    denominator: ColumnLike,
    confidence: float = 0.95,
    multiplier: float = 100,
) -> Interval:
    """Wilson score limits of numerator/denominator, times multiplier (100 for a percentage)."""
    count, total = as_floats(numerator, denominator)
    z = normal_quantile(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        spread = z * np.sqrt(z**2 + 4 * count * (1 - count / total))
        lower = (2 * count + z**2 - spread) / 2 / (total + z**2) * multiplier
        upper = (2 * count + z**2 + spread) / 2 / (total + z**2) * multiplier
    # The formula gives 0 and 1 here only up to rounding (z * sqrt(z**2) is not exactly z**2).
    lower = np.where(count == 0, 0.0, lower)
    upper = np.where(count == total, float(multiplier), upper)
    undefined = ~((count >= 0) & (count <= total) & (total > 0))
    return Interval(
        to_series("lower", np.where(undefined, np.nan, lower)),
        to_series("upper", np.where(undefined, np.nan, upper)),
    )


def byar_interval(
    count: ColumnLike,
    denominator: ColumnLike,
    confidence: float = 0.95,
    multiplier: float = 100_000,
) -> Interval:
    """Limits of the crude rate count/denominator × multiplier: Byar's, exact below 10 events."""
    events, population = as_floats(count, denominator)
    lower, upper = poisson_count_limits(events, confidence)
    undefined = ~(population > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return Interval(
            to_series("lower", np.where(undefined, np.nan, lower / population * multiplier)),
            to_series("upper", np.where(undefined, np.nan, upper / population * multiplier)),
        )


def dobson_interval(
    rate: ColumnLike,
    total_count: ColumnLike,
    rate_variance: ColumnLike,
    confidence: float = 0.95,
    multiplier: float = 100_000,
) -> Interval:
    """Dobson limits of a directly standardised rate, as PHStatsMethods' dobson_lower/upper.

    rate is the DSR already times multiplier; rate_variance is its variance before the multiplier,
    sum(count × (standard population / population)²) / (sum of standard population)²; Byar's
    limits on the total count are scaled onto the rate. Undefined (null) below 10 events.
    """
    dsr, events, variance = as_floats(rate, total_count, rate_variance)
    count_lower, count_upper = poisson_count_limits(events, confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.sqrt(variance / events) * multiplier
    too_few = ~(events >= SMALL_COUNT)
    return Interval(
        to_series("lower", np.where(too_few, np.nan, dsr + scale * (count_lower - events))),
        to_series("upper", np.where(too_few, np.nan, dsr + scale * (count_upper - events))),
    )


def _sum_or_null(column: pl.Expr) -> pl.Expr:
    """The group's sum, null if any member is null (PHStatsMethods sums with skipna=False)."""
    return pl.when(column.is_null().any()).then(None).otherwise(column.sum())


def directly_standardised_rate(
    strata: pl.DataFrame,
    *,
    count: str,
    population: str,
    standard_population: str,
    by: Sequence[str],
    confidences: Sequence[float] = (0.95, 0.998),
    multiplier: float = 100_000,
) -> pl.DataFrame:
    """DSRs with Dobson limits from one row per group and stratum (usually age band).

    The inputs mirror PHStatsMethods' ph_dsr(num_col, denom_col, ref_denom_col, group_cols): the
    standard population (e.g. the European Standard Population) is a column beside each stratum.
    One row per group: total_count, total_population, value and lower_<c>/upper_<c> for each
    confidence (lower_95, upper_99_8). As in PHEindicatormethods and PHStatsMethods, a group with
    fewer than 10 events gets no value or limits; a null count counts as 0 events; a stratum with
    no positive population leaves its group undefined.
    """
    stratum_weight = pl.col(standard_population) / pl.col(population)
    events = pl.col(count).fill_null(0)
    groups = (
        strata.with_columns(
            _weighted=pl.when(pl.col(population) > 0).then(events * stratum_weight),
            _squared=pl.when(pl.col(population) > 0).then(events * stratum_weight**2),
        )
        .group_by(by, maintain_order=True)
        .agg(
            total_count=pl.col(count).sum(),
            total_population=_sum_or_null(pl.col(population)),
            _weighted=_sum_or_null(pl.col("_weighted")),
            _squared=_sum_or_null(pl.col("_squared")),
            _standard=_sum_or_null(pl.col(standard_population)),
        )
        .with_columns(
            value=pl.col("_weighted") / pl.col("_standard") * multiplier,
            _variance=pl.col("_squared") / pl.col("_standard") ** 2,
        )
    )
    limits = {}
    for confidence in confidences:
        interval = dobson_interval(
            groups["value"], groups["total_count"], groups["_variance"], confidence, multiplier
        )
        suffix = confidence_suffix(confidence)
        limits[f"lower_{suffix}"] = interval.lower
        limits[f"upper_{suffix}"] = interval.upper
    return (
        groups.with_columns(**limits)
        .with_columns(
            value=pl.when(pl.col("total_count") >= SMALL_COUNT).then(pl.col("value")).fill_nan(None)
        )
        .drop("_weighted", "_squared", "_standard", "_variance")
    )


PERCENT = 100.0


class ScaledValue(NamedTuple):
    value: pl.Series
    lower: pl.Series
    upper: pl.Series


def value_on_scale(
    numerator: ColumnLike, denominator: ColumnLike, scale: pl.Series, confidence: float = 0.95
) -> ScaledValue:
    """numerator/denominator on each row's scale, with its interval: Wilson where the scale is a
    percentage (100; a missing scale counts as one), Byar's for a rate on any other scale."""
    scale = scale.fill_null(PERCENT)
    wilson = wilson_interval(numerator, denominator, confidence, multiplier=PERCENT)
    byar = byar_interval(numerator, denominator, confidence, multiplier=1.0)
    count, total = as_floats(numerator, denominator)
    percent = (scale == PERCENT).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        value = count / total * scale.to_numpy()
    return ScaledValue(
        to_series("value", value),
        to_series(
            "lower",
            np.where(percent, wilson.lower.to_numpy(), byar.lower.to_numpy() * scale.to_numpy()),
        ),
        to_series(
            "upper",
            np.where(percent, wilson.upper.to_numpy(), byar.upper.to_numpy() * scale.to_numpy()),
        ),
    )
