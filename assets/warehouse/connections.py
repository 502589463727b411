"""Opening the working copy when another process may hold it, and rolling back without hiding why.

DuckDB lets one process write a file, and refuses every other process while it does. Runs of the
command line wait for each other (run_lock.py) and Dagster's runs share a pool of one slot, but a
run of another Dagster instance (the demo's, or `dagster dev` with another DAGSTER_HOME) or a
person's DuckDB CLI can still hold the file: a step waits for it a while, saying so, rather than
failing at once.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import dagster as dg
import duckdb

# How long a step waits for another process to let go of the working copy, and how often it asks.
LOCK_WAIT_SECONDS = 600.0
LOCK_POLL_SECONDS = 0.5


def _held_by_another_process(error: duckdb.Error) -> bool:
    return "Could not set lock on file" in str(error)


def open_waiting_for_lock(
    path: Path, config: dict[str, str], read_only: bool = False
) -> duckdb.DuckDBPyConnection:
    """A connection to `path`; while another process holds the file, wait (up to
    LOCK_WAIT_SECONDS), logging once what it waits for."""
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    told = False
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=config)
        except duckdb.IOException as error:
            if not _held_by_another_process(error):
                raise
            holder = str(error).splitlines()[0].split("Conflicting lock is held in", 1)[-1]
            if time.monotonic() > deadline:
                raise duckdb.IOException(
                    f"the working warehouse {path} is still held by another process "
                    f"({holder.strip()}) after {LOCK_WAIT_SECONDS:.0f} s: let that run finish "
                    "(or close that DuckDB session), then run again"
                ) from error
            if not told:
                dg.get_dagster_logger().warning(
                    f"The working warehouse {path} is held by another process "
                    f"({holder.strip()}); waiting up to {LOCK_WAIT_SECONDS:.0f} s for it."
                )
                told = True
            time.sleep(LOCK_POLL_SECONDS)


def roll_back(connection: duckdb.DuckDBPyConnection) -> None:
    """Roll back after an error, keeping that error: if DuckDB already ended the transaction (a
    failed commit, a fatal error), rolling back again would raise 'no transaction is active'
    in place of the real cause."""
    with contextlib.suppress(duckdb.Error):
        connection.rollback()
