"""Fingertips' quintile benchmarking ("Compared to England value or percentiles" for indicators
benchmarked by quintiles), on columns.

The method, as OHID's Fingertips computes it (fingertips-open, `QuintilesComparer`,
`ValueCategoriesCalculator`, `SignificanceFormatter`):

1. Take the valid values of the areas compared (every child area for England; the parent's
   children for the parent), sorted; with fewer than five, nothing is compared.
2. The bounds are the minimum, the 20th, 40th, 60th and 80th percentiles, and the maximum, each
   percentile interpolated linearly between order statistics at position (n − 1) × fraction + 1
   and rounded to 10 decimal places.
3. An area's quintile is the first bound, from the 20th percentile up, that its value does not
   exceed: 1 for the lowest values … 5 for the highest.
4. For "RAG - High is good" indicators Fingertips numbers the quintiles the other way round
   (6 − quintile), and names the number, not the position: so there the highest values are
   labelled "Lowest quintile". That is what Fingertips publishes, so it is what we write.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from assets.catalogue import Polarity
from assets.statistics.comparisons import NOT_COMPARED

FEWEST_VALUES = 5
QUINTILE_LABELS = {
    1: "Lowest quintile",
    2: "2nd lowest quintile",
    3: "Middle quintile",
    4: "2nd highest quintile",
    5: "Highest quintile",
}
_FRACTIONS = (0.2, 0.4, 0.6, 0.8)


def quintile_labels(
    frame: pl.DataFrame,
    *,
    by: Sequence[str],
    value: str,
    polarity: str | pl.Expr | None,
    compared: str | pl.Expr = True,
) -> pl.Series:
    """Each row's quintile name among the compared rows of its group `by` ("Not compared" for
    rows not compared, and in groups of fewer than five valid values).

    compared: a Boolean column or expression saying which rows are ranked (e.g. the child areas,
    not England or the regions beside them); polarity: a catalogue polarity per row or for all.
    """
    keys = list(by)
    ranked = pl.lit(compared) if isinstance(compared, bool) else _expr(compared)
    polarity_expr = (
        pl.lit(polarity, dtype=pl.String) if not isinstance(polarity, pl.Expr) else polarity
    )
    rows = frame.with_columns(
        _ranked=ranked & pl.col(value).is_not_null(), _polarity=polarity_expr
    ).with_row_index("_row")
    bounds = (
        rows.filter("_ranked")
        .group_by(keys)
        .agg(
            _values=pl.len(),
            **{
                f"_bound_{i}": pl.col(value).quantile(fraction, interpolation="linear").round(10)
                for i, fraction in enumerate(_FRACTIONS, start=1)
            },
        )
    )
    placed = rows.join(bounds, on=keys, how="left", nulls_equal=True).with_columns(
        _quintile=1
        + pl.sum_horizontal(
            (pl.col(f"_bound_{i}") < pl.col(value)).cast(pl.Int8) for i in range(1, 5)
        )
    )
    quintile = (
        pl.when(pl.col("_polarity") == str(Polarity.HIGHER_IS_BETTER))
        .then(6 - pl.col("_quintile"))
        .otherwise(pl.col("_quintile"))
    )
    return (
        placed.sort("_row")
        .select(
            pl.when(pl.col("_ranked") & (pl.col("_values") >= FEWEST_VALUES))
            .then(quintile.replace_strict(QUINTILE_LABELS, default=None, return_dtype=pl.String))
            .otherwise(pl.lit(NOT_COMPARED))
            .alias("comparison")
        )
        .to_series()
    )


def _expr(column: str | pl.Expr) -> pl.Expr:
    return pl.col(column) if isinstance(column, str) else column
