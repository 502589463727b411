"""Faults that must fail only themselves, on real runs of the pipeline into real DuckDB files: one
bad place file among good ones, a second run started while one holds the warehouse, and a run
that fails before publishing with an extract file in its drop folder."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import socket
import threading
from pathlib import Path

import dagster as dg

from assets.warehouse.run_lock import lock_path, run_lock
from assets.warehouse.store import Warehouse
from pipelines.runner import RunRequest, failures, run_pipeline
from pipelines.settings import PROJECT_ROOT, Settings
from tests.fixtures.extracts.harness import FILES
from tests.pipeline_harness import query, run_partitions, settings_for, working_copy
from tests.test_pipeline_jobs import DECLARATION, QUITS

# Nothing here pulls from Fingertips: no server is asked anything.
NO_API = "http://127.0.0.1:9/api/"
PLACES_ONLY = RunRequest(pull_fingertips=False)
EXTRACTS_ONLY = RunRequest(pull_fingertips=False, read_extracts=True)
BAD_PLACE = "unknown-indicator"
EXTRACT_VALUES = (
    "SELECT catalogue_indicator_id, count(*) FROM conformed.fact_extract_value_current GROUP BY ALL"
)


def _catalogue(folder: Path) -> Path:
    catalogue = folder / "catalogue"
    shutil.copytree(PROJECT_ROOT / "indicator_catalogue", catalogue)
    return catalogue


def test_one_bad_place_file_fails_only_itself_and_the_good_place_is_published(tmp_path):
    catalogue = _catalogue(tmp_path)
    shutil.copyfile(
        PROJECT_ROOT / "tests" / "fixtures" / "places" / f"{BAD_PLACE}.yaml",
        catalogue / "places" / f"{BAD_PLACE}.yaml",
    )
    settings = dataclasses.replace(settings_for(NO_API, tmp_path), catalogue_dir=catalogue)

    # The bad place comes first: the good one after it still runs.
    result = run_pipeline(
        settings,
        PLACES_ONLY,
        place_ids=[BAD_PLACE, "croydon"],
        dagster_instance=dg.DagsterInstance.ephemeral(),
    )

    assert not result.success and result.published
    # The problem names the file, its line and field; the place's run alone failed.
    assert failures(result) == [
        (
            "place_frameworks: the place files have 1 problem: "
            f"{catalogue / 'places' / f'{BAD_PLACE}.yaml'} line 29, field "
            "'shared_outcomes[0].priorities[0].measures[0].indicator': 'phof-x' is not in the "
            "indicator catalogue"
        )
    ]
    assert [(run_partitions(run.dagster_run.tags), run.success) for run in result.runs] == [
        (BAD_PLACE, False),
        ("croydon", True),
        ("croydon..croydon", True),
        (None, True),
    ]
    assert query(
        settings.warehouse,
        "SELECT place_id, count(*) FROM conformed.place_measures GROUP BY ALL ORDER BY 1",
    ) == [("croydon", 14)]


def test_a_second_run_waits_for_the_one_in_progress_and_says_since_when(tmp_path):
    settings = settings_for(NO_API, tmp_path)
    work = Warehouse(settings.warehouse).work_path
    notices: list[str] = []
    waiting = threading.Event()
    results = []

    def second_run() -> None:
        results.append(
            run_pipeline(
                settings,
                PLACES_ONLY,
                dagster_instance=dg.DagsterInstance.ephemeral(),
                on_notice=lambda text: (notices.append(text), waiting.set()),
            )
        )

    # This test holds the warehouse as a run in another process would (the lock is per open
    # file, so a thread of this process waits for it alike).
    with run_lock(work, on_wait=notices.append):
        holder = json.loads(lock_path(work).read_text(encoding="utf-8"))
        thread = threading.Thread(target=second_run, daemon=True)
        thread.start()
        assert waiting.wait(60), "the second run never said it was waiting"
        # It waits: nothing made, nothing published.
        assert thread.is_alive()
        assert not work.exists() and not settings.warehouse.exists()
    thread.join(120)

    assert notices == [
        (
            f"a run is in progress since {holder['since']} (pid {os.getpid()} on "
            f"{socket.gethostname()}, {holder['command']}) on the warehouse {work}; waiting for "
            "it to finish (Ctrl-C to stop waiting)"
        )
    ]
    (result,) = results
    assert result.success and result.published
    assert settings.warehouse.is_file()


def _obstruct_publication(settings: Settings) -> Path:
    """A folder where the publication writes its new BI file: publishing fails, as it would on a
    full disk, after the extracts are loaded into the working copy."""
    published = settings.warehouse
    obstacle = published.with_name(f".{published.name}.publishing")
    obstacle.mkdir()
    return obstacle


def test_an_extract_file_stays_in_the_drop_folder_until_a_run_publishes_it(tmp_path):
    catalogue = _catalogue(tmp_path)
    (catalogue / "sources" / "croydon_quits.yaml").write_text(DECLARATION, encoding="utf-8")
    settings = dataclasses.replace(settings_for(NO_API, tmp_path), catalogue_dir=catalogue)
    dropped = settings.drop_dir / "croydon" / "quits" / QUITS
    dropped.parent.mkdir(parents=True)
    shutil.copyfile(FILES / QUITS, dropped)
    obstacles: list[Path] = []

    def after(run: dg.ExecuteInProcessResult, instance: dg.DagsterInstance) -> None:
        if run.dagster_run.job_name == "extracts_load":
            obstacles.append(_obstruct_publication(settings))

    failed = run_pipeline(
        settings, EXTRACTS_ONLY, dagster_instance=dg.DagsterInstance.ephemeral(), on_run=after
    )

    assert not failed.success and not failed.published
    assert failures(failed) == [
        f"published_warehouse: IsADirectoryError: [Errno 21] Is a directory: '{obstacles[0]}'"
    ]
    loaded = "SELECT source_id, file_name, status, rows_loaded FROM raw.extract_files"
    assert query(working_copy(settings.warehouse), loaded) == [
        ("croydon_quits", QUITS, "loaded", 6)
    ]
    # Loaded, never published: the file waits where it was dropped, byte for byte.
    assert dropped.read_bytes() == (FILES / QUITS).read_bytes()
    assert not (settings.drop_dir / "archive").exists()
    assert not settings.warehouse.exists()

    # The working copy is lost too (reset by hand, say): the next run reads the file again.
    shutil.rmtree(working_copy(settings.warehouse).parent)
    notices: list[str] = []
    result = run_pipeline(
        settings,
        EXTRACTS_ONLY,
        dagster_instance=dg.DagsterInstance.ephemeral(),
        on_notice=notices.append,
    )

    assert result.success and result.published, failures(result)
    assert notices == [
        f"recovered: removed {obstacles[0]}: a published file that was being written"
    ]
    assert query(working_copy(settings.warehouse), loaded) == [
        ("croydon_quits", QUITS, "loaded", 6)
    ]
    assert query(settings.warehouse, EXTRACT_VALUES) == [("croydon:smoking-quits", 6)]
    assert not dropped.exists()
    (archived,) = (settings.drop_dir / "archive").rglob(f"*_{QUITS}")
    assert archived.read_bytes() == (FILES / QUITS).read_bytes()
