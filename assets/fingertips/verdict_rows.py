"""Fingertips' verdicts computed by the product for every value — compared with England and with
the parent area, and the recent trend — beside the ones Fingertips published, with agreement.

Agreement is judged on what a verdict says about the value: above, similar to or below the
benchmark (Better/Worse read through the polarity), or the trend's direction. A published
"Not compared" or an empty cell is not a verdict, so it neither agrees nor disagrees.
"""

from __future__ import annotations

import polars as pl

from assets.catalogue import Catalogue
from assets.statistics.comparisons import compare_to_benchmark
from assets.statistics.trend import recent_trend

ENGLAND = "E92000001"
SERIES = ["indicator_id", "area_code", "area_type", "sex", "age", "category_type", "category"]
# Fingertips' metadata polarity text, for indicators the catalogue does not hold.
FINGERTIPS_POLARITY = {
    "RAG - Low is good": "lower_is_better",
    "RAG - High is good": "higher_is_better",
    "Low is good": "lower_is_better",
    "High is good": "higher_is_better",
}
FINGERTIPS_VALUE_TYPE = {
    "Proportion": "proportion",
    "Crude rate": "crude rate",
    "Directly standardised rate": "directly standardised rate",
    "Life expectancy": "life expectancy",
}


def _position(verdict: pl.Expr, polarity: pl.Expr) -> pl.Expr:
    """Higher / Similar / Lower, whatever the wording (Better/Worse read through polarity)."""
    word = verdict.str.replace(r"\s+\d+(\.\d+)?%$", "")
    return (
        pl.when(word.is_in(["Higher", "Lower", "Similar"]))
        .then(word)
        .when(word == "Better")
        .then(
            pl.when(polarity == "lower_is_better").then(pl.lit("Lower")).otherwise(pl.lit("Higher"))
        )
        .when(word == "Worse")
        .then(
            pl.when(polarity == "lower_is_better").then(pl.lit("Higher")).otherwise(pl.lit("Lower"))
        )
        .otherwise(None)
    )


def _agrees(ours: str, theirs: str) -> pl.Expr:
    mine, published = (
        _position(pl.col(ours), pl.col("polarity")),
        _position(pl.col(theirs), pl.col("polarity")),
    )
    return pl.when(published.is_null() | mine.is_null()).then(None).otherwise(mine == published)


def _trend_direction(column: str) -> pl.Expr:
    text = pl.col(column).str.replace(r" and getting (better|worse)$", "")
    return pl.when(text.is_null() | (text == "")).then(None).otherwise(text)


def indicator_verdicts(values: pl.DataFrame, catalogue: Catalogue) -> pl.DataFrame:
    """values: conformed/select_values_for_verdicts."""
    known = pl.DataFrame(
        [
            {
                "indicator_id": entry.fingertips_id,
                "catalogue_polarity": str(entry.polarity),
                "catalogue_value_type": str(entry.value_type),
            }
            for entry in catalogue.indicators
            if entry.fingertips_id is not None
        ],
        schema={
            "indicator_id": pl.Int32,
            "catalogue_polarity": pl.String,
            "catalogue_value_type": pl.String,
        },
    )
    rows = values.join(known, on="indicator_id", how="left").with_columns(
        polarity=pl.coalesce(
            "catalogue_polarity",
            pl.col("fingertips_polarity").replace_strict(
                FINGERTIPS_POLARITY, default="no_judgement"
            ),
        ),
        value_type=pl.coalesce(
            "catalogue_value_type",
            pl.col("fingertips_value_type").replace_strict(FINGERTIPS_VALUE_TYPE, default="score"),
        ),
    )
    rows = rows.with_columns(
        compared_to_england=pl.when(pl.col("area_code") == ENGLAND)
        .then(None)
        .otherwise(
            compare_to_benchmark(
                rows["value"],
                rows["lower_ci_95"],
                rows["upper_ci_95"],
                rows["england_value"],
                rows["polarity"],
            )
        ),
        compared_to_england_99_8=pl.when(pl.col("area_code") == ENGLAND)
        .then(None)
        .otherwise(
            compare_to_benchmark(
                rows["value"],
                rows["lower_ci_99_8"],
                rows["upper_ci_99_8"],
                rows["england_value"],
                rows["polarity"],
            )
        ),
        compared_to_parent=compare_to_benchmark(
            rows["value"],
            rows["lower_ci_95"],
            rows["upper_ci_95"],
            rows["parent_value"],
            rows["polarity"],
        ),
        is_latest=pl.col("time_period_sortable")
        == pl.col("time_period_sortable").max().over(SERIES),
    )
    trends = recent_trend(
        rows,
        by=SERIES,
        period="time_period_sortable",
        value="value",
        lower="lower_ci_95",
        upper="upper_ci_95",
        count="count",
        denominator="denominator",
        value_type=pl.col("value_type"),
        polarity=pl.col("polarity"),
    ).select(*SERIES, "recent_trend")
    rows = rows.join(trends, on=SERIES, how="left").with_columns(
        recent_trend=pl.when(pl.col("is_latest")).then(pl.col("recent_trend"))
    )
    return rows.select(
        *SERIES,
        "time_period",
        "polarity",
        "compared_to_england",
        "compared_to_england_99_8",
        "fingertips_compared_to_england",
        agrees_england=_agrees("compared_to_england", "fingertips_compared_to_england"),
        compared_to_parent="compared_to_parent",
        fingertips_compared_to_parent="fingertips_compared_to_parent",
        agrees_parent=_agrees("compared_to_parent", "fingertips_compared_to_parent"),
        recent_trend="recent_trend",
        fingertips_recent_trend="fingertips_recent_trend",
        agrees_trend=pl.when(
            pl.col("recent_trend").is_null() | _trend_direction("fingertips_recent_trend").is_null()
        )
        .then(None)
        .otherwise(_trend_direction("recent_trend") == _trend_direction("fingertips_recent_trend")),
    )
