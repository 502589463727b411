"""`outcomes doctor`: what state the warehouse files are in and what the next run would do to them.
It opens everything read-only and changes nothing. DuckDB and the warehouse code are imported when
it runs, so `outcomes --help` never waits for them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pipelines.settings import Settings

if TYPE_CHECKING:
    from assets.warehouse.store import Warehouse

_LABEL_WIDTH = 19


def _line(label: str, text: str) -> str:
    return f"{label:{_LABEL_WIDTH}}{text}"


def _working_copy_lines(warehouse: Warehouse) -> Iterator[str]:
    import duckdb

    from assets.warehouse.migrations import (
        WarehouseVersionError,
        code_version,
        pending,
        refuse_newer,
        schema_version,
    )

    path = warehouse.work_path
    yield _line("Working warehouse", str(path))
    if not path.exists():
        yield _line("Schema version", "none yet: the next run creates the file")
        yield _line("This release", str(code_version()))
        return
    try:
        with duckdb.connect(str(path), read_only=True) as connection:
            found = schema_version(connection)
    except duckdb.Error as error:
        # Typically a run writing it right now: DuckDB lets one process write a file.
        yield _line("Schema version", f"unreadable: {str(error).splitlines()[0]}")
        yield _line("This release", str(code_version()))
        return
    if found.version is None:
        yield _line("Schema version", "none: the file is empty; the next run lays it out")
    elif found.recorded:
        yield _line("Schema version", str(found.version))
    else:
        yield _line("Schema version", f"{found.version} (not recorded: known by its layout)")
    yield _line("This release", str(code_version()))
    try:
        refuse_newer(found, path)
    except WarehouseVersionError as error:
        yield _line("Migrations to run", f"none, the file is refused: {error}")
        return
    migrations = pending(found)
    if not migrations:
        yield _line("Migrations to run", "none")
        return
    for index, migration in enumerate(migrations):
        label = "Migrations to run" if index == 0 else ""
        yield _line(label, f"{migration.version}: {migration.description}")
    backup = warehouse.backup_path(found.version)
    yield _line("", f"(the next run first copies the file to {backup})")


def _bundle_line(settings: Settings) -> str:
    from assets.reference.bundle import ReferenceBundleError, current_bundle

    try:
        bundle = current_bundle(settings.reference_dir)
    except ReferenceBundleError as error:
        return _line("Reference bundle", f"none usable: {error}")
    return _line("Reference bundle", f"{bundle.version} ({bundle.folder})")


def _published_line(path: Path) -> str:
    import duckdb

    from assets.warehouse.sql_files import statement

    if not path.exists():
        return _line("Published file", f"{path}: not published yet")
    try:
        with duckdb.connect() as connection:
            connection.execute("ATTACH $path AS published (READ_ONLY)", {"path": str(path)})
            (version,) = connection.execute(
                statement("warehouse/select_storage_version"), {"name": "published"}
            ).fetchone()
    except duckdb.Error as error:
        return _line("Published file", f"{path}: unreadable: {str(error).splitlines()[0]}")
    return _line("Published file", f"{path}: storage version {version}")


@click.command()
def doctor() -> None:
    """Report the working warehouse's schema version and the migrations the next run would apply,
    the reference bundle in use and the published file's storage version. Changes nothing."""
    from assets.warehouse.store import Warehouse

    settings = Settings.from_env()
    for line in _working_copy_lines(Warehouse(settings.warehouse)):
        click.echo(line)
    click.echo(_bundle_line(settings))
    click.echo(_published_line(settings.warehouse))
