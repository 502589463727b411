"""Compared-to-benchmark verdicts and recent-trend markers: by hand, against statsmodels, and
against the verdicts Fingertips published in the real downloads in ../shared/data/fingertips/.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest
import statsmodels.api as sm

from assets.statistics import agrees_with_published, compare_to_benchmark, recent_trend
from assets.statistics.trend import CRITICAL_VALUE
from tests.conftest import require_shared

NUMERIC_COLUMNS = [
    "Value",
    "Lower CI 95.0 limit",
    "Upper CI 95.0 limit",
    "Count",
    "Denominator",
    "Time period Sortable",
]
# Headline rows only in these files, so one value per indicator, sex, age and period.
SERIES_KEYS = ["Indicator ID", "Sex", "Age", "Time period"]
ENGLAND_COLUMN = "Compared to England value or percentiles"
REGION_COLUMN = "Compared to Region value or percentiles"
# In the GSS Cogs download every row of 11202 and 92863 is "Not compared" although 11202 has 95%
# and 99.8% limits everywhere: in that profile both use Fingertips' "No comparison" method
# (polarity "Not applicable"); the others compare without polarity (Higher / Lower).
GSS_NOT_COMPARED = ["11202", "92863"]


def read_all_data(name: str) -> pl.DataFrame:
    path: Path = require_shared(f"data/fingertips/all_data/{name}")
    return pl.read_csv(path, infer_schema_length=0).with_columns(
        pl.col(NUMERIC_COLUMNS).cast(pl.Float64)
    )


def with_benchmarks(download: pl.DataFrame) -> pl.DataFrame:
    """Each row with England's value and its parent region's value from the same download."""
    england = download.filter(pl.col("Area Type") == "England").select(
        *SERIES_KEYS, england_value="Value"
    )
    regions = download.filter(pl.col("Area Type") == "Region").select(
        *SERIES_KEYS, pl.col("Area Code").alias("Parent Code"), region_value="Value"
    )
    return (
        download.join(england, on=SERIES_KEYS, how="left")
        .join(regions, on=[*SERIES_KEYS, "Parent Code"], how="left")
        # England is not compared with itself.
        .with_columns(england_value=pl.when(pl.col("Area Type") != "England").then("england_value"))
    )


def ours_against(rows: pl.DataFrame, benchmark: str, polarity: pl.Series | str) -> pl.Series:
    return compare_to_benchmark(
        rows["Value"],
        rows["Lower CI 95.0 limit"],
        rows["Upper CI 95.0 limit"],
        rows[benchmark],
        polarity,
    )


# --- compared to benchmark: the rule ---------------------------------------------------------


@pytest.mark.parametrize(
    ("polarity", "expected"),
    [
        ("higher_is_better", ["Worse", "Similar", "Better", "Similar", "Similar"]),
        ("lower_is_better", ["Better", "Similar", "Worse", "Similar", "Similar"]),
        ("no_judgement", ["Lower", "Similar", "Higher", "Similar", "Similar"]),
    ],
)
def test_benchmark_is_tested_against_the_areas_own_interval(polarity, expected):
    # Benchmark 10: intervals below, around, above it, and touching it at either end.
    verdicts = compare_to_benchmark(
        pl.Series([8.0, 10.5, 12.0, 9.0, 11.0]),
        pl.Series([7.0, 9.0, 10.5, 8.0, 10.0]),
        pl.Series([9.0, 12.0, 13.0, 10.0, 12.0]),
        10.0,
        polarity,
    )
    assert verdicts.to_list() == expected


def test_missing_inputs_and_no_comparison_indicators_are_not_compared():
    verdicts = compare_to_benchmark(
        pl.Series([None, 5.0, 5.0, 5.0, 5.0]),
        pl.Series([4.0, None, 4.0, 4.0, 6.0]),
        pl.Series([6.0, 6.0, 6.0, 6.0, 7.0]),
        pl.Series([1.0, 1.0, None, 1.0, 1.0]),
        pl.Series(
            ["higher_is_better", "higher_is_better", "higher_is_better", None, "no_judgement"]
        ),
    )
    assert verdicts.to_list() == ["Not compared"] * 4 + ["Higher"]


def test_an_unknown_polarity_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown polarity"):
        compare_to_benchmark(1.0, 0.5, 1.5, 2.0, "high is good")


def test_agreement_ignores_fingertips_level_suffix_and_skips_missing_verdicts():
    agrees = agrees_with_published(
        pl.Series(["Better", "Worse", "Similar", "Lower"]),
        pl.Series(["Better 95%", "Better 99.8%", None, "Lower"]),
    )
    assert agrees.to_list() == [True, False, None, True]


# --- compared to benchmark: Fingertips' published verdicts ------------------------------------


@pytest.fixture(scope="module")
def gss_cogs() -> pl.DataFrame:
    download = with_benchmarks(read_all_data("gss_cogs_indicators-CountyUApre419.data.csv"))
    return download.with_columns(
        polarity=pl.when(pl.col("Indicator ID").is_in(GSS_NOT_COMPARED))
        .then(None)
        .otherwise(pl.lit("no_judgement"))
    )


@pytest.mark.parametrize(
    ("benchmark", "published"), [("england_value", ENGLAND_COLUMN), ("region_value", REGION_COLUMN)]
)
def test_gss_cogs_comparisons_agree_with_fingertips_row_by_row(gss_cogs, benchmark, published):
    ours = ours_against(gss_cogs, benchmark, gss_cogs["polarity"])
    agrees = agrees_with_published(ours, gss_cogs[published])
    disagreements = gss_cogs.with_columns(ours=ours).filter(~agrees)
    assert gss_cogs.height == 87 and agrees.null_count() == 0
    assert disagreements.is_empty(), disagreements.select(
        "Indicator ID", "Area Name", published, "ours"
    )
    # The agreement is not only on "Not compared": real Higher, Lower and Similar verdicts.
    assert {"Higher", "Lower", "Similar"} <= set(ours.to_list())


@pytest.mark.parametrize(
    "name", ["ons_sdg_3-5-1_unmet_alcohol.csv", "ons_sdg_3-5-1_unmet_opiates.csv"]
)
def test_unmet_treatment_need_better_similar_agree_with_fingertips(name):
    # Dependent drinkers / opiate users not in treatment: lower is better.
    download = with_benchmarks(read_all_data(name))
    ours = ours_against(download, "england_value", "lower_is_better")
    agrees = agrees_with_published(ours, download[ENGLAND_COLUMN])
    assert agrees.all(), download.with_columns(ours=ours).filter(~agrees)
    assert "Better" in ours.to_list() and "Similar" in ours.to_list()


# --- recent trend: the rule, by hand ----------------------------------------------------------


def one_series(values: list[float], standard_error: float | list[float], **columns) -> pl.DataFrame:
    errors = np.broadcast_to(standard_error, len(values))
    return pl.DataFrame(
        {
            "area": ["A"] * len(values),
            "period": list(range(len(values))),
            "value": values,
            "lower_95": np.asarray(values) - 1.96 * errors,
            "upper_95": np.asarray(values) + 1.96 * errors,
            **columns,
        }
    )


def trend_of(series: pl.DataFrame, **options) -> dict:
    return recent_trend(series, by=["area"], period="period", **options).row(0, named=True)


def test_a_slope_of_one_with_unit_errors_gives_chi_squared_ten():
    # x = 0..4, w = 1: slope 1, Σw(x − x̄)² = 10, chi-squared = 1² × 10 = 10 > 9.5495.
    trend = trend_of(one_series([10, 11, 12, 13, 14], 1.0), polarity="higher_is_better")
    assert trend["trend_chi_squared"] == pytest.approx(10.0, rel=1e-12)
    assert trend["recent_trend"] == "Increasing and getting better"
    # Errors 1.03: chi-squared 10 / 1.03² = 9.43, just under the critical value.
    assert (
        trend_of(one_series([10, 11, 12, 13, 14], 1.03))["recent_trend"] == "No significant change"
    )


def test_only_the_last_five_points_count():
    # A steep early fall is ignored: the last five periods are flat.
    trend = trend_of(one_series([40, 30, 20, 10, 10, 10, 10, 10], 1.0))
    assert trend["recent_trend"] == "No significant change" and trend["trend_points"] == 5


def test_a_trend_carried_by_one_point_fails_the_leave_one_out_check():
    # (0, 0, 0, 0, 5): slope 1 and chi-squared 10, but without the last point the slope is 0.
    trend = trend_of(one_series([0, 0, 0, 0, 5], 1.0))
    assert trend["trend_chi_squared"] == pytest.approx(10.0, rel=1e-12)
    assert trend["recent_trend"] == "No significant change"


@pytest.mark.parametrize(
    ("values", "polarity", "expected"),
    [
        ([1, 2, 3, 4, 5], "higher_is_better", "Increasing and getting better"),
        ([1, 2, 3, 4, 5], "lower_is_better", "Increasing and getting worse"),
        ([5, 4, 3, 2, 1], "higher_is_better", "Decreasing and getting worse"),
        ([5, 4, 3, 2, 1], "lower_is_better", "Decreasing and getting better"),
        ([1, 2, 3, 4, 5], "no_judgement", "Increasing"),
        ([5, 4, 3, 2, 1], None, "Decreasing"),
    ],
)
def test_polarity_words_the_marker_as_fingertips_does(values, polarity, expected):
    assert trend_of(one_series(values, 0.1), polarity=polarity)["recent_trend"] == expected


def test_too_few_points_or_a_missing_interval_cannot_be_calculated():
    assert trend_of(one_series([1, 2, 3, 4], 0.1))["recent_trend"] == "Cannot be calculated"
    gap = one_series([1, 2, 3, 4, 5], 0.1).with_columns(
        upper_95=pl.when(pl.col("period") == 2).then(None).otherwise("upper_95")
    )
    assert trend_of(gap)["recent_trend"] == "Cannot be calculated"


def test_proportions_use_counts_on_the_log_odds_scale():
    counts = np.array([100, 120, 140, 160, 180])
    series = one_series(list(counts / 10), 0.5, count=counts, denominator=[1000] * 5)
    options = {"count": "count", "denominator": "denominator", "value_type": "proportion"}
    y = np.log(counts / (1000 - counts))
    w = counts * (1000 - counts) / 1000
    fit = sm.WLS(y, sm.add_constant(np.arange(5.0)), weights=w).fit(cov_type="fixed scale")
    trend = trend_of(series, **options)
    assert trend["trend_slope"] == pytest.approx(fit.params[1], rel=1e-12)
    assert trend["trend_chi_squared"] == pytest.approx((fit.params[1] / fit.bse[1]) ** 2, rel=1e-9)
    assert trend["recent_trend"] == "Increasing"
    # A zero count has no log-odds: the series is then tested on its values and 95% limits.
    zero = series.with_columns(count=pl.Series([0, 120, 140, 160, 180]))
    assert trend_of(zero, **options)["trend_slope"] == pytest.approx(2.0, rel=1e-12)


# --- recent trend: against statsmodels, one series at a time -----------------------------------


def reference_marker(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, str]:
    """The method fitted with statsmodels WLS (known variances), leave-one-out by refitting."""

    def slope_and_chi_squared(keep: np.ndarray) -> tuple[float, float]:
        fit = sm.WLS(y[keep], sm.add_constant(x[keep]), weights=w[keep]).fit(cov_type="fixed scale")
        return fit.params[1], (fit.params[1] / fit.bse[1]) ** 2

    slope, chi_squared = slope_and_chi_squared(np.ones(5, dtype=bool))
    kept = all(
        np.sign(slope_and_chi_squared(np.arange(5) != left_out)[0]) == np.sign(slope)
        for left_out in range(5)
    )
    if chi_squared > CRITICAL_VALUE and kept:
        return chi_squared, "Increasing" if slope > 0 else "Decreasing"
    return chi_squared, "No significant change"


def test_four_hundred_random_series_match_a_statsmodels_fit():
    rng = np.random.default_rng(7)
    series_count = 400
    slopes = rng.normal(0, 0.6, series_count)
    errors = rng.uniform(0.3, 1.5, (series_count, 5))
    values = 50 + slopes[:, None] * np.arange(5) + rng.normal(0, 1, (series_count, 5)) * errors
    frame = pl.DataFrame(
        {
            "area": np.repeat(np.arange(series_count), 5),
            "period": np.tile(np.arange(5), series_count),
            "value": values.ravel(),
            "lower_95": (values - 1.96 * errors).ravel(),
            "upper_95": (values + 1.96 * errors).ravel(),
        }
    ).sample(fraction=1.0, shuffle=True, seed=1)  # order of rows must not matter
    ours = recent_trend(frame, by=["area"], period="period").sort("area")
    references = [
        reference_marker(np.arange(5.0), values[i], 1 / errors[i] ** 2) for i in range(series_count)
    ]
    np.testing.assert_allclose(ours["trend_chi_squared"], [r[0] for r in references], rtol=1e-9)
    assert ours["recent_trend"].to_list() == [r[1] for r in references]
    assert len(set(ours["recent_trend"])) == 3  # both directions and no change all exercised


# --- recent trend: Fingertips' published markers -----------------------------------------------


def published_and_ours(download: pl.DataFrame) -> pl.DataFrame:
    series = ["Indicator ID", "Area Code", "Sex", "Age"]
    ours = recent_trend(
        download.with_columns(
            lower_95="Lower CI 95.0 limit", upper_95="Upper CI 95.0 limit", value="Value"
        ),
        by=series,
        period="Time period Sortable",
    )
    # Fingertips gives the marker on the latest period of each series only.
    return download.filter(pl.col("Recent Trend").is_not_null()).join(ours, on=series, how="left")


def test_gss_cogs_trends_agree_where_the_download_holds_the_series():
    rows = published_and_ours(read_all_data("gss_cogs_indicators-CountyUApre419.data.csv"))
    agrees = agrees_with_published(rows["recent_trend"], rows["Recent Trend"])
    # The download holds one period per indicator, so every series here has fewer than five
    # points and ours cannot be calculated. Fingertips computed 10101, 11501 and 11202 from
    # five years of history that the download does not carry: exactly those rows differ.
    assert rows.height == 87 and rows["trend_points"].max() == 1
    not_in_download = rows["Recent Trend"] != "Cannot be calculated"
    assert agrees.to_list() == (~not_in_download).to_list()
    assert sorted(rows.filter(not_in_download)["Indicator ID"].unique()) == [
        "10101",
        "11202",
        "11501",
    ]
    assert int(agrees.sum()) == 54


@pytest.mark.parametrize(
    "name", ["ons_sdg_3-5-1_unmet_alcohol.csv", "ons_sdg_3-5-1_unmet_opiates.csv"]
)
def test_unmet_treatment_need_trends_agree_with_fingertips(name):
    rows = published_and_ours(read_all_data(name))
    agrees = agrees_with_published(rows["recent_trend"], rows["Recent Trend"])
    assert rows.height > 0 and agrees.all()
