"""Fingertips' recent-trend marker, computed for every series at once.

The method, as OHID describes it for Fingertips (fingertips-open, `TrendMarkers`; the "Recent
trends" section of Fingertips' technical guidance; ../shared/docs/domain.md):

1. Take the 5 most recent points of the series; with fewer, the trend "Cannot be calculated".
2. Fit a weighted least-squares line of value on time (0, 1, … 4) with weights 1/SE², where
   - for proportions with a count and denominator at every point, the value is the log-odds
     ln(count / (denominator − count)) and SE² = 1/count + 1/(denominator − count);
   - otherwise SE = (upper 95% limit − lower 95% limit) / 3.92.
3. Chi-squared test for linear trend, slope² / var(slope) with var(slope) = 1 / Σw(x − x̄)²,
   against 9.5495 (1 degree of freedom, 99.8% level).
4. A significant slope counts only if the slope re-fitted without each point in turn keeps its
   direction; then "Increasing" or "Decreasing", otherwise "No significant change".
5. Polarity adds "and getting better/worse" (not for no-judgement indicators).

Points with no usable weight (no limits, zero width, a log-odds of 0% or 100%) make the trend
"Cannot be calculated" rather than being skipped, because skipping would change which five
periods the marker describes.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from assets.catalogue import Polarity, ValueType

POINTS = 5
# Chi-squared with 1 degree of freedom at the 99.8% level, as Fingertips hard-codes it.
CRITICAL_VALUE = 9.5495
# A 95% interval is 2 × 1.96 standard errors wide.
INTERVAL_WIDTH_IN_SE = 3.92

INCREASING = "Increasing"
DECREASING = "Decreasing"
NO_SIGNIFICANT_CHANGE = "No significant change"
CANNOT_BE_CALCULATED = "Cannot be calculated"

_GETTING = {
    (INCREASING, Polarity.HIGHER_IS_BETTER): "better",
    (INCREASING, Polarity.LOWER_IS_BETTER): "worse",
    (DECREASING, Polarity.HIGHER_IS_BETTER): "worse",
    (DECREASING, Polarity.LOWER_IS_BETTER): "better",
}


def _as_expr(setting: str | pl.Expr | None) -> pl.Expr:
    return setting if isinstance(setting, pl.Expr) else pl.lit(setting, dtype=pl.String)


def _slope(s0: pl.Expr, sx: pl.Expr, sy: pl.Expr, sxx: pl.Expr, sxy: pl.Expr) -> pl.Expr:
    """The weighted least-squares slope from the weighted sums Σw, Σwx, Σwy, Σwx², Σwxy."""
    return (s0 * sxy - sx * sy) / (s0 * sxx - sx**2)


def _points(
    series: pl.DataFrame,
    by: list[str],
    period: str,
    value: str,
    lower: str,
    upper: str,
    count: str | None,
    denominator: str | None,
    value_type: pl.Expr,
) -> pl.DataFrame:
    """The last five points of each series with the analysed value y, weight w and time x."""
    events = pl.col(count) if count else pl.lit(None, dtype=pl.Float64)
    total = pl.col(denominator) if denominator else pl.lit(None, dtype=pl.Float64)
    log_odds_usable = (events > 0) & (events < total)
    use_log_odds = (value_type == str(ValueType.PROPORTION)) & log_odds_usable.fill_null(
        False
    ).all().over(by)
    return (
        series.sort([*by, period])
        .group_by(by, maintain_order=True)
        .tail(POINTS)
        .with_columns(
            x=pl.int_range(pl.len()).over(by).cast(pl.Float64),
            y=pl.when(use_log_odds)
            .then((events / (total - events)).log())
            .otherwise(pl.col(value))
            .cast(pl.Float64),
            w=pl.when(use_log_odds)
            .then(events * (total - events) / total)
            .otherwise((INTERVAL_WIDTH_IN_SE / (pl.col(upper) - pl.col(lower))) ** 2)
            .cast(pl.Float64),
        )
        .with_columns(
            usable=(
                pl.col("y").is_finite() & pl.col("w").is_finite() & (pl.col("w") > 0)
            ).fill_null(False)
        )
    )


def _marker(direction: pl.Expr, polarity: pl.Expr) -> pl.Expr:
    """The direction with Fingertips' "and getting better/worse" where polarity applies."""
    marker = direction
    for (moving, judged), getting in _GETTING.items():
        marker = (
            pl.when((direction == moving) & (polarity == str(judged)))
            .then(pl.lit(f"{moving} and getting {getting}"))
            .otherwise(marker)
        )
    return marker


def recent_trend(
    series: pl.DataFrame,
    *,
    by: Sequence[str],
    period: str,
    value: str = "value",
    lower: str = "lower_95",
    upper: str = "upper_95",
    count: str | None = None,
    denominator: str | None = None,
    value_type: ValueType | str | pl.Expr = ValueType.SCORE,
    polarity: Polarity | str | pl.Expr | None = None,
    label: str | None = None,
) -> pl.DataFrame:
    """One row per series (group `by`): its recent_trend marker and the test behind it.

    series: one row per group and period; `period` sorts chronologically (e.g. Fingertips'
    "Time period Sortable"). value_type and polarity are catalogue values, for the whole frame
    or as expressions per row (constant within a series). Columns returned: the keys,
    recent_trend, trend_points (points used), trend_slope (per period, on the analysed scale:
    log-odds or value), trend_chi_squared; with `label` (a period label column) also
    trend_periods, the labels of the points used, oldest first, comma-separated.
    """
    keys = list(by)
    points = _points(
        series, keys, period, value, lower, upper, count, denominator, _as_expr(value_type)
    ).with_columns(_polarity=_as_expr(polarity))
    w, x, y = pl.col("w"), pl.col("x"), pl.col("y")
    sums = {"s0": w, "sx": w * x, "sy": w * y, "sxx": w * x**2, "sxy": w * x * y}
    totals = {name: term.sum().over(keys) for name, term in sums.items()}
    slope = _slope(*totals.values())
    # The slope without this point: every weighted sum less this point's own term.
    slope_without_point = _slope(*(totals[name] - term for name, term in sums.items()))
    trends = (
        points.with_columns(keeps_direction=slope_without_point.sign() == slope.sign())
        .group_by(keys, maintain_order=True)
        .agg(
            trend_points=pl.len(),
            usable=pl.col("usable").all(),
            trend_slope=_slope(*(term.sum() for term in sums.values())),
            # 1/var(slope) = Σw(x − x̄)², so chi-squared = slope² × Σw(x − x̄)².
            _spread=(w * x**2).sum() - (w * x).sum() ** 2 / w.sum(),
            _keeps_direction=pl.col("keeps_direction").all(),
            _polarity=pl.col("_polarity").first(),
            trend_periods=pl.col(label).cast(pl.String).str.join(", ")
            if label
            else pl.lit(None, dtype=pl.String),
        )
        .with_columns(trend_chi_squared=pl.col("trend_slope") ** 2 * pl.col("_spread"))
    )
    direction = (
        pl.when(pl.col("trend_slope") > 0).then(pl.lit(INCREASING)).otherwise(pl.lit(DECREASING))
    )
    significant = (pl.col("trend_chi_squared") > CRITICAL_VALUE) & pl.col("_keeps_direction")
    calculable = (pl.col("trend_points") == POINTS) & pl.col("usable")
    return trends.select(
        *keys,
        recent_trend=pl.when(~calculable)
        .then(pl.lit(CANNOT_BE_CALCULATED))
        .when(significant)
        .then(_marker(direction, pl.col("_polarity")))
        .otherwise(pl.lit(NO_SIGNIFICANT_CHANGE)),
        trend_points="trend_points",
        trend_slope=pl.when(calculable).then("trend_slope"),
        trend_chi_squared=pl.when(calculable).then("trend_chi_squared"),
        **({"trend_periods": "trend_periods"} if label else {}),
    )
