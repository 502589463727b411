"""How Fingertips benchmarks each indicator, read from its metadata: polarity, comparator method
and confidence. Fingertips' settings decide the verdict words; the catalogue only fills what the
metadata lacks, and where both say something different the conflict is reported, not resolved.

Ids and words are Fingertips' own (fingertips-open, `PholioObjects/Constants.cs`
`ComparatorMethodIds`, `PolarityIds`; method names as FingertipsNext lists them).
"""

from __future__ import annotations

import polars as pl

from assets.catalogue import Catalogue, Polarity

# Fingertips' polarity text (metadata CSV "Polarity") → the catalogue's words. "Not applicable"
# (PolarityIds.NotApplicable) means Fingertips makes no comparison at all: its verdict is
# "Not compared" whatever the method.
NOT_APPLICABLE = "not_applicable"
FINGERTIPS_POLARITY = {
    "RAG - Low is good": str(Polarity.LOWER_IS_BETTER),
    "RAG - High is good": str(Polarity.HIGHER_IS_BETTER),
    "Low is good": str(Polarity.LOWER_IS_BETTER),
    "High is good": str(Polarity.HIGHER_IS_BETTER),
    "BOB - Blue orange blue": str(Polarity.NO_JUDGEMENT),
    "No judgement": str(Polarity.NO_JUDGEMENT),
    "Not applicable": NOT_APPLICABLE,
}
FINGERTIPS_VALUE_TYPE = {
    "Proportion": "proportion",
    "Crude rate": "crude rate",
    "Directly standardised rate": "directly standardised rate",
    "Life expectancy": "life expectancy",
}

NO_COMPARISON = -1
CONFIDENCE_INTERVALS = 1
QUINTILES = 15
# Where Fingertips' group roots give no method (assets/fingertips/group_roots.py), its usual one:
# the benchmark against the area's own 95% interval; the row's benchmark_method says it was assumed.
DEFAULT_CONFIDENCE = 95.0
ASSUMED = " - assumed, Fingertips gives no method"

SETTINGS_SCHEMA = {
    "indicator_id": pl.Int32,
    "catalogue_polarity": pl.String,
    "catalogue_value_type": pl.String,
}


def catalogue_settings(catalogue: Catalogue) -> pl.DataFrame:
    """The catalogue's polarity and value type per Fingertips id."""
    return pl.DataFrame(
        [
            {
                "indicator_id": entry.fingertips_id,
                "catalogue_polarity": str(entry.polarity),
                "catalogue_value_type": str(entry.value_type),
            }
            for entry in catalogue.indicators
            if entry.fingertips_id is not None
        ],
        schema=SETTINGS_SCHEMA,
    )


def fingertips_polarity(text: pl.Expr) -> pl.Expr:
    """The catalogue word for Fingertips' polarity text; null where Fingertips gives none."""
    return text.cast(pl.String).replace_strict(
        FINGERTIPS_POLARITY, default=None, return_dtype=pl.String
    )


def with_settings(values: pl.DataFrame, catalogue: Catalogue) -> pl.DataFrame:
    """values (one row per value, with Fingertips' metadata columns) plus the settings the verdicts
    use: polarity (catalogue words, or not_applicable), value_type, comparator_method_id and
    comparator_confidence, and benchmark_method in Fingertips' words (saying so where the method
    was assumed)."""
    method = pl.col("fingertips_comparator_method_id")
    confidence = pl.coalesce(
        "fingertips_comparator_confidence", pl.lit(DEFAULT_CONFIDENCE, dtype=pl.Float64)
    )
    rows = values.join(catalogue_settings(catalogue), on="indicator_id", how="left").with_columns(
        polarity=pl.coalesce(
            fingertips_polarity(pl.col("fingertips_polarity")), "catalogue_polarity"
        ),
        value_type=pl.coalesce(
            pl.col("fingertips_value_type")
            .cast(pl.String)
            .replace_strict(FINGERTIPS_VALUE_TYPE, default=None, return_dtype=pl.String),
            "catalogue_value_type",
            pl.lit("score"),
        ),
        comparator_method_id=pl.coalesce(method, pl.lit(CONFIDENCE_INTERVALS, dtype=pl.Int32)),
        comparator_confidence=confidence,
    )
    assumed = method.is_null() & (pl.col("polarity") != NOT_APPLICABLE)
    return rows.with_columns(
        benchmark_method=pl.when(assumed)
        .then(pl.concat_str(benchmark_method_name(), pl.lit(ASSUMED)))
        .otherwise(benchmark_method_name())
    )


def benchmark_method_name() -> pl.Expr:
    """The method in Fingertips' words (as FingertipsNext names them)."""
    method, confidence = pl.col("comparator_method_id"), pl.col("comparator_confidence")
    return (
        pl.when(pl.col("polarity") == NOT_APPLICABLE)
        .then(pl.lit("No comparison"))
        .when(method == NO_COMPARISON)
        .then(pl.lit("No comparison"))
        .when(method == QUINTILES)
        .then(pl.lit("Quintiles"))
        .when(method == CONFIDENCE_INTERVALS)
        .then(
            pl.format(
                "Confidence intervals overlapping reference value ({})",
                confidence.round(1).cast(pl.String),
            )
        )
        .otherwise(pl.format("Comparator method {} (not reproduced)", method.cast(pl.String)))
    )


def polarity_conflicts(indicators: pl.DataFrame, catalogue: Catalogue) -> pl.DataFrame:
    """Indicators whose Fingertips polarity and catalogue polarity say different things about
    which direction is better ("Not applicable" reads as no judgement). indicators: indicator_id,
    polarity (Fingertips' text)."""
    judgement = fingertips_polarity(pl.col("polarity"))
    return (
        indicators.join(catalogue_settings(catalogue), on="indicator_id", how="inner")
        .with_columns(
            fingertips_judgement=pl.when(judgement == NOT_APPLICABLE)
            .then(pl.lit(str(Polarity.NO_JUDGEMENT)))
            .otherwise(judgement)
        )
        .filter(pl.col("fingertips_judgement") != pl.col("catalogue_polarity"))
        .select(
            "indicator_id", fingertips_polarity="polarity", catalogue_polarity="catalogue_polarity"
        )
        .sort("indicator_id")
    )
