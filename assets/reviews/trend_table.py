"""The trend table a place board reads at a review: for each shared outcome and measure, where it
stands, which way it is going, how it compares, and how the Core20 population fares.

Built from the warehouse as it is on the day (a draft); publication freezes it (publication.py).
The frames follow assets/reviews/reports/contract.py, which the report, workbook and files render.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import duckdb
import polars as pl

from assets.places.models import indicator_key
from assets.reviews.cadence import Review
from assets.reviews.freshness import freshness
from assets.reviews.reports.contract import (
    MEASURES_SCHEMA,
    OUTCOMES_SCHEMA,
    SERIES_SCHEMA,
    TRAJECTORIES_SCHEMA,
)
from assets.statistics.comparisons import compare_to_benchmark
from assets.statistics.trend import recent_trend
from assets.warehouse.sql_files import statement

# Fingertips' trend wording → the board's direction of travel.
DIRECTIONS = {
    "Increasing and getting better": "improving",
    "Decreasing and getting better": "improving",
    "Increasing and getting worse": "worsening",
    "Decreasing and getting worse": "worsening",
    "No significant change": "no significant change",
    "Cannot be calculated": "cannot be calculated",
    "Increasing": "not applicable",
    "Decreasing": "not applicable",
}
SERIES_KEY = "series_id"
# What each comparison of the latest value is made against: trend-table column → benchmark column.
BENCHMARKS = {"england": "england_value", "region": "region_value", "neighbours": "neighbour_mean"}
# Beyond the report contract: what publication needs to freeze a row and find its revisions.
FROZEN_SCHEMA = pl.Schema({"synthetic": pl.Boolean})
IMD_NAMES = {"imd2019": "IMD 2019", "imd2025": "IMD 2025"}


@dataclass(frozen=True)
class ReviewFrames:
    measures: pl.DataFrame
    series: pl.DataFrame
    outcomes: pl.DataFrame
    # The place's trajectory milestones (reports/contract.py TRAJECTORIES_SCHEMA).
    trajectories: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(schema=TRAJECTORIES_SCHEMA)
    )


@dataclass(frozen=True)
class PreviousReview:
    """What the board was told at the place's previous published review, per series."""

    label: str
    values: dict[str, float | None]
    core20_gaps: dict[str, float | None]
    periods: dict[str, str | None]


def _query(connection: duckdb.DuckDBPyConnection, name: str, **parameters: object) -> pl.DataFrame:
    return connection.sql(statement(f"reviews/{name}"), params=parameters).pl()


def _primary_series(values: pl.DataFrame) -> pl.DataFrame:
    """One series per measure: Persons where published (else each sex as its own series), at the
    age with most periods. A measure split by sex gets a series id such as "L1 (Female)"."""
    persons = values.filter(
        ~(pl.col("sex") == "Persons").any().over("measure_id") | (pl.col("sex") == "Persons")
    )
    ages = (
        persons.group_by("measure_id", "sex", "age")
        .agg(periods=pl.len())
        .sort(["measure_id", "sex", "periods", "age"], descending=[False, False, True, False])
        .unique(["measure_id", "sex"], keep="first")
        .drop("periods")
    )
    chosen = persons.join(ages, on=["measure_id", "sex", "age"])
    return chosen.with_columns(
        pl.when(pl.col("sex").n_unique().over("measure_id") > 1)
        .then(pl.format("{} ({})", "measure_id", "sex"))
        .otherwise(pl.col("measure_id"))
        .alias(SERIES_KEY)
    ).sort(SERIES_KEY, "period_end")


def _core20(
    connection: duckdb.DuckDBPyConnection, place_id: str, measures: pl.DataFrame, review: Review
) -> pl.DataFrame:
    """Core20 and rest-of-place values and their gap per measure and period (local LSOA data)."""
    keys = pl.DataFrame(
        {
            "measure_id": measures["measure_id"],
            "indicator": [
                indicator_key(place_id, measure_id, catalogue_id)
                for measure_id, catalogue_id in zip(
                    measures["measure_id"], measures["catalogue_indicator_id"], strict=True
                )
            ],
        },
        schema={"measure_id": pl.String, "indicator": pl.String},
    )
    values = _query(connection, "select_core20_values", place_id=place_id).filter(
        pl.col("period_end").is_null() | (pl.col("period_end") <= review.review_date)
    )
    return keys.join(values, on="indicator").select(
        "measure_id", "period_label", "core20_value", "rest_value", "core20_gap"
    )


def _flags(row: dict, is_fresh: bool) -> list[str]:
    flags = []
    if row["indicator_status"] in ("discontinued", "replaced"):
        flags.append("discontinued")
    if row.get("had_break"):
        flags.append("series break")
    if row.get("latest_period") is None:
        flags.append("missing")
    elif row.get("latest_value") is None:
        flags.append("suppressed")
    if row.get("latest_period") is not None and not is_fresh:
        flags.append("stale")
    return flags


def build_review(
    connection: duckdb.DuckDBPyConnection,
    review: Review,
    previous: PreviousReview | None = None,
    published_at: datetime | None = None,
) -> ReviewFrames:
    """The trend table, series and outcome roll-up of one place at one review date."""
    place_id = review.place_id
    place_rows = _query(connection, "select_place", place_id=place_id)
    if place_rows.is_empty():
        raise ValueError(f"place {place_id!r} is not loaded: materialise place_frameworks first")
    place = place_rows.row(0, named=True)
    place_name, trajectory_years = place["place_name"], place["trajectory_years"]
    window_start = date(review.review_date.year - trajectory_years, review.review_date.month, 1)
    measures = _query(connection, "select_place_measures", place_id=place_id)
    values = _query(
        connection, "select_place_values", place_id=place_id, review_date=review.review_date
    )
    every_period = _primary_series(values).join(
        measures.select("measure_id", "value_type", "polarity"), on="measure_id", how="left"
    )
    # The trend reads the last five points, however far back; the table shows the trajectory.
    series = every_period.filter(pl.col("period_end") > window_start)
    trends = recent_trend(
        every_period,
        by=[SERIES_KEY],
        period="period_end",
        value="value",
        lower="lower_ci_95",
        upper="upper_ci_95",
        count="count",
        denominator="denominator",
        value_type=pl.col("value_type"),
        polarity=pl.col("polarity"),
    )
    neighbours = _query(connection, "select_neighbour_means", place_id=place_id)
    latest = (
        series.group_by(SERIES_KEY, maintain_order=True)
        .agg(
            pl.col("measure_id", "sex", "age", "source").last(),
            latest_period=pl.col("time_period").last(),
            latest_period_start=pl.col("period_start").last(),
            latest_period_end=pl.col("period_end").last(),
            latest_value=pl.col("value").last(),
            latest_lower_ci_95=pl.col("lower_ci_95").last(),
            latest_upper_ci_95=pl.col("upper_ci_95").last(),
            england_value=pl.col("england_value").last(),
            region_value=pl.col("region_value").last(),
            had_break=pl.col("series_break").any(),
            synthetic=pl.col("value_note").str.starts_with("Synthetic").any(),
        )
        .join(trends.select(SERIES_KEY, "recent_trend"), on=SERIES_KEY, how="left")
        .join(
            neighbours.rename({"time_period": "latest_period"}),
            on=["measure_id", "sex", "age", "latest_period"],
            how="left",
        )
    )
    core20 = _core20(connection, place_id, measures, review)
    core20_latest = (
        core20.sort("measure_id", "period_label")
        .group_by("measure_id", maintain_order=True)
        .agg(
            core20_value=pl.col("core20_value").last(),
            rest_value=pl.col("rest_value").last(),
            core20_gap=pl.col("core20_gap").last(),
            core20_gap_before=pl.col("core20_gap").shift(1).last(),
        )
    )
    table = (
        measures.join(latest, on="measure_id", how="left")
        .join(core20_latest, on="measure_id", how="left")
        .with_columns(pl.coalesce(SERIES_KEY, "measure_id").alias(SERIES_KEY))
    )
    table = table.with_columns(
        **{
            f"compared_to_{benchmark}": compare_to_benchmark(
                table["latest_value"],
                table["latest_lower_ci_95"],
                table["latest_upper_ci_95"],
                table[column],
                table["polarity"],
            )
            for benchmark, column in BENCHMARKS.items()
        }
    )
    rows = []
    for row in table.iter_rows(named=True):
        is_fresh, note = freshness(row["latest_period_end"], review.review_date, row["frequency"])
        series_id = row[SERIES_KEY]
        previous_value = previous.values.get(series_id) if previous else None
        previous_gap = previous.core20_gaps.get(series_id) if previous else row["core20_gap_before"]
        marker = row["recent_trend"] or "Cannot be calculated"
        rows.append(
            {
                "place_id": place_id,
                "place_name": place_name,
                "review_id": review.review_id,
                "review_label": review.label,
                "published_at": published_at,
                "outcome_id": row["outcome_id"],
                "outcome_name": row["outcome_name"],
                "priority_id": row["priority_id"],
                "priority_name": row["priority_name"],
                "measure_id": series_id,
                "measure_name": row["measure_name"],
                "role": row["role"],
                "unit": row["unit"],
                "polarity": row["polarity"],
                "latest_period": row["latest_period"],
                "latest_value": row["latest_value"],
                "latest_lower_ci_95": row["latest_lower_ci_95"],
                "latest_upper_ci_95": row["latest_upper_ci_95"],
                "previous_review_value": previous_value,
                "change_since_previous": (
                    row["latest_value"] - previous_value
                    if row["latest_value"] is not None and previous_value is not None
                    else None
                ),
                "direction": DIRECTIONS.get(marker, "cannot be calculated"),
                "trend_marker": marker,
                "compared_to_england": row["compared_to_england"],
                "compared_to_region": row["compared_to_region"],
                "compared_to_neighbours": row["compared_to_neighbours"],
                "england_value": row["england_value"],
                "region_value": row["region_value"],
                "core20_value": row["core20_value"],
                "rest_value": row["rest_value"],
                "core20_gap": row["core20_gap"],
                "core20_gap_previous": previous_gap,
                "core20_gap_change": (
                    row["core20_gap"] - previous_gap
                    if row["core20_gap"] is not None and previous_gap is not None
                    else None
                ),
                "is_fresh": is_fresh,
                "freshness_note": note,
                "flags": _flags(row, is_fresh),
                "revised_value": None,
                "source": _source(row),
                "base_measure_id": row["measure_id"],
                "measure_order": row["measure_order"],
                "series_sex": row["sex"],
                "series_age": row["age"],
                "synthetic": bool(row["synthetic"]),
                "latest_period_start": row["latest_period_start"],
                "latest_period_end": row["latest_period_end"],
                "neighbour_value": row["neighbour_mean"],
                "target_value": row["target_value"],
                "target_by": row["target_by"],
                "value_type": row["value_type"],
                "frequency": row["frequency"],
                "core20_definition": (
                    None if row["core20_gap"] is None else core20_definition(place, place_name)
                ),
            }
        )
    measures_frame = pl.DataFrame(rows, schema=MEASURES_SCHEMA | FROZEN_SCHEMA)
    trajectories = _query(
        connection, "select_place_trajectories", place_id=place_id, review_id=review.review_id
    )
    return ReviewFrames(
        measures_frame,
        _series_frame(series, core20, review),
        outcome_summary(measures_frame),
        trajectories.cast(dict(TRAJECTORIES_SCHEMA)),
    )


def core20_definition(place: dict, place_name: str) -> str:
    """Who the Core20 values are about, in the place's own cut."""
    deciles = " and ".join(str(decile) for decile in sorted(place["core20_deciles"]))
    imd = IMD_NAMES.get(place["imd_version"], place["imd_version"])
    return (
        f"Residents of {place_name}'s neighbourhoods (LSOAs) in England's most deprived 20% by "
        f"the {imd} (deciles {deciles}), against the rest of {place_name}"
    )


def _source(row: dict) -> str:
    if row["source"] is not None:
        return row["source"]
    return "local" if row["is_local"] else "fingertips"


def _series_frame(series: pl.DataFrame, core20: pl.DataFrame, review: Review) -> pl.DataFrame:
    joined = series.join(
        core20.select("measure_id", "period_label", "core20_value", "rest_value"),
        left_on=["measure_id", "time_period"],
        right_on=["measure_id", "period_label"],
        how="left",
    )
    return joined.select(
        place_id=pl.lit(review.place_id),
        review_id=pl.lit(review.review_id),
        measure_id=pl.col(SERIES_KEY),
        period_label=pl.col("time_period"),
        period_start=pl.col("period_start"),
        period_end=pl.col("period_end"),
        value=pl.col("value"),
        lower_ci_95=pl.col("lower_ci_95"),
        upper_ci_95=pl.col("upper_ci_95"),
        england_value=pl.col("england_value"),
        core20_value=pl.col("core20_value"),
        rest_value=pl.col("rest_value"),
    ).cast(dict(SERIES_SCHEMA))


def outcome_summary(measures: pl.DataFrame) -> pl.DataFrame:
    """Per shared outcome: how many of its measures are improving, worsening or unchanged."""
    direction = pl.col("direction")
    return (
        measures.group_by(
            "place_id", "review_id", "outcome_id", "outcome_name", maintain_order=True
        )
        .agg(
            measures=pl.len(),
            improving=(direction == "improving").sum(),
            worsening=(direction == "worsening").sum(),
            no_change=(direction == "no significant change").sum(),
            not_calculable=(direction == "cannot be calculated").sum(),
            not_applicable=(direction == "not applicable").sum(),
        )
        .cast(dict(OUTCOMES_SCHEMA))
    )
