"""The working warehouse's schema version, and the migrations that bring an older file up to date.

assets/warehouse/ddl/ is the current layout: what a new file is created with. Each change to it is a new
version: a folder assets/warehouse/migrations/NNNN_what_changed/ whose statements (one per file, run in name
order) take a file at version NNNN - 1 to NNNN, keeping its rows. A file records each version it
was created at or upgraded to in meta.schema_version. Version 1 is the layout of the releases
before versions were recorded, so a file with tables but no meta.schema_version is taken to be at
version 1.

A file at the current version never runs the DDL again, so a migration holds every statement its
version needs, new tables included. After the migrations the DDL runs once too (CREATE ... IF NOT
EXISTS): it creates meta.schema_version, and whatever a file from before versions lacks (those
releases created tables on first use).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from assets.warehouse.connections import roll_back
from assets.warehouse.sql_files import MIGRATIONS_ROOT, ddl_statements, statement

FIRST_VERSION = 1


class WarehouseVersionError(RuntimeError):
    pass


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


@dataclass(frozen=True)
class SchemaVersion:
    """A file's version: None for a new file (no tables); `recorded` False for one from before
    versions were recorded (its version is then known by its shape)."""

    version: int | None
    recorded: bool


@cache
def migrations() -> tuple[Migration, ...]:
    """Every migration under assets/warehouse/migrations/, oldest first."""
    found = []
    for folder in sorted(path for path in MIGRATIONS_ROOT.iterdir() if path.is_dir()):
        number, _, name = folder.name.partition("_")
        files = sorted(folder.glob("*.sql"))
        found.append(
            Migration(
                int(number),
                name.replace("_", " "),
                tuple(path.read_text(encoding="utf-8") for path in files),
            )
        )
    versions = [migration.version for migration in found]
    expected = list(range(FIRST_VERSION + 1, FIRST_VERSION + 1 + len(found)))
    if versions != expected:
        # A gap or a repeat would skip or double a step on some file: refuse to run at all.
        raise WarehouseVersionError(
            f"{MIGRATIONS_ROOT} holds migrations for versions {versions}; expected {expected}"
        )
    return tuple(found)


def code_version() -> int:
    """The schema version this release creates and upgrades files to."""
    return FIRST_VERSION + len(migrations())


def schema_version(connection: duckdb.DuckDBPyConnection) -> SchemaVersion:
    recorded, tables = connection.execute(statement("warehouse/select_layout")).fetchone()
    if recorded:
        (version,) = connection.execute(statement("warehouse/select_schema_version")).fetchone()
        return SchemaVersion(version, recorded=True)
    return SchemaVersion(FIRST_VERSION if tables else None, recorded=False)


def pending(found: SchemaVersion) -> tuple[Migration, ...]:
    """The migrations that take a file at `found` to this release's version (a new file: none)."""
    if found.version is None:
        return ()
    return tuple(migration for migration in migrations() if migration.version > found.version)


def refuse_newer(found: SchemaVersion, path: Path) -> None:
    """Raise if the file was upgraded by a newer release: this one would misread or break it."""
    if found.version is not None and found.version > code_version():
        raise WarehouseVersionError(
            f"{path} is at warehouse schema version {found.version}, but this release of outcomes "
            f"reads versions up to {code_version()}: a newer release has upgraded it. Run that "
            f"release (or a later one), or restore the copy kept before that upgrade "
            f"({path.name}.v{code_version()}.bak beside it, if there is one). "
            "The file was left as it was."
        )


def bring_up_to_date(connection: duckdb.DuckDBPyConnection) -> tuple[Migration, ...]:
    """Create a new file's layout, or migrate an older file, in one transaction; the migrations
    applied. The version is read again inside the transaction, so a file another process has
    just upgraded is not upgraded twice."""
    connection.begin()
    try:
        found = schema_version(connection)
        applied = pending(found)
        for migration in applied:
            for migration_statement in migration.statements:
                connection.execute(migration_statement)
        for ddl in ddl_statements():
            connection.execute(ddl)
        if found.version is None:
            _record(connection, code_version(), "new warehouse")
        elif not found.recorded:
            _record(connection, found.version, "recognised by its layout (no version recorded)")
        for migration in applied:
            _record(connection, migration.version, migration.description)
    except BaseException:
        roll_back(connection)
        raise
    # Outside the try: a failed commit has rolled back already, and its error is the one to see.
    connection.commit()
    return applied


def _record(connection: duckdb.DuckDBPyConnection, version: int, description: str) -> None:
    connection.execute(
        statement("warehouse/insert_schema_version"),
        {"version": version, "description": description},
    )
