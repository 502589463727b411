"""The Dagster resource for declared extracts: where files arrive (OUTCOMES_DROP_DIR)."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.extracts.locations import DropFolders

# A file changed within this many seconds may still be being copied in: it waits a run.
DEFAULT_SETTLE_SECONDS = 30.0
# DuckDB's memory while reading extracts (it spills to disk beyond this): a 1 GB CSV needs ~14 GB
# unbounded; see benchmarks/extracts_large_file.py.
DEFAULT_MEMORY_LIMIT = "2GB"


class ExtractsResource(dg.ConfigurableResource):
    """Declared extracts: the drop folder, and how long a new file must sit still before reading."""

    drop_dir: str
    settle_seconds: float = DEFAULT_SETTLE_SECONDS
    memory_limit: str = DEFAULT_MEMORY_LIMIT

    def folders(self) -> DropFolders:
        return DropFolders(Path(self.drop_dir))
