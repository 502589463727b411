"""Faults that must fail only themselves, on real runs of the pipeline into real DuckDB files: one
bad place file among good ones, a second run started while one holds the warehouse, and a run
that fails before publishing with an extract file in its drop folder."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import dagster as dg

from pipelines.runner import RunRequest, failures, run_pipeline
from pipelines.settings import PROJECT_ROOT
from tests.pipeline_harness import query, settings_for

# Nothing here pulls from Fingertips: no server is asked anything.
NO_API = "http://127.0.0.1:9/api/"
PLACES_ONLY = RunRequest(pull_fingertips=False)
EXTRACTS_ONLY = RunRequest(pull_fingertips=False, read_extracts=True)
BAD_PLACE = "unknown-indicator"


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
            "place_frameworks: the place files have 1 problem:\n"
            f"  - {catalogue / 'places' / f'{BAD_PLACE}.yaml'} line 29, field "
            "'shared_outcomes[0].priorities[0].measures[0].indicator': 'phof-x' is not in the "
            "indicator catalogue"
        )
    ]
    assert [
        (run.dagster_run.tags.get("dagster/partition"), run.success) for run in result.runs
    ] == [
        (BAD_PLACE, False),
        ("croydon", True),
        (None, True),
    ]
    assert query(
        settings.warehouse,
        "SELECT place_id, count(*) FROM conformed.place_measures GROUP BY ALL ORDER BY 1",
    ) == [("croydon", 14)]
