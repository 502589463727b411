"""Fingertips' statistical methods on whole columns: intervals, disclosure, verdicts, inequality.

Element-wise functions take Polars Series (or numpy arrays, or scalars) and return Polars Series
with null where a result is undefined; grouped ones take a Polars DataFrame and return one row
per group. See each module for the method and its source.
"""

from __future__ import annotations

from assets.statistics.comparisons import agrees_with_published, compare_to_benchmark
from assets.statistics.disclosure import DisclosureRule, Suppressed, suppress
from assets.statistics.inequality import Gaps, gaps, sii_rii
from assets.statistics.intervals import (
    Interval,
    byar_interval,
    directly_standardised_rate,
    dobson_interval,
    wilson_interval,
)
from assets.statistics.quintiles import quintile_labels
from assets.statistics.trend import recent_trend

__all__ = [
    "DisclosureRule",
    "Gaps",
    "Interval",
    "Suppressed",
    "agrees_with_published",
    "byar_interval",
    "compare_to_benchmark",
    "directly_standardised_rate",
    "dobson_interval",
    "gaps",
    "quintile_labels",
    "recent_trend",
    "sii_rii",
    "suppress",
    "wilson_interval",
]
