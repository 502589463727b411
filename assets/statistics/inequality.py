"""Inequality measures: absolute and relative gaps, and the slope and relative index of inequality.

SII and RII follow OHID's method, PHEindicatormethods' `phe_sii` (R), for many groups at once:

- quantiles ordered most → least deprived; each quantile's population share a, and its relative
  rank b = the midpoint of its cumulative share (0 = most deprived end, 1 = least deprived);
- weighted least squares of value on rank with weights a (phe_sii regresses √a·value on √a and
  b·√a, the same fit); SII = fitted(1) − fitted(0), RII = fitted(1) / fitted(0), so both say
  how the least deprived end compares with the most deprived;
- confidence limits by simulation: each quantile's value is drawn from a normal distribution
  around it with the standard error implied by its 95% limits, on the log scale for rates and the
  logit scale for proportions (phe_sii with transform = TRUE), back-transformed, and the SII and
  RII are refitted per draw; the limits are percentiles of the draws.

Because the fit is linear in the values, SII and fitted(0) are weighted sums of the quantile
values with weights fixed by the populations; each draw is then a dot product, not a regression.
The draws come from numpy's PCG64 seeded with `seed` (R's generator cannot be reproduced, so the
limits match phe_sii's only to simulation error). Every group with the same number of quantiles
uses the same standard-normal draws, so a group's limits depend only on its own data and the seed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np
import polars as pl
from scipy.special import expit, logit

from assets.catalogue import ValueType
from assets.statistics.columns import ColumnLike, as_floats, to_series
from assets.statistics.intervals import normal_quantile

# phe_sii's defaults and limits.
REPETITIONS = 100_000
MIN_QUANTILES = 5
MAX_QUANTILES = 100
DEFAULT_SEED = 20_240_601
# Draws held in memory at once (float64): bounds the simulation's memory to ~100 MB.
_DRAWS_PER_BATCH = 4_000_000

_RATE_TYPES = {
    str(ValueType.CRUDE_RATE),
    str(ValueType.DIRECTLY_STANDARDISED_RATE),
    str(ValueType.INDIRECTLY_STANDARDISED_RATE),
    str(ValueType.INDIRECTLY_STANDARDISED_RATIO),
}


class Gaps(NamedTuple):
    absolute: pl.Series
    relative: pl.Series


def gaps(deprived: ColumnLike, reference: ColumnLike) -> Gaps:
    """Absolute gap (deprived − reference) and relative gap (deprived / reference).

    deprived/reference: Core20 and the rest of the population, or the most and the least
    deprived quintile. The relative gap is null where the reference is 0.
    """
    group, comparison = as_floats(deprived, reference)
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = np.where(comparison == 0, np.nan, group / comparison)
    return Gaps(to_series("absolute_gap", group - comparison), to_series("relative_gap", relative))


class _Scale(NamedTuple):
    """How a value is put on the scale its sampling error is normal on, and back."""

    forward: Callable[[np.ndarray], np.ndarray]
    back: Callable[[np.ndarray], np.ndarray]


def _scale(value_type: str, multiplier: float) -> _Scale:
    if value_type == str(ValueType.PROPORTION):
        return _Scale(lambda v: logit(v / multiplier), lambda t: expit(t) * multiplier)
    if value_type in _RATE_TYPES:
        return _Scale(np.log, np.exp)
    return _Scale(lambda v: v, lambda t: t)


def _fit_weights(
    quantiles: pl.DataFrame, keys: list[str], quantile: str, population: str
) -> pl.DataFrame:
    """Per quantile: the weights giving SII and fitted(0) as weighted sums of the values."""
    share = pl.col(population) / pl.col(population).sum().over(keys)
    rank = pl.col("_share").cum_sum().over(keys) - pl.col("_share") / 2
    mean_rank = (pl.col("_share") * pl.col("_rank")).sum().over(keys)
    centred = pl.col("_share") * (pl.col("_rank") - mean_rank)
    slope_weight = centred / (centred * (pl.col("_rank") - mean_rank)).sum().over(keys)
    return (
        quantiles.sort([*keys, quantile])
        .with_columns(_share=share)
        .with_columns(_rank=rank)
        .with_columns(_slope_weight=slope_weight)
        .with_columns(_intercept_weight=pl.col("_share") - mean_rank * pl.col("_slope_weight"))
    )


def _simulated_limits(
    same_size: pl.DataFrame, scale: _Scale, confidence: float, repetitions: int, seed: int
) -> np.ndarray:
    """SII and RII limits (groups × 4) for groups that all have the same number of quantiles."""
    count = same_size["quantiles"][0]

    def matrix(column: str) -> np.ndarray:
        return same_size[column].list.to_array(count).to_numpy()

    means, errors = matrix("_mean"), matrix("_error")
    weights = np.stack([matrix("_slope_weight"), matrix("_intercept_weight")], axis=-1)
    groups = len(means)
    normal = np.random.default_rng(seed).standard_normal((repetitions, count))
    tails = [(1 - confidence) / 2, (1 + confidence) / 2]
    sii_limits = np.full((groups, 2), np.nan)
    rii_limits = np.full((groups, 2), np.nan)
    batch = max(1, _DRAWS_PER_BATCH // (repetitions * count))
    for start in range(0, groups, batch):
        part = slice(start, start + batch)
        draws = scale.back(means[part, None, :] + errors[part, None, :] * normal[None, :, :])
        sii, fitted_0 = np.einsum("grq,gqk->kgr", draws, weights[part])
        sii_limits[part] = np.quantile(sii, tails, axis=1).T
        with np.errstate(divide="ignore", invalid="ignore"):
            rii_limits[part] = np.quantile((fitted_0 + sii) / fitted_0, tails, axis=1).T
    return np.hstack([sii_limits, rii_limits])


def sii_rii(
    quantiles: pl.DataFrame,
    *,
    by: Sequence[str],
    quantile: str,
    value: str,
    population: str,
    lower: str | None = None,
    upper: str | None = None,
    value_type: ValueType | str = ValueType.SCORE,
    multiplier: float = 1,
    confidence: float = 0.95,
    repetitions: int = REPETITIONS,
    seed: int = DEFAULT_SEED,
) -> pl.DataFrame:
    """SII and RII with simulated confidence limits, one row per group `by`.

    quantiles: one row per group and quantile; `quantile` sorts most → least deprived; lower and
    upper are each quantile's 95% limits; multiplier scales proportions (100 for percentages).
    Columns returned: the keys, quantiles, sii, sii_lower, sii_upper, rii, rii_lower, rii_upper.
    A group outside 5–100 quantiles, with a missing (null or NaN) value or a population that is
    not positive gets nulls; without limits (or with unusable ones) it gets the point estimates only.
    """
    keys = list(by)
    scale = _scale(str(value_type), multiplier)
    z = normal_quantile(0.95)
    rows = _fit_weights(quantiles, keys, quantile, population)
    value_column, lower_column, upper_column = as_floats(
        rows[value], rows[lower] if lower else np.nan, rows[upper] if upper else np.nan
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        rows = rows.with_columns(
            _mean=to_series("_mean", scale.forward(value_column)),
            _error=to_series(
                "_error", (scale.forward(upper_column) - scale.forward(lower_column)) / (2 * z)
            ),
        )
    groups = (
        rows.group_by(keys, maintain_order=True)
        .agg(
            quantiles=pl.len(),
            _valid=(pl.col(value).is_finite() & (pl.col(population) > 0)).fill_null(False).all(),
            sii=(pl.col("_slope_weight") * pl.col(value)).sum(),
            _fitted_0=(pl.col("_intercept_weight") * pl.col(value)).sum(),
            _slope_weight="_slope_weight",
            _intercept_weight="_intercept_weight",
            _mean="_mean",
            _error="_error",
            _simulable=(pl.col("_mean").is_finite() & pl.col("_error").is_finite())
            .fill_null(False)
            .all(),
        )
        .with_columns(
            _valid=pl.col("_valid") & pl.col("quantiles").is_between(MIN_QUANTILES, MAX_QUANTILES)
        )
        .with_columns(
            sii=pl.when("_valid").then("sii"),
            rii=pl.when("_valid").then((pl.col("_fitted_0") + pl.col("sii")) / pl.col("_fitted_0")),
        )
    )
    limits = np.full((groups.height, 4), np.nan)
    simulable = (groups["_valid"] & groups["_simulable"]).to_numpy()
    for count in groups.filter(simulable)["quantiles"].unique():
        chosen = simulable & (groups["quantiles"] == count).to_numpy()
        limits[chosen] = _simulated_limits(
            groups.filter(chosen), scale, confidence, repetitions, seed
        )
    return groups.select(
        *keys,
        "quantiles",
        "sii",
        to_series("sii_lower", limits[:, 0]),
        to_series("sii_upper", limits[:, 1]),
        "rii",
        to_series("rii_lower", limits[:, 2]),
        to_series("rii_upper", limits[:, 3]),
    )
