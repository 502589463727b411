"""Row counts and previews of warehouse tables (or any rows), attached to asset materialisations."""

from __future__ import annotations

import dagster as dg
import duckdb

from assets.warehouse.identifiers import qualified_table

PREVIEW_ROWS = 10


def table_metadata(
    connection: duckdb.DuckDBPyConnection, table: str
) -> dict[str, dg.MetadataValue]:
    """`dagster/row_count` and a preview of the first rows of `table` (schema.name)."""
    name = qualified_table(table)
    count_row = connection.execute(f"SELECT count(*) FROM {name}").fetchone()
    relation = connection.execute(f"SELECT * FROM {name} LIMIT {PREVIEW_ROWS}")
    columns = [column[0] for column in relation.description]
    return {
        "dagster/row_count": dg.MetadataValue.int(int(count_row[0]) if count_row else 0),
        "table": dg.MetadataValue.text(table),
        "preview": preview_table(relation.fetchall(), columns),
    }


def preview_table(rows: list[tuple], columns: list[str]) -> dg.MetadataValue:
    """Rows as a Dagster table: numbers, text and booleans as they are, anything else as text."""
    records = [
        dg.TableRecord({column: _preview_value(value) for column, value in zip(columns, row)})
        for row in rows
    ]
    return dg.MetadataValue.table(
        records=records,
        schema=dg.TableSchema(columns=[dg.TableColumn(column, "string") for column in columns]),
    )


def _preview_value(value: object) -> str | int | float | bool | None:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
