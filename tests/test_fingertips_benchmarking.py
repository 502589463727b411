"""Verdicts by each indicator's own Fingertips benchmarking method, one test per method, with
values checkable by hand (the methods are in assets/statistics/comparisons.py and quintiles.py,
taken from OHID's fingertips-open comparers and SignificanceFormatter)."""

from __future__ import annotations

import polars as pl
import pytest

from assets.catalogue import load_catalogue
from assets.fingertips.benchmarking import polarity_conflicts
from assets.fingertips.verdict_rows import indicator_verdicts
from pipelines.settings import PROJECT_ROOT

ENGLAND = "E92000001"
REGION = "E12000004"
# Not in the catalogue: only Fingertips' metadata speaks for it.
UNCATALOGUED = 999001


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(PROJECT_ROOT / "indicator_catalogue")


def values(areas: list[dict], **indicator) -> pl.DataFrame:
    """One period of one indicator: England (value 10), a region (value 10) and `areas` under it,
    with the indicator's Fingertips settings (polarity text, method id, confidence)."""
    rows = [
        {"area_code": ENGLAND, "parent_code": None, "value": 10.0},
        {"area_code": REGION, "parent_code": ENGLAND, "value": 10.0},
        *({"parent_code": REGION, **area} for area in areas),
    ]
    settings = {
        "indicator_id": UNCATALOGUED,
        "fingertips_polarity": "RAG - Low is good",
        "fingertips_comparator_method_id": 1,
        "fingertips_comparator_confidence": 95.0,
        **indicator,
    }
    frame = pl.DataFrame(rows).with_columns(
        **{name: pl.lit(setting) for name, setting in settings.items()},
        area_type=pl.lit("UA"),
        area_type_id=pl.lit(502),
        sex=pl.lit("Persons"),
        age=pl.lit("All ages"),
        category_type=pl.lit(""),
        category=pl.lit(""),
        time_period=pl.lit("2022/23"),
        time_period_sortable=pl.lit(20220000),
        england_value=pl.lit(10.0),
        parent_value=pl.when(pl.col("parent_code") == REGION).then(10.0).otherwise(10.0),
        fingertips_value_type=pl.lit("Crude rate"),
        count=pl.lit(None, dtype=pl.Float64),
        denominator=pl.lit(None, dtype=pl.Float64),
        fingertips_compared_to_england=pl.lit(None, dtype=pl.String),
        fingertips_compared_to_parent=pl.lit(None, dtype=pl.String),
        fingertips_recent_trend=pl.lit(None, dtype=pl.String),
        fetched_at=pl.lit(None, dtype=pl.Datetime),
        inputs_fetched_at=pl.lit(None, dtype=pl.Datetime),
    )
    limits = ["lower_ci_95", "upper_ci_95", "lower_ci_99_8", "upper_ci_99_8"]
    return frame.with_columns(
        pl.col(name).cast(pl.Float64)
        if name in frame.columns
        else pl.lit(None, pl.Float64).alias(name)
        for name in limits
    ).with_columns(pl.col("indicator_id").cast(pl.Int32))


# England 10 against each area's own interval: A's 95% interval lies above 10 but its 99.8% one
# holds it; B's lies below 10 at both levels; C's holds 10.
INTERVAL_AREAS = [
    {"area_code": "A", "value": 12.0, "lower_ci_95": 11.0, "upper_ci_95": 13.0,
     "lower_ci_99_8": 9.5, "upper_ci_99_8": 14.5},
    {"area_code": "B", "value": 9.0, "lower_ci_95": 8.5, "upper_ci_95": 9.5,
     "lower_ci_99_8": 8.0, "upper_ci_99_8": 9.8},
    {"area_code": "C", "value": 10.5, "lower_ci_95": 9.0, "upper_ci_95": 12.0,
     "lower_ci_99_8": 8.0, "upper_ci_99_8": 13.0},
]  # fmt: skip


def words(verdicts: pl.DataFrame, column: str) -> dict[str, str]:
    return dict(verdicts.select("area_code", column).iter_rows())


def test_confidence_intervals_at_95_with_rag_polarity(catalogue):
    verdicts = indicator_verdicts(values(INTERVAL_AREAS), catalogue)
    # The region has no limits here, so it is not compared either.
    assert words(verdicts, "compared_to_england") == {
        ENGLAND: "Not compared", REGION: "Not compared", "A": "Worse", "B": "Better", "C": "Similar"
    }  # fmt: skip
    # At 99.8% A's interval holds England's value.
    assert words(verdicts, "compared_to_england_99_8")["A"] == "Similar"
    # The parent (region, value 10) gives the same words; the region's own parent is England.
    assert words(verdicts, "compared_to_parent") == {
        ENGLAND: "Not compared", REGION: "Not compared", "A": "Worse", "B": "Better", "C": "Similar"
    }  # fmt: skip
    assert set(verdicts["benchmark_method"]) == {
        "Confidence intervals overlapping reference value (95.0)"
    }


def test_without_a_method_from_fingertips_95_is_assumed_and_said(catalogue):
    verdicts = indicator_verdicts(
        values(
            INTERVAL_AREAS,
            fingertips_comparator_method_id=None,
            fingertips_comparator_confidence=None,
        ).with_columns(pl.col("fingertips_comparator_method_id").cast(pl.Int32)),
        catalogue,
    )
    assert words(verdicts, "compared_to_england") == {
        ENGLAND: "Not compared", REGION: "Not compared", "A": "Worse", "B": "Better", "C": "Similar"
    }  # fmt: skip
    method = "Confidence intervals overlapping reference value (95.0)"
    assert set(verdicts["benchmark_method"]) == {f"{method} - assumed, Fingertips gives no method"}


def test_confidence_intervals_at_99_8_with_bob_polarity(catalogue):
    download = values(
        INTERVAL_AREAS,
        fingertips_polarity="BOB - Blue orange blue",
        fingertips_comparator_confidence=99.8,
    )
    verdicts = indicator_verdicts(download, catalogue)
    # 99.8% limits: A [9.5, 14.5] holds 10; B [8, 9.8] lies below; C holds it. No judgement:
    # Higher/Lower, never Better/Worse.
    assert words(verdicts, "compared_to_england") == {
        ENGLAND: "Not compared", REGION: "Not compared", "A": "Similar", "B": "Lower", "C": "Similar"
    }  # fmt: skip
    assert set(verdicts["benchmark_method"]) == {
        "Confidence intervals overlapping reference value (99.8)"
    }


# Ten areas valued 1…10: the 20th, 40th, 60th and 80th percentiles at (10 − 1) × f + 1 are 2.8,
# 4.6, 6.4 and 8.2, so values 1–2 fall in quintile 1, 3–4 in 2, 5–6 in 3, 7–8 in 4, 9–10 in 5.
QUINTILE_AREAS = [{"area_code": f"Q{value:02d}", "value": float(value)} for value in range(1, 11)]
BY_VALUE = {
    1: "Lowest quintile",
    2: "Lowest quintile",
    3: "2nd lowest quintile",
    4: "2nd lowest quintile",
    5: "Middle quintile",
    6: "Middle quintile",
    7: "2nd highest quintile",
    8: "2nd highest quintile",
    9: "Highest quintile",
    10: "Highest quintile",
}


def test_quintiles_rank_the_child_areas(catalogue):
    download = values(
        QUINTILE_AREAS,
        fingertips_polarity="BOB - Blue orange blue",
        fingertips_comparator_method_id=15,
    )
    verdicts = indicator_verdicts(download, catalogue)
    expected = {f"Q{value:02d}": word for value, word in BY_VALUE.items()}
    # England and the region are not ranked among the councils.
    assert words(verdicts, "compared_to_england") == {
        ENGLAND: "Not compared",
        REGION: "Not compared",
        **expected,
    }
    # All ten share one region, so they rank the same among the region's children.
    assert words(verdicts, "compared_to_parent") == {
        ENGLAND: "Not compared",
        REGION: "Not compared",
        **expected,
    }
    assert set(verdicts["benchmark_method"]) == {"Quintiles"}


def test_quintiles_of_a_high_is_good_indicator_are_numbered_from_the_top(catalogue):
    # Fingertips numbers RAG high-is-good quintiles 6 − q and names the number: the highest
    # values read "Lowest quintile".
    download = values(
        QUINTILE_AREAS, fingertips_polarity="RAG - High is good", fingertips_comparator_method_id=15
    )
    england = words(indicator_verdicts(download, catalogue), "compared_to_england")
    assert england["Q10"] == "Lowest quintile" and england["Q01"] == "Highest quintile"
    assert england["Q05"] == "Middle quintile"


def test_fewer_than_five_areas_are_not_ranked(catalogue):
    download = values(
        QUINTILE_AREAS[:4], fingertips_polarity="BOB - Blue orange blue",
        fingertips_comparator_method_id=15,
    )  # fmt: skip
    assert set(indicator_verdicts(download, catalogue)["compared_to_england"]) == {"Not compared"}


@pytest.mark.parametrize(
    ("settings", "method"),
    [
        ({"fingertips_comparator_method_id": -1}, "No comparison"),
        ({"fingertips_polarity": "Not applicable"}, "No comparison"),
    ],
)
def test_not_compared_whatever_the_intervals_say(catalogue, settings, method):
    verdicts = indicator_verdicts(values(INTERVAL_AREAS, **settings), catalogue)
    assert set(verdicts["compared_to_england"]) == {"Not compared"}
    assert set(verdicts["compared_to_parent"]) == {"Not compared"}
    assert set(verdicts["benchmark_method"]) == {method}


def test_agreement_is_null_where_either_side_has_no_verdict(catalogue):
    download = values(INTERVAL_AREAS).with_columns(
        fingertips_compared_to_england=pl.Series(
            ["Not compared", "Lower", "Worse 95%", "Similar", None]
        )
    )
    verdicts = indicator_verdicts(download, catalogue)
    # England: both "Not compared"; region: ours "Not compared" (no limits); A: "Worse" = "Worse
    # 95%"; B: ours Better against Similar; C: Fingertips published nothing.
    assert words(verdicts, "agrees_england") == {
        ENGLAND: None,
        REGION: None,
        "A": True,
        "B": False,
        "C": None,
    }


def test_fingertips_polarity_wins_and_the_catalogue_fills_gaps(catalogue):
    # 10101 is lower_is_better in the catalogue, BOB in Fingertips: Fingertips' words, and the
    # conflict is reported.
    bob = values(INTERVAL_AREAS, indicator_id=10101, fingertips_polarity="BOB - Blue orange blue")
    assert words(indicator_verdicts(bob, catalogue), "compared_to_england")["A"] == "Higher"
    unknown = values(INTERVAL_AREAS, indicator_id=10101, fingertips_polarity=None)
    assert words(indicator_verdicts(unknown, catalogue), "compared_to_england")["A"] == "Worse"
    conflicts = polarity_conflicts(
        pl.DataFrame(
            {
                "indicator_id": [10101, 93517],
                "polarity": ["BOB - Blue orange blue", "RAG - Low is good"],
            },
            schema={"indicator_id": pl.Int32, "polarity": pl.String},
        ),
        catalogue,
    )
    assert conflicts.rows() == [(10101, "BOB - Blue orange blue", "lower_is_better")]


def test_trend_uses_the_latest_five_periods_the_warehouse_holds(catalogue):
    # Six years of one area, errors of 1 (95% limits ± 1.96): the last five rise by 1 a year,
    # chi-squared 10 > 9.5495, so Increasing; a low (better) polarity says "getting worse".
    years = range(2015, 2021)
    series = pl.concat(
        values(
            [
                {
                    "area_code": "A",
                    "value": float(v),
                    "lower_ci_95": v - 1.96,
                    "upper_ci_95": v + 1.96,
                }
            ]
        ).with_columns(time_period=pl.lit(str(year)), time_period_sortable=pl.lit(year * 10000))
        for year, v in zip(years, [50, 10, 11, 12, 13, 14], strict=True)
    ).filter(pl.col("area_code") == "A")
    verdicts = indicator_verdicts(series, catalogue).sort("time_period")
    assert verdicts["recent_trend"].to_list() == [None] * 5 + ["Increasing and getting worse"]
    assert verdicts["trend_periods"][-1] == "2016, 2017, 2018, 2019, 2020"
