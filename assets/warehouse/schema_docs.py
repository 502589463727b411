"""What each table and column BI tools read means, from the dbt project's schema YAML.

Models carry their descriptions into the warehouse themselves (dbt's persist_docs writes them as
DuckDB comments); the tables Python writes are documented as dbt sources (sql/models/sources.yml)
and get their comments at publication, here. The README's schema section is printed from the same
descriptions (`outcomes docs schema`), so the three never disagree.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import duckdb

from assets.warehouse.dbt_project import prepare_manifest
from assets.warehouse.identifiers import identifier, qualified_table, sql_literal
from assets.warehouse.sql_files import statement

# BI readers look at marts first; the README lists the layers in this order.
LAYERS = ("marts", "conformed", "staging", "raw")


def _kind(node: dict[str, Any]) -> str:
    if node["resource_type"] == "source":
        return node["meta"]["kind"]
    return "view" if node["config"]["materialized"] == "view" else "table"


@cache
def schema_docs() -> dict[str, dict[str, Any]]:
    """schema.table → kind, description and column descriptions, for every documented model and
    source, marts first."""
    manifest = json.loads(prepare_manifest().read_text(encoding="utf-8"))
    nodes = [
        node
        for node in [*manifest["nodes"].values(), *manifest["sources"].values()]
        if node["resource_type"] in ("model", "source") and node.get("description")
    ]
    docs = {
        f"{node['schema']}.{node.get('alias') or node['name']}": {
            "kind": _kind(node),
            "built_by_dbt": node["resource_type"] == "model",
            "description": node["description"],
            "columns": {name: column["description"] for name, column in node["columns"].items()},
        }
        for node in nodes
    }
    return dict(
        sorted(docs.items(), key=lambda item: (LAYERS.index(item[0].split(".")[0]), item[0]))
    )


def apply_comments(connection: duckdb.DuckDBPyConnection) -> None:
    """Comment the tables Python writes; dbt comments its models as it builds them."""
    existing = {
        f"{schema}.{name}"
        for schema, name in connection.execute(statement("warehouse/select_relations")).fetchall()
    }
    for table, doc in schema_docs().items():
        if doc["built_by_dbt"] or table not in existing:
            continue
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
