"""Small-number suppression by a configurable disclosure rule, with a flag for every masked value.

Publishers set their own thresholds (NHS England's HES rule masks 1–7; OHID masks counts under
some number per indicator), so the rule is data, not code. A zero count discloses nothing about
a person under the usual rules and stays visible unless the rule says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import polars as pl

from assets.statistics.columns import ColumnLike, as_floats, to_series


@dataclass(frozen=True)
class DisclosureRule:
    """Mask a value whose count is below min_count or whose denominator is below min_denominator.

    zero_is_disclosive: also mask zero counts (some publishers treat 0 like any small number).
    """

    min_count: float = 0
    min_denominator: float = 0
    zero_is_disclosive: bool = False


class Suppressed(NamedTuple):
    values: pl.Series
    suppressed: pl.Series


def suppress(
    values: ColumnLike,
    counts: ColumnLike,
    rule: DisclosureRule,
    denominators: ColumnLike | None = None,
) -> Suppressed:
    """The values with small-number cells masked to null, and a boolean `suppressed` flag.

    A missing count or denominator cannot be judged against the rule and is not flagged (values
    published without counts, such as modelled estimates, stay visible).
    """
    value, count, denominator = as_floats(
        values, counts, np.nan if denominators is None else denominators
    )
    small_count = (count < rule.min_count) & ((count != 0) | rule.zero_is_disclosive)
    flag = small_count | (denominator < rule.min_denominator)
    return Suppressed(
        to_series("value", np.where(flag, np.nan, value)),
        pl.Series("suppressed", flag, dtype=pl.Boolean),
    )
