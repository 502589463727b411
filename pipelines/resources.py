"""Dagster resources: the warehouse and the Fingertips source, built from the environment."""

from __future__ import annotations

import tempfile
from pathlib import Path

import dagster as dg

from pipelines.fingertips.factory import open_source
from pipelines.fingertips.snapshot import SnapshotRecorder
from pipelines.fingertips.source import FingertipsSource
from pipelines.settings import (
    DEFAULT_AREA_TYPES,
    FingertipsSettings,
    Settings,
    parse_area_type_pairs,
)
from pipelines.warehouse.store import Warehouse


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse: `path` is the published file BI tools open (OUTCOMES_WAREHOUSE)."""

    path: str

    def store(self) -> Warehouse:
        return Warehouse(Path(self.path))


class FingertipsResource(dg.ConfigurableResource):
    """The Fingertips API, or a snapshot replay of it; optionally records what it fetches."""

    api_url: str
    snapshot_dir: str | None = None
    record_dir: str | None = None
    connect_timeout: float = 10.0
    read_timeout: float = 300.0
    max_retries: int = 5
    backoff_factor: float = 2.0
    # Child:parent area type pairs pulled when a run does not name its own (FINGERTIPS_AREA_TYPES).
    area_types: str = DEFAULT_AREA_TYPES

    def area_type_pairs(self) -> list[tuple[int, int]]:
        return parse_area_type_pairs(self.area_types)

    def source(self) -> FingertipsSource:
        settings = FingertipsSettings(
            api_url=self.api_url,
            snapshot_dir=Path(self.snapshot_dir) if self.snapshot_dir else None,
            connect_timeout=self.connect_timeout,
            read_timeout=self.read_timeout,
            max_retries=self.max_retries,
            backoff_factor=self.backoff_factor,
        )
        recorder = SnapshotRecorder(Path(self.record_dir)) if self.record_dir else None
        return open_source(settings, recorder)

    def download_folder(self) -> tempfile.TemporaryDirectory[str]:
        """Downloads live on disk only until they are loaded into the raw layer."""
        return tempfile.TemporaryDirectory(prefix="fingertips-downloads-")


class CatalogueResource(dg.ConfigurableResource):
    """The indicator catalogue folder (OUTCOMES_CATALOGUE)."""

    folder: str


def build_resources(settings: Settings, record_dir: Path | None = None) -> dict[str, object]:
    fingertips = settings.fingertips
    return {
        "warehouse": WarehouseResource(path=str(settings.warehouse)),
        "fingertips": FingertipsResource(
            api_url=fingertips.api_url,
            snapshot_dir=str(fingertips.snapshot_dir) if fingertips.snapshot_dir else None,
            record_dir=str(record_dir) if record_dir else None,
            connect_timeout=fingertips.connect_timeout,
            read_timeout=fingertips.read_timeout,
            max_retries=fingertips.max_retries,
            backoff_factor=fingertips.backoff_factor,
            area_types=settings.area_types,
        ),
        "catalogue": CatalogueResource(folder=str(settings.catalogue_dir)),
    }
