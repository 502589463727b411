"""Identifiers that reach SQL text (table names in previews, place ids later) are validated here:
values are always bound as parameters, but identifiers cannot be."""

from __future__ import annotations

import re

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def identifier(name: str) -> str:
    if not _IDENTIFIER.match(name):
        raise ValueError(
            f"{name!r} is not a valid identifier: lower-case letters, digits and underscores, "
            "starting with a letter or underscore"
        )
    return name


def qualified_table(name: str) -> str:
    """'schema.table' → a safely quoted "schema"."table"."""
    parts = name.split(".")
    if len(parts) != 2:
        raise ValueError(f"{name!r} is not schema.table")
    return ".".join(f'"{identifier(part)}"' for part in parts)


def sql_literal(text: str) -> str:
    """Text as a quoted SQL string, for the statements that take no bound parameters (COMMENT ON):
    the texts are ours (the dbt project's schema YAML, or comments already in the warehouse)."""
    return "'" + text.replace("'", "''") + "'"
