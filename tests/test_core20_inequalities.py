"""Core20 gaps, quintile gaps and SII/RII from a place's summed LSOA counts."""

from __future__ import annotations

import polars as pl
import pytest

from assets.core20.inequalities import place_inequalities
from assets.statistics.intervals import wilson_interval

KEY = {
    "place_id": "croydon",
    "source_id": "s",
    "indicator": "croydon:PP11",
    "sex": "Persons",
    "age": "18+ yrs",
    "period_label": "2024/25",
    "imd_version": "imd2019",
    "is_synthetic": True,
    "scale": 100.0,
}


def _row(kind: str, group: str, numerator: float, denominator: float) -> dict:
    return {
        **KEY,
        "breakdown_type": kind,
        "breakdown_value": group,
        "numerator": numerator,
        "denominator": denominator,
    }


def _breakdowns() -> pl.DataFrame:
    rows = [
        _row("core20", "core20", 30, 100),
        _row("core20", "rest of place", 80, 200),
        _row("quintile", "1", 25, 100),
        _row("quintile", "5", 90, 200),
    ]
    # Ten equal deciles whose values rise by 5 points a decile: 10%, 15%, … 55%. On the
    # population-midpoint rank r = (d − 0.5)/10 that is exactly 7.5 + 50r.
    rows += [_row("decile", str(d), 10 * (10 + 5 * (d - 1)), 1000) for d in range(1, 11)]
    return pl.DataFrame(rows)


def test_gaps_and_intervals():
    (row,) = place_inequalities(_breakdowns()).to_dicts()
    core20 = wilson_interval(30, 100)
    assert row["core20_value"] == pytest.approx(30.0)
    assert (row["core20_lower_ci_95"], row["core20_upper_ci_95"]) == (
        pytest.approx(core20.lower[0]),
        pytest.approx(core20.upper[0]),
    )
    assert row["rest_value"] == pytest.approx(40.0)
    assert row["absolute_gap"] == pytest.approx(-10.0)
    assert row["relative_gap"] == pytest.approx(0.75)
    assert row["quintile_absolute_gap"] == pytest.approx(25.0 - 45.0)
    assert row["quintile_relative_gap"] == pytest.approx(25.0 / 45.0)


def test_sii_and_rii_of_a_straight_line():
    (row,) = place_inequalities(_breakdowns()).to_dicts()
    assert row["sii"] == pytest.approx(50.0, abs=1e-9)
    assert row["rii"] == pytest.approx(57.5 / 7.5, rel=1e-9)
    assert row["sii_lower_ci_95"] < row["sii"] < row["sii_upper_ci_95"]
    # The simulation has a fixed seed: the same input gives the same interval.
    (again,) = place_inequalities(_breakdowns()).to_dicts()
    assert (again["sii_lower_ci_95"], again["sii_upper_ci_95"]) == (
        row["sii_lower_ci_95"],
        row["sii_upper_ci_95"],
    )


def test_small_counts_are_suppressed_and_flagged():
    rows = _breakdowns().with_columns(
        numerator=pl.when(pl.col("breakdown_value") == "core20")
        .then(3)
        .otherwise(pl.col("numerator"))
    )
    (row,) = place_inequalities(rows).to_dicts()
    assert row["core20_suppressed"] is True
    assert row["core20_value"] is None and row["core20_lower_ci_95"] is None
    assert row["absolute_gap"] is None
    assert row["rest_suppressed"] is False and row["rest_value"] == pytest.approx(40.0)
