"""Table and column descriptions (sql/docs/schema.yaml) applied as DuckDB comments, so BI tools
and `duckdb_columns()` show what each column means."""

from __future__ import annotations

from functools import cache
from typing import Any

import duckdb
import yaml

from assets.warehouse.identifiers import identifier, qualified_table, sql_literal
from assets.warehouse.sql_files import SQL_ROOT


@cache
def schema_docs() -> dict[str, Any]:
    return yaml.safe_load((SQL_ROOT / "docs" / "schema.yaml").read_text(encoding="utf-8"))


def apply_comments(connection: duckdb.DuckDBPyConnection) -> None:
    for table, doc in schema_docs().items():
        name = qualified_table(table)
        kind = "VIEW" if doc["kind"] == "view" else "TABLE"
        connection.execute(f"COMMENT ON {kind} {name} IS {sql_literal(doc['description'])}")
        for column, text in doc["columns"].items():
            connection.execute(
                f'COMMENT ON COLUMN {name}."{identifier(column)}" IS {sql_literal(text)}'
            )


def schema_markdown() -> str:
    """The schema section of the README, from the same descriptions the warehouse carries."""
    lines = []
    for table, doc in schema_docs().items():
        lines += [
            f"#### `{table}` ({doc['kind']})",
            "",
            doc["description"],
            "",
            "| column | meaning |",
            "|---|---|",
        ]
        lines += [f"| `{column}` | {text} |" for column, text in doc["columns"].items()]
        lines.append("")
    return "\n".join(lines)
