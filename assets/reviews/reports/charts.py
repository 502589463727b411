"""A measure's charts as inline SVG: its series with the 95% interval and England, its Core20 gap.

Figures are drawn with matplotlib's object API (no pyplot, so no global figure state or GUI
backend) and returned as `<svg>` markup ready to sit inside the page: with a <title> and <desc>
that screen readers announce, ids made unique per chart (several charts share one document), and
no XML prolog. Text is drawn as paths so a chart looks the same wherever the file is opened.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from dataclasses import dataclass
from datetime import date

import matplotlib
import polars as pl
from markupsafe import Markup, escape
from matplotlib.axes import Axes
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from assets.reviews.reports.formatting import (
    MINUS,
    describe_milestones,
    difference_unit,
    format_change,
    format_number,
    format_value,
)

PLACE_COLOUR = "#1d70b8"
ENGLAND_COLOUR = "#0b0c0c"
GAP_COLOUR = "#4c2c92"
TARGET_COLOUR = "#00703c"
TRAJECTORY_COLOUR = "#912b88"
GRID_COLOUR = "#d8dadc"
TEXT_COLOUR = "#0b0c0c"
# Beyond this many periods every other tick label is dropped so labels never overlap.
MAX_TICK_LABELS = 8
# Counts, rates and proportions have a true zero, so their axis starts there, unless the series'
# own range would then fill less than this share of the axis (it would look flat when it is not).
ZERO_BASED_KINDS = ("count", "rate", "proportion")
MIN_SHARE_FROM_ZERO = 0.25
# A zoomed axis spans at least this share of the values' size, so a flat series looks flat.
MIN_SPAN_SHARE = 0.25
NOT_FROM_ZERO = "The vertical axis does not start at zero."
# A longer unit ("per 1,000 people with moderate or severe frailty") would squeeze the plot: the
# latest value's label and the legend then show the number alone, the axis label (wrapped) the unit.
MAX_LABEL_UNIT = 12
AXIS_LABEL_WIDTH = 24
# A milestone's period gets a tick of its own unless it ends this close to a period's tick (a
# financial-year milestone beside a calendar-year series), where the two labels would overlap.
MIN_TICK_GAP_DAYS = 200

_ID_REFERENCE = re.compile(r'(\bid="|href="#|url\(#)([^")]+)')
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)


@dataclass(frozen=True)
class Chart:
    """An inline SVG chart and the one-sentence description that is also its <desc>."""

    svg: Markup
    description: str


def _style(axes: Axes) -> None:
    axes.spines[["top", "right"]].set_visible(False)
    axes.spines[["left", "bottom"]].set_color("#505a5f")
    axes.grid(axis="y", color=GRID_COLOUR, linewidth=0.8)
    axes.set_axisbelow(True)
    axes.tick_params(labelsize=9, colors=TEXT_COLOUR)


def _period_ticks(axes: Axes, ticks: list[date] | list[int], labels: list[str]) -> None:
    """One tick per period, labelled with its name; every other label when there are many."""
    step = 2 if len(labels) > MAX_TICK_LABELS else 1
    # Count back from the latest period so that it is always labelled.
    shown = [
        label if (len(labels) - 1 - index) % step == 0 else "" for index, label in enumerate(labels)
    ]
    axes.set_xticks(ticks, shown)


def _thousands(axes: Axes) -> None:
    """Y tick labels with thousands separators, as many decimals as the tick step needs, and a
    true minus sign."""

    def label(value: float, _position: int) -> str:
        ticks = formatter.locs
        step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1.0
        places = max(0, math.ceil(-math.log10(step) - 1e-9)) if step > 0 else 0
        text = f"{abs(value):,.{places}f}"
        return MINUS + text if value < 0 and float(text.replace(",", "")) != 0 else text

    formatter = FuncFormatter(label)
    axes.yaxis.set_major_formatter(formatter)


def _honest_limits(axes: Axes, values: list[float], value_type: str | None) -> bool:
    """Set y limits that neither exaggerate nor hide change; True when they start at zero."""
    known = [value for value in values if not math.isnan(value)]
    low, high = min(known), max(known)
    size = max(abs(low), abs(high)) or 1.0
    kind = (value_type or "").lower()
    zero_based = low >= 0 and any(word in kind for word in ZERO_BASED_KINDS)
    if zero_based and high > 0 and (high - low) / high >= MIN_SHARE_FROM_ZERO:
        axes.set_ylim(0, high * 1.12)
        return True
    span = max(high - low, MIN_SPAN_SHARE * size)
    middle = (high + low) / 2
    bottom, top = middle - span * 0.6, middle + span * 0.6
    # Never below zero for values that cannot be negative.
    if low >= 0 and bottom < 0:
        bottom, top = 0.0, top - bottom
    axes.set_ylim(bottom, top)
    return bottom == 0


def _on_chart(value: float, unit: str | None) -> str:
    """A value as the chart's labels show it: with its unit unless that is long."""
    return (
        format_value(value, unit)
        if len(unit or "") <= MAX_LABEL_UNIT
        else format_number(value, unit)
    )


def _inline_svg(figure: Figure, chart_id: str, title: str, description: str) -> Markup:
    """The figure as accessible inline <svg> markup with ids prefixed by `chart_id`."""
    buffer = io.StringIO()
    # Printed by the SVG canvas itself: `savefig` would first draw the whole figure without output
    # for the constrained layout, which the one real draw runs anyway (same bytes, a fifth faster).
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": chart_id}):
        FigureCanvasSVG(figure).print_svg(buffer, metadata={"Date": None})
    svg = buffer.getvalue()
    svg = _METADATA.sub("", svg[svg.index("<svg") :])
    svg = _ID_REFERENCE.sub(lambda match: f"{match[1]}{chart_id}-{match[2]}", svg)
    # matplotlib's stylesheet selects `*`; inline in a page that would style the whole document.
    svg = svg.replace("*{stroke-linejoin", f"#{chart_id} *{{stroke-linejoin", 1)
    opening_end = svg.index(">") + 1
    opening = svg[: opening_end - 1].replace(
        "<svg ",
        f'<svg id="{chart_id}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" ',
        1,
    )
    accessible_name = (
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
    )
    return Markup(f"{opening}>{accessible_name}{svg[opening_end:]}")


def _values(points: pl.DataFrame, column: str) -> list[float]:
    """A column as floats with NaN for missing values, which matplotlib leaves as gaps."""
    return points[column].cast(pl.Float64).fill_null(float("nan")).to_list()


def series_chart(
    points: pl.DataFrame,
    *,
    chart_id: str,
    place_name: str,
    measure_name: str,
    unit: str | None,
    value_type: str | None = None,
    target: tuple[float, str | None] | None = None,
    trajectory: list[tuple[date, str, float]] | None = None,
) -> Chart | None:
    """The measure's values over time with a 95% interval band and England, and the place's
    target and trajectory (milestones: period end, period, value) where it sets them; None
    without values."""
    trajectory = trajectory or []
    points = points.sort("period_end")
    known = points.filter(pl.col("value").is_not_null())
    if known.is_empty():
        return None
    ends, labels = points["period_end"].to_list(), points["period_label"].to_list()
    figure = Figure(figsize=(5.2, 2.3), layout="constrained")
    axes = figure.add_subplot()
    _style(axes)
    band = axes.fill_between(
        ends,
        _values(points, "lower_ci_95"),
        _values(points, "upper_ci_95"),
        color=PLACE_COLOUR,
        alpha=0.18,
        linewidth=0,
        label="95% confidence interval",
    )
    (place_line,) = axes.plot(
        ends,
        _values(points, "value"),
        color=PLACE_COLOUR,
        linewidth=2.2,
        marker="o",
        markersize=4.5,
        label=place_name,
    )
    legend_handles = [place_line, band]
    england = points.filter(pl.col("england_value").is_not_null())
    if not england.is_empty():
        (england_line,) = axes.plot(
            ends,
            _values(points, "england_value"),
            color=ENGLAND_COLOUR,
            linewidth=1.5,
            linestyle=(0, (5, 3)),
            label="England",
        )
        legend_handles.append(england_line)
    if target is not None:
        target_value, target_by = target
        target_line = axes.axhline(
            target_value,
            color=TARGET_COLOUR,
            linewidth=1.5,
            linestyle=(0, (1, 1.5)),
            label=f"Target {_on_chart(target_value, unit)}"
            + (f" by {target_by}" if target_by else ""),
        )
        legend_handles.append(target_line)
    if trajectory:
        (trajectory_line,) = axes.plot(
            [end for end, _, _ in trajectory],
            [value for _, _, value in trajectory],
            color=TRAJECTORY_COLOUR,
            linewidth=1.5,
            linestyle=(0, (4, 1.5, 1, 1.5)),
            marker="D",
            markersize=4,
            label="Trajectory",
        )
        legend_handles.append(trajectory_line)
    latest = known.row(-1, named=True)
    # At the height of the latest value but right of the last period, past where every line and
    # band ends (a later period may have no value), so it never sits on them.
    axes.annotate(
        _on_chart(latest["value"], unit),
        (ends[-1], latest["value"]),
        xytext=(7, 0),
        textcoords="offset points",
        ha="left",
        va="center",
        fontsize=9,
        fontweight="bold",
        color=PLACE_COLOUR,
        annotation_clip=False,
    )
    # A period without a value would otherwise just look like the series stopped early.
    missing = points.filter(pl.col("value").is_null())
    for period_end in missing["period_end"]:
        axes.annotate(
            "no value",
            (period_end, 0),
            xycoords=("data", "axes fraction"),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            fontsize=8,
            style="italic",
            color="#505a5f",
        )
    # A milestone due after the last period gets a tick of its own.
    ticks = dict(zip(ends, labels, strict=True))
    ticks.update(
        {
            end: by
            for end, by, _ in trajectory
            if all(abs((end - tick).days) >= MIN_TICK_GAP_DAYS for tick in ticks)
        }
    )
    ordered = sorted(ticks) if trajectory else ends
    _period_ticks(axes, ordered, [ticks[end] for end in ordered])
    axes.set_ylabel(textwrap.fill(unit or "Value", AXIS_LABEL_WIDTH), fontsize=9, color=TEXT_COLOUR)
    axes.margins(x=0.04)
    plotted = [
        *_values(points, "value"),
        *_values(points, "lower_ci_95"),
        *_values(points, "upper_ci_95"),
        *_values(points, "england_value"),
        *([target[0]] if target is not None else []),
        *(value for _, _, value in trajectory),
    ]
    from_zero = _honest_limits(axes, plotted, value_type)
    _thousands(axes)
    axes.legend(
        handles=legend_handles,
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=2 if len(legend_handles) > 3 else 3,
        frameon=False,
        fontsize=9,
    )
    first = known.row(0, named=True)
    description = (
        f"{place_name}, {first['period_label']} to {latest['period_label']}: from "
        f"{format_value(first['value'], unit)} to {format_value(latest['value'], unit)}"
    )
    if not england.is_empty():
        last_england = england.row(-1, named=True)
        description += (
            f"; England {format_value(last_england['england_value'], unit)} "
            f"in {last_england['period_label']}"
        )
    if not missing.is_empty():
        description += f"; no value for {', '.join(missing['period_label'])}"
    if target is not None:
        description += f"; target {format_value(target[0], unit)}"
        description += f" by {target[1]}" if target[1] else ""
    if trajectory:
        description += "; trajectory " + describe_milestones(
            [(by, value) for _, by, value in trajectory], unit
        )
    description += ". The shaded band is the 95% confidence interval."
    if not from_zero:
        description += " " + NOT_FROM_ZERO
    compared = f"{place_name} and England" if not england.is_empty() else place_name
    title = f"{measure_name}: {compared} over time"
    return Chart(_inline_svg(figure, chart_id, title, description), description)


def core20_gap_chart(
    points: pl.DataFrame, *, chart_id: str, measure_name: str, unit: str | None
) -> Chart | None:
    """Core20 minus the rest of the place in each period; None where no period has both."""
    gaps = (
        points.sort("period_end")
        .with_columns(gap=pl.col("core20_value") - pl.col("rest_value"))
        .filter(pl.col("gap").is_not_null())
    )
    if gaps.is_empty():
        return None
    labels = gaps["period_label"].to_list()
    figure = Figure(figsize=(4.0, 2.2), layout="constrained")
    axes = figure.add_subplot()
    _style(axes)
    positions = list(range(len(labels)))
    bars = axes.bar(positions, gaps["gap"].to_list(), color=GAP_COLOUR, width=0.6)
    axes.bar_label(
        bars,
        labels=[format_number(gap, unit) for gap in gaps["gap"]],
        padding=2,
        fontsize=8,
        color=TEXT_COLOUR,
    )
    axes.axhline(0, color="#505a5f", linewidth=1)
    _period_ticks(axes, positions, labels)
    axes.margins(y=0.18)
    _thousands(axes)
    axes.set_ylabel(
        f"Core20 minus rest\n{textwrap.fill(difference_unit(unit), AXIS_LABEL_WIDTH)}".strip(),
        fontsize=9,
        color=TEXT_COLOUR,
    )
    first, latest = gaps.row(0, named=True), gaps.row(-1, named=True)
    description = (
        f"Gap between Core20 areas and the rest of the place, {first['period_label']} to "
        f"{latest['period_label']}: from {format_change(first['gap'], unit)} to "
        f"{format_change(latest['gap'], unit)}."
    )
    title = f"{measure_name}: Core20 gap over time"
    return Chart(_inline_svg(figure, chart_id, title, description), description)
