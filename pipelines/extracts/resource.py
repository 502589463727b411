"""The Dagster resource for declared extracts: where files arrive (OUTCOMES_DROP_DIR)."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.extracts.locations import DropFolders

# A file changed within this many seconds may still be being copied in: it waits a run.
DEFAULT_SETTLE_SECONDS = 30.0


class ExtractsResource(dg.ConfigurableResource):
    """Declared extracts: the drop folder, and how long a new file must sit still before reading.
    DuckDB's memory while reading them is the warehouse's (OUTCOMES_DUCKDB_MEMORY_LIMIT)."""

    drop_dir: str
    settle_seconds: float = DEFAULT_SETTLE_SECONDS

    def folders(self) -> DropFolders:
        return DropFolders(Path(self.drop_dir))
