"""The header layouts of Fingertips CSV downloads, and the checks that a body really is one.

all_data downloads come in three layouts seen in the wild:
- 27 columns (today), the last being `Time period Range`;
- 26 columns (older exports), with no `Time period range`;
- an R `write.csv` re-save of either: a leading unnamed index column, dots for spaces, `NA` for empty.
Column 23 is named after the parent comparison and varies (`Compared to Region value or percentiles`,
`Compared to percentiles`, `Column not used`, `Compared to subnational parent value or percentiles`),
so it is matched by pattern and its header kept as the comparison's label.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from assets.fingertips.errors import CsvHeaderError, UnexpectedBodyError
from assets.fingertips.source import looks_like_html

PARENT_COMPARISON_POSITION = 22

ALL_DATA_COLUMNS: tuple[tuple[str, str], ...] = (
    ("indicator_id", "Indicator ID"),
    ("indicator_name", "Indicator Name"),
    ("parent_code", "Parent Code"),
    ("parent_name", "Parent Name"),
    ("area_code", "Area Code"),
    ("area_name", "Area Name"),
    ("area_type", "Area Type"),
    ("sex", "Sex"),
    ("age", "Age"),
    ("category_type", "Category Type"),
    ("category", "Category"),
    ("time_period", "Time period"),
    ("value", "Value"),
    ("lower_ci_95", "Lower CI 95.0 limit"),
    ("upper_ci_95", "Upper CI 95.0 limit"),
    ("lower_ci_99_8", "Lower CI 99.8 limit"),
    ("upper_ci_99_8", "Upper CI 99.8 limit"),
    ("count", "Count"),
    ("denominator", "Denominator"),
    ("value_note", "Value note"),
    ("recent_trend", "Recent Trend"),
    ("compared_to_england", "Compared to England value or percentiles"),
    ("compared_to_parent", "Compared to <parent> value or percentiles"),
    ("time_period_sortable", "Time period Sortable"),
    ("new_data", "New data"),
    ("compared_to_goal", "Compared to goal"),
    ("time_period_range", "Time period range"),
)

METADATA_COLUMNS: tuple[str, ...] = (
    "Indicator ID",
    "Indicator",
    "Indicator number",
    "Rationale",
    "Specific rationale",
    "Definition",
    "Data source",
    "Indicator source",
    "Definition of numerator",
    "Source of numerator",
    "Definition of denominator",
    "Source of denominator",
    "Methodology",
    "Standard population/values",
    "Frequency",
    "Confidence interval details",
    "Disclosure control",
    "Rounding",
    "Caveats",
    "Notes",
    "Impact of COVID-19",
    "Copyright",
    "Data re-use",
    "Links",
    "Indicator Content",
    "Simple Name",
    "Simple Definition",
    "Unit",
    "Value type",
    "Year type",
    "Polarity",
    "Date updated",
)

_PARENT_COMPARISON = re.compile(r"^(comparedto.*(valueorpercentiles|percentiles)|columnnotused)$")
RESAVED_ROW_LABEL = "resaved_row_label"
# The fields an all_data download is read with as numbers; every other field is kept as the text
# that came back. A field that is not a number refuses the download.
NUMBER_COLUMNS: dict[str, str] = {
    "indicator_id": "INTEGER",
    "value": "DOUBLE",
    "lower_ci_95": "DOUBLE",
    "upper_ci_95": "DOUBLE",
    "lower_ci_99_8": "DOUBLE",
    "upper_ci_99_8": "DOUBLE",
    "count": "DOUBLE",
    "denominator": "DOUBLE",
    "time_period_sortable": "BIGINT",
}


def _folded(name: str) -> str:
    """Header text with case, spaces and dots folded, so R's `Lower.CI.95.0.limit` matches."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


@dataclass(frozen=True)
class AllDataLayout:
    """Which all_data layout a file has, and how DuckDB should read it."""

    columns: tuple[str, ...]
    resaved_by_r: bool
    parent_comparison_label: str

    @property
    def null_strings(self) -> list[str]:
        # R writes NA for missing values; the API leaves the field empty.
        return ["", "NA"] if self.resaved_by_r else [""]

    @property
    def duckdb_columns(self) -> dict[str, str]:
        """Each column's type as the load reads it."""
        return {name: NUMBER_COLUMNS.get(name, "VARCHAR") for name in self.columns}

    @property
    def text_columns(self) -> dict[str, str]:
        """Every column as text: to find which field of a refused download is not a number."""
        return {name: "VARCHAR" for name in self.columns}


def read_first_line(path: Path, source: str) -> list[str]:
    """The header fields; rejects empty bodies and HTML pages before any parsing."""
    with path.open("rb") as handle:
        head = handle.read(64 * 1024)
    if not head.strip():
        raise UnexpectedBodyError(f"{source}: the CSV is empty (0 rows, no header)")
    if looks_like_html(head):
        raise UnexpectedBodyError(
            f"{source}: got an HTML page instead of CSV (a proxy, captive portal or error page?): "
            f"{head[:120]!r}"
        )
    first_line = head.decode("utf-8-sig", errors="replace").splitlines()[0]
    return next(csv.reader(io.StringIO(first_line)))


def check_complete(path: Path, source: str) -> None:
    """A download that stops mid-line was truncated: every complete CSV ends with a newline."""
    with path.open("rb") as handle:
        handle.seek(0, io.SEEK_END)
        if handle.tell() == 0:
            raise UnexpectedBodyError(f"{source}: the CSV is empty (0 bytes)")
        handle.seek(-1, io.SEEK_END)
        if handle.read(1) != b"\n":
            raise UnexpectedBodyError(
                f"{source}: the CSV ends mid-line (truncated download?): the last row has no "
                "line ending"
            )


def all_data_layout(path: Path, source: str) -> AllDataLayout:
    header = read_first_line(path, source)
    resaved_by_r = bool(header) and header[0] == ""
    fields = header[1:] if resaved_by_r else header
    if len(fields) not in (26, 27):
        raise CsvHeaderError(
            f"{source}: expected an all_data CSV header of 26 or 27 columns, got {len(fields)}: "
            f"{', '.join(fields[:6])}{' …' if len(fields) > 6 else ''}"
        )
    for position, (found, (_, expected)) in enumerate(zip(fields, ALL_DATA_COLUMNS), start=1):
        matches = (
            _PARENT_COMPARISON.match(_folded(found))
            if position - 1 == PARENT_COMPARISON_POSITION
            else _folded(found) == _folded(expected)
        )
        if not matches:
            raise CsvHeaderError(
                f"{source}: header column {position} is {found!r}, expected {expected!r} "
                "(the all_data CSV layout has changed)"
            )
    names = tuple(name for name, _ in ALL_DATA_COLUMNS[: len(fields)])
    return AllDataLayout(
        columns=((RESAVED_ROW_LABEL,) if resaved_by_r else ()) + names,
        resaved_by_r=resaved_by_r,
        parent_comparison_label=fields[PARENT_COMPARISON_POSITION].replace(".", " "),
    )


def check_metadata_header(path: Path, source: str) -> None:
    header = read_first_line(path, source)
    if len(header) != len(METADATA_COLUMNS):
        raise CsvHeaderError(
            f"{source}: expected the {len(METADATA_COLUMNS)}-column indicator metadata CSV, "
            f"got {len(header)} columns"
        )
    for position, (found, expected) in enumerate(zip(header, METADATA_COLUMNS), start=1):
        if _folded(found) != _folded(expected):
            raise CsvHeaderError(
                f"{source}: header column {position} is {found!r}, expected {expected!r} "
                "(the indicator metadata CSV layout has changed)"
            )


def metadata_duckdb_columns() -> dict[str, str]:
    return {_folded_name(name): "VARCHAR" for name in METADATA_COLUMNS}


def _folded_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
