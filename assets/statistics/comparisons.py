"""Fingertips' benchmark comparison ("compared to England / region / neighbours"), on columns.

Fingertips tests the benchmark's *point value* against the *area's own* confidence interval
(its "Confidence intervals overlapping reference value" method; fingertips-open,
`PholioVisualisation.Analysis` comparers): inside the interval → Similar; the whole interval
above → Higher, below → Lower, which polarity turns into Better or Worse. The caller chooses the
level by passing the 95% or the 99.8% limits, and the benchmark: England's value, the region's,
or the nearest-neighbour group's.
"""

from __future__ import annotations

import re

import numpy as np
import polars as pl

from assets.catalogue import Polarity
from assets.statistics.columns import ColumnLike, as_floats

NOT_COMPARED = "Not compared"

# Labels for an interval wholly below the benchmark, containing it, wholly above it.
_LABELS = {
    Polarity.HIGHER_IS_BETTER: ("Worse", "Similar", "Better"),
    Polarity.LOWER_IS_BETTER: ("Better", "Similar", "Worse"),
    Polarity.NO_JUDGEMENT: ("Lower", "Similar", "Higher"),
}

# Fingertips sometimes appends the level to a verdict: "Better 95%", "Worse 99.8%".
_LEVEL_SUFFIX = re.compile(r"\s+\d+(\.\d+)?%$")


def _polarities(polarity: Polarity | str | pl.Series | None, rows: int) -> np.ndarray:
    """One polarity per row (None: the indicator is not compared), checked against the catalogue's."""
    given = polarity.cast(pl.String) if isinstance(polarity, pl.Series) else pl.Series([polarity])
    unknown = set(given.drop_nulls().unique().to_list()) - {str(known) for known in _LABELS}
    if unknown:
        raise ValueError(f"unknown polarity {sorted(unknown)}; expected one of {list(_LABELS)}")
    if isinstance(polarity, pl.Series):
        return polarity.cast(pl.String).to_numpy().astype(object)
    return np.full(rows, None if polarity is None else str(polarity), dtype=object)


def compare_to_benchmark(
    value: ColumnLike,
    lower: ColumnLike,
    upper: ColumnLike,
    benchmark: ColumnLike,
    polarity: Polarity | str | pl.Series | None,
) -> pl.Series:
    """Better/Similar/Worse (or Higher/Similar/Lower for no_judgement) for each row.

    "Not compared" where the value, either limit or the benchmark is missing, or the polarity is
    None (Fingertips' "No comparison" indicators).
    """
    area, low, high, reference = as_floats(value, lower, upper, benchmark)
    position = np.select([high < reference, low > reference], [0, 2], default=1)
    polarities = _polarities(polarity, len(area))
    labels = np.full(len(area), NOT_COMPARED, dtype=object)
    for known, names in _LABELS.items():
        rows = polarities == str(known)
        labels[rows] = np.asarray(names, dtype=object)[position[rows]]
    missing = np.isnan(area) | np.isnan(low) | np.isnan(high) | np.isnan(reference)
    labels[missing] = NOT_COMPARED
    return pl.Series("comparison", labels, dtype=pl.String)


def agrees_with_published(ours: pl.Series, published: pl.Series) -> pl.Series:
    """True where our verdict is Fingertips' published one; null where Fingertips published none.

    Published labels are compared without a trailing confidence level ("Better 95%" → "Better").
    """
    labels = pl.DataFrame({"ours": ours, "published": published})
    published_label = pl.col("published").str.strip_chars().str.replace(_LEVEL_SUFFIX.pattern, "")
    return labels.select(
        agrees=pl.when(published_label.is_null() | (published_label == ""))
        .then(None)
        .otherwise(pl.col("ours") == published_label)
    ).to_series()
