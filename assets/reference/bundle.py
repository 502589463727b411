"""Reading a reference bundle: `reference/bundles/<version>/`, zstd Parquet tables beside a
manifest.json naming each table's sources, row count and SHA-256.

The repository ships one bundle, so a plain clone has every LSOA lookup, IMD and population it
needs; `outcomes reference update` writes newer ones beside it (see builder.py).
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl

from pipelines.settings import PROJECT_ROOT

SHIPPED_REFERENCE_DIR = PROJECT_ROOT / "reference"
BUNDLES = "bundles"
MANIFEST = "manifest.json"
VERSION_PATTERN = re.compile(r"^\d+(\.\d+)*$")

# The tables every bundle holds (the contract other code reads).
TABLES = (
    "lsoa_deprivation",
    "lsoa_geography",
    "lsoa_bridge_2011_2021",
    "lsoa_population",
    "upper_tier_areas",
    "area_names",
    "ltla_utla",
    "area_successions",
    "nearest_neighbours",
)


class ReferenceBundleError(RuntimeError):
    pass


class ReferenceBundle:
    """One bundle version: `version`, its `folder`, the parsed `manifest`."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        manifest_path = self.folder / MANIFEST
        try:
            self.manifest: dict[str, Any] = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise ReferenceBundleError(
                f"{manifest_path}: not a readable manifest ({error})"
            ) from error
        self.version: str = self.manifest["bundle_version"]

    def __repr__(self) -> str:
        return f"ReferenceBundle({self.version!r}, {str(self.folder)!r})"

    def path(self, table: str) -> Path:
        entry = self.manifest["tables"].get(table)
        if entry is None:
            raise ReferenceBundleError(
                f"bundle {self.version} ({self.folder}) has no table {table!r}: it has "
                f"{', '.join(sorted(self.manifest['tables']))}"
            )
        return self.folder / entry["file"]

    def frame(self, table: str) -> pl.DataFrame:
        return pl.read_parquet(self.path(table))

    def verify(self) -> None:
        """Every table the manifest lists is there with its row count and SHA-256."""
        for table, entry in self.manifest["tables"].items():
            path = self.path(table)
            if not path.is_file() or sha256(path) != entry["sha256"]:
                raise ReferenceBundleError(f"{path}: missing, or not the file the manifest names")
            if pl.scan_parquet(path).select(pl.len()).collect().item() != entry["rows"]:
                raise ReferenceBundleError(
                    f"{path}: not the {entry['rows']} rows the manifest says"
                )


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def bundle_folders(reference_dir: Path) -> list[Path]:
    """Complete bundles under `<reference_dir>/bundles/`, oldest first (a build in progress lives
    in a dot-folder and is never listed)."""
    folder = Path(reference_dir) / BUNDLES
    if not folder.is_dir():
        return []
    found = [
        path
        for path in folder.iterdir()
        if VERSION_PATTERN.match(path.name) and (path / MANIFEST).is_file()
    ]
    return sorted(found, key=lambda path: version_key(path.name))


def current_bundle(reference_dir: Path) -> ReferenceBundle:
    """The newest bundle under `<reference_dir>/bundles/`, else the one shipped in the repository."""
    for directory in (Path(reference_dir), SHIPPED_REFERENCE_DIR):
        folders = bundle_folders(directory)
        if folders:
            return _bundle(folders[-1])
    raise ReferenceBundleError(
        f"no reference bundle in {Path(reference_dir) / BUNDLES} or {SHIPPED_REFERENCE_DIR / BUNDLES}: "
        "restore reference/bundles/ from the repository (git checkout -- reference), or build one "
        "with `outcomes reference update` (needs the network)"
    )


@cache
def _bundle(folder: Path) -> ReferenceBundle:
    # A bundle folder never changes once written, so one read per process is enough.
    return ReferenceBundle(folder)
