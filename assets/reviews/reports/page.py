"""One review as a static HTML page: the frames turned into what a board member reads.

Everything the template shows is worded and formatted here, so the template only lays it out.
The page is self-contained (inline CSS and SVG, no script, no network) so it can be attached to
a board paper, archived, or opened offline and look the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from assets.reviews.freshness import ALLOWED_MONTHS
from assets.reviews.reports.chart_pool import ChartCall, draw_charts
from assets.reviews.reports.charts import Chart, core20_gap_chart, series_chart
from assets.reviews.reports.formatting import (
    COMPARISONS,
    DIRECTIONS,
    POLARITIES,
    SOURCES,
    Verdict,
    describe_gap_change,
    describe_milestones,
    difference_unit,
    flag_label,
    format_date,
    format_interval,
    format_number,
    format_value,
    is_missing,
    review_status,
)

# The glossary's Stale, from the rule the cards apply (assets/reviews/freshness.py).
STALE_RULE = "; ".join(f"{kind} {months} months" for kind, months in ALLOWED_MONTHS.items())

TEMPLATES = Path(__file__).parent / "templates"
_NOT_ID_CHARACTER = re.compile(r"[^A-Za-z0-9_-]+")
# A measure id a place publishes as its reference (One Croydon's PP1, L3); longer ids are
# internal (catalogue slugs) and never shown to readers.
_READER_CODE = re.compile(r"^[A-Za-z]{0,4}[0-9]{1,3}[A-Za-z]?$")


@dataclass(frozen=True)
class Comparison:
    benchmark: str
    verdict: Verdict
    value: str | None


@dataclass(frozen=True)
class Core20Gap:
    gap: str
    core20: str
    rest: str
    change: str | None


@dataclass(frozen=True)
class Freshness:
    """One word for how current the latest value is, matching the Stale flag's rule."""

    word: str
    tone: str
    note: str | None


@dataclass(frozen=True)
class SeriesRow:
    period: str
    value: str
    interval: str
    england: str
    core20: str
    rest: str


@dataclass(frozen=True)
class MeasureView:
    anchor: str
    code: str | None
    name: str
    about: list[str]
    latest_period: str
    latest: str
    # The overview's narrow column: the number, with the unit on a smaller line below it.
    latest_number: str
    latest_unit: str
    interval: str | None
    revised: str | None
    previous: str | None
    # The change and the Core20 gap are shown as a number, with their unit in smaller type below;
    # no change without both values.
    change: str | None
    difference_unit: str
    direction: Verdict
    trend_marker: str | None
    comparisons: list[Comparison]
    core20: Core20Gap | None
    freshness: Freshness
    target: str | None
    trajectory: str | None
    flags: list[str]
    trend_chart: Chart | None
    gap_chart: Chart | None
    series_rows: list[SeriesRow]
    series_has_core20: bool


@dataclass(frozen=True)
class PriorityView:
    priority_id: str
    name: str
    measures: list[MeasureView]
    # Where the overview's rows of this priority start: the outcome's heading row comes first.
    opens_outcome: bool = False


@dataclass(frozen=True)
class DirectionCount:
    verdict: Verdict
    count: int


@dataclass(frozen=True)
class OutcomeView:
    anchor: str
    outcome_id: str
    name: str
    measures: int
    counts: list[DirectionCount]
    priorities: list[PriorityView]

    @property
    def sentence(self) -> str:
        """ "3 measures: 1 improving, 1 worsening, 1 cannot be calculated"."""
        parts = [
            f"{count.count} {count.verdict.word.lower()}" for count in self.counts if count.count
        ]
        noun = "measure" if self.measures == 1 else "measures"
        return f"{self.measures} {noun}" + (f": {', '.join(parts)}" if parts else "")


def _anchor(prefix: str, identifier: str) -> str:
    return f"{prefix}-{_NOT_ID_CHARACTER.sub('-', identifier)}"


def reader_code(measure_id: str) -> str | None:
    """The measure's id when it is a short code readers know (PP1), else None."""
    return measure_id if _READER_CODE.match(measure_id) else None


def reader_name(row: dict) -> str:
    """The place's name of the measure, with the sex of the series where it is split by sex."""
    split = row["measure_id"] != row["base_measure_id"] and row["series_sex"]
    return f"{row['measure_name']} ({row['series_sex']})" if split else row["measure_name"]


def _freshness(row: dict) -> Freshness:
    flags = row["flags"] or []
    if "missing" in flags:
        return Freshness("No data", "none", None)
    if not row["is_fresh"]:
        return Freshness("Stale", "warn", row["freshness_note"])
    return Freshness("Up to date", "neutral", row["freshness_note"])


def _latest_text(row: dict) -> str:
    """The latest value, or why there is none: a suppressed value is not a missing one."""
    if not is_missing(row["latest_value"]):
        return format_value(row["latest_value"], row["unit"])
    return "Suppressed" if "suppressed" in (row["flags"] or []) else "No data"


def _split_unit(text: str, unit: str | None) -> tuple[str, str]:
    """("412.3", "per 100,000") from "412.3 per 100,000"; ("60.5%", "") keeps % on the number."""
    if unit and text.endswith(f" {unit}"):
        return text[: -len(unit) - 1], unit
    return text, ""


def _optional_value(value: float | None, unit: str | None) -> str | None:
    return None if is_missing(value) else format_value(value, unit)


def _core20_gap(row: dict, first_review: bool) -> Core20Gap | None:
    if is_missing(row["core20_gap"]):
        return None
    unit = row["unit"]
    # At a place's first review the gap before is the previous period's, not a review's.
    since = "the previous period" if first_review else "the previous review"
    return Core20Gap(
        gap=format_number(row["core20_gap"], unit, signed=True),
        core20=format_value(row["core20_value"], unit),
        rest=format_value(row["rest_value"], unit),
        change=describe_gap_change(row["core20_gap"], row["core20_gap_previous"], unit, since),
    )


def _series_rows(points: pl.DataFrame, unit: str | None) -> list[SeriesRow]:
    return [
        SeriesRow(
            period=point["period_label"],
            value=format_value(point["value"], unit),
            interval=format_interval(point["lower_ci_95"], point["upper_ci_95"], unit) or "\u2013",
            england=format_value(point["england_value"], unit),
            core20=format_value(point["core20_value"], unit),
            rest=format_value(point["rest_value"], unit),
        )
        for point in points.iter_rows(named=True)
    ]


def _comparisons(row: dict) -> list[Comparison]:
    unit = row["unit"]
    return [
        Comparison(
            benchmark, COMPARISONS[row[verdict] or "Not compared"], _optional_value(value, unit)
        )
        for benchmark, verdict, value in (
            ("England", "compared_to_england", row["england_value"]),
            ("Region", "compared_to_region", row["region_value"]),
            ("Neighbours", "compared_to_neighbours", row["neighbour_value"]),
        )
    ]


def _target(row: dict) -> tuple[float, str | None] | None:
    return None if is_missing(row["target_value"]) else (row["target_value"], row["target_by"])


@dataclass(frozen=True)
class Milestone:
    """One point of the trajectory a place sets for a measure."""

    by: str
    period_end: date | None
    value: float


def milestones(trajectories: pl.DataFrame) -> dict[str, list[Milestone]]:
    """Each measure's trajectory (by the place's measure id), milestones in order."""
    by_measure: dict[str, list[Milestone]] = {}
    for row in trajectories.sort("measure_id", "milestone_order").iter_rows(named=True):
        by_measure.setdefault(row["measure_id"], []).append(
            Milestone(row["trajectory_by"], row["trajectory_period_end"], row["trajectory_value"])
        )
    return by_measure


def describe_trajectory(trajectory: list[Milestone], unit: str | None) -> str | None:
    """ "62.0% by 2024/25, 60.0% by 2025/26", or None without milestones."""
    if not trajectory:
        return None
    return describe_milestones([(point.by, point.value) for point in trajectory], unit)


def _chart_calls(
    row: dict, points: pl.DataFrame, trajectory: list[Milestone]
) -> dict[tuple[str, str], ChartCall]:
    """The measure's trend chart and Core20 gap chart, to draw, under (measure id, chart)."""
    measure_id, name = row["measure_id"], reader_name(row)
    return {
        (measure_id, "trend"): ChartCall(
            series_chart,
            {
                "points": points,
                "chart_id": _anchor("trend", measure_id),
                "place_name": row["place_name"],
                "measure_name": name,
                "unit": row["unit"],
                "value_type": row["value_type"],
                "target": _target(row),
                "trajectory": [
                    (point.period_end, point.by, point.value)
                    for point in trajectory
                    if point.period_end is not None
                ],
            },
        ),
        (measure_id, "gap"): ChartCall(
            core20_gap_chart,
            {
                "points": points,
                "chart_id": _anchor("gap", measure_id),
                "measure_name": name,
                "unit": row["unit"],
            },
        ),
    }


def _measure_view(
    row: dict,
    points: pl.DataFrame,
    first_review: bool,
    trajectory: list[Milestone],
    charts: dict[tuple[str, str], Chart | None],
) -> MeasureView:
    unit = row["unit"]
    points = points.sort("period_end")
    measure_id = row["measure_id"]
    name = reader_name(row)
    target = _target(row)
    latest = _latest_text(row)
    latest_number, latest_unit = _split_unit(latest, unit)
    return MeasureView(
        anchor=_anchor("measure", measure_id),
        code=reader_code(row["base_measure_id"]),
        name=name,
        about=[
            f"{row['role'].capitalize()} measure",
            POLARITIES[row["polarity"]],
            f"Source: {SOURCES[row['source']]}",
        ],
        latest_period=row["latest_period"] or "\u2013",
        latest=latest,
        latest_number=latest_number,
        latest_unit=latest_unit,
        interval=format_interval(row["latest_lower_ci_95"], row["latest_upper_ci_95"], unit),
        revised=_optional_value(row["revised_value"], unit),
        previous=_optional_value(row["previous_review_value"], unit),
        change=(
            None
            if is_missing(row["change_since_previous"])
            else format_number(row["change_since_previous"], unit, signed=True)
        ),
        difference_unit=difference_unit(unit),
        direction=DIRECTIONS[row["direction"] or "cannot be calculated"],
        trend_marker=row["trend_marker"],
        comparisons=_comparisons(row),
        core20=_core20_gap(row, first_review),
        freshness=_freshness(row),
        target=(
            None
            if target is None
            else f"{format_value(target[0], unit)}" + (f" by {target[1]}" if target[1] else "")
        ),
        trajectory=describe_trajectory(trajectory, unit),
        # Missing and stale are what the freshness word already says.
        flags=[flag_label(flag) for flag in row["flags"] or [] if flag not in ("missing", "stale")],
        trend_chart=charts[measure_id, "trend"],
        gap_chart=charts[measure_id, "gap"],
        series_rows=_series_rows(points, unit),
        series_has_core20=bool(points["core20_value"].is_not_null().any()),
    )


# The outcome summary's count columns, in the order the page shows them, and their directions.
_COUNTED_DIRECTIONS = {
    "improving": "improving",
    "worsening": "worsening",
    "no_change": "no significant change",
    "not_calculable": "cannot be calculated",
    "not_applicable": "not applicable",
}


def _with_not_applicable(outcomes: pl.DataFrame) -> pl.DataFrame:
    """The summary with `not_applicable`: measures it does not count (no-judgement ones)."""
    counted = [column for column in _COUNTED_DIRECTIONS if column != "not_applicable"]
    outcomes = outcomes.with_columns(not_applicable=pl.col("measures") - pl.sum_horizontal(counted))
    overcounted = outcomes.filter(pl.col("not_applicable") < 0)["outcome_id"].to_list()
    if overcounted:
        raise ValueError(f"the outcome summary counts more directions than measures: {overcounted}")
    return outcomes


def _direction_counts(summary: dict, columns: list[str]) -> list[DirectionCount]:
    return [
        DirectionCount(DIRECTIONS[_COUNTED_DIRECTIONS[column]], summary[column])
        for column in columns
    ]


def _outcome_views(
    measures: pl.DataFrame,
    series: pl.DataFrame,
    outcomes: pl.DataFrame,
    count_columns: list[str],
    first_review: bool,
    trajectories: dict[str, list[Milestone]],
) -> list[OutcomeView]:
    missing = set(measures["outcome_id"].to_list()) - set(outcomes["outcome_id"].to_list())
    if missing:
        raise ValueError(f"the outcome summary lacks outcome(s) {', '.join(sorted(missing))}")
    by_measure = series.partition_by("measure_id", as_dict=True)

    def points(row: dict) -> pl.DataFrame:
        return by_measure.get((row["measure_id"],), series.clear())

    # Every chart of the page at once, so that they can be drawn side by side.
    charts = draw_charts(
        {
            key: call
            for row in measures.iter_rows(named=True)
            for key, call in _chart_calls(
                row, points(row), trajectories.get(row["base_measure_id"], [])
            ).items()
        }
    )
    views = []
    for summary in outcomes.iter_rows(named=True):
        outcome_measures = measures.filter(pl.col("outcome_id") == summary["outcome_id"])
        priorities = [
            PriorityView(
                priority_id=priority_id,
                name=rows["priority_name"][0],
                measures=[
                    _measure_view(
                        row,
                        points(row),
                        first_review,
                        trajectories.get(row["base_measure_id"], []),
                        charts,
                    )
                    for row in rows.sort("measure_order").iter_rows(named=True)
                ],
            )
            for (priority_id,), rows in outcome_measures.sort("measure_order").group_by(
                "priority_id", maintain_order=True
            )
        ]
        views.append(
            OutcomeView(
                anchor=_anchor("outcome", summary["outcome_id"]),
                outcome_id=summary["outcome_id"],
                name=summary["outcome_name"],
                measures=summary["measures"],
                counts=_direction_counts(summary, count_columns),
                priorities=priorities,
            )
        )
    return views


@dataclass(frozen=True)
class PublicationNotice:
    """What the reader must know about how this review was published, most important first."""

    withdrawn: str | None
    notes: list[str]


def _publication_notice(first: dict) -> PublicationNotice:
    withdrawn = None
    if first.get("withdrawn_at") is not None:
        withdrawn = (
            f"Withdrawn on {format_date(first['withdrawn_at'])} by {first['withdrawn_by']}: "
            f"{first['withdrawal_reason']}. It is kept as it was published, for the record, and "
            "later reviews are not compared with it."
        )
    notes = []
    if first.get("off_cadence"):
        notes.append(
            "Published outside the place's review cycle, at the publisher's explicit request."
        )
    if first.get("no_new_data"):
        notes.append("No measure has data newer than at the previous review.")
    return PublicationNotice(withdrawn, notes)


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_page(
    measures: pl.DataFrame,
    series: pl.DataFrame,
    outcomes: pl.DataFrame,
    *,
    trajectories: pl.DataFrame,
    synthetic: bool,
    generated_on: date,
    file_names: list[str],
) -> str:
    """The HTML page of one place's review from that review's rows of the three frames."""
    first = measures.row(0, named=True)
    outcomes = _with_not_applicable(outcomes)
    count_columns = list(_COUNTED_DIRECTIONS)
    # A "not applicable" column only when some outcome has such a measure.
    if not (outcomes["not_applicable"] > 0).any():
        count_columns.remove("not_applicable")
    totals = outcomes.select("measures", *count_columns).sum().row(0, named=True)
    # A place's first review has nothing to compare with: no measure has a previous value.
    first_review = measures["previous_review_value"].is_null().all()
    views = _outcome_views(
        measures, series, outcomes, count_columns, first_review, milestones(trajectories)
    )
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            place_name=first["place_name"],
            review_label=first["review_label"],
            is_draft=first["published_at"] is None,
            status=review_status(first["published_at"]),
            generated_on=format_date(generated_on),
            synthetic=synthetic,
            outcomes=views,
            first_review=first_review,
            notice=_publication_notice(first),
            stale_rule=STALE_RULE,
            totals=_direction_counts(totals, count_columns),
            total_measures=totals["measures"],
            file_names=file_names,
        )
    )
