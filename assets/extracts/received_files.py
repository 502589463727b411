"""Files waiting in a drop folder, and the fingerprint each is known by (its SHA-256)."""

from __future__ import annotations

import fnmatch
import hashlib
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

CHUNK_BYTES = 1 << 20


@dataclass(frozen=True)
class ReceivedFile:
    path: Path
    sha256: str
    byte_count: int
    modified_at: datetime


def receive(path: Path) -> ReceivedFile:
    """The file's SHA-256 and size, read in chunks so a file of any size takes little memory."""
    digest = hashlib.sha256()
    byte_count = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            digest.update(chunk)
            byte_count += len(chunk)
    modified_at = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    return ReceivedFile(
        path=path, sha256=digest.hexdigest(), byte_count=byte_count, modified_at=modified_at
    )


def waiting_files(folder: Path, pattern: str, settle_seconds: float) -> list[Path]:
    """Files in `folder` matching `pattern` (ignoring case), oldest first.

    A file modified in the last `settle_seconds` may still be being copied in: it waits for the
    next run. Hidden files and Office lock files (~$…) are never extracts.
    """
    if not folder.is_dir():
        return []
    settled_before = time.time() - settle_seconds
    found = [
        path
        for path in folder.iterdir()
        if path.is_file()
        and not path.name.startswith((".", "~$"))
        and fnmatch.fnmatch(path.name.lower(), pattern.lower())
        and path.stat().st_mtime <= settled_before
    ]
    return sorted(found, key=lambda path: (path.stat().st_mtime, path.name))
