"""assets.statistics against PHStatsMethods on the same rows (its fastest path: the quicker of
its DataFrame function and its per-row functions), with the largest difference between the two
answers; then our kernels alone on many rows.

Run: .venv/bin/python -m benchmarks.statistics_benchmark [--reference-rows 5000] [--rows 1000000]
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


def _fastest(paths: dict[str, Callable[[], object]]) -> tuple[str, float, object]:
    """PHStatsMethods' quickest way to the answer: each path timed, the quickest kept."""
    best: tuple[str, float, object] | None = None
    for name, run in paths.items():
        started = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            answer = run()
        seconds = time.perf_counter() - started
        if best is None or seconds < best[1]:
            best = (name, seconds, answer)
    assert best is not None
    return best


def _largest_difference(ours: object, theirs: object) -> float:
    ours_values = np.asarray(ours, dtype=float)
    their_values = np.asarray(theirs, dtype=float)
    scale = np.maximum(np.abs(their_values), 1e-300)
    return float(np.nanmax(np.abs(ours_values - their_values) / scale))


def _side_by_side(
    label: str, rows: int, ours: Callable[[], object], theirs: dict[str, Callable[[], object]]
) -> None:
    """Ours and PHStatsMethods' fastest path on the same rows, and how far the answers differ."""
    started = time.perf_counter()
    our_answer = ours()
    our_seconds = time.perf_counter() - started
    path, their_seconds, their_answer = _fastest(theirs)
    difference = _largest_difference(our_answer, their_answer)
    print(
        f"{label:<26} {rows:>8,} rows  ours {our_seconds:8.4f} s  PHStatsMethods "
        f"{their_seconds:8.3f} s ({path})  {their_seconds / our_seconds:8.0f}× faster  "
        f"largest relative difference {difference:.1e}"
    )


def benchmark_against_reference(rng: np.random.Generator, rows: int) -> None:
    """The same rows through both: Wilson and Byar limits (95%), and DSRs with Dobson limits."""
    counts, denominators = counts_and_denominators(rng, rows * 2)
    keep = (counts > 0).to_numpy()  # PHStatsMethods' rates refuse a zero count
    counts, denominators = counts.filter(keep).head(rows), denominators.filter(keep).head(rows)
    cases = pd.DataFrame({"count": counts.to_numpy(), "denominator": denominators.to_numpy()})
    pairs = list(zip(cases["count"], cases["denominator"], strict=True))

    def ours_wilson() -> np.ndarray:
        interval = wilson_interval(counts, denominators, 0.95, 100)
        return np.column_stack([interval.lower.to_numpy(), interval.upper.to_numpy()])

    _side_by_side(
        "Wilson interval",
        len(cases),
        ours_wilson,
        {
            "ph_proportion": lambda: ph.ph_proportion(
                cases, "count", "denominator", multiplier=100, metadata=False
            )[["lower_95_ci", "upper_95_ci"]].to_numpy(),
            "wilson_lower/upper per row": lambda: np.array(
                [(ph.wilson_lower(n, d) * 100, ph.wilson_upper(n, d) * 100) for n, d in pairs]
            ),
        },
    )

    def ours_byar() -> np.ndarray:
        interval = byar_interval(counts, denominators, 0.95, 100_000)
        return np.column_stack([interval.lower.to_numpy(), interval.upper.to_numpy()])

    _side_by_side(
        "Byar interval (exact < 10)",
        len(cases),
        ours_byar,
        {
            "ph_rate": lambda: ph.ph_rate(cases, "count", "denominator", metadata=False)[
                ["lower_95_ci", "upper_95_ci"]
            ].to_numpy(),
            "byars_lower/upper per row": lambda: np.array(
                [
                    (ph.byars_lower(n) / d * 100_000, ph.byars_upper(n) / d * 100_000)
                    for n, d in pairs
                ]
            ),
        },
    )
    age_bands = strata(rng, rows)
    bands = age_bands.to_pandas()

    def ours_dsr() -> np.ndarray:
        rates = directly_standardised_rate(
            age_bands,
            count="count",
            population="population",
            standard_population="standard",
            by=["area"],
            confidences=(0.95,),
        ).sort("area")
        return rates.select("value", "lower_95", "upper_95").to_numpy()

    _side_by_side(
        "DSR with Dobson limits",
        age_bands.height,
        ours_dsr,
        {
            "ph_dsr": lambda: (
                ph.ph_dsr(
                    bands,
                    "count",
                    "population",
                    "standard",
                    group_cols="area",
                    euro_standard_pops=False,
                    metadata=False,
                )
                .sort_values("area")[["Value", "lower_95_ci", "upper_95_ci"]]
                .to_numpy()
            )
        },
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows for our kernels alone")
    parser.add_argument(
        "--reference-rows",
        type=int,
        default=REFERENCE_ROWS,
        help="rows both sides compute in the side-by-side comparison",
    )
    arguments = parser.parse_args()
    rng = np.random.default_rng(1)
    print("Statistics against PHStatsMethods: the same rows, its fastest path, answers compared")
    benchmark_against_reference(rng, arguments.reference_rows)
    print(f"Our kernels alone on {arguments.rows:,} rows")
    benchmark_ours(rng, arguments.rows)


if __name__ == "__main__":
    main()
