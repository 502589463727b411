"""The SQL Python runs, kept beside the domain that runs it: assets/<domain>/sql/<name>.sql, one
statement per file, named for what it does. The transformations from raw to marts are not here:
they are the dbt project's models under sql/ (see assets/warehouse/models.py)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pipelines.settings import PROJECT_ROOT

# The dbt project.
SQL_ROOT = PROJECT_ROOT / "sql"
ASSETS_ROOT = PROJECT_ROOT / "assets"
# The layout of the tables Python writes (raw loads, statistics, frozen reviews), and its upgrades.
WAREHOUSE_ROOT = Path(__file__).resolve().parent
DDL_ROOT = WAREHOUSE_ROOT / "ddl"
MIGRATIONS_ROOT = WAREHOUSE_ROOT / "migrations"


@cache
def statement(name: str) -> str:
    """The statement "<domain>/<name>", in assets/<domain>/sql/<name>.sql."""
    domain, _, file_name = name.partition("/")
    return (ASSETS_ROOT / domain / "sql" / f"{file_name}.sql").read_text(encoding="utf-8")


def ddl_statements() -> list[str]:
    """Every statement under ddl/, in file-name order (schemas first, then tables and views)."""
    return [path.read_text(encoding="utf-8") for path in sorted(DDL_ROOT.glob("*.sql"))]
