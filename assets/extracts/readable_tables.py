"""Any declared file as a table DuckDB can read, with the declared columns found in its header.

CSV is checked (or transcoded) to UTF-8, an Excel sheet is written out as CSV, Parquet is read as
it is. Whatever the format, a missing or renamed column, a header read with the wrong delimiter,
an empty file or an unreadable one is a problem with the file as a whole.
"""

from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import duckdb

from assets.extracts.declarations import FileType, RowField, SourceDeclaration
from assets.extracts.excel_sheets import SHEET_ROW_COLUMN, sheet_to_csv
from assets.extracts.problems import FileProblem, UnreadableFile
from assets.extracts.received_files import ReceivedFile
from assets.extracts.text_encoding import utf8_path

OTHER_DELIMITERS = (";", "\t", "|", ",")


class TableKind(StrEnum):
    CSV = "csv"
    SHEET = "sheet"
    PARQUET = "parquet"


@dataclass(frozen=True)
class ReadableTable:
    kind: TableKind
    # What DuckDB reads: the file, its UTF-8 version, or the sheet written out as CSV.
    path: Path
    header: list[str]
    # The header's row number (0 for Parquet, which has none).
    header_row: int
    delimiter: str
    # The position in `header` of each declared field's column.
    positions: dict[RowField, int]

    def field_columns(self) -> dict[str, str]:
        """read_csv's `columns`: every column by position, a declared one named for its field."""
        named = {position: field.value for field, position in self.positions.items()}
        columns = {named.get(i, f"unused_{i}"): "VARCHAR" for i in range(len(self.header))}
        return {SHEET_ROW_COLUMN: "VARCHAR", **columns} if self.kind is TableKind.SHEET else columns

    def header_columns(self) -> dict[str, str]:
        """read_csv's `columns` with the file's own header texts (made unique), for row texts."""
        names: list[str] = []
        for position, text in enumerate(self.header, start=1):
            name = text or f"column {position}"
            names.append(name if name not in names else f"{name} ({position})")
        columns = dict.fromkeys(names, "VARCHAR")
        return {SHEET_ROW_COLUMN: "VARCHAR", **columns} if self.kind is TableKind.SHEET else columns

    def parquet_columns(self) -> dict[str, str | None]:
        """Each field's Parquet column name (None for fields not declared)."""
        return {
            field.value: (self.header[self.positions[field]] if field in self.positions else None)
            for field in RowField
        }


def readable_table(
    received: ReceivedFile, declaration: SourceDeclaration, workdir: Path
) -> ReadableTable:
    if received.byte_count == 0:
        raise UnreadableFile([FileProblem(None, None, "is empty (0 bytes)")])
    fmt = declaration.format
    declared = declaration.column_headers()
    if fmt.type is FileType.PARQUET:
        header = _parquet_header(received.path)
        return ReadableTable(
            TableKind.PARQUET, received.path, header, 0, ",", _positions(header, declared, 0, None)
        )
    if fmt.type is FileType.EXCEL:
        target = workdir / "sheet.csv"
        header, header_row = sheet_to_csv(
            received.path,
            fmt.sheet,
            fmt.header_row,
            fmt.merged_cells,
            list(declared.values()),
            target,
        )
        return ReadableTable(
            TableKind.SHEET,
            target,
            header,
            header_row,
            ",",
            _positions(header, declared, header_row, None),
        )
    path = utf8_path(received.path, fmt.encoding, workdir / "utf8.csv")
    header_row = fmt.header_row or 1
    header = _csv_header(path, fmt.delimiter, header_row)
    return ReadableTable(
        TableKind.CSV,
        path,
        header,
        header_row,
        fmt.delimiter,
        _positions(header, declared, header_row, fmt.delimiter),
    )


def _csv_header(path: Path, delimiter: str, header_row: int) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for number, fields in enumerate(csv.reader(handle, delimiter=delimiter), start=1):
            if number == header_row:
                return [field.strip() for field in fields]
    raise UnreadableFile(
        [FileProblem(None, None, f"has no row {header_row} to read the header from")]
    )


def _parquet_header(path: Path) -> list[str]:
    # A throwaway connection: a broken file must not abort the warehouse transaction.
    try:
        with duckdb.connect() as connection:
            described = connection.execute(
                "DESCRIBE SELECT * FROM read_parquet($path)", {"path": str(path)}
            ).fetchall()
    except duckdb.Error as error:
        raise UnreadableFile(
            [
                FileProblem(
                    None, None, f"is not a readable Parquet file: {str(error).splitlines()[0]}"
                )
            ]
        ) from None
    return [row[0] for row in described]


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _positions(
    header: list[str], declared: dict[RowField, str], header_row: int, delimiter: str | None
) -> dict[RowField, int]:
    """Where each declared column is; every missing or repeated one is a problem at the header."""
    folded = [_folded(text) for text in header]
    positions: dict[RowField, int] = {}
    problems = []
    row = header_row or None
    for field, name in declared.items():
        matches = [i for i, text in enumerate(folded) if text == _folded(name)]
        if len(matches) == 1:
            positions[field] = matches[0]
        elif matches:
            columns = " and ".join(str(i + 1) for i in matches)
            problems.append(
                FileProblem(
                    row, name, f"column {name!r} appears more than once (columns {columns})"
                )
            )
        else:
            close = difflib.get_close_matches(name, header, n=1, cutoff=0.6)
            hint = f"; did it become {close[0]!r}?" if close else ""
            problems.append(FileProblem(row, name, f"column {name!r} is missing{hint}"))
    if problems:
        found = ", ".join(repr(text) for text in header[:12]) + (" …" if len(header) > 12 else "")
        problems.append(
            FileProblem(
                row,
                None,
                f"the header holds {len(header)} column(s): {found}"
                + _delimiter_hint(header, delimiter),
            )
        )
        raise UnreadableFile(problems)
    return positions


def _delimiter_hint(header: list[str], delimiter: str | None) -> str:
    if delimiter is None or len(header) != 1:
        return ""
    for other in OTHER_DELIMITERS:
        if other != delimiter and other in header[0]:
            return (
                f"; the file looks {other!r}-delimited but the declaration says {delimiter!r} "
                "(format.delimiter)"
            )
    return ""
