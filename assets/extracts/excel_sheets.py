"""Excel sheets as UTF-8 CSV for DuckDB, row by row (openpyxl read-only: never the whole sheet).

Sheets people make have title rows above the header, blank rows, and merged cells. The header is
the first row (of the first HEADER_SEARCH_ROWS) holding every declared column, unless the
declaration names its row. Blank rows are skipped; every other row is written with its sheet row
number first, so problems name the row the user sees. A merged cell spanning data rows gives its
value to one row only: it is a problem (naming the range) unless the declaration says to copy the
value into every cell of the range (format.merged_cells: fill).
"""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

from assets.extracts.problems import FileProblem, UnreadableFile

HEADER_SEARCH_ROWS = 50
SHEET_ROW_COLUMN = "sheet_row"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

Cell = str | int | float | bool | date | datetime | time | None
# A merged range: first row, last row, first column, last column (1-based, inclusive).
Merged = tuple[int, int, int, int]


def cell_text(value: Cell) -> str:
    """A cell as the text a user would type: 12 not 12.0, dates as ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def sheet_to_csv(
    path: Path,
    sheet: str | None,
    header_row: int | None,
    merged_cells: str,
    declared_headers: list[str],
    target: Path,
) -> tuple[list[str], int]:
    """Write the sheet's data rows to `target` as CSV; returns the header texts and its row."""
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as error:
        raise UnreadableFile(
            [FileProblem(None, None, f"is not an Excel .xlsx workbook ({error}); save it as .xlsx")]
        ) from None
    try:
        title = sheet or workbook.sheetnames[0]
        if title not in workbook.sheetnames:
            raise UnreadableFile(
                [
                    FileProblem(
                        None,
                        None,
                        f"has no sheet {title!r} (sheets: {', '.join(workbook.sheetnames)})",
                    )
                ]
            )
        rows = workbook[title].iter_rows(values_only=True)
        header, header_at = _find_header(rows, header_row, declared_headers, title)
        merged = [span for span in _merged_ranges(path, title) if span[1] > header_at]
        if merged and merged_cells == "reject":
            raise UnreadableFile([_merged_problem(span, header) for span in merged])
        with target.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([SHEET_ROW_COLUMN, *header])
            for number, cells in _filled(rows, header_at, len(header), merged):
                writer.writerow([number, *cells])
    finally:
        workbook.close()
    return header, header_at


def _find_header(
    rows: Iterator[tuple[Cell, ...]], header_row: int | None, declared: list[str], title: str
) -> tuple[list[str], int]:
    wanted = {_folded(name) for name in declared}
    seen = []
    for number, cells in enumerate(rows, start=1):
        texts = [cell_text(cell).strip() for cell in cells]
        if header_row == number or (header_row is None and wanted <= {_folded(t) for t in texts}):
            while texts and not texts[-1]:
                texts.pop()
            return texts, number
        seen.append(number)
        if header_row is None and number >= HEADER_SEARCH_ROWS:
            break
    where = f"row {header_row}" if header_row else f"the first {len(seen)} rows"
    raise UnreadableFile(
        [
            FileProblem(
                header_row,
                None,
                f"sheet {title!r} has no header in {where}: expected a row holding "
                + ", ".join(repr(name) for name in declared),
            )
        ]
    )


def _filled(
    rows: Iterator[tuple[Cell, ...]], header_at: int, width: int, merged: list[Merged]
) -> Iterator[tuple[int, list[str]]]:
    """Data rows (not blank) as text, each merged range's value copied into all its cells."""
    anchors = {(span[0], span[2]): span for span in merged}
    copies: dict[tuple[int, int], str] = {}
    for number, cells in enumerate(rows, start=header_at + 1):
        texts = [cell_text(cell) for cell in cells[:width]] + [""] * max(0, width - len(cells))
        for column, text in enumerate(texts, start=1):
            if (number, column) in copies:
                texts[column - 1] = copies.pop((number, column))
            if (number, column) in anchors:
                first_row, last_row, first_column, last_column = anchors[(number, column)]
                for row in range(first_row, last_row + 1):
                    for other in range(first_column, last_column + 1):
                        if (row, other) != (number, column):
                            copies[(row, other)] = text
        if any(text.strip() for text in texts):
            yield number, texts


def _merged_problem(span: Merged, header: list[str]) -> FileProblem:
    first_row, last_row, first_column, last_column = span
    reference = (
        f"{get_column_letter(first_column)}{first_row}:{get_column_letter(last_column)}{last_row}"
    )
    field = (
        header[first_column - 1] if first_column <= len(header) else get_column_letter(first_column)
    )
    return FileProblem(
        first_row,
        field or get_column_letter(first_column),
        f"merged cells {reference}: the value is in one row only (rows {first_row}-{last_row}); "
        "unmerge them, or declare format.merged_cells: fill to copy it into every row",
    )


def _merged_ranges(path: Path, title: str) -> list[Merged]:
    """The sheet's merged ranges, read from its XML: openpyxl's read-only mode does not give them.

    The sheet XML is parsed as a stream; only <mergeCell> elements are kept.
    """
    with zipfile.ZipFile(path) as archive:
        part = _sheet_part(archive, title)
        spans = []
        with archive.open(part) as handle:
            for _, element in ElementTree.iterparse(handle):
                if element.tag == f"{_MAIN}mergeCell":
                    first_column, first_row, last_column, last_row = range_boundaries(
                        element.get("ref")
                    )
                    spans.append((first_row, last_row, first_column, last_column))
                element.clear()
    return spans


def _sheet_part(archive: zipfile.ZipFile, title: str) -> str:
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    relationship = next(
        item.get(f"{_RELATIONSHIPS}id")
        for item in workbook.iter(f"{_MAIN}sheet")
        if item.get("name") == title
    )
    relationships = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = next(
        item.get("Target")
        for item in relationships.iter(f"{_PACKAGE_RELATIONSHIPS}Relationship")
        if item.get("Id") == relationship
    )
    return target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
