"""Read one extract file into the warehouse, inside the caller's transaction.

The file's rows go to temporary tables, are typed and checked by the declaration's rules, and
then either load (as the next revision of each indicator and period they cover) or do not load at
all (the file is quarantined). Nothing here raises on bad input: a DuckDB error would abort the
whole transaction, so every problem is found with TRY_CAST, regular expressions, and DuckDB's
rejects tables, and recorded against its row and field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from assets.extracts.declarations import BadRowPolicy
from assets.extracts.declared_sources import DeclaredSource
from assets.extracts.measures import MeasureError, NeedsPeriod
from assets.extracts.problems import FileProblem, UnreadableFile
from assets.extracts.readable_tables import ReadableTable, TableKind, readable_table
from assets.extracts.received_files import ReceivedFile
from assets.geography import FIRST_LSOA_2021_ONLY_CODE, level_codes
from assets.periods import Period, PeriodError, parse_period
from assets.warehouse.sql_files import statement

# Problems kept in the outcome for the quarantine report and the log; all are in the warehouse.
REPORTED_PROBLEMS = 10_000


@dataclass(frozen=True)
class FileOutcome:
    """What became of one file: loaded, quarantined, or a duplicate of one already loaded."""

    file_id: int
    received: ReceivedFile
    status: str
    kept_at: Path
    rows: int | None = None
    rows_loaded: int = 0
    rows_rejected: int = 0
    rows_ignored: int = 0
    values_loaded: int = 0
    values_superseded: int = 0
    problems: tuple[FileProblem, ...] = ()
    problem_count: int = 0
    duplicate_of: int | None = None

    @property
    def name(self) -> str:
        return self.received.path.name


@dataclass(frozen=True)
class Destinations:
    """Where a file is kept once read: the archive, or quarantine (its name made unique)."""

    archive: Path
    quarantine: Path

    def archived(self, received: ReceivedFile) -> Path:
        return self.archive / f"{received.sha256[:12]}_{received.path.name}"

    def quarantined(self, received: ReceivedFile, at: datetime) -> Path:
        return self.quarantine / f"{at:%Y%m%dT%H%M%S}_{received.sha256[:12]}_{received.path.name}"


def read_extract_file(
    connection: duckdb.DuckDBPyConnection,
    source: DeclaredSource,
    received: ReceivedFile,
    destinations: Destinations,
    workdir: Path,
    loaded_at: datetime,
    run_id: str | None,
) -> FileOutcome:
    declaration = source.declaration
    file_id = int(connection.execute(statement("extracts/next_file_id")).fetchone()[0])
    already = connection.execute(
        statement("extracts/select_loaded_file"),
        {"source_id": declaration.id, "file_sha256": received.sha256},
    ).fetchone()
    if already is not None:
        outcome = FileOutcome(
            file_id, received, "duplicate", destinations.archived(received), duplicate_of=already[0]
        )
        _record_file(connection, source, outcome, None, loaded_at, run_id)
        return outcome

    file_workdir = workdir / str(file_id)
    file_workdir.mkdir(parents=True)
    try:
        table = readable_table(received, declaration, file_workdir)
        fixed_period = _fixed_period(source, received)
        scan_id = _read_rows(connection, table)
        _check_rows(connection, source, table, fixed_period, scan_id)
    except UnreadableFile as unreadable:
        for problem in unreadable.problems:
            connection.execute(
                statement("extracts/insert_file_problem"),
                _file_parameters(declaration.id, file_id, received, loaded_at)
                | {
                    "source_row": problem.row,
                    "field": problem.field,
                    "reason": problem.reason,
                    "row_text": problem.row_text,
                },
            )
        return _quarantine(
            connection, source, received, destinations, file_id, None, loaded_at, run_id
        )

    rows, rows_loaded, rows_rejected, values_loaded = connection.execute(
        statement("extracts/count_rows")
    ).fetchone()
    if rows_rejected:
        _record_rejected_rows(connection, source, table, received, file_id, loaded_at)
    counts = {
        "rows": rows,
        "rows_loaded": rows_loaded,
        "rows_rejected": rows_rejected,
        "rows_ignored": rows - rows_loaded - rows_rejected,
    }
    if rows_rejected and (declaration.on_bad_rows is BadRowPolicy.REJECT_FILE or not values_loaded):
        return _quarantine(
            connection, source, received, destinations, file_id, counts, loaded_at, run_id
        )
    identity = {"source_id": declaration.id, "file_sha256": received.sha256}
    (superseded,) = connection.execute(statement("extracts/supersede_values"), identity).fetchone()
    connection.execute(
        statement("extracts/insert_values"),
        identity
        | {
            "place": declaration.place,
            "is_synthetic": declaration.synthetic,
            "file_id": file_id,
            "loaded_at": loaded_at,
        },
    )
    problems, problem_count = _problems(connection, file_id)
    outcome = FileOutcome(
        file_id,
        received,
        "loaded",
        destinations.archived(received),
        **counts,
        values_loaded=values_loaded,
        values_superseded=superseded,
        problems=problems,
        problem_count=problem_count,
    )
    _record_file(connection, source, outcome, None, loaded_at, run_id)
    connection.execute(statement("extracts/update_superseded_files"), identity)
    return outcome


def _fixed_period(source: DeclaredSource, received: ReceivedFile) -> str | None:
    declaration = source.declaration
    pattern = declaration.period_from_file_name
    if pattern is None:
        return declaration.fixed.period
    match = re.search(pattern, received.path.name)
    if match is None:
        raise UnreadableFile(
            [
                FileProblem(
                    None, None, f"the file name does not match period_from_file_name {pattern!r}"
                )
            ]
        )
    return match[1]


def _read_rows(connection: duckdb.DuckDBPyConnection, table: ReadableTable) -> int | None:
    """Load the file's rows into extract_incoming_rows; returns the CSV rejects scan, if any."""
    connection.execute(statement("extracts/create_incoming_rows"))
    path = str(table.path)
    if table.kind is TableKind.PARQUET:
        connection.execute(
            statement("extracts/insert_parquet_rows"), {"path": path, **table.parquet_columns()}
        )
        return None
    if table.kind is TableKind.SHEET:
        connection.execute(
            statement("extracts/insert_sheet_rows"),
            {"path": path, "columns": table.field_columns()},
        )
        return None
    connection.execute(
        statement("extracts/insert_csv_rows"),
        {
            "path": path,
            "header_row": table.header_row,
            "delimiter": table.delimiter,
            "columns": table.field_columns(),
        },
    )
    rejected = connection.execute(
        statement("extracts/select_csv_rejects"), {"path": path}
    ).fetchall()
    if not rejected:
        return None
    scan_id = int(rejected[0][0])
    connection.execute(
        statement("extracts/renumber_rows_after_rejects"),
        {"header_row": table.header_row, "scan_id": scan_id},
    )
    return scan_id


def _check_rows(
    connection: duckdb.DuckDBPyConnection,
    source: DeclaredSource,
    table: ReadableTable,
    fixed_period: str | None,
    scan_id: int | None,
) -> None:
    """Type the rows, resolve what they mean, and find every problem (extract_row_problems)."""
    declaration = source.declaration
    (rows,) = connection.execute(statement("extracts/count_incoming_rows")).fetchone()
    if rows == 0 and scan_id is None:
        raise UnreadableFile(
            [FileProblem(table.header_row or None, None, "has a header but no data rows")]
        )
    levels, described = level_codes(declaration.geography)
    fixed = declaration.fixed
    connection.execute(
        statement("extracts/create_settings"),
        {
            "fixed_period": fixed_period,
            "fixed_sex": fixed.sex,
            "fixed_age": fixed.age,
            "fixed_breakdown": fixed.breakdown,
            "suppressed": declaration.suppressed,
            "thousands": declaration.thousands_separator or "",
            "value_per": declaration.value_per,
            "numerator_within_denominator": declaration.numerator_within_denominator,
            "area_levels": [
                {"level": level.level.value, "prefix": prefix, "exact": level.exact}
                for level in levels
                for prefix in level.prefixes
            ],
            "area_described": described,
            "first_lsoa2021_code": FIRST_LSOA_2021_ONLY_CODE,
            "ignore_rules": [
                {
                    "position": position,
                    "field": rule.field.value,
                    "pattern": rule.pattern,
                    "reason": rule.reason,
                }
                for position, rule in enumerate(declaration.ignore_rows)
            ],
        },
    )
    long_layout = declaration.long_layout
    if long_layout is None:
        connection.execute(statement("extracts/create_fact_rows_from_wide"))
    else:
        types = [
            {"type_text": _folded(text), "role": role} for text, role in long_layout.types.items()
        ]
        connection.execute(statement("extracts/create_fact_rows_from_long"), {"types": types})
        connection.execute(statement("extracts/create_fact_rows_from_long_view"))
    _resolve_measures_and_periods(connection, source)
    connection.execute(statement("extracts/create_typed_rows"))
    connection.execute(statement("extracts/create_row_problems"))
    connection.execute(statement("extracts/insert_duplicate_problems"))
    if long_layout is not None:
        known = [_folded(text) for text in [*long_layout.types, *long_layout.ignore_types]]
        connection.execute(
            statement("extracts/insert_long_layout_problems"), {"known_types": known}
        )
        connection.execute(statement("extracts/insert_sibling_problems"))
    if scan_id is not None:
        connection.execute(statement("extracts/insert_unsplit_line_problems"), {"scan_id": scan_id})
    connection.execute(statement("extracts/create_accepted_values"))
    connection.execute(statement("extracts/create_accepted_periods"))


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _resolve_measures_and_periods(
    connection: duckdb.DuckDBPyConnection, source: DeclaredSource
) -> None:
    """Resolve each distinct (measure, period) text in Python and join the answers back."""
    period_format = source.declaration.period_format
    pairs = connection.execute(statement("extracts/select_measures_and_periods")).fetchall()
    periods: dict[str, Period | str] = {}
    for _, text in pairs:
        if text is not None and text not in periods:
            try:
                periods[text] = parse_period(text, period_format)
            except PeriodError as error:
                periods[text] = str(error)
    resolved: dict[str, list] = {
        name: []
        for name in (
            "measure",
            "period",
            "catalogue_indicator_id",
            "sex",
            "age",
            "breakdown",
            "value_min",
            "value_max",
            "measure_problem",
            "period_label",
            "period_start",
            "period_end",
            "period_problem",
        )
    }
    for measure, text in pairs:
        period = periods.get(text) if text is not None else None
        parsed = period if isinstance(period, Period) else None
        try:
            target, measure_problem = source.measures.resolve(measure, parsed), None
        except NeedsPeriod:
            # The period's own problem says what is wrong with the row.
            target, measure_problem = None, None
        except MeasureError as error:
            target, measure_problem = None, str(error)
        row = {
            "measure": measure,
            "period": text,
            "catalogue_indicator_id": target.indicator if target else None,
            "sex": target.sex if target else None,
            "age": target.age if target else None,
            "breakdown": target.breakdown if target else None,
            "value_min": target.value_min if target else None,
            "value_max": target.value_max if target else None,
            "measure_problem": measure_problem,
            "period_label": parsed.label if parsed else None,
            "period_start": parsed.start if parsed else None,
            "period_end": parsed.end if parsed else None,
            "period_problem": period if isinstance(period, str) else None,
        }
        for name, value in row.items():
            resolved[name].append(value)
    connection.execute(statement("extracts/create_resolved_measures_and_periods"), resolved)


def _record_rejected_rows(
    connection: duckdb.DuckDBPyConnection,
    source: DeclaredSource,
    table: ReadableTable,
    received: ReceivedFile,
    file_id: int,
    rejected_at: datetime,
) -> None:
    path = str(table.path)
    if table.kind is TableKind.PARQUET:
        connection.execute(statement("extracts/create_parquet_row_texts"), {"path": path})
    elif table.kind is TableKind.SHEET:
        connection.execute(
            statement("extracts/create_sheet_row_texts"),
            {"path": path, "columns": table.header_columns()},
        )
    else:
        connection.execute(
            statement("extracts/create_csv_row_texts"),
            {
                "path": path,
                "header_row": table.header_row,
                "delimiter": table.delimiter,
                "columns": table.header_columns(),
            },
        )
    headers = source.declaration.column_headers()
    connection.execute(
        statement("extracts/insert_rejected_rows"),
        _file_parameters(source.id, file_id, received, rejected_at)
        | {"fields": [field.value for field in headers], "headers": list(headers.values())},
    )


def _file_parameters(source_id: str, file_id: int, received: ReceivedFile, at: datetime) -> dict:
    return {
        "file_id": file_id,
        "source_id": source_id,
        "file_name": received.path.name,
        "file_sha256": received.sha256,
        "rejected_at": at,
    }


def _problems(
    connection: duckdb.DuckDBPyConnection, file_id: int
) -> tuple[tuple[FileProblem, ...], int]:
    found = connection.execute(
        statement("extracts/select_file_problems"),
        {"file_id": file_id, "limit": REPORTED_PROBLEMS},
    ).fetchall()
    problems = tuple(FileProblem(row, field, reason) for row, field, reason, _ in found)
    return problems, int(found[0][3]) if found else 0


def _quarantine(
    connection: duckdb.DuckDBPyConnection,
    source: DeclaredSource,
    received: ReceivedFile,
    destinations: Destinations,
    file_id: int,
    counts: dict[str, int] | None,
    loaded_at: datetime,
    run_id: str | None,
) -> FileOutcome:
    problems, problem_count = _problems(connection, file_id)
    # A quarantined file loads none of its rows, not even those without problems.
    rows = {**(counts or {"rows": None, "rows_rejected": 0, "rows_ignored": 0}), "rows_loaded": 0}
    outcome = FileOutcome(
        file_id,
        received,
        "quarantined",
        destinations.quarantined(received, loaded_at),
        **rows,
        problems=problems,
        problem_count=problem_count,
    )
    _record_file(
        connection, source, outcome, problems[0].described(received.path.name), loaded_at, run_id
    )
    return outcome


def _record_file(
    connection: duckdb.DuckDBPyConnection,
    source: DeclaredSource,
    outcome: FileOutcome,
    problem: str | None,
    loaded_at: datetime,
    run_id: str | None,
) -> None:
    declaration = source.declaration
    received = outcome.received
    connection.execute(
        statement("extracts/insert_file"),
        {
            "file_id": outcome.file_id,
            "source_id": declaration.id,
            "place": declaration.place,
            "file_name": received.path.name,
            "path": str(received.path),
            "kept_at": str(outcome.kept_at),
            "file_sha256": received.sha256,
            "bytes": received.byte_count,
            "file_modified_at": received.modified_at,
            "status": outcome.status,
            "rows": outcome.rows,
            "rows_loaded": outcome.rows_loaded,
            "rows_rejected": outcome.rows_rejected,
            "rows_ignored": outcome.rows_ignored,
            "values_loaded": outcome.values_loaded,
            "problem": problem,
            "duplicate_of": outcome.duplicate_of,
            "is_synthetic": declaration.synthetic,
            "loaded_at": loaded_at,
            "dagster_run_id": run_id,
        },
    )
