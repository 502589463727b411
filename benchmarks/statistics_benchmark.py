"""Rows per second of assets.statistics on ~1M generated rows, and of PHStatsMethods on 5k.

Run: .venv/bin/python benchmarks/statistics_benchmark.py [--rows 1000000]
Speed is measured here, not in the tests. SII/RII is reported per group as well: its cost is
the simulation (100,000 draws per group), not the rows.
"""

from __future__ import annotations

import argparse
import time
import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd
import PHStatsMethods as ph
import polars as pl

from assets.statistics import (
    DisclosureRule,
    byar_interval,
    compare_to_benchmark,
    directly_standardised_rate,
    recent_trend,
    sii_rii,
    suppress,
    wilson_interval,
)

REFERENCE_ROWS = 5_000
SII_GROUPS = 200
AGE_BANDS = 19


def timed(label: str, rows: int, run: Callable[[], object]) -> None:
    start = time.perf_counter()
    run()
    seconds = time.perf_counter() - start
    print(f"{label:<48} {rows:>10,} rows {seconds:8.2f} s {rows / seconds:>14,.0f} rows/s")


def counts_and_denominators(rng: np.random.Generator, rows: int) -> tuple[pl.Series, pl.Series]:
    denominators = np.round(10 ** rng.uniform(1, 6, rows))
    counts = rng.binomial(denominators.astype(np.int64), 10 ** rng.uniform(-4, -0.5, rows))
    return pl.Series(counts.astype(float)), pl.Series(denominators)


def strata(rng: np.random.Generator, rows: int) -> pl.DataFrame:
    """Areas × 19 age bands with the European Standard Population beside each band."""
    areas = rows // AGE_BANDS
    standard = ph.euro_standard_pop()["euro_standard_pops"].to_numpy()
    population = np.round(10 ** rng.uniform(2, 5, (areas, AGE_BANDS)))
    return pl.DataFrame(
        {
            "area": np.repeat(np.arange(areas), AGE_BANDS),
            "count": rng.poisson(population * 10 ** rng.uniform(-4, -2, (areas, 1))).ravel(),
            "population": population.ravel(),
            "standard": np.tile(standard, areas).astype(float),
        }
    )


def trend_series(rng: np.random.Generator, rows: int) -> pl.DataFrame:
    series = rows // 5
    values = 50 + rng.normal(0, 0.5, (series, 1)) * np.arange(5) + rng.normal(0, 1, (series, 5))
    return pl.DataFrame(
        {
            "area": np.repeat(np.arange(series), 5),
            "period": np.tile(np.arange(5), series),
            "value": values.ravel(),
            "lower_95": (values - 1.96).ravel(),
            "upper_95": (values + 1.96).ravel(),
        }
    )


def deciles(rng: np.random.Generator, groups: int) -> pl.DataFrame:
    values = rng.uniform(50, 90, (groups, 10))
    return pl.DataFrame(
        {
            "area": np.repeat(np.arange(groups), 10),
            "decile": np.tile(np.arange(10), groups),
            "value": values.ravel(),
            "population": rng.uniform(1e4, 5e4, groups * 10),
            "lower": (values - 2).ravel(),
            "upper": (values + 2).ravel(),
        }
    )


def benchmark_ours(rng: np.random.Generator, rows: int) -> None:
    counts, denominators = counts_and_denominators(rng, rows)
    values = counts / denominators * 100
    timed("wilson_interval", rows, lambda: wilson_interval(counts, denominators))
    timed("byar_interval", rows, lambda: byar_interval(counts, denominators))
    age_bands = strata(rng, rows)
    timed(
        "directly_standardised_rate (Dobson, 95 + 99.8)",
        age_bands.height,
        lambda: directly_standardised_rate(
            age_bands,
            count="count",
            population="population",
            standard_population="standard",
            by=["area"],
        ),
    )
    timed("suppress", rows, lambda: suppress(values, counts, DisclosureRule(min_count=5)))
    interval = wilson_interval(counts, denominators)
    timed(
        "compare_to_benchmark",
        rows,
        lambda: compare_to_benchmark(
            values, interval.lower, interval.upper, 1.0, "lower_is_better"
        ),
    )
    series = trend_series(rng, rows)
    timed(
        "recent_trend (5 points a series)",
        series.height,
        lambda: recent_trend(series, by=["area"], period="period", polarity="higher_is_better"),
    )
    quantiles = deciles(rng, SII_GROUPS)
    timed(
        f"sii_rii ({SII_GROUPS} groups × 10 deciles, 100k draws)",
        quantiles.height,
        lambda: sii_rii(
            quantiles,
            by=["area"],
            quantile="decile",
            value="value",
            population="population",
            lower="lower",
            upper="upper",
            value_type="crude rate",
        ),
    )
    many = deciles(rng, rows // 10).drop("lower", "upper")
    timed(
        "sii_rii point estimates only (no limits)",
        many.height,
        lambda: sii_rii(
            many, by=["area"], quantile="decile", value="value", population="population"
        ),
    )


def benchmark_reference(rng: np.random.Generator) -> None:
    counts, denominators = counts_and_denominators(rng, 2 * REFERENCE_ROWS)
    cases = pd.DataFrame({"count": counts.to_numpy(), "denominator": denominators.to_numpy()})
    cases = cases[cases["count"] > 0].head(REFERENCE_ROWS)  # ph_rate raises on a zero count
    timed(
        "PHStatsMethods ph_proportion",
        len(cases),
        lambda: ph.ph_proportion(cases, "count", "denominator", multiplier=100, metadata=False),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        timed(
            "PHStatsMethods ph_rate",
            len(cases),
            lambda: ph.ph_rate(cases, "count", "denominator", metadata=False),
        )
    age_bands = strata(rng, REFERENCE_ROWS).to_pandas()
    timed(
        "PHStatsMethods ph_dsr",
        len(age_bands),
        lambda: ph.ph_dsr(
            age_bands,
            "count",
            "population",
            "standard",
            group_cols="area",
            euro_standard_pops=False,
            metadata=False,
        ),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    rows = parser.parse_args().rows
    rng = np.random.default_rng(1)
    benchmark_ours(rng, rows)
    benchmark_reference(rng)


if __name__ == "__main__":
    main()
