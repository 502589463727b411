"""The published (BI) file: what BI tools read, in a storage format their DuckDB drivers can open.

The pipeline runs DuckDB 2, but the ODBC/JDBC drivers behind Power BI, Excel and DBeaver, Metabase's
driver and Evidence bundle older DuckDB releases, which cannot open a file in DuckDB 2's storage
format. So the BI file is written afresh at each publish in an older storage version
(OUTCOMES_BI_STORAGE_VERSION), and holds only the schemas reports read (conformed: dimensions,
facts, reference lookups; marts) with their comments. Raw responses and staging stay in the
working warehouse, which keeps everything; publishing copies megabytes, not the whole of it.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from assets.warehouse.identifiers import identifier, qualified_table, sql_literal
from assets.warehouse.sql_files import statement
from pipelines.settings import DEFAULT_BI_STORAGE_VERSION, SettingsError

BI_SCHEMAS = ["conformed", "marts"]
STORAGE_VERSION_VARIABLE = "OUTCOMES_BI_STORAGE_VERSION"
# The names the two files are attached under while the BI file is written.
_WORKING = "working"
_BI_FILE = "bi_file"


def check_storage_version(version: str) -> str:
    """The version, if this DuckDB can write files in it (e.g. "v1.2.0"); a SettingsError if not."""
    with duckdb.connect() as connection:
        _attach_bi_file(connection, ":memory:", version)
    return version


def _attach_bi_file(connection: duckdb.DuckDBPyConnection, path: str, version: str) -> None:
    try:
        connection.execute(
            f"ATTACH $path AS {_BI_FILE} (STORAGE_VERSION $version)",
            {"path": path, "version": version},
        )
    except duckdb.InvalidInputException as error:
        raise SettingsError(
            f"environment variable {STORAGE_VERSION_VARIABLE}={version!r} is not a storage version "
            f"DuckDB {duckdb.__version__} can write (the default is {DEFAULT_BI_STORAGE_VERSION}): "
            f"{error}"
        ) from error


def write_bi_file(working_copy: Path, path: Path, version: str, memory_limit: str) -> None:
    """Write the BI schemas of the working warehouse into a new file at `path`."""
    config = {"memory_limit": memory_limit, "temp_directory": str(working_copy.parent / ".tmp")}
    with duckdb.connect(config=config) as connection:
        connection.execute(f"ATTACH $path AS {_WORKING} (READ_ONLY)", {"path": str(working_copy)})
        _attach_bi_file(connection, str(path), version)
        found = {"catalog": _WORKING, "schemas": BI_SCHEMAS}
        tables = connection.execute(statement("warehouse/select_bi_tables"), found).fetchall()
        views = connection.execute(statement("warehouse/select_bi_views"), found).fetchall()
        columns = connection.execute(
            statement("warehouse/select_bi_column_comments"), found
        ).fetchall()
        # Views name schemas but no catalog: with the BI file in use, a view binds to the BI
        # file's own tables, so it resolves wherever the file is opened.
        connection.execute(f"USE {_BI_FILE}")
        for schema in BI_SCHEMAS:
            connection.execute(f'CREATE SCHEMA "{identifier(schema)}"')
        for schema, table, comment in tables:
            name = qualified_table(f"{schema}.{table}")
            # Data only: keys and indexes serve the pipeline's writes, not a report's reads.
            connection.execute(f"CREATE TABLE {name} AS FROM {_WORKING}.{name}")
            _comment(connection, "TABLE", name, comment)
        _create_views(connection, views)
        for schema, table, column, comment in columns:
            name = qualified_table(f"{schema}.{table}")
            _comment(connection, "COLUMN", f'{name}."{identifier(column)}"', comment)
        connection.execute(f"CHECKPOINT {_BI_FILE}")


def _create_views(connection: duckdb.DuckDBPyConnection, views: list[tuple]) -> None:
    # A view binds when it is created, so one built on another view must come after it. DuckDB's
    # catalog does not record which view reads which, so a view that cannot bind yet waits for
    # the next pass; a pass that creates nothing means a view reads something the file lacks.
    pending = views
    while pending:
        waiting, errors = [], []
        for schema, view, sql, comment in pending:
            try:
                connection.execute(sql)
            except duckdb.CatalogException as error:
                waiting.append((schema, view, sql, comment))
                # DuckDB's first line names what is missing; the rest quotes the statement.
                errors.append(f"{schema}.{view}: {str(error).splitlines()[0]}")
                continue
            _comment(connection, "VIEW", qualified_table(f"{schema}.{view}"), comment)
        if len(waiting) == len(pending):
            raise RuntimeError(
                "views that read what the BI file does not hold: " + "; ".join(errors)
            )
        pending = waiting


def _comment(connection: duckdb.DuckDBPyConnection, kind: str, name: str, text: str | None) -> None:
    if text:
        connection.execute(f"COMMENT ON {kind} {name} IS {sql_literal(text)}")
