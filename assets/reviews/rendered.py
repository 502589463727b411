"""Whether a review's files on disk were written from the same rows by the same renderer.

A published review is frozen, so on most nights its report would be drawn again from exactly the
rows it was drawn from before, and drawing the charts is most of a review's time. Each render
records a fingerprint of what it was drawn from (the rows, with the revised values and withdrawal
beside them; the output folder; the renderer's own source) in its Dagster materialisation; a
review whose fingerprint matches its last materialisation's, with every file still there, is not
drawn again. Anything the page shows changing (a revision, a withdrawal, a new release of the
renderer) changes the fingerprint.
"""

from __future__ import annotations

import hashlib
from dataclasses import fields
from functools import cache
from importlib.metadata import version
from pathlib import Path

import dagster as dg

from assets.reviews.reports import ReviewFiles
from assets.reviews.trend_table import ReviewFrames

RENDERED_FROM = "rendered_from"
_HERE = Path(__file__).parent
# The renderer's own code and templates, what it reads from outside them, and the libraries that
# draw and write its files.
_RENDERER_FILES = (_HERE / "reports", _HERE / "freshness.py")
_RENDERER_LIBRARIES = ("matplotlib", "jinja2", "openpyxl", "polars")


@cache
def renderer_version() -> str:
    """A hash of the report renderer's source, templates and libraries, as this process runs
    them."""
    digest = hashlib.sha256()
    for root in _RENDERER_FILES:
        for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(_HERE).as_posix().encode())
                digest.update(path.read_bytes())
    for library in _RENDERER_LIBRARIES:
        digest.update(f"{library} {version(library)}\n".encode())
    return digest.hexdigest()


def fingerprint(frames: ReviewFrames, folder: Path) -> str:
    """What a review's files are drawn from: its rows (names, types and values), the output
    folder and the renderer."""
    digest = hashlib.sha256(f"{renderer_version()}\n{Path(folder).resolve()}\n".encode())
    for field in fields(frames):
        frame = getattr(frames, field.name)
        digest.update(f"{field.name}\n{frame.schema!r}\n{frame.rows()!r}\n".encode())
    return digest.hexdigest()


def already_rendered(
    context: dg.AssetExecutionContext, rendered_from: str, place_id: str, review_id: str
) -> ReviewFiles | None:
    """The files of this review partition's last materialisation, if it was drawn from
    `rendered_from` and every file is still there; None otherwise."""
    records = context.instance.fetch_materializations(
        dg.AssetRecordsFilter(
            asset_key=context.asset_key, asset_partitions=[context.partition_key]
        ),
        limit=1,
    ).records
    if not records:
        return None
    metadata = records[0].asset_materialization.metadata
    recorded, report = metadata.get(RENDERED_FROM), metadata.get("report")
    if recorded is None or report is None or recorded.value != rendered_from:
        return None
    files = ReviewFiles.in_directory(place_id, review_id, Path(report.value).parent)
    return files if all(path.is_file() for path in files.paths) else None
