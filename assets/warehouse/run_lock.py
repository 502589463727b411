"""One run at a time per warehouse: an operating-system lock on a file beside the working copy.

The lock is the kernel's (flock, or LockFileEx on Windows), so a run killed with -9 or by a power
cut holds it no longer: nothing stale is ever left to clear by hand. The file also says who holds
it (process, host, since when, what command), so a second run can say what it is waiting for.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

LOCK_SUFFIX = ".run-lock"


def lock_path(work_path: Path) -> Path:
    return work_path.with_name(work_path.name + LOCK_SUFFIX)


def _try_lock(handle: IO[str]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        # Windows locks a byte range from the current position: always the first byte.
        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _wait_for_lock(handle: IO[str]) -> None:
    if sys.platform == "win32":
        import msvcrt

        # LK_LOCK gives up after 10 attempts a second apart: keep asking.
        handle.seek(0)
        while True:
            try:
                msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
                return
            except OSError:
                continue
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_EX)


def holder_description(path: Path) -> str:
    """'since 2026-12-01 02:30:04 UTC (pid 123 on host, outcomes refresh)', from the lock file."""
    try:
        holder = json.loads(path.read_text(encoding="utf-8"))
        return (
            f"since {holder['since']} (pid {holder['pid']} on {holder['host']}, "
            f"{holder['command']})"
        )
    except (OSError, ValueError, KeyError):
        return "(its start time is not recorded yet)"


@contextmanager
def run_lock(work_path: Path, on_wait: Callable[[str], None]) -> Iterator[None]:
    """Hold the warehouse's run lock for the block; if another run holds it, say so through
    `on_wait` and wait for it to finish (never fail both runs)."""
    path = lock_path(work_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Opened without truncating: the holder's description stays readable until we hold the lock.
    with path.open("a+", encoding="utf-8") as handle:
        if not _try_lock(handle):
            on_wait(
                f"a run is in progress {holder_description(path)} on the warehouse {work_path}; "
                "waiting for it to finish (Ctrl-C to stop waiting)"
            )
            _wait_for_lock(handle)
        handle.seek(0)
        handle.truncate()
        handle.write(
            json.dumps(
                {
                    "pid": os.getpid(),
                    "host": socket.gethostname(),
                    "since": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
                    "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
                }
            )
        )
        handle.flush()
        yield
