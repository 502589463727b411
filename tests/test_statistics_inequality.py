"""Gaps, SII and RII: worked examples by hand, statsmodels for the fit, properties of the
simulated limits, and real Fingertips rows from ../shared/data/fingertips/all_data/.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
import statsmodels.api as sm

from assets.statistics import gaps, sii_rii
from tests.conftest import require_shared

DECILES_MOST_TO_LEAST_DEPRIVED = [
    "Most deprived decile (IMD2019)",
    "Second most deprived decile (IMD2019)",
    "Third more deprived decile (IMD2019)",
    "Fourth more deprived decile (IMD2019)",
    "Fifth more deprived decile (IMD2019)",
    "Fifth less deprived decile (IMD2019)",
    "Fourth less deprived decile (IMD2019)",
    "Third less deprived decile (IMD2019)",
    "Second least deprived decile (IMD2019)",
    "Least deprived decile (IMD2019)",
]


def quantile_frame(values, populations, errors=None, group="A") -> pl.DataFrame:
    values = np.asarray(values, dtype=float)
    frame = pl.DataFrame(
        {
            "group": group,
            "quantile": np.arange(len(values)),
            "value": values,
            "population": np.asarray(populations, dtype=float),
        }
    )
    if errors is None:
        return frame
    return frame.with_columns(
        lower=pl.Series(values - 1.959963984540054 * np.asarray(errors)),
        upper=pl.Series(values + 1.959963984540054 * np.asarray(errors)),
    )


def sii_of(frame: pl.DataFrame, **options) -> pl.DataFrame:
    limits = {"lower": "lower", "upper": "upper"} if "lower" in frame.columns else {}
    return sii_rii(
        frame,
        by=["group"],
        quantile="quantile",
        value="value",
        population="population",
        **limits,
        **options,
    )


def test_gaps_are_difference_and_ratio():
    absolute, relative = gaps(pl.Series([30.0, 12.0, 5.0]), pl.Series([20.0, 16.0, 0.0]))
    assert absolute.to_list() == [10.0, -4.0, 5.0]
    assert relative.to_list() == [1.5, 0.75, None]


def test_equal_quintiles_on_a_straight_line():
    # Ranks 0.1, 0.3, … 0.9; values fall 2 per 0.2 of rank: slope −10, fitted(0) = 11,
    # fitted(1) = 1. SII = 1 − 11 = −10, RII = 1 / 11.
    result = sii_of(quantile_frame([10, 8, 6, 4, 2], [1] * 5)).row(0, named=True)
    assert result["sii"] == pytest.approx(-10, abs=1e-12)
    assert result["rii"] == pytest.approx(1 / 11, rel=1e-12)
    assert result["sii_lower"] is None  # no limits given: point estimates only


def test_unequal_populations_place_each_quantile_at_its_population_midpoint():
    # Shares 1/8, 1/8, 1/8, 1/8, 1/2: midpoints 1/16, 3/16, 5/16, 7/16, 3/4. Values on the line
    # 2 + 4 × rank are fitted exactly, whatever the weights: SII = 4, RII = 6 / 2 = 3.
    ranks = np.array([1, 3, 5, 7, 12]) / 16
    result = sii_of(quantile_frame(2 + 4 * ranks, [100, 100, 100, 100, 400])).row(0, named=True)
    assert result["sii"] == pytest.approx(4, rel=1e-12)
    assert result["rii"] == pytest.approx(3, rel=1e-12)


def test_many_groups_match_statsmodels_weighted_least_squares():
    rng = np.random.default_rng(3)
    frames, expected = [], []
    for group in range(200):
        count = int(rng.integers(5, 21))
        populations = rng.uniform(1_000, 50_000, count)
        values = rng.uniform(50, 90, count)
        share = populations / populations.sum()
        rank = np.cumsum(share) - share / 2
        fit = sm.WLS(values, sm.add_constant(rank), weights=share).fit()
        expected.append((fit.params[1], (fit.params[0] + fit.params[1]) / fit.params[0]))
        frames.append(quantile_frame(values, populations, group=str(group)))
    results = sii_of(pl.concat(frames).sample(fraction=1.0, shuffle=True, seed=2))
    results = results.sort(pl.col("group").cast(pl.Int64))
    np.testing.assert_allclose(results["sii"], [e[0] for e in expected], rtol=1e-9)
    np.testing.assert_allclose(results["rii"], [e[1] for e in expected], rtol=1e-9)


def test_simulated_limits_on_the_natural_scale_match_the_normal_theory_limits():
    # Untransformed, the simulated SII is exactly normal with sd √Σ(cᵢ sᵢ)², c the fit's weights.
    values, errors = [20.0, 17.0, 15.0, 11.0, 9.0], np.array([1.0, 0.5, 2.0, 1.5, 1.0])
    result = sii_of(quantile_frame(values, [1] * 5, errors)).row(0, named=True)
    rank = np.array([0.1, 0.3, 0.5, 0.7, 0.9])
    slope_weights = 0.2 * (rank - 0.5) / (0.2 * (rank - 0.5) ** 2).sum()
    spread = 1.959963984540054 * np.sqrt(((slope_weights * errors) ** 2).sum())
    assert result["sii_lower"] == pytest.approx(result["sii"] - spread, rel=0.01)
    assert result["sii_upper"] == pytest.approx(result["sii"] + spread, rel=0.01)
    assert result["rii_lower"] < result["rii"] < result["rii_upper"]


def test_limits_are_reproducible_and_depend_only_on_the_groups_own_data_and_the_seed():
    rate_group = quantile_frame([120, 100, 90, 70, 60], [5e4] * 5, [10, 9, 8, 7, 6])
    other_group = quantile_frame([1, 2, 3, 4, 5, 6], [1] * 6, [0.5] * 6, group="B")
    alone = sii_of(rate_group, value_type="crude rate", seed=11)
    together = sii_of(pl.concat([other_group, rate_group]), value_type="crude rate", seed=11)
    assert alone.row(0) == together.filter(pl.col("group") == "A").row(0)
    reseeded = sii_of(rate_group, value_type="crude rate", seed=12).row(0, named=True)
    assert reseeded["sii_lower"] != alone["sii_lower"][0]
    assert reseeded["sii_lower"] == pytest.approx(alone["sii_lower"][0], rel=0.02)


def test_groups_outside_phe_sii_limits_get_nulls():
    groups = pl.concat(
        [
            quantile_frame([5, 4, 3, 2], [1] * 4, group="four quantiles"),
            quantile_frame([5, 4, 3, 2, 1], [1, 1, 0, 1, 1], group="empty quantile"),
            quantile_frame([5, 4, None, 2, 1], [1] * 5, group="missing value"),
        ]
    )
    result = sii_of(groups)
    assert result["sii"].null_count() == 3 and result["rii"].null_count() == 3


# --- real data ---------------------------------------------------------------------------------


def test_air_pollution_fraction_by_imd2019_decile_in_2019():
    """PHOF D01 (30101) for England by County & UA and by District & UA IMD2019 decile.

    The download has no limits, counts or populations for these rows: each decile is taken as a
    tenth of the population (the deciles group areas into tenths), and only the point estimates
    exist. No reference SII is published, so properties are asserted: a slightly higher fraction
    at the deprived end (negative SII, RII just under 1), small against the ~5% level.
    """
    path = require_shared("data/fingertips/all_data/ons_sdg_3-9-1_old_series_30101.csv")
    deciles = (
        pl.read_csv(path, infer_schema_length=0, null_values="NA")
        .filter(pl.col("Category.Type").is_not_null(), pl.col("Time.period") == "2019")
        .select(
            group="Category.Type",
            quantile=pl.col("Category").replace_strict(DECILES_MOST_TO_LEAST_DEPRIVED, range(10)),
            value=pl.col("Value").cast(pl.Float64),
            population=pl.lit(1.0),
        )
    )
    result = sii_of(deciles)
    assert result.height == 2 and (result["quantiles"] == 10).all()
    assert ((result["sii"] < 0) & (result["sii"] > -0.5)).all()
    assert ((result["rii"] < 1) & (result["rii"] > 0.9)).all()
    assert result["sii_lower"].null_count() == 2


def test_children_in_low_income_families_across_east_midlands_areas_by_deprivation():
    """10101 (2016) across the nine East Midlands Counties & UAs, ordered by their IMD 2015 score
    (91872 in the same download), with the children counted as population and the published
    Wilson limits: the least deprived end has far fewer children in low income families.
    """
    path = require_shared("data/fingertips/all_data/gss_cogs_indicators-CountyUApre419.data.csv")
    download = pl.read_csv(path, infer_schema_length=0).filter(pl.col("Area Type") != "England")
    download = download.filter(pl.col("Area Type") != "Region")
    deprivation = download.filter(pl.col("Indicator ID") == "91872").select(
        "Area Code", score=pl.col("Value").cast(pl.Float64)
    )
    areas = (
        download.filter(pl.col("Indicator ID") == "10101")
        .join(deprivation, on="Area Code")
        .select(
            group=pl.lit("East Midlands"),
            quantile=pl.col("score").rank(descending=True),
            value=pl.col("Value").cast(pl.Float64),
            population=pl.col("Denominator").cast(pl.Float64),
            lower=pl.col("Lower CI 95.0 limit").cast(pl.Float64),
            upper=pl.col("Upper CI 95.0 limit").cast(pl.Float64),
        )
    )
    options = {"value_type": "proportion", "multiplier": 100}
    result = sii_of(areas, **options).row(0, named=True)
    assert result["quantiles"] == 9
    assert result["sii_lower"] < result["sii"] < result["sii_upper"] < 0
    assert 0 < result["rii_lower"] < result["rii"] < result["rii_upper"] < 1
    assert np.isfinite(
        [result[k] for k in ("sii_lower", "sii_upper", "rii_lower", "rii_upper")]
    ).all()
    assert sii_of(areas, **options).row(0, named=True) == result
