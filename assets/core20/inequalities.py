"""Inequality measures of a place's LSOA-level data: Core20 vs the rest with intervals, absolute
and relative gaps, most vs least deprived quintile, and SII/RII across national IMD deciles."""

from __future__ import annotations

import polars as pl

from assets.catalogue import ValueType
from assets.statistics.disclosure import DisclosureRule, suppress
from assets.statistics.inequality import gaps, sii_rii
from assets.statistics.intervals import PERCENT, value_on_scale

KEYS = ["place_id", "source_id", "indicator", "sex", "age", "period_label", "imd_version"]
# Counts of 1 to 4 are not shown (zero discloses nothing about a person).
DISCLOSURE = DisclosureRule(min_count=5)


def _with_values(rows: pl.DataFrame, rule: DisclosureRule) -> pl.DataFrame:
    """Each group's value and 95% interval (Wilson for percentages, Byar's otherwise), masked
    where the disclosure rule says its count is too small to show."""
    scaled = value_on_scale(rows["numerator"], rows["denominator"], rows["scale"])
    rows = rows.with_columns(value=scaled.value, lower=scaled.lower, upper=scaled.upper)
    masked = suppress(rows["value"], rows["numerator"], rule, rows["denominator"])
    hidden = masked.suppressed
    return rows.with_columns(
        value=masked.values,
        lower=pl.when(hidden).then(None).otherwise(pl.col("lower")),
        upper=pl.when(hidden).then(None).otherwise(pl.col("upper")),
        suppressed=hidden,
    )


def _pick(rows: pl.DataFrame, kind: str, group: str, prefix: str) -> pl.DataFrame:
    return rows.filter(
        (pl.col("breakdown_type") == kind) & (pl.col("breakdown_value") == group)
    ).select(
        *KEYS,
        pl.col("value").alias(f"{prefix}_value"),
        pl.col("lower").alias(f"{prefix}_lower_ci_95"),
        pl.col("upper").alias(f"{prefix}_upper_ci_95"),
        pl.col("suppressed").alias(f"{prefix}_suppressed"),
    )


def place_inequalities(breakdowns: pl.DataFrame, rule: DisclosureRule = DISCLOSURE) -> pl.DataFrame:
    """breakdowns: conformed.core20_breakdown rows of a place with each indicator's `scale`.

    A group whose count the rule suppresses shows no value and is flagged; its gaps, and the
    SII/RII of any decile set it belongs to, are left empty rather than computed without it.
    """
    rows = _with_values(breakdowns, rule)
    table = (
        rows.group_by(KEYS, maintain_order=True)
        .agg(is_synthetic=pl.col("is_synthetic").any(), scale=pl.col("scale").first())
        .join(_pick(rows, "core20", "core20", "core20"), on=KEYS, how="left")
        .join(_pick(rows, "core20", "rest of place", "rest"), on=KEYS, how="left")
        .join(_pick(rows, "quintile", "1", "most_deprived_quintile"), on=KEYS, how="left")
        .join(_pick(rows, "quintile", "5", "least_deprived_quintile"), on=KEYS, how="left")
    )
    core20_gap = gaps(table["core20_value"], table["rest_value"])
    quintile_gap = gaps(
        table["most_deprived_quintile_value"], table["least_deprived_quintile_value"]
    )
    deciles = rows.filter(
        (pl.col("breakdown_type") == "decile") & (pl.col("denominator") > 0)
    ).with_columns(
        decile=pl.col("breakdown_value").cast(pl.Int64), scale=pl.col("scale").fill_null(PERCENT)
    )
    indices = pl.concat(
        [
            _indices(deciles.filter(pl.col("scale") == scale), scale)
            for scale in deciles["scale"].unique().sort()
        ]
        or [_indices(deciles, PERCENT)]
    )
    return (
        table.with_columns(
            absolute_gap=core20_gap.absolute,
            relative_gap=core20_gap.relative,
            quintile_absolute_gap=quintile_gap.absolute,
            quintile_relative_gap=quintile_gap.relative,
        )
        .join(indices, on=KEYS, how="left")
        .drop("scale")
    )


def _indices(deciles: pl.DataFrame, scale: float) -> pl.DataFrame:
    """SII and RII across deciles (1 = most deprived), weighted by each decile's denominator."""
    value_type = ValueType.PROPORTION if scale == PERCENT else ValueType.CRUDE_RATE
    return sii_rii(
        deciles,
        by=KEYS,
        quantile="decile",
        value="value",
        population="denominator",
        lower="lower",
        upper="upper",
        value_type=value_type,
        multiplier=scale,
        repetitions=20_000,
    ).select(
        *KEYS,
        "sii",
        pl.col("sii_lower").alias("sii_lower_ci_95"),
        pl.col("sii_upper").alias("sii_upper_ci_95"),
        "rii",
        pl.col("rii_lower").alias("rii_lower_ci_95"),
        pl.col("rii_upper").alias("rii_upper_ci_95"),
    )
