"""Read every file waiting in one declared source's drop folder, in one warehouse transaction."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from assets.extracts.declared_sources import DeclaredSource
from assets.extracts.file_keeping import keep_file
from assets.extracts.loading import Destinations, FileOutcome, read_extract_file
from assets.extracts.locations import DropFolders
from assets.extracts.received_files import ReceivedFile, receive, waiting_files
from assets.warehouse.sql_files import statement
from assets.warehouse.store import Warehouse


@dataclass(frozen=True)
class Ingestion:
    """What one source's waiting files came to."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    # DuckDB's memory limit while they were read (beyond it DuckDB spills to disk beside the
    # warehouse): the warehouse's own, OUTCOMES_DUCKDB_MEMORY_LIMIT. None if nothing was read.
    memory_limit: str | None = None


def ingest_source(
    store: Warehouse,
    source: DeclaredSource,
    folders: DropFolders,
    settle_seconds: float,
    run_id: str | None,
) -> Ingestion:
    """Files are read oldest first, so a later file supersedes an earlier one for the same periods.

    All of them commit together; only then are failed ones quarantined (read ones are archived
    once published: file_keeping.py).
    """
    arrives = source.declaration.arrives
    waiting = waiting_files(folders.incoming(arrives.folder), arrives.pattern, settle_seconds)
    if not waiting:
        return Ingestion()
    destinations = Destinations(folders.archive(source.id), folders.quarantine(source.id))
    with (
        tempfile.TemporaryDirectory(prefix="extract-") as workdir,
        store.transaction() as connection,
    ):
        ((memory_limit,),) = connection.execute(statement("extracts/memory_limit")).fetchall()
        received = [receive(path) for path in waiting]
        outcomes = [
            read_extract_file(
                connection, source, file, destinations, Path(workdir), datetime.now(UTC), run_id
            )
            for file in received
            if not _waits_for_archive(connection, file)
        ]
    for outcome in outcomes:
        keep_file(outcome, source)
    return Ingestion(outcomes, memory_limit)


def _waits_for_archive(connection: duckdb.DuckDBPyConnection, file: ReceivedFile) -> bool:
    """Read already, and left in the drop folder until its values are published."""
    ((waiting,),) = connection.execute(
        statement("extracts/select_file_waiting_for_archive"),
        {"path": str(file.path), "file_sha256": file.sha256},
    ).fetchall()
    return bool(waiting)
