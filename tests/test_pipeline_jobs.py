"""run_pipeline runs the named Dagster jobs, built from the Settings it is given: a source declared
only in the Settings' catalogue folder (not OUTCOMES_CATALOGUE's) is read, in an extracts_load run."""

from __future__ import annotations

import dataclasses
import shutil

import dagster as dg

from pipelines.place_batches import place_batches
from pipelines.runner import RunRequest, run_pipeline
from pipelines.settings import PROJECT_ROOT
from tests.fixtures.extracts.harness import FILES
from tests.pipeline_harness import query, settings_for, working_copy

QUITS = "quits_2022-23_2023-24.csv"
# A source the project's catalogue does not declare.
DECLARATION = """\
id: croydon_quits
place: croydon
title: Smoking quits at four weeks by LSOA (test)
arrives:
  folder: croydon/quits
  pattern: "*.csv"
format:
  type: csv
columns:
  area_code: LSOA code
  period: Financial year
  numerator: Quits
  denominator: Quit dates set
fixed:
  indicator: "croydon:smoking-quits"
  sex: Persons
period_format: financial_year
geography: lsoa2011
value_per: 100
on_bad_rows: reject_file
"""


def test_a_source_declared_in_the_settings_catalogue_is_read_by_the_extracts_load_job(tmp_path):
    assert not (PROJECT_ROOT / "indicator_catalogue" / "sources" / "croydon_quits.yaml").exists()
    catalogue = tmp_path / "catalogue"
    shutil.copytree(PROJECT_ROOT / "indicator_catalogue", catalogue)
    (catalogue / "sources" / "croydon_quits.yaml").write_text(DECLARATION, encoding="utf-8")
    settings = dataclasses.replace(
        settings_for("http://127.0.0.1:9/api/", tmp_path), catalogue_dir=catalogue
    )
    (settings.drop_dir / "croydon" / "quits").mkdir(parents=True)
    shutil.copyfile(FILES / QUITS, settings.drop_dir / "croydon" / "quits" / QUITS)
    instance = dg.DagsterInstance.ephemeral()

    result = run_pipeline(
        settings,
        RunRequest(pull_fingertips=False, read_extracts=True),
        dagster_instance=instance,
    )

    assert result.success
    assert query(
        working_copy(settings.warehouse),
        "SELECT source_id, file_name, status, rows_loaded FROM raw.extract_files",
    ) == [("croydon_quits", QUITS, "loaded", 6)]
    runs = list(reversed(instance.get_runs()))
    assert [run.job_name for run in runs] == ["extracts_load", "warehouse_publish"]
    assert dg.AssetKey("extract_croydon_quits") in runs[0].asset_selection
    # The publication waits for the last run: extracts_load runs without it.
    assert dg.AssetKey("published_warehouse") not in runs[0].asset_selection
    assert runs[1].asset_selection == {dg.AssetKey("published_warehouse")}


def test_with_no_source_declared_reading_extracts_runs_only_the_publication(tmp_path):
    """extracts_load would select only the publication: run ahead of the places, it would publish
    before they had succeeded."""
    catalogue = tmp_path / "catalogue"
    shutil.copytree(PROJECT_ROOT / "indicator_catalogue" / "indicators", catalogue / "indicators")
    settings = dataclasses.replace(
        settings_for("http://127.0.0.1:9/api/", tmp_path), catalogue_dir=catalogue
    )
    instance = dg.DagsterInstance.ephemeral()

    result = run_pipeline(
        settings,
        RunRequest(pull_fingertips=False, read_extracts=True),
        dagster_instance=instance,
    )

    assert result.success
    assert [run.job_name for run in instance.get_runs()] == ["warehouse_publish"]


def test_places_are_built_together_in_ranges_that_hold_only_the_places_loaded():
    """A place up to date, or whose file failed, splits the range; places Dagster does not hold
    in its partitions are not built."""
    order = ["croydon", "leeds", "trafford", "north-yorkshire", "cumberland"]
    batches = place_batches(order, ["trafford", "croydon", "north-yorkshire", "not-a-partition"])
    assert [batch.place_ids for batch in batches] == [("croydon",), ("trafford", "north-yorkshire")]
    assert batches[1].tags() == {
        "dagster/asset_partition_range_start": "trafford",
        "dagster/asset_partition_range_end": "north-yorkshire",
    }
