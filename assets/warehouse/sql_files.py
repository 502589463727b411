"""Reads the SQL statements under sql/: one statement per file, named for what it does."""

from __future__ import annotations

from functools import cache

from pipelines.settings import PROJECT_ROOT

SQL_ROOT = PROJECT_ROOT / "sql"


@cache
def statement(name: str) -> str:
    """The statement in sql/<name>.sql, e.g. statement("raw/insert_fingertips_json")."""
    return (SQL_ROOT / f"{name}.sql").read_text(encoding="utf-8")


def ddl_statements() -> list[str]:
    """Every statement under sql/ddl/, in file-name order (schemas first, then tables and views)."""
    return [path.read_text(encoding="utf-8") for path in sorted((SQL_ROOT / "ddl").glob("*.sql"))]
