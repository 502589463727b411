"""A realistic synthetic review in the trend step's contract: Croydon's October 2026 review.

Two shared outcomes and five measures drawn from One Croydon's framework, chosen to cover what a
report must handle:

- PP1 adults overweight or obese: improving, with Core20 and rest-of-place values;
- PP8 MMR two doses at 5: worsening, and revised after publication;
- PP4 diabetes care processes (local extract): latest value suppressed;
- L3 dementia diagnosis rate: new at this review, so no previous review value;
- L6 reablement 91 days: discontinued at a series break, so stale.

Each measure's latest and previous-review values are read off its series, and the outcome summary
is counted from the measures, so the three frames agree with each other. The values are made up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import polars as pl

from assets.reviews.reports.contract import (
    MEASURES_SCHEMA,
    OUTCOMES_SCHEMA,
    SERIES_SCHEMA,
    SYNTHETIC,
    TRAJECTORIES_SCHEMA,
)

PLACE_ID = "croydon"
PLACE_NAME = "Croydon"
REVIEW_ID = "croydon-2026-10"
REVIEW_LABEL = "October 2026 review"
PUBLISHED_AT = datetime(2026, 10, 14, 9, 30, tzinfo=UTC)

HEALTHY_LIVES = ("O1", "People in Croydon live healthier lives")
INDEPENDENCE = ("O2", "Older people live independently at home")


def financial_years(first: int, last: int) -> list[tuple[str, date]]:
    """("2016/17", 31 March 2017) … for financial years starting in `first` to `last`."""
    return [
        (f"{year}/{(year + 1) % 100:02d}", date(year + 1, 3, 31)) for year in range(first, last + 1)
    ]


def march_snapshots(first: int, last: int) -> list[tuple[str, date]]:
    """("2018", 31 March 2018) …: a count taken once a year at the end of March."""
    return [(str(year), date(year, 3, 31)) for year in range(first, last + 1)]


@dataclass(frozen=True)
class MeasureSpec:
    """One measure's place in the framework, its made-up series, and the trend step's verdicts."""

    outcome: tuple[str, str]
    priority: tuple[str, str]
    measure_id: str
    measure_name: str
    role: str
    unit: str
    polarity: str
    source: str
    periods: list[tuple[str, date]]
    # value = start + step × i + wobble × (−1)^i, with a symmetric 95% interval.
    start: float
    step: float
    half_width: float
    england_start: float
    england_step: float
    region_offset: float
    direction: str
    trend_marker: str
    compared: tuple[str, str, str]
    wobble: float = 0.0
    # Core20 minus rest of place at the first point, and its change per period; None: no cut.
    core20_gap_start: float | None = None
    core20_gap_step: float = 0.0
    has_previous_review: bool = True
    latest_suppressed: bool = False
    revised_by: float | None = None
    is_fresh: bool = True
    freshness_note: str = "Updated since the April 2026 review"
    flags: list[str] = field(default_factory=list)
    # The place's target (value, by), and the nearest neighbours' mean relative to the latest value.
    target: tuple[float, str] | None = None
    neighbour_offset: float = -1.2
    # The place's trajectory: (period, its end, value) milestones.
    trajectory: tuple[tuple[str, date, float], ...] = ()


MEASURES = (
    MeasureSpec(
        outcome=HEALTHY_LIVES,
        priority=("P1", "Healthy weight"),
        measure_id="PP1",
        measure_name="Adults (18+) classified as overweight or obese",
        role="outcome",
        unit="%",
        polarity="lower_is_better",
        source="fingertips",
        periods=financial_years(2016, 2024),
        start=64.9,
        step=-0.55,
        half_width=2.6,
        england_start=61.9,
        england_step=0.25,
        region_offset=-4.1,
        direction="improving",
        trend_marker="Decreasing and getting better",
        compared=("Better", "Worse", "Similar"),
        core20_gap_start=11.6,
        core20_gap_step=-0.45,
        target=(60.0, "2025/26"),
        trajectory=(("2024/25", date(2025, 3, 31), 61.0), ("2025/26", date(2026, 3, 31), 60.0)),
    ),
    MeasureSpec(
        outcome=HEALTHY_LIVES,
        priority=("P2", "Prevention and early detection"),
        measure_id="PP8",
        measure_name="Population vaccination coverage: MMR for two doses (5 years old)",
        role="process",
        unit="%",
        polarity="higher_is_better",
        source="fingertips",
        periods=financial_years(2016, 2025),
        start=81.3,
        step=-0.95,
        half_width=0.9,
        england_start=87.6,
        england_step=-0.35,
        region_offset=-6.8,
        direction="worsening",
        trend_marker="Decreasing and getting worse",
        compared=("Worse", "Better", "Worse"),
        revised_by=0.6,
    ),
    MeasureSpec(
        outcome=HEALTHY_LIVES,
        priority=("P2", "Prevention and early detection"),
        measure_id="PP4",
        measure_name="People with type 2 diabetes receiving all 8 care processes",
        role="process",
        unit="%",
        polarity="higher_is_better",
        source="extract",
        periods=financial_years(2019, 2025),
        start=38.4,
        step=3.1,
        half_width=1.4,
        england_start=41.0,
        england_step=2.2,
        region_offset=-1.5,
        direction="cannot be calculated",
        trend_marker="Cannot be calculated",
        compared=("Not compared", "Not compared", "Not compared"),
        latest_suppressed=True,
        freshness_note="2025/26 withheld: fewer than 10 practices submitted",
        flags=["suppressed"],
    ),
    MeasureSpec(
        outcome=INDEPENDENCE,
        priority=("P3", "Living well with dementia"),
        measure_id="L3",
        measure_name="Estimated dementia diagnosis rate (aged 65 and older)",
        role="process",
        unit="%",
        polarity="higher_is_better",
        source="fingertips",
        periods=march_snapshots(2018, 2025),
        start=70.2,
        step=0.05,
        wobble=1.1,
        half_width=2.9,
        england_start=67.5,
        england_step=-0.4,
        region_offset=2.0,
        direction="no significant change",
        trend_marker="No significant change",
        compared=("Better", "Similar", "Better"),
        has_previous_review=False,
        freshness_note="New measure at this review",
    ),
    MeasureSpec(
        outcome=INDEPENDENCE,
        priority=("P4", "Home from hospital"),
        measure_id="L6",
        measure_name="Older people (65+) still at home 91 days after discharge into reablement",
        role="outcome",
        unit="%",
        polarity="higher_is_better",
        source="fingertips",
        periods=financial_years(2014, 2023),
        start=80.5,
        step=0.6,
        wobble=1.4,
        half_width=3.5,
        england_start=82.7,
        england_step=-0.1,
        region_offset=1.2,
        direction="cannot be calculated",
        trend_marker="Cannot be calculated",
        compared=("Similar", "Similar", "Similar"),
        is_fresh=False,
        freshness_note=(
            "Last published for 2023/24: Client Level Data replaced SALT in April 2024 "
            "(new ASCOF 2D, not spliced)"
        ),
        flags=["discontinued", "series break", "stale"],
    ),
)


@dataclass(frozen=True)
class ReviewFrames:
    measures: pl.DataFrame
    series: pl.DataFrame
    outcomes: pl.DataFrame
    trajectories: pl.DataFrame


def _points(spec: MeasureSpec) -> list[dict]:
    points = []
    for index, (label, period_end) in enumerate(spec.periods):
        value = round(spec.start + spec.step * index + spec.wobble * (-1) ** index, 1)
        suppressed = spec.latest_suppressed and index == len(spec.periods) - 1
        gap = (
            None
            if spec.core20_gap_start is None
            else round(spec.core20_gap_start + spec.core20_gap_step * index, 1)
        )
        points.append(
            {
                "place_id": PLACE_ID,
                "review_id": REVIEW_ID,
                "measure_id": spec.measure_id,
                "period_label": label,
                "period_start": period_end - timedelta(days=364),
                "period_end": period_end,
                "value": None if suppressed else value,
                "lower_ci_95": None if suppressed else round(value - spec.half_width, 1),
                "upper_ci_95": None if suppressed else round(value + spec.half_width, 1),
                "england_value": round(spec.england_start + spec.england_step * index, 1),
                # A quarter of the place lives in Core20 areas, so the place value sits nearer "rest".
                "core20_value": None if gap is None else round(value + 0.75 * gap, 1),
                "rest_value": None if gap is None else round(value - 0.25 * gap, 1),
            }
        )
    return points


def _difference(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else round(now - before, 1)


CORE20_DEFINITION = (
    "Residents of Croydon's neighbourhoods (LSOAs) in England's most deprived 20% by the IMD 2025 "
    "(deciles 1 and 2), against the rest of Croydon"
)


def _measure_row(
    spec: MeasureSpec, order: int, points: list[dict], published_at: datetime | None
) -> dict:
    latest, before = points[-1], points[-2]
    previous_value = (
        (before["value"] if spec.is_fresh else latest["value"])
        if spec.has_previous_review
        else None
    )
    gap = _difference(latest["core20_value"], latest["rest_value"])
    gap_previous = _difference(before["core20_value"], before["rest_value"])
    return {
        "place_id": PLACE_ID,
        "place_name": PLACE_NAME,
        "review_id": REVIEW_ID,
        "review_label": REVIEW_LABEL,
        "published_at": published_at,
        "outcome_id": spec.outcome[0],
        "outcome_name": spec.outcome[1],
        "priority_id": spec.priority[0],
        "priority_name": spec.priority[1],
        "measure_id": spec.measure_id,
        "measure_name": spec.measure_name,
        "role": spec.role,
        "unit": spec.unit,
        "polarity": spec.polarity,
        "latest_period": latest["period_label"],
        "latest_value": latest["value"],
        "latest_lower_ci_95": latest["lower_ci_95"],
        "latest_upper_ci_95": latest["upper_ci_95"],
        "previous_review_value": previous_value,
        "change_since_previous": _difference(latest["value"], previous_value),
        "direction": spec.direction,
        "trend_marker": spec.trend_marker,
        "compared_to_england": spec.compared[0],
        "compared_to_region": spec.compared[1],
        "compared_to_neighbours": spec.compared[2],
        "england_value": latest["england_value"],
        "region_value": (
            None if latest["value"] is None else round(latest["value"] + spec.region_offset, 1)
        ),
        "core20_value": latest["core20_value"],
        "rest_value": latest["rest_value"],
        "core20_gap": gap,
        "core20_gap_previous": gap_previous,
        "core20_gap_change": _difference(gap, gap_previous),
        "is_fresh": spec.is_fresh,
        "freshness_note": spec.freshness_note,
        "flags": spec.flags,
        "revised_value": (
            None if spec.revised_by is None else round(latest["value"] + spec.revised_by, 1)
        ),
        "source": spec.source,
        "base_measure_id": spec.measure_id,
        "measure_order": order,
        "series_sex": "Persons",
        "series_age": "All ages",
        "latest_period_start": latest["period_start"],
        "latest_period_end": latest["period_end"],
        "neighbour_value": (
            None if latest["value"] is None else round(latest["value"] + spec.neighbour_offset, 1)
        ),
        "target_value": None if spec.target is None else spec.target[0],
        "target_by": None if spec.target is None else spec.target[1],
        "value_type": "proportion",
        "frequency": "annual",
        "core20_definition": None if gap is None else CORE20_DEFINITION,
    }


def outcome_summary(measures: pl.DataFrame) -> pl.DataFrame:
    """Each outcome's count of measures by direction, as the trend step summarises them."""
    direction = pl.col("direction")
    return (
        measures.group_by(
            ["place_id", "review_id", "outcome_id", "outcome_name"], maintain_order=True
        )
        .agg(
            measures=pl.len().cast(pl.Int64),
            improving=(direction == "improving").sum().cast(pl.Int64),
            worsening=(direction == "worsening").sum().cast(pl.Int64),
            no_change=(direction == "no significant change").sum().cast(pl.Int64),
            not_calculable=(direction == "cannot be calculated").sum().cast(pl.Int64),
            not_applicable=(direction == "not applicable").sum().cast(pl.Int64),
        )
        .select(OUTCOMES_SCHEMA.names())
    )


def build_review_frames(*, published: bool = True, synthetic: bool = True) -> ReviewFrames:
    """Croydon's October 2026 review; `published=False` gives the draft, `synthetic` the flag."""
    published_at = PUBLISHED_AT if published else None
    series_rows, measure_rows = [], []
    for order, spec in enumerate(MEASURES, start=1):
        points = _points(spec)
        series_rows.extend(points)
        measure_rows.append(_measure_row(spec, order, points, published_at))
    measures = pl.DataFrame(measure_rows, schema=MEASURES_SCHEMA)
    series = pl.DataFrame(series_rows, schema=SERIES_SCHEMA)
    outcomes = outcome_summary(measures)
    if synthetic:
        measures, series, outcomes = (
            frame.with_columns(pl.lit(True).alias(SYNTHETIC))
            for frame in (measures, series, outcomes)
        )
    trajectories = pl.DataFrame(
        [
            {
                "place_id": PLACE_ID,
                "review_id": REVIEW_ID,
                "measure_id": spec.measure_id,
                "milestone_order": order,
                "trajectory_by": by,
                "trajectory_period_end": end,
                "trajectory_value": value,
            }
            for spec in MEASURES
            for order, (by, end, value) in enumerate(spec.trajectory, start=1)
        ],
        schema=TRAJECTORIES_SCHEMA,
    )
    return ReviewFrames(measures, series, outcomes, trajectories)
