"""Wilson, Byar's and Dobson intervals and disclosure control, against PHStatsMethods 0.1.16.

PHStatsMethods (OHID's row-by-row reference) is the yardstick on thousands of generated cases,
small counts and zeros included. Agreement is relative: |ours − reference| ≤ 1e-9 × |reference|,
with an absolute floor of 1e-12 for references at zero. PHStatsMethods raises on a zero count
for rates; there the exact Poisson limits it documents (0 and chi2(0.975, 2)/2) are the reference.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import PHStatsMethods as ph
import polars as pl
import pytest

from assets.statistics import (
    DisclosureRule,
    byar_interval,
    directly_standardised_rate,
    dobson_interval,
    suppress,
    wilson_interval,
)

RELATIVE_TOLERANCE = 1e-9
ZERO_FLOOR = 1e-12
CONFIDENCES = [0.95, 0.998]


def assert_matches_reference(ours: pl.Series, reference: pd.Series | np.ndarray) -> None:
    np.testing.assert_allclose(
        ours.cast(pl.Float64).to_numpy(),
        np.asarray(reference, dtype=float),
        rtol=RELATIVE_TOLERANCE,
        atol=ZERO_FLOOR,
        equal_nan=True,
    )


def generated_counts(rng: np.random.Generator, size: int) -> np.ndarray:
    """Counts across every regime: zero, exact (<10), the switch at 10, Byar's, and large."""
    return np.concatenate(
        [
            np.zeros(size // 10),
            np.arange(1, 21, dtype=float).repeat(size // 200),
            np.round(10 ** rng.uniform(0, 6, size // 2)),
            np.round(10 ** rng.uniform(0, 3, size // 10), 3),  # Fingertips counts can be fractional
        ]
    )


@pytest.fixture(scope="module")
def rng() -> np.random.Generator:
    return np.random.default_rng(20240601)


def test_wilson_matches_phstatsmethods_including_zero_and_whole_counts(rng):
    denominators = np.round(10 ** rng.uniform(0, 6, 5000))
    numerators = np.round(
        denominators * rng.choice([0, 1, 0.001, 0.5], 5000, p=[0.1, 0.1, 0.3, 0.5])
    )
    numerators = np.where(rng.random(5000) < 0.5, numerators, rng.integers(0, denominators + 1))
    cases = pd.DataFrame({"n": numerators, "d": denominators})
    reference = ph.ph_proportion(
        cases, "n", "d", confidence=CONFIDENCES, multiplier=100, metadata=False
    )
    assert (cases["n"] == 0).sum() > 200 and (cases["n"] == cases["d"]).sum() > 200
    for confidence, suffix in zip(CONFIDENCES, ["95", "99_8"], strict=True):
        ours = wilson_interval(pl.Series(numerators), pl.Series(denominators), confidence, 100)
        assert_matches_reference(ours.lower, reference[f"lower_{suffix}_ci"])
        assert_matches_reference(ours.upper, reference[f"upper_{suffix}_ci"])


def test_byar_matches_phstatsmethods_on_positive_counts(rng):
    counts = generated_counts(rng, 5000)
    counts = counts[counts > 0]
    populations = counts * 10 ** rng.uniform(0.5, 4, len(counts))
    cases = pd.DataFrame({"count": counts, "population": populations})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = ph.ph_rate(
            cases, "count", "population", confidence=CONFIDENCES, multiplier=100_000, metadata=False
        )
    assert (counts < 10).sum() > 500 and (counts >= 10).sum() > 2000
    for confidence, suffix in zip(CONFIDENCES, ["95", "99_8"], strict=True):
        ours = byar_interval(pl.Series(counts), pl.Series(populations), confidence, 100_000)
        assert_matches_reference(ours.lower, reference[f"lower_{suffix}_ci"])
        assert_matches_reference(ours.upper, reference[f"upper_{suffix}_ci"])


@pytest.mark.parametrize("confidence", CONFIDENCES)
def test_a_zero_count_is_a_valid_rate_with_the_exact_upper_limit(confidence):
    ours = byar_interval(pl.Series([0, 0]), pl.Series([1_000, 250_000]), confidence, 100_000)
    upper_count = ph.exact_upper(0, confidence)
    assert ours.lower.to_list() == [0.0, 0.0]
    assert_matches_reference(
        ours.upper, [upper_count / 1_000 * 100_000, upper_count / 250_000 * 100_000]
    )


def test_undefined_inputs_give_null_limits_not_errors():
    wilson = wilson_interval(pl.Series([-1, 11, 3, None]), pl.Series([10, 10, 0, 10]))
    byar = byar_interval(pl.Series([-1, 5, None]), pl.Series([100, 0, 100]))
    assert wilson.lower.null_count() == 4 and wilson.upper.null_count() == 4
    assert byar.lower.null_count() == 3 and byar.upper.null_count() == 3


def generated_strata(rng: np.random.Generator, groups: int) -> pd.DataFrame:
    """19 age bands per area, event rates from very rare (totals under 10, zeros) to common."""
    standard = ph.euro_standard_pop()["euro_standard_pops"].to_numpy()
    population = np.round(10 ** rng.uniform(2, 5, (groups, 19)))
    rate = 10 ** rng.uniform(-5.5, -1.5, (groups, 1)) * np.linspace(0.2, 3, 19)
    return pd.DataFrame(
        {
            "area": np.repeat(np.arange(groups), 19),
            "count": rng.poisson(population * rate).ravel().astype(float),
            "population": population.ravel(),
            "standard": np.tile(standard, groups).astype(float),
        }
    )


def test_dsr_and_dobson_limits_match_phstatsmethods(rng):
    strata = generated_strata(rng, 1500)
    reference = ph.ph_dsr(
        strata,
        "count",
        "population",
        "standard",
        group_cols="area",
        confidence=CONFIDENCES,
        euro_standard_pops=False,
        metadata=False,
    ).sort_values("area")
    ours = directly_standardised_rate(
        pl.from_pandas(strata),
        count="count",
        population="population",
        standard_population="standard",
        by=["area"],
    ).sort("area")
    totals = reference["Total Count"]
    assert (totals < 10).sum() > 100 and (totals == 0).sum() > 10 and (totals >= 10).sum() > 1000
    assert_matches_reference(ours["total_count"], totals)
    assert_matches_reference(ours["value"], reference["Value"])
    for suffix in ["95", "99_8"]:
        assert_matches_reference(ours[f"lower_{suffix}"], reference[f"lower_{suffix}_ci"])
        assert_matches_reference(ours[f"upper_{suffix}"], reference[f"upper_{suffix}_ci"])


def test_dobson_interval_on_its_own_inputs_matches_phstatsmethods():
    rate, count, variance = 512.3, 57.0, 3.1e-7
    ours = dobson_interval(pl.Series([rate]), pl.Series([count]), pl.Series([variance]), 0.95)
    assert_matches_reference(ours.lower, [ph.dobson_lower(rate, count, variance, 0.95, 100_000)])
    assert_matches_reference(ours.upper, [ph.dobson_upper(rate, count, variance, 0.95, 100_000)])


def test_suppress_masks_small_counts_and_flags_them_but_keeps_zeros():
    rule = DisclosureRule(min_count=5, min_denominator=100)
    values = pl.Series([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    counts = pl.Series([0, 3, 5, 50, None, 60])
    denominators = pl.Series([1_000, 1_000, 1_000, 99, 1_000, None])
    masked, flag = suppress(values, counts, rule, denominators)
    assert flag.to_list() == [False, True, False, True, False, False]
    assert masked.to_list() == [1.0, None, 3.0, None, 5.0, 6.0]


def test_suppress_can_treat_zero_as_disclosive():
    rule = DisclosureRule(min_count=5, zero_is_disclosive=True)
    masked, flag = suppress(pl.Series([0.0, 1.0]), pl.Series([0, 8]), rule)
    assert flag.to_list() == [True, False]
    assert masked.to_list() == [None, 1.0]
