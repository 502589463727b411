"""kill -9 at each point of a run (download, load, working-copy creation, publication): the next
run recovers what the killed one left (its Dagster run and pool slot, half-written files), says
so, and completes; the published warehouse only ever holds whole runs."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest
from werkzeug import Request, Response

from pipelines.runner import RunRequest, failures, run_pipeline
from pipelines.settings import PROJECT_ROOT
from tests.fingertips_api_server import CSV
from tests.pipeline_harness import query, serve, settings_for

ALCOHOL = "ons_sdg_3-5-1_unmet_alcohol.csv"
ALCOHOL_QUERY = {"indicator_ids": "93532", "child_area_type_id": "502", "parent_area_type_id": "15"}
WAIT_SECONDS = 240


class Kills:
    """Runs of tests.fault_child in their own processes, on one warehouse and Dagster instance."""

    def __init__(self, folder: Path, api_url: str) -> None:
        self.folder = folder
        self.home = folder / "dagster_home"
        self.home.mkdir()
        shutil.copyfile(PROJECT_ROOT / "dagster.yaml", self.home / "dagster.yaml")
        self.warehouse = folder / "warehouse" / "outcomes.duckdb"
        self.marker = folder / "paused"
        self.settings = json.dumps(
            {
                "api_url": api_url,
                "warehouse": str(self.warehouse),
                "catalogue": str(PROJECT_ROOT / "indicator_catalogue"),
                "area_types": "502:15",
                "indicator_ids": [93532],
                "marker": str(self.marker),
            }
        )

    def start(self, pause_at: str | None = None) -> subprocess.Popen:
        self.marker.unlink(missing_ok=True)
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.fault_child",
                self.settings,
                *([pause_at] if pause_at else []),
            ],
            cwd=PROJECT_ROOT,
            env={**os.environ, "DAGSTER_HOME": str(self.home)},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def kill_when(self, process: subprocess.Popen, ready) -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while not ready():
            assert process.poll() is None, process.stdout.read()
            assert time.monotonic() < deadline, "the run never reached the point to kill it at"
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(30) == -signal.SIGKILL

    def kill_at(self, pause_at: str) -> None:
        process = self.start(pause_at)
        self.kill_when(process, self.marker.exists)

    def finish(self) -> tuple[bool, list[str]]:
        """A run in this process, on the same warehouse and Dagster instance: its success, and
        its notices and failures."""
        settings = json.loads(self.settings)
        lines: list[str] = []
        result = run_pipeline(
            settings_for(settings["api_url"], self.warehouse.parent),
            RunRequest(settings["indicator_ids"], settings["area_types"], force=True),
            dagster_instance=self.instance(),
            on_notice=lines.append,
        )
        return result.success, lines + failures(result)

    def instance(self) -> dg.DagsterInstance:
        os.environ["DAGSTER_HOME"] = str(self.home)
        try:
            return dg.DagsterInstance.get()
        finally:
            del os.environ["DAGSTER_HOME"]


@pytest.fixture(scope="module")
def stalled_request() -> threading.Event:
    return threading.Event()


@pytest.fixture(scope="module")
def kills(make_httpserver, shared_data, tmp_path_factory, stalled_request) -> Iterator[Kills]:
    # The server is the session's: routes an earlier module left would answer before ours.
    make_httpserver.clear()
    body = (shared_data / "fingertips" / "all_data" / ALCOHOL).read_bytes()
    stall = {"on": False, "released": threading.Event()}

    def alcohol(request: Request) -> Response:
        if not stall["on"]:
            return Response(body, content_type=CSV)

        def half_then_stall():
            yield body[: len(body) // 2]
            stalled_request.set()
            # The server answers one request at a time: stall only until the client is killed.
            stall["released"].wait(WAIT_SECONDS)

        return Response(
            half_then_stall(), content_type=CSV, headers={"Content-Length": str(len(body))}
        )

    make_httpserver.expect_request(
        "/api/all_data/csv/by_indicator_id", query_string=ALCOHOL_QUERY
    ).respond_with_handler(alcohol)
    api_url = serve(make_httpserver, shared_data)
    rig = Kills(tmp_path_factory.mktemp("kills"), api_url)
    rig.stall = stall
    yield rig
    make_httpserver.clear()


# Four runs in processes of their own (each imports Dagster and dbt afresh), then one here.
@pytest.mark.timeout(600)
def test_a_run_killed_at_each_point_is_followed_by_one_that_completes(kills, stalled_request):
    # 1. Killed while laying out a new working copy: nothing half-made is ever in .work's place.
    kills.kill_at("work_copy")
    work = kills.warehouse.parent / ".work"
    assert (work / ".creating" / "outcomes.duckdb").exists()
    assert not (work / "outcomes.duckdb").exists()

    # 2. Killed mid-download (the body stalls half-way), holding the warehouse's pool slot.
    kills.stall["on"] = True
    process = kills.start()
    kills.kill_when(process, stalled_request.is_set)
    kills.stall["on"] = False
    kills.stall["released"].set()
    assert (work / "outcomes.duckdb").exists()

    # 3. Killed with a download's rows written to the working copy but not committed.
    kills.kill_at("load")
    # 4. Killed with the new BI file written beside the published one, not swapped in.
    kills.kill_at("publish")
    assert not kills.warehouse.exists()
    assert (kills.warehouse.parent / ".outcomes.duckdb.publishing").exists()

    success, lines = kills.finish()

    assert success, lines
    recovered = [line for line in lines if line.startswith("recovered: ")]
    assert (
        f"recovered: removed {kills.warehouse.parent / '.outcomes.duckdb.publishing'}: a published file that was being written"
        in recovered
    )
    stale = [line for line in recovered if "was left unfinished by a process that is gone" in line]
    assert len(stale) == 1, recovered
    assert "(warehouse_publish, pid " in stale[0]
    assert query(
        kills.warehouse,
        "SELECT indicator_id, count(*) FROM conformed.fact_indicator_value GROUP BY ALL",
    ) == [(93532, 17)]
    assert sorted(path.name for path in kills.warehouse.parent.iterdir()) == [
        ".work",
        "outcomes.duckdb",
    ]
    assert not (work / ".creating").exists()
    # Every killed run is marked failed; none holds a slot of the pool.
    instance = kills.instance()
    unfinished = instance.get_runs(
        filters=dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING])
    )
    assert unfinished == []
    assert instance.event_log_storage.get_concurrency_run_ids() == set()
