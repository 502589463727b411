"""Dagster resources, built from Settings: the warehouse, the Fingertips source, the catalogue, the
reference bundle, place files, declared extracts' drop folders and review outputs."""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

import dagster as dg

from assets.catalogue import Catalogue, load_catalogue
from assets.catalogue.loader import INDICATORS_DIR
from assets.extracts.locations import DropFolders
from assets.fingertips.factory import open_source
from assets.fingertips.snapshot import SnapshotRecorder
from assets.fingertips.source import FingertipsSource
from assets.places import OnsGeography, Place, load_place
from assets.places.loader import PLACES_DIR
from assets.reference.bundle import ReferenceBundle, current_bundle
from assets.warehouse.bi_file import check_storage_version
from assets.warehouse.store import DEFAULT_MEMORY_LIMIT, Warehouse
from pipelines.recovery import download_folder_prefix
from pipelines.settings import (
    DEFAULT_AREA_TYPES,
    DEFAULT_BI_STORAGE_VERSION,
    FingertipsSettings,
    Settings,
    parse_area_type_pairs,
)

# A file changed within this many seconds may still be being copied in: it waits a run.
DEFAULT_SETTLE_SECONDS = 30.0


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse: `path` is the published file BI tools open (OUTCOMES_WAREHOUSE)."""

    path: str
    # DuckDB's memory while writing (OUTCOMES_DUCKDB_MEMORY_LIMIT); beyond it, it spills to disk.
    memory_limit: str = DEFAULT_MEMORY_LIMIT
    # The published file's DuckDB storage version (OUTCOMES_BI_STORAGE_VERSION), which decides the
    # oldest DuckDB client or BI driver that can open it.
    bi_storage_version: str = DEFAULT_BI_STORAGE_VERSION

    def store(self) -> Warehouse:
        return Warehouse(Path(self.path), self.memory_limit, self.bi_storage_version)


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
        # Named for this process, so a later run can remove the folders of one that was killed.
        return tempfile.TemporaryDirectory(prefix=download_folder_prefix())


class CatalogueResource(dg.ConfigurableResource):
    """The indicator catalogue folder (OUTCOMES_CATALOGUE)."""

    folder: str


def build_resources(settings: Settings, record_dir: Path | None = None) -> dict[str, object]:
    fingertips = settings.fingertips
    return {
        "warehouse": WarehouseResource(
            path=str(settings.warehouse),
            memory_limit=settings.duckdb_memory_limit,
            # Checked at start-up: a typo fails before a run, not at its publish.
            bi_storage_version=check_storage_version(settings.bi_storage_version),
        ),
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
        "reference_bundle": ReferenceBundleResource.current(settings.reference_dir),
        "review_outputs": ReviewOutputsResource(folder=str(settings.output_dir)),
        "extracts": ExtractsResource(drop_dir=str(settings.drop_dir)),
        "places": PlacesResource.from_settings(settings),
    }


@lru_cache(maxsize=4)
def _catalogue(folder: Path, _files: tuple[tuple[str, int, int], ...]) -> Catalogue:
    return load_catalogue(folder)


class PlacesResource(dg.ConfigurableResource):
    """Place files (OUTCOMES_CATALOGUE/places/) checked against the catalogue and the geography of
    one reference bundle (the newest under OUTCOMES_REFERENCE_DIR, else the shipped one)."""

    catalogue_folder: str
    # The bundle's folder: a run reads one bundle version throughout.
    reference_bundle: str

    @classmethod
    def from_settings(cls, settings: Settings) -> PlacesResource:
        return cls(
            catalogue_folder=str(settings.catalogue_dir),
            reference_bundle=str(current_bundle(settings.reference_dir).folder),
        )

    def bundle(self) -> ReferenceBundle:
        return ReferenceBundle(Path(self.reference_bundle))

    def catalogue(self) -> Catalogue:
        """The catalogue, read again only when one of its files changed: a run building every
        place would otherwise read it once a place."""
        directory = Path(self.catalogue_folder) / INDICATORS_DIR
        stamp = tuple(
            (path.name, path.stat().st_mtime_ns, path.stat().st_size)
            for path in sorted(directory.glob("*.yaml"))
        )
        return _catalogue(Path(self.catalogue_folder), stamp)

    def place_files(self) -> dict[str, Path]:
        """Place id → its file, for every place file present."""
        folder = Path(self.catalogue_folder) / PLACES_DIR
        return {path.stem: path for path in sorted(folder.glob("*.yaml"))}

    def place_file(self, place_id: str) -> Path:
        path = Path(self.catalogue_folder) / PLACES_DIR / f"{place_id}.yaml"
        if not path.is_file():
            raise KeyError(f"no place file {place_id}.yaml in {path.parent}")
        return path

    def geography(self) -> OnsGeography:
        return OnsGeography.from_bundle(self.bundle())

    def load(self, place_id: str, catalogue: Catalogue, geography: OnsGeography) -> Place:
        """The place, checked; the caller loads the catalogue and geography once and passes them."""
        return load_place(self.place_file(place_id), catalogue, geography)


class ReviewOutputsResource(dg.ConfigurableResource):
    """Where review reports and files are written (OUTCOMES_OUTPUT_DIR)."""

    folder: str


class ExtractsResource(dg.ConfigurableResource):
    """Declared extracts: the drop folder, and how long a new file must sit still before reading.
    DuckDB's memory while reading them is the warehouse's (OUTCOMES_DUCKDB_MEMORY_LIMIT)."""

    drop_dir: str
    settle_seconds: float = DEFAULT_SETTLE_SECONDS

    def folders(self) -> DropFolders:
        return DropFolders(Path(self.drop_dir))


class ReferenceBundleResource(dg.ConfigurableResource):
    """One reference bundle (its folder, e.g. reference/bundles/2026.12.1)."""

    folder: str

    @classmethod
    def current(cls, reference_dir: Path) -> ReferenceBundleResource:
        """The newest bundle under `reference_dir`, else the one shipped in the repository."""
        return cls(folder=str(current_bundle(reference_dir).folder))

    def bundle(self) -> ReferenceBundle:
        return ReferenceBundle(Path(self.folder))
