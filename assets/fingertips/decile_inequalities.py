"""SII and RII from Fingertips' own deprivation-decile rows (e.g. England by IMD decile).

Deciles of a national IMD ranking hold about a tenth of the population each, and the downloads
carry no decile populations, so each decile is weighted equally. The value type and polarity
come from the catalogue where it knows the indicator.
"""

from __future__ import annotations

import re

import polars as pl

from assets.statistics.inequality import sii_rii

# Category names as Fingertips writes them, most to least deprived.
_ORDINALS = {"": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
_MOST = re.compile(
    r"^(?:(second|third|fourth|fifth) )?(?:most|more) deprived decile", re.IGNORECASE
)
_LEAST = re.compile(
    r"^(?:(second|third|fourth|fifth) )?(?:least|less) deprived decile", re.IGNORECASE
)
SERIES = ["indicator_id", "area_code", "sex", "age", "category_type", "time_period"]
# An equal share each: 1 is as good as the decile's real population when all are equal.
EQUAL_POPULATION = 1.0


def decile_number(category: str) -> int | None:
    """'Most deprived decile (IMD2019)' → 1 … 'Least deprived decile (IMD2019)' → 10."""
    if match := _MOST.match(category):
        return _ORDINALS[(match[1] or "").lower()]
    if match := _LEAST.match(category):
        return 11 - _ORDINALS[(match[1] or "").lower()]
    return None


def decile_inequalities(rows: pl.DataFrame) -> pl.DataFrame:
    """rows: fact rows of deprivation-decile category types (select_decile_values)."""
    deciles = rows.with_columns(
        decile=pl.col("category").map_elements(decile_number, return_dtype=pl.Int64),
        population=pl.lit(EQUAL_POPULATION),
    ).filter(pl.col("decile").is_not_null())
    if deciles.is_empty():
        return pl.DataFrame()
    return sii_rii(
        deciles,
        by=SERIES,
        quantile="decile",
        value="value",
        population="population",
        lower="lower_ci_95",
        upper="upper_ci_95",
    ).select(
        *SERIES,
        "quantiles",
        "sii",
        pl.col("sii_lower").alias("sii_lower_ci_95"),
        pl.col("sii_upper").alias("sii_upper_ci_95"),
        "rii",
        pl.col("rii_lower").alias("rii_lower_ci_95"),
        pl.col("rii_upper").alias("rii_upper_ci_95"),
    )
