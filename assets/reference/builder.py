"""Building a reference bundle from the official files in a sources file (`outcomes reference
update`): fetch, check, derive the tables, and write a new version only if everything passed.

A bundle is written into a dot-folder beside the others and renamed to its version when complete,
so a failed or interrupted build never leaves half a bundle, and the previous one stays newest.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlparse

import polars as pl

from assets.reference import tables
from assets.reference.bundle import (
    BUNDLES,
    MANIFEST,
    SHIPPED_REFERENCE_DIR,
    TABLES,
    ReferenceBundle,
    bundle_folders,
    sha256,
    version_key,
)
from assets.reference.download import ReferenceDownloadError, download
from assets.reference.errors import ReferenceDataError
from assets.reference.reading import ROW, DatasetFile, read_json, read_table
from assets.reference.sources import DatasetSource, Sources, load_sources
from assets.reference.upper_tier import upper_tier_tables
from assets.reference.validation import (
    check_coverage,
    check_file,
    check_parents,
    check_upper_tier_regions,
)

# Which datasets each table is derived from (named in the manifest).
TABLE_SOURCES = {
    "lsoa_deprivation": ("imd2019_lsoa11", "imd2025_lsoa21"),
    "lsoa_geography": (
        "lsoa11_nhs_lookup",
        "lsoa21_ltla_lookup",
        "lsoa21_nhs_lookup",
        "ltla22_ltla23",
        "ltla23_utla23",
        "ltla_region",
    ),
    "lsoa_bridge_2011_2021": ("lsoa11_lsoa21",),
    "lsoa_population": ("population_lsoa11",),
    "upper_tier_areas": (
        "ltla23_utla23",
        "ltla21_utla21",
        "lsoa11_utla19",
        "lsoa11_lad20",
        "ltla18_ltla20",
        "la_all_codes",
        "utla_all_codes",
        "ltla_region",
        "lsoa21_ltla_lookup",
        "lsoa21_nhs_lookup",
    ),
    "ltla_utla": ("imd2019_lsoa11", "lsoa11_utla19", "ltla21_utla21", "ltla23_utla23"),
    "area_successions": ("ltla21_utla21", "ltla22_ltla23", "ltla23_utla23", "la_all_codes"),
    "nearest_neighbours": ("nearest_neighbours",),
}
TABLE_SOURCES["area_names"] = TABLE_SOURCES["upper_tier_areas"]

ZSTD_LEVEL = 19


@dataclass(frozen=True)
class BuildOptions:
    connect_timeout: float = 10.0
    read_timeout: float = 300.0
    version: str | None = None
    # Told of each step ("downloading imd2019_lsoa11 from …"), e.g. to echo it.
    progress: Callable[[str], None] = lambda message: None


def build_bundle(
    sources_path: Path, reference_dir: Path, options: BuildOptions | None = None
) -> ReferenceBundle:
    """Fetch, check and derive; write `<reference_dir>/bundles/<version>/` and return it."""
    options = options or BuildOptions()
    sources_path = Path(sources_path)
    sources = load_sources(sources_path)
    bundles_dir = Path(reference_dir) / BUNDLES
    version = options.version or next_version(reference_dir, date.today())
    if (bundles_dir / version).exists():
        raise FileExistsError(
            f"{bundles_dir / version} exists: a bundle version is never rewritten"
        )
    with tempfile.TemporaryDirectory(prefix="reference-downloads-") as downloads:
        files = {
            name: DatasetFile(
                name, _fetch(name, source, sources_path, Path(downloads), options), source
            )
            for name, source in sources.datasets.items()
        }
        options.progress("checking and deriving the tables")
        frames = _checked_frames(files)
        derived = derive_tables(frames, files, sources)
        dataset_entries = {
            name: _dataset_entry(file, frames.get(name)) for name, file in files.items()
        }
    bundles_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".building-{version}-", dir=bundles_dir))
    try:
        manifest = _write_tables(staging, derived, sources, dataset_entries, version, sources_path)
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        staging.rename(bundles_dir / version)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return ReferenceBundle(bundles_dir / version)


def next_version(reference_dir: Path, today: date) -> str:
    """`YYYY.MM.N`: one past the newest of this month's versions here or in the repository."""
    prefix = f"{today:%Y.%m}."
    existing = [
        folder.name
        for directory in (Path(reference_dir), SHIPPED_REFERENCE_DIR)
        for folder in bundle_folders(directory)
        if folder.name.startswith(prefix)
    ]
    newest = max((version_key(v)[-1] for v in existing), default=0)
    return f"{prefix}{newest + 1}"


def _fetch(
    name: str, source: DatasetSource, sources_path: Path, folder: Path, options: BuildOptions
) -> Path:
    scheme = urlparse(source.url).scheme
    if scheme == "https":
        options.progress(f"downloading {name} from {source.url}")
        target = folder / name
        target.mkdir()
        return download(source.url, target, (options.connect_timeout, options.read_timeout))
    if scheme:
        raise ReferenceDownloadError(
            f"dataset {name}: {source.url}: reference files are fetched over https (TLS verified) "
            "or read from a local path"
        )
    path = (sources_path.parent / source.url).resolve()
    if not path.is_file():
        raise ReferenceDataError(name, str(path), "no such file")
    return path


def _checked_frames(files: dict[str, DatasetFile]) -> dict[str, pl.DataFrame]:
    frames = {}
    for name, file in files.items():
        if name == "nearest_neighbours":
            continue
        frame = read_table(file)
        check_file(name, file.name, frame)
        frames[name] = frame
    check_coverage(frames, _file_names(files))
    return frames


def _file_names(files: dict[str, DatasetFile]) -> dict[str, str]:
    return {name: file.name for name, file in files.items()}


def derive_tables(
    frames: dict[str, pl.DataFrame], files: dict[str, DatasetFile], sources: Sources
) -> dict[str, pl.DataFrame]:
    names = _file_names(files)
    years = {name: source.boundary_year for name, source in sources.datasets.items()}
    geography = tables.lsoa_geography(frames, years)
    check_parents(geography, names)
    upper = upper_tier_tables(frames)
    check_upper_tier_regions(upper.upper_tier_areas, names)
    population_year = sources.datasets["population_lsoa11"].year
    if population_year is None:
        raise ReferenceDataError(
            "population_lsoa11",
            names["population_lsoa11"],
            "say which mid-year it is",
            field="year",
        )
    derived = {
        "lsoa_deprivation": tables.lsoa_deprivation(frames),
        "lsoa_geography": geography.drop(ROW),
        "lsoa_bridge_2011_2021": tables.lsoa_bridge(frames),
        "lsoa_population": tables.lsoa_population(frames["population_lsoa11"], population_year),
        "upper_tier_areas": upper.upper_tier_areas,
        "area_names": upper.area_names,
        "ltla_utla": tables.ltla_utla(frames),
        "area_successions": tables.area_successions(frames),
        "nearest_neighbours": tables.nearest_neighbours(read_json(files["nearest_neighbours"])),
    }
    assert set(derived) == set(TABLES)
    return derived


def _dataset_entry(file: DatasetFile, frame: pl.DataFrame | None) -> dict[str, object]:
    source = file.source
    return {
        "publisher": source.publisher,
        "publication": source.publication,
        "url": source.official_url or source.url,
        "page": source.page,
        "licence": source.licence,
        "release": source.release,
        "file": file.name,
        "file_sha256": sha256(file.path),
        "rows": None if frame is None else frame.height,
    }


def _write_tables(
    folder: Path,
    derived: dict[str, pl.DataFrame],
    sources: Sources,
    dataset_entries: dict[str, dict[str, object]],
    version: str,
    sources_path: Path,
) -> dict[str, object]:
    table_entries = {}
    for table in TABLES:
        path = folder / f"{table}.parquet"
        derived[table].write_parquet(path, compression="zstd", compression_level=ZSTD_LEVEL)
        table_entries[table] = {
            "file": path.name,
            "rows": derived[table].height,
            "sha256": sha256(path),
            "columns": {name: str(dtype) for name, dtype in derived[table].schema.items()},
            "sources": [
                {"dataset": name, **dataset_entries[name]} for name in TABLE_SOURCES[table]
            ],
        }
    return {
        "bundle_version": version,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "built_with": "outcomes reference update (assets/reference/builder.py)",
        "sources_file": sources_path.name,
        "licence": "Open Government Licence v3.0: contains public sector information licensed "
        "under the Open Government Licence v3.0",
        "tables": table_entries,
        "datasets": dataset_entries,
    }
