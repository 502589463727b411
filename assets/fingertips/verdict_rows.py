"""Fingertips' verdicts computed by the product for every value — compared with England and with
the parent area, and the recent trend — in Fingertips' own words, beside the ones Fingertips
published, with agreement.

Each indicator is judged by its own Fingertips settings (assets/fingertips/benchmarking.py): its
comparator method (confidence intervals at 95% or 99.8%, quintiles, or no comparison) and its
polarity, which chooses the words (Better/Similar/Worse, Higher/Similar/Lower for "BOB", quintile
names, "Not compared" for "Not applicable"). Fingertips compares a row with its parent only where
the parent is below England (a region's row, compared with England twice, is "Not compared").

Agreement is the published word against ours, a trailing confidence level ("Better 95%")
aside. "Not compared", "Cannot be calculated" or an empty cell is not a verdict: where either side
has none, agreement is null (not comparable), never false.
"""

from __future__ import annotations

import polars as pl

from assets.catalogue import Catalogue
from assets.fingertips.benchmarking import (
    CONFIDENCE_INTERVALS,
    NO_COMPARISON,
    NOT_APPLICABLE,
    QUINTILES,
    with_settings,
)
from assets.statistics.comparisons import NOT_COMPARED, compare_to_benchmark
from assets.statistics.quintiles import quintile_labels
from assets.statistics.trend import CANNOT_BE_CALCULATED, recent_trend

ENGLAND = "E92000001"
KEY = ["indicator_id", "area_code", "area_type", "sex", "age", "category_type", "category"]
# A series is one area's values over time, whichever download or area-type text carried them:
# Fingertips computes the trend over the indicator's latest points, not one download's.
SERIES = ["indicator_id", "area_code", "sex", "age", "category_type", "category"]
# What a comparison's peers share: the same indicator, breakdown and period, and area type.
PEERS = ["indicator_id", "area_type_id", "sex", "age", "category_type", "category", "time_period"]
NOT_VERDICTS = [NOT_COMPARED, CANNOT_BE_CALCULATED, ""]
_LEVEL_SUFFIX = r"\s+\d+(\.\d+)?%$"


def _comparison(
    rows: pl.DataFrame, benchmark: str, applies: pl.Expr, peers: list[str]
) -> pl.Series:
    """Ours against `benchmark` by each row's method; "Not compared" where it does not apply."""
    polarity = pl.when(pl.col("polarity") != NOT_APPLICABLE).then(pl.col("polarity"))
    at_99_8 = rows["comparator_confidence"] == 99.8
    by_intervals = compare_to_benchmark(
        rows["value"],
        pl.select(
            pl.when(at_99_8).then(rows["lower_ci_99_8"]).otherwise(rows["lower_ci_95"])
        ).to_series(),
        pl.select(
            pl.when(at_99_8).then(rows["upper_ci_99_8"]).otherwise(rows["upper_ci_95"])
        ).to_series(),
        rows[benchmark],
        rows.select(polarity).to_series(),
    )
    # Quintiles rank the child areas among themselves (no deprivation rows, no England or region).
    child = (pl.col("category_type") == "") & ~pl.col("is_parent_area") & applies
    by_quintiles = quintile_labels(
        rows, by=peers, value="value", polarity=pl.col("polarity"), compared=child
    )
    method = pl.col("comparator_method_id")
    return (
        rows.with_columns(by_intervals=by_intervals, by_quintiles=by_quintiles)
        .select(
            pl.when(~applies | (pl.col("polarity") == NOT_APPLICABLE) | (method == NO_COMPARISON))
            .then(pl.lit(NOT_COMPARED))
            .when(method == CONFIDENCE_INTERVALS)
            .then("by_intervals")
            .when(method == QUINTILES)
            .then("by_quintiles")
        )
        .to_series()
    )


def _agrees(ours: str, theirs: str) -> pl.Expr:
    """Whether the words match; null where either side has no verdict."""
    mine = pl.col(ours).str.strip_chars().str.replace(_LEVEL_SUFFIX, "")
    published = pl.col(theirs).str.strip_chars().str.replace(_LEVEL_SUFFIX, "")
    not_judged = (
        mine.is_null()
        | published.is_null()
        | mine.is_in(NOT_VERDICTS)
        | published.is_in(NOT_VERDICTS)
    )
    return pl.when(not_judged).then(None).otherwise(mine == published)


def indicator_verdicts(values: pl.DataFrame, catalogue: Catalogue) -> pl.DataFrame:
    """values: fingertips/select_verdict_values for some indicators (every row of each)."""
    rows = with_settings(values, catalogue)
    parents = rows.select("indicator_id", area_code="parent_code").drop_nulls().unique()
    rows = rows.join(
        parents.with_columns(is_parent_area=pl.lit(True)),
        on=["indicator_id", "area_code"],
        how="left",
    ).with_columns(
        is_parent_area=pl.col("is_parent_area").fill_null(False) | (pl.col("area_code") == ENGLAND)
    )
    not_england = pl.col("area_code") != ENGLAND
    below_england = (
        not_england & pl.col("parent_code").is_not_null() & (pl.col("parent_code") != ENGLAND)
    )
    rows = rows.with_columns(
        compared_to_england=_comparison(rows, "england_value", not_england, PEERS),
        compared_to_england_99_8=pl.when(not_england)
        .then(
            compare_to_benchmark(
                rows["value"],
                rows["lower_ci_99_8"],
                rows["upper_ci_99_8"],
                rows["england_value"],
                rows.select(
                    pl.when(pl.col("polarity") != NOT_APPLICABLE).then("polarity")
                ).to_series(),
            )
        )
        .otherwise(pl.lit(NOT_COMPARED)),
        compared_to_parent=_comparison(
            rows, "parent_value", below_england, [*PEERS, "parent_code"]
        ),
    )
    return _with_recent_trends(rows).select(
        *KEY,
        "time_period",
        "area_type_id",
        "polarity",
        "benchmark_method",
        "compared_to_england",
        "compared_to_england_99_8",
        "fingertips_compared_to_england",
        agrees_england=_agrees("compared_to_england", "fingertips_compared_to_england"),
        compared_to_parent="compared_to_parent",
        fingertips_compared_to_parent="fingertips_compared_to_parent",
        agrees_parent=_agrees("compared_to_parent", "fingertips_compared_to_parent"),
        recent_trend="recent_trend",
        trend_periods="trend_periods",
        fingertips_recent_trend="fingertips_recent_trend",
        agrees_trend=_agrees("recent_trend", "fingertips_recent_trend"),
        inputs_fetched_at="inputs_fetched_at",
    )


def _with_recent_trends(rows: pl.DataFrame) -> pl.DataFrame:
    """Each series' marker on its latest period's rows (null on earlier ones), from the latest
    five periods the warehouse holds; trend_periods says which."""
    # One point per series and period: an area listed under two area types carries the same
    # value twice.
    points = rows.sort("fetched_at", descending=True).unique(
        [*SERIES, "time_period_sortable"], keep="first"
    )
    trends = recent_trend(
        points,
        by=SERIES,
        period="time_period_sortable",
        value="value",
        lower="lower_ci_95",
        upper="upper_ci_95",
        count="count",
        denominator="denominator",
        value_type=pl.col("value_type"),
        polarity=pl.when(pl.col("polarity") != NOT_APPLICABLE).then("polarity"),
        label="time_period",
    ).select(*SERIES, "recent_trend", "trend_periods")
    latest = pl.col("time_period_sortable") == pl.col("time_period_sortable").max().over(SERIES)
    return rows.join(trends, on=SERIES, how="left", nulls_equal=True).with_columns(
        recent_trend=pl.when(latest).then("recent_trend"),
        trend_periods=pl.when(latest).then("trend_periods"),
    )
