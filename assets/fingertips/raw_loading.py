"""Puts Fingertips responses into the warehouse's raw layer, checking each is what was asked for.

Each function runs inside the caller's transaction: an error rolls back everything the run wrote.
"""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path
from typing import NoReturn

import duckdb

from assets.fingertips.csv_layouts import (
    ALL_DATA_COLUMNS,
    AllDataLayout,
    all_data_layout,
    check_complete,
    check_metadata_header,
    metadata_duckdb_columns,
)
from assets.fingertips.errors import CsvContentError, DuplicateKeyError, UnexpectedBodyError
from assets.fingertips.source import FetchedFile, FetchedJson, canonical_query
from assets.warehouse.sql_files import statement

KEY_FIELDS = ("indicator", "area", "area type", "sex", "age", "category type", "category", "period")
# Errors name fields by the CSV's own header text, which is what a user can find in the file.
HEADER_TEXT = dict(ALL_DATA_COLUMNS)


def _record_response(
    connection: duckdb.DuckDBPyConnection,
    fetched: FetchedJson | FetchedFile,
    kind: str,
    byte_count: int,
    layout: str | None,
    run_id: str | None,
) -> int:
    row = connection.execute(
        statement("fingertips/insert_fingertips_response"),
        {
            "endpoint": fetched.endpoint,
            "query": canonical_query(fetched.endpoint, fetched.params),
            "source_url": fetched.url,
            "kind": kind,
            "fetched_at": fetched.fetched_at,
            "content_sha256": fetched.sha256,
            "byte_count": byte_count,
            "layout": layout,
            "dagster_run_id": run_id,
        },
    ).fetchone()
    assert row is not None
    return int(row[0])


def load_json(
    connection: duckdb.DuckDBPyConnection, fetched: FetchedJson, run_id: str | None
) -> int:
    response_id = _record_response(
        connection, fetched, "json", len(fetched.text.encode()), None, run_id
    )
    connection.execute(
        statement("fingertips/insert_fingertips_json"),
        {"response_id": response_id, "payload": fetched.text},
    )
    return response_id


def _unreadable(url: str, error: duckdb.Error) -> CsvContentError:
    """DuckDB's own account of a CSV it cannot read: what and where, without its advice."""
    first_lines = "\n".join(str(error).splitlines()[:3])
    return CsvContentError(f"{url}: the CSV cannot be read: {first_lines}")


def _read_csv_rows(
    connection: duckdb.DuckDBPyConnection, sql: str, parameters: dict, url: str
) -> None:
    try:
        connection.execute(sql, parameters)
    except (duckdb.InvalidInputException, duckdb.ConversionException) as error:
        raise _unreadable(url, error) from error


def load_metadata_csv(
    connection: duckdb.DuckDBPyConnection, fetched: FetchedFile, run_id: str | None
) -> int:
    check_complete(fetched.path, fetched.url)
    check_metadata_header(fetched.path, fetched.url)
    response_id = _record_response(
        connection, fetched, "csv", fetched.byte_count, "metadata-32", run_id
    )
    _read_csv_rows(
        connection,
        statement("fingertips/insert_fingertips_indicator_metadata_csv"),
        {
            "response_id": response_id,
            "path": str(fetched.path),
            "columns": metadata_duckdb_columns(),
        },
        fetched.url,
    )
    return response_id


def _layout_name(layout: AllDataLayout) -> str:
    width = len(layout.columns) - (1 if layout.resaved_by_r else 0)
    return f"all_data-{width}{'-resaved-by-r' if layout.resaved_by_r else ''}"


def _check_key_fields(connection: duckdb.DuckDBPyConnection, response_id: int, url: str) -> None:
    missing = connection.execute(
        statement("fingertips/find_missing_key_fields"), {"response_id": response_id}
    ).fetchall()
    if missing:
        where = "; ".join(f"row {row}, field '{HEADER_TEXT[field]}'" for row, field in missing)
        raise CsvContentError(
            f"{url}: empty key field(s) (rows count from 1 after the header): {where}"
        )


def _refuse_unreadable(
    fetched: FetchedFile, layout: AllDataLayout, response_id: int, error: duckdb.Error
) -> NoReturn:
    """The typed read failed: read the file again as text, in a scratch file beside it, to say
    which row and field are wrong, in the order the checks have always reported them (a row of
    the wrong width, an empty key field, then fields that are not numbers)."""
    parameters = {"response_id": response_id}
    with (
        tempfile.TemporaryDirectory(dir=fetched.path.parent) as folder,
        # Named raw.duckdb, the scratch file's tables are raw.*: the checks' own names.
        duckdb.connect(str(Path(folder) / "raw.duckdb")) as scratch,
    ):
        _read_csv_rows(
            scratch,
            statement("fingertips/create_all_data_text_rows"),
            {
                **parameters,
                "path": str(fetched.path),
                "columns": layout.text_columns,
                "null_strings": layout.null_strings,
            },
            fetched.url,
        )
        _check_key_fields(scratch, response_id, fetched.url)
        untypable = scratch.execute(
            statement("fingertips/find_untypable_all_data_fields"), parameters
        ).fetchall()
    if untypable:
        where = "; ".join(
            f"row {row}, field '{HEADER_TEXT[field]}': {text!r}" for row, field, text in untypable
        )
        raise CsvContentError(
            f"{fetched.url}: value(s) that are not numbers (rows count from 1 after the header): "
            f"{where}"
        ) from error
    raise _unreadable(fetched.url, error) from error


def _check_all_data_rows(connection: duckdb.DuckDBPyConnection, response_id: int, url: str) -> None:
    parameters = {"response_id": response_id}
    _check_key_fields(connection, response_id, url)
    unrequested = connection.execute(
        statement("fingertips/find_unrequested_indicators"), parameters
    ).fetchall()
    if unrequested:
        where = "; ".join(f"indicator {ident!r} first at row {row}" for ident, row in unrequested)
        raise UnexpectedBodyError(
            f"{url}: the download holds indicators that were not asked for: {where}"
        )
    duplicates = connection.execute(
        statement("fingertips/find_duplicate_keys_in_response"), parameters
    ).fetchall()
    if duplicates:
        lines = []
        for *key, rows in duplicates:
            described = ", ".join(
                f"{name} {value or '-'!s}" for name, value in zip(KEY_FIELDS, key)
            )
            lines.append(f"rows {', '.join(map(str, rows))} share the key ({described})")
        raise DuplicateKeyError(f"{url}: duplicate rows: " + "; ".join(lines))


def load_all_data(
    connection: duckdb.DuckDBPyConnection,
    fetched: FetchedFile,
    requested: dict[int, datetime | None],
    child_area_type_id: int | None,
    parent_area_type_id: int | None,
    run_id: str | None,
) -> tuple[int, dict[int, int]]:
    """Load one all_data download; returns its response id and the row count per indicator.

    `requested` maps each indicator asked for to the LastUploadedAt the pull was based on.
    """
    check_complete(fetched.path, fetched.url)
    layout = all_data_layout(fetched.path, fetched.url)
    response_id = _record_response(
        connection, fetched, "csv", fetched.byte_count, _layout_name(layout), run_id
    )
    for indicator_id, last_uploaded_at in sorted(requested.items()):
        connection.execute(
            statement("fingertips/insert_fingertips_all_data_request"),
            {
                "response_id": response_id,
                "indicator_id": indicator_id,
                "child_area_type_id": child_area_type_id,
                "parent_area_type_id": parent_area_type_id,
                "last_uploaded_at": last_uploaded_at,
                "parent_comparison_label": layout.parent_comparison_label,
            },
        )
    connection.execute(statement("fingertips/insert_in_any_order"))
    try:
        connection.execute(
            statement("fingertips/insert_fingertips_all_data"),
            {
                "response_id": response_id,
                "path": str(fetched.path),
                "columns": layout.duckdb_columns,
                "null_strings": layout.null_strings,
            },
        )
    except (duckdb.InvalidInputException, duckdb.ConversionException) as error:
        _refuse_unreadable(fetched, layout, response_id, error)
    connection.execute(statement("fingertips/insert_in_order"))
    _check_all_data_rows(connection, response_id, fetched.url)
    counts = connection.execute(
        statement("fingertips/count_rows_by_requested_indicator"), {"response_id": response_id}
    ).fetchall()
    return response_id, {int(indicator_id): int(count) for indicator_id, count in counts}
