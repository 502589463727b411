"""A review as an Excel workbook: Summary (outcomes by direction), Measures, Series (in the
place's order, with names and units) and Definitions (what each measure is and how it is judged).

Each sheet is a plain table that sorts and filters: labelled header row in bold, frozen below it,
an autofilter, columns sized to their contents and numbers formatted, while cells keep the full
precision. Excel has no time zones, so datetimes are written in UTC and labelled so.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import polars as pl
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from assets.reviews.reports.contract import REVIEW_KEY
from assets.reviews.reports.exports import flatten_lists
from assets.reviews.reports.formatting import POLARITIES, SOURCES, review_status
from assets.reviews.reports.page import (
    describe_trajectory,
    milestones,
    reader_code,
    reader_name,
)

SYNTHETIC_NOTE = "Synthetic data: these values are made up, for testing and demonstration only."

COLUMN_LABELS = {
    "place_id": "Place id",
    "place_name": "Place",
    "review_id": "Review id",
    "review_label": "Review",
    "published_at": "Published (UTC)",
    "outcome_id": "Outcome id",
    "outcome_name": "Outcome",
    "priority_id": "Priority id",
    "priority_name": "Priority",
    "measure_id": "Measure id",
    "measure_name": "Measure",
    "role": "Role",
    "unit": "Unit",
    "polarity": "Polarity",
    "latest_period": "Latest period",
    "latest_value": "Latest value",
    "latest_lower_ci_95": "Lower 95% CI",
    "latest_upper_ci_95": "Upper 95% CI",
    "previous_review_value": "Value at previous review",
    "change_since_previous": "Change since previous review",
    "direction": "Direction",
    "trend_marker": "Recent trend",
    "compared_to_england": "Compared with England",
    "compared_to_region": "Compared with region",
    "compared_to_neighbours": "Compared with neighbours",
    "england_value": "England",
    "region_value": "Region",
    "core20_value": "Core20",
    "rest_value": "Rest of place",
    "core20_gap": "Core20 gap",
    "core20_gap_previous": "Core20 gap at previous review",
    "core20_gap_change": "Change in Core20 gap",
    "is_fresh": "New data this review",
    "freshness_note": "Freshness",
    "flags": "Flags",
    "revised_value": "Revised after publication",
    "source": "Source",
    "synthetic": "Synthetic",
    "period_label": "Period",
    "period_end": "Period end",
    "value": "Value",
    "lower_ci_95": "Lower 95% CI",
    "upper_ci_95": "Upper 95% CI",
    "measures": "Measures",
    "improving": "Improving",
    "worsening": "Worsening",
    "no_change": "No significant change",
    "not_calculable": "Cannot be calculated",
    "not_applicable": "Not applicable",
    "period_start": "Period start",
    "latest_period_start": "Latest period start",
    "latest_period_end": "Latest period end",
    "neighbour_value": "Neighbours' mean",
    "target_value": "Target",
    "target_by": "Target by",
    "value_type": "Value type",
    "frequency": "Frequency",
    "core20_definition": "Core20 definition",
    "base_measure_id": "Measure id in the place file",
    "measure_order": "Order",
    "series_sex": "Sex",
    "series_age": "Age",
}
# How every measure is judged (assets/statistics): the definitions sheet's method column.
METHOD = (
    "{value_type}. Compared with England, the region and the nearest neighbours' mean by whether "
    "the benchmark lies inside the place's 95% confidence interval; direction from the recent "
    "trend (last 5 points, chi-squared test for linear trend at 99.8%)."
)

# Differences read better with an explicit sign.
_SIGNED_COLUMNS = {
    "change_since_previous",
    "core20_gap",
    "core20_gap_previous",
    "core20_gap_change",
}
_DECIMAL = "#,##0.0##"
_SIGNED_DECIMAL = "+#,##0.0##;-#,##0.0##;0.0"
_HEADER_FILL = PatternFill("solid", fgColor="DDE3E8")
_MIN_WIDTH, _MAX_WIDTH = 8, 50


def _number_format(name: str, dtype: pl.DataType) -> str | None:
    if dtype.is_float():
        return _SIGNED_DECIMAL if name in _SIGNED_COLUMNS else _DECIMAL
    if dtype.is_integer():
        return "0"
    if isinstance(dtype, pl.Datetime):
        return "d mmm yyyy hh:mm"
    if dtype == pl.Date:
        return "d mmm yyyy"
    return None


def _without_time_zones(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(
        pl.col(name).dt.convert_time_zone("UTC").dt.replace_time_zone(None)
        for name, dtype in frame.schema.items()
        if isinstance(dtype, pl.Datetime) and dtype.time_zone is not None
    )


def _display_width(value: object) -> int:
    if isinstance(value, float):
        return len(f"{value:,.3f}")
    if isinstance(value, datetime):
        return 17
    return len(str(value)) if value is not None else 0


def _write_table(sheet: Worksheet, frame: pl.DataFrame, header_row: int) -> None:
    """The frame as a table whose header is on `header_row`, frozen and filterable."""
    table = _without_time_zones(flatten_lists(frame))
    headers = [
        COLUMN_LABELS.get(name, name.replace("_", " ").capitalize()) for name in table.columns
    ]
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=header_row, column=column, value=header)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for row_offset, row in enumerate(table.iter_rows(), start=1):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=header_row + row_offset, column=column, value=value)
    for column, (name, dtype) in enumerate(table.schema.items(), start=1):
        letter = get_column_letter(column)
        number_format = _number_format(name, dtype)
        if number_format:
            for (cell,) in sheet.iter_rows(
                min_row=header_row + 1,
                max_row=header_row + table.height,
                min_col=column,
                max_col=column,
            ):
                cell.number_format = number_format
        widest = max([len(headers[column - 1]), *map(_display_width, table[name].to_list())])
        sheet.column_dimensions[letter].width = min(max(widest + 2, _MIN_WIDTH), _MAX_WIDTH)
    last_column = get_column_letter(len(headers))
    sheet.auto_filter.ref = f"A{header_row}:{last_column}{header_row + max(table.height, 1)}"
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)


def _series_in_place_order(series: pl.DataFrame, measures: pl.DataFrame) -> pl.DataFrame:
    """The series with each measure's name and unit, in the place file's order."""
    names = measures.select(
        "measure_id",
        "measure_order",
        measure_name=pl.Series([reader_name(row) for row in measures.iter_rows(named=True)]),
        unit=pl.col("unit"),
    )
    joined = series.join(names, on="measure_id", how="left").sort("measure_order", "period_end")
    first = ["measure_id", "measure_name", "unit"]
    return joined.select(*first, pl.exclude(*first, "measure_order"))


def _definitions(measures: pl.DataFrame, trajectories: pl.DataFrame) -> pl.DataFrame:
    """One row per measure: what it is, where it comes from, how it is judged and what the place
    aims for."""
    trajectory = milestones(trajectories)
    rows = [
        {
            "Code": reader_code(row["base_measure_id"]),
            "Measure": reader_name(row),
            "Outcome": row["outcome_name"],
            "Priority": row["priority_name"],
            "Unit": row["unit"],
            "Polarity": POLARITIES[row["polarity"]],
            "Source": SOURCES[row["source"]],
            "Frequency": row["frequency"],
            "Method": METHOD.format(value_type=(row["value_type"] or "value").capitalize()),
            "Core20 definition": row["core20_definition"] or "No Core20 breakdown",
            "Target": (
                None
                if row["target_value"] is None
                else f"{row['target_value']:,g}"
                + (f" by {row['target_by']}" if row["target_by"] else "")
            ),
            "Trajectory": describe_trajectory(
                trajectory.get(row["base_measure_id"], []), row["unit"]
            ),
            "Measure id in the place file": row["base_measure_id"],
        }
        for row in measures.sort("measure_order").iter_rows(named=True)
    ]
    return (
        pl.DataFrame(rows, schema={name: pl.String for name in rows[0]}) if rows else pl.DataFrame()
    )


def write_workbook(
    path: Path,
    measures: pl.DataFrame,
    series: pl.DataFrame,
    outcomes: pl.DataFrame,
    *,
    trajectories: pl.DataFrame,
    synthetic: bool,
) -> Path:
    """One review's workbook at `path`: Summary, Measures, Series and Definitions sheets."""
    workbook = Workbook()
    summary = workbook.active
    summary.title = "Summary"
    first = measures.row(0, named=True)
    summary["A1"] = f"{first['place_name']}: {first['review_label']}"
    summary["A1"].font = Font(bold=True, size=14)
    summary["A2"] = review_status(first["published_at"])
    if synthetic:
        summary["A3"] = SYNTHETIC_NOTE
        summary["A3"].font = Font(bold=True, color="942514")
    # The title already names the place and review; the outcome's name says which it is.
    _write_table(summary, outcomes.drop(*REVIEW_KEY, "outcome_id"), header_row=5)
    _write_table(workbook.create_sheet("Measures"), measures.sort("measure_order"), header_row=1)
    _write_table(
        workbook.create_sheet("Series"), _series_in_place_order(series, measures), header_row=1
    )
    _write_table(
        workbook.create_sheet("Definitions"), _definitions(measures, trajectories), header_row=1
    )
    workbook.save(path)
    return path
