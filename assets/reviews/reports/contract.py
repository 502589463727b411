"""The three review frames the trend step hands to the reports: columns, types and allowed values.

One row of `measures` is one measure of one place at one review; one row of `series` is one point
of a measure's time series as shown at that review; one row of `outcomes` is one shared outcome's
count of measures by direction. Any frame may also carry a boolean `synthetic` column: when a row
has it true the report says, in a banner, that the values are made up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import polars as pl

from assets.catalogue import Polarity

REVIEW_KEY = ("place_id", "review_id")
SYNTHETIC = "synthetic"

MEASURES_SCHEMA = pl.Schema(
    {
        "place_id": pl.String,
        "place_name": pl.String,
        "review_id": pl.String,
        "review_label": pl.String,
        # Null while the review is a draft.
        "published_at": pl.Datetime("us", "UTC"),
        "outcome_id": pl.String,
        "outcome_name": pl.String,
        "priority_id": pl.String,
        "priority_name": pl.String,
        "measure_id": pl.String,
        "measure_name": pl.String,
        "role": pl.String,
        "unit": pl.String,
        "polarity": pl.String,
        "latest_period": pl.String,
        "latest_value": pl.Float64,
        "latest_lower_ci_95": pl.Float64,
        "latest_upper_ci_95": pl.Float64,
        "previous_review_value": pl.Float64,
        "change_since_previous": pl.Float64,
        "direction": pl.String,
        "trend_marker": pl.String,
        "compared_to_england": pl.String,
        "compared_to_region": pl.String,
        "compared_to_neighbours": pl.String,
        "england_value": pl.Float64,
        "region_value": pl.Float64,
        "core20_value": pl.Float64,
        "rest_value": pl.Float64,
        "core20_gap": pl.Float64,
        "core20_gap_previous": pl.Float64,
        "core20_gap_change": pl.Float64,
        "is_fresh": pl.Boolean,
        "freshness_note": pl.String,
        "flags": pl.List(pl.String),
        # The value as revised after publication; the published `latest_value` is never replaced.
        "revised_value": pl.Float64,
        "source": pl.String,
        # The place file's own id and order of the measure, and the series shown.
        "base_measure_id": pl.String,
        "measure_order": pl.Int64,
        "series_sex": pl.String,
        "series_age": pl.String,
        # The latest period's dates, for BI tools' date axes.
        "latest_period_start": pl.Date,
        "latest_period_end": pl.Date,
        # The mean of the nearest neighbours' values: compared_to_neighbours' benchmark.
        "neighbour_value": pl.Float64,
        # The place's target, where it sets one.
        "target_value": pl.Float64,
        "target_by": pl.String,
        # What the definitions sheet says of the measure.
        "value_type": pl.String,
        "frequency": pl.String,
        "core20_definition": pl.String,
    }
)

# Optional: the milestones of the trajectory the place sets for a measure (by the place's
# measure id, which a series split by sex shares), each due by a period.
TRAJECTORIES_SCHEMA = pl.Schema(
    {
        "place_id": pl.String,
        "review_id": pl.String,
        "measure_id": pl.String,
        "milestone_order": pl.Int32,
        "trajectory_by": pl.String,
        "trajectory_period_end": pl.Date,
        "trajectory_value": pl.Float64,
    }
)

# Optional: a published review's record. Absent (a draft) means published normally, not withdrawn.
PUBLICATION_SCHEMA = pl.Schema(
    {
        "off_cadence": pl.Boolean,
        "no_new_data": pl.Boolean,
        "withdrawn_at": pl.Datetime("us", "UTC"),
        "withdrawn_by": pl.String,
        "withdrawal_reason": pl.String,
    }
)

SERIES_SCHEMA = pl.Schema(
    {
        "place_id": pl.String,
        "review_id": pl.String,
        "measure_id": pl.String,
        "period_label": pl.String,
        "period_start": pl.Date,
        "period_end": pl.Date,
        "value": pl.Float64,
        "lower_ci_95": pl.Float64,
        "upper_ci_95": pl.Float64,
        "england_value": pl.Float64,
        "core20_value": pl.Float64,
        "rest_value": pl.Float64,
    }
)

OUTCOMES_SCHEMA = pl.Schema(
    {
        "place_id": pl.String,
        "review_id": pl.String,
        "outcome_id": pl.String,
        "outcome_name": pl.String,
        "measures": pl.Int64,
        "improving": pl.Int64,
        "worsening": pl.Int64,
        "no_change": pl.Int64,
        "not_calculable": pl.Int64,
        "not_applicable": pl.Int64,
    }
)

ROLES = ("outcome", "process")
POLARITIES = tuple(str(polarity) for polarity in Polarity)
DIRECTIONS = (
    "improving",
    "worsening",
    "no significant change",
    "cannot be calculated",
    "not applicable",
)
COMPARISONS = ("Better", "Similar", "Worse", "Higher", "Lower", "Not compared")
SOURCES = ("fingertips", "extract", "local")

# The renderer styles each of these values, so anything else is a contract break, not a new label.
MEASURES_ALLOWED_VALUES: Mapping[str, tuple[str, ...]] = {
    "role": ROLES,
    "polarity": POLARITIES,
    "direction": DIRECTIONS,
    "compared_to_england": COMPARISONS,
    "compared_to_region": COMPARISONS,
    "compared_to_neighbours": COMPARISONS,
    "source": SOURCES,
}


def _require_columns(name: str, frame: pl.DataFrame, columns: Iterable[str]) -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(f"the {name} frame lacks column(s) {', '.join(missing)}")


def validate_review_frames(
    measures: pl.DataFrame, series: pl.DataFrame, outcomes: pl.DataFrame
) -> None:
    """Raise ValueError naming the first contract break: a missing column or an unknown value."""
    _require_columns("measures", measures, MEASURES_SCHEMA.names())
    _require_columns("series", series, SERIES_SCHEMA.names())
    _require_columns("outcomes", outcomes, OUTCOMES_SCHEMA.names())
    for column, allowed in MEASURES_ALLOWED_VALUES.items():
        unknown = set(measures[column].drop_nulls().unique().to_list()) - set(allowed)
        if unknown:
            raise ValueError(
                f"measures.{column} has unknown value(s) {sorted(unknown)}; "
                f"expected one of {list(allowed)}"
            )


def is_synthetic(*frames: pl.DataFrame) -> bool:
    """Whether any row of any frame is marked synthetic."""
    return any(
        SYNTHETIC in frame.columns and bool(frame[SYNTHETIC].fill_null(False).any())
        for frame in frames
    )
