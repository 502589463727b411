"""One official file as a table of text with canonical column names and its file row numbers."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import polars as pl

from assets.reference.errors import ReferenceDataError
from assets.reference.sources import OPTIONAL_COLUMNS, DatasetSource

# The row number in the file (the header is row `header_row`), for error messages.
ROW = "_row"
# The population file's single years of age: "0" … "89", then "90+".
SINGLE_YEAR = re.compile(r"^(\d+)\+?$")


@dataclass(frozen=True)
class DatasetFile:
    dataset: str
    path: Path
    source: DatasetSource

    @property
    def name(self) -> str:
        return self.path.name


def read_table(file: DatasetFile) -> pl.DataFrame:
    """The file's rows, every value text, its mapped columns renamed to their canonical names
    (population: the single years of age too), with ROW beside them."""
    header, rows = _header_and_rows(file)
    header = [str(name).strip().lstrip("\ufeff") if name is not None else "" for name in header]
    chosen: dict[str, int] = {}
    for canonical, accepted in file.source.columns.items():
        position = next((header.index(name) for name in accepted if name in header), None)
        if position is None and canonical in OPTIONAL_COLUMNS.get(file.dataset, ()):
            continue
        if position is None:
            raise ReferenceDataError(
                file.dataset,
                file.name,
                f"no header is one of {accepted} (the header has {header[:12]})",
                row=file.source.header_row,
                field=canonical,
            )
        chosen[canonical] = position
    if file.dataset == "population_lsoa11":
        ages = {name: i for i, name in enumerate(header) if SINGLE_YEAR.match(name)}
        expected = [str(age) for age in range(90)] + ["90+"]
        absent = [age for age in expected if age not in ages]
        if absent:
            raise ReferenceDataError(
                file.dataset,
                file.name,
                f"no column for single year of age {absent[0]}",
                row=file.source.header_row,
                field=absent[0],
            )
        chosen |= {age: ages[age] for age in expected}
    first_row = file.source.header_row + 1
    columns = {
        canonical: [_text(row[i]) if i < len(row) else None for row in rows]
        for canonical, i in chosen.items()
    }
    columns[ROW] = list(range(first_row, first_row + len(rows)))
    return pl.DataFrame(columns, schema={name: pl.String for name in chosen} | {ROW: pl.Int64})


def read_json(file: DatasetFile) -> Any:
    try:
        return json.loads(file.path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReferenceDataError(file.dataset, file.name, f"not JSON ({error})") from error


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _header_and_rows(file: DatasetFile) -> tuple[list[Any], list[list[Any]]]:
    kind = file.source.file_format
    try:
        if kind == "xlsx":
            return _xlsx(file.path, file.source.sheet, file.source.header_row)
        if kind == "zip":
            return _csv(_zip_member(file), file.source.header_row)
        # An ArcGIS layer was written out as CSV by its download (assets/reference/arcgis.py).
        opener = gzip.open if kind == "csv.gz" else open
        with opener(file.path, "rt", encoding="utf-8-sig", newline="") as handle:
            return _csv(handle.read(), file.source.header_row)
    except ReferenceDataError:
        raise
    except (OSError, UnicodeDecodeError, csv.Error, zipfile.BadZipFile, KeyError) as error:
        raise ReferenceDataError(
            file.dataset, file.name, f"cannot be read as {kind} ({error})"
        ) from error


def _csv(text: str, header_row: int) -> tuple[list[Any], list[list[Any]]]:
    rows = list(csv.reader(io.StringIO(text)))[header_row - 1 :]
    if not rows:
        raise KeyError("the file is empty")
    return rows[0], rows[1:]


def _zip_member(file: DatasetFile) -> str:
    with zipfile.ZipFile(file.path) as archive:
        names = [n for n in archive.namelist() if n.lower().endswith(".csv")]
        member = file.source.member or (names[0] if len(names) == 1 else None)
        if member is None:
            raise ReferenceDataError(
                file.dataset, file.name, f"name the CSV to read with `member` (it holds {names})"
            )
        return archive.read(member).decode("utf-8-sig")


def _xlsx(path: Path, sheet: str | None, header_row: int) -> tuple[list[Any], list[list[Any]]]:
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        rows = [list(row) for row in worksheet.iter_rows(min_row=header_row, values_only=True)]
    finally:
        workbook.close()
    if not rows:
        raise KeyError(f"sheet {sheet} has no row {header_row}")
    return rows[0], rows[1:]
