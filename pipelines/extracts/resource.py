"""The Dagster resource for declared extracts: where files arrive (OUTCOMES_DROP_DIR)."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.extracts.locations import DropFolders, drop_dir_from_env

# A file changed within this many seconds may still be being copied in: it waits a run.
DEFAULT_SETTLE_SECONDS = 30.0


class ExtractsResource(dg.ConfigurableResource):
    """Declared extracts: the drop folder, and how long a new file must sit still before reading."""

    drop_dir: str
    settle_seconds: float = DEFAULT_SETTLE_SECONDS

    def folders(self) -> DropFolders:
        return DropFolders(Path(self.drop_dir))


def extracts_resource_from_env() -> ExtractsResource:
    return ExtractsResource(drop_dir=str(drop_dir_from_env()))
