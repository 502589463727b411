"""A pipeline run in a process of its own, for tests that kill it with SIGKILL part-way.

    python -m tests.fault_child SETTINGS_JSON [PAUSE_AT]

runs `outcomes ingest` of the indicators in SETTINGS_JSON on the Dagster instance in DAGSTER_HOME
(persistent, with the warehouse pool's one slot). With PAUSE_AT, the real step named runs whole,
then the process writes PAUSE_AT to the file named in the settings and waits to be killed:
  work_copy  a new working copy has been laid out in .work/.creating/, not yet renamed into place
  load       a download's rows are in the working copy, not yet committed
  publish    the new BI file has been written beside the published one, not yet swapped in
(to be killed mid-download, the test's server stalls the body instead). The notices and failures
of a run that finishes are printed, one a line, and its exit code is 1 if it failed.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from pathlib import Path

import dagster as dg

import assets.fingertips.values
import assets.warehouse.store
from pipelines.runner import RunRequest, failures, run_pipeline
from pipelines.settings import FingertipsSettings, Settings

PAUSE_POINTS = {
    "work_copy": (assets.warehouse.store, "create_model_relations"),
    "load": (assets.fingertips.values, "load_all_data"),
    "publish": (assets.warehouse.store, "write_bi_file"),
}


def pause_after(module: object, name: str, marker: Path, point: str) -> None:
    real = getattr(module, name)

    @functools.wraps(real)
    def paused(*args, **kwargs):
        real(*args, **kwargs)
        marker.write_text(point, encoding="utf-8")
        while True:
            time.sleep(60)

    setattr(module, name, paused)


def main(settings_json: str, pause_at: str | None = None) -> int:
    given = json.loads(settings_json)
    if pause_at:
        module, name = PAUSE_POINTS[pause_at]
        pause_after(module, name, Path(given["marker"]), pause_at)
    settings = Settings(
        fingertips=FingertipsSettings(
            api_url=given["api_url"], connect_timeout=2, read_timeout=60, max_retries=0
        ),
        warehouse=Path(given["warehouse"]),
        catalogue_dir=Path(given["catalogue"]),
        area_types=given["area_types"],
        drop_dir=Path(given["warehouse"]).parent / "drop",
        output_dir=Path(given["warehouse"]).parent / "outputs",
    )
    result = run_pipeline(
        settings,
        RunRequest(given["indicator_ids"], given["area_types"], force=True),
        dagster_instance=dg.DagsterInstance.get(),
        on_notice=print,
    )
    for line in failures(result):
        print(f"error in {line}")
    return 0 if result.success else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
