"""What a killed run leaves behind, found and put right when the next run starts (holding the
warehouse's run lock, so no run it could belong to is still going).

- Dagster runs of the command line still marked as started, and the pool slots they hold: a run
  killed with -9 never frees its slot in `duckdb_warehouse`, and every later run would wait for it
  for ever. Each is marked failed and its slots freed; so are slots still held by runs that have
  finished (a worker that died after its run was marked failed).
- Files: a working copy being made (`.work/.creating/`), a backup being copied (`*.copying`), a
  BI file being written (`.<name>.publishing`), download folders of processes that are gone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import dagster as dg

from assets.warehouse.store import Warehouse

# Tags on every command-line run: which working copy it writes, and which process ran it.
WAREHOUSE_TAG = "outcomes/warehouse"
PID_TAG = "outcomes/pid"
DOWNLOAD_FOLDER_PREFIX = "fingertips-downloads-"
UNFINISHED = [
    dg.DagsterRunStatus.NOT_STARTED,
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
    dg.DagsterRunStatus.CANCELING,
]


def run_tags(warehouse: Warehouse) -> dict[str, str]:
    return {WAREHOUSE_TAG: str(warehouse.work_path), PID_TAG: str(os.getpid())}


def download_folder_prefix() -> str:
    """Download folders carry the process id, so a later run knows which ones are orphans."""
    return f"{DOWNLOAD_FOLDER_PREFIX}{os.getpid()}-"


def _process_is_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def recover_stale_runs(warehouse: Warehouse, instance: dg.DagsterInstance) -> list[str]:
    """Mark this warehouse's unfinished command-line runs failed and free their pool slots; free
    slots held by finished runs. One line per run put right."""
    recovered = []
    stale = instance.get_runs(
        filters=dg.RunsFilter(statuses=UNFINISHED, tags={WAREHOUSE_TAG: str(warehouse.work_path)})
    )
    for run in stale:
        pid = run.tags.get(PID_TAG, "?")
        instance.report_run_failed(
            run,
            f"The process running it (pid {pid}) ended without finishing (killed?); marked "
            "failed by the next run, which freed its pool slots.",
        )
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        recovered.append(
            f"run {run.run_id[:8]} ({run.job_name}, pid {pid}) was left unfinished by a process "
            "that is gone: marked failed and its warehouse pool slot freed"
        )
    stale_ids = {run.run_id for run in stale}
    for run_id in instance.event_log_storage.get_concurrency_run_ids() - stale_ids:
        run = instance.get_run_by_id(run_id)
        if run is None or run.is_finished:
            instance.event_log_storage.free_concurrency_slots_for_run(run_id)
            recovered.append(
                f"run {run_id[:8]} had finished but still held a warehouse pool slot: freed"
            )
    return recovered


def _remove(path: Path) -> bool:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
        return True
    if path.exists():
        path.unlink(missing_ok=True)
        return True
    return False


def remove_leftovers(warehouse: Warehouse) -> list[str]:
    """Delete what killed runs left half-written; one line per thing removed."""
    published = warehouse.published_path
    publishing = published.with_name(f".{published.name}.publishing")
    candidates = [
        (warehouse.staging_folder, "a working copy that was being made"),
        (publishing, "a published file that was being written"),
        (publishing.with_name(publishing.name + ".wal"), "a published file that was being written"),
    ]
    if warehouse.work_path.parent.is_dir():
        candidates += [
            (path, "a backup that was being copied")
            for path in warehouse.work_path.parent.glob(f".{warehouse.work_path.name}*.copying")
        ]
    for folder in Path(tempfile.gettempdir()).glob(f"{DOWNLOAD_FOLDER_PREFIX}*-*"):
        pid = folder.name.removeprefix(DOWNLOAD_FOLDER_PREFIX).split("-", 1)[0]
        if pid.isdigit() and _process_is_gone(int(pid)):
            candidates.append((folder, f"downloads of a run that is gone (pid {pid})"))
    return [f"removed {path}: {what}" for path, what in candidates if _remove(path)]
