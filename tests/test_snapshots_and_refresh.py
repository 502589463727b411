"""Snapshots record a run and replay it offline; refreshes download only what changed."""

from __future__ import annotations

import dataclasses
import json

import dagster as dg
import pytest

from assets.fingertips.snapshot import read_manifest, snapshot_indicator_ids
from pipelines.resources import build_resources
from pipelines.runner import NOTHING_CHANGED, RunRequest, failures, run_pipeline
from pipelines.schedules import NOTHING_NEW_UPLOADED, nightly_fingertips_refresh
from tests.fingertips_api_server import FIXTURES, JSON, Route
from tests.pipeline_harness import query, run, serve, settings_for, working_copy

ALCOHOL = RunRequest([93532], "502:15")
FACT_ROWS = "SELECT count(*) FROM conformed.fact_indicator_value"


def test_record_then_replay_with_no_network(httpserver, shared_data, tmp_path):
    api_url = serve(httpserver, shared_data)
    recorded = settings_for(api_url, tmp_path / "live")
    result = run_pipeline(
        recorded,
        ALCOHOL,
        record_dir=tmp_path / "snapshot",
        dagster_instance=dg.DagsterInstance.ephemeral(),
    )
    assert result.success
    manifest = read_manifest(tmp_path / "snapshot")
    assert manifest["synthetic"] is False
    assert sorted(entry["endpoint"] for entry in manifest["responses"].values()) == [
        "all_data/csv/by_indicator_id",
        "area_types",
        "areas/by_area_type",
        "areas/by_area_type",
        "category_types",
        "grouproot_summaries/by_indicator_id",
        "indicator_metadata/by_indicator_id",
        "indicator_metadata/csv/by_indicator_id",
        "parent_to_child_areas",
        "profile_group_roots",
        "profiles",
    ]
    alcohol = shared_data / "fingertips" / "all_data" / "ons_sdg_3-5-1_unmet_alcohol.csv"
    (all_data,) = [
        e for e in manifest["responses"].values() if e["endpoint"].startswith("all_data")
    ]
    assert (tmp_path / "snapshot" / all_data["file"]).read_bytes() == alcohol.read_bytes()
    assert snapshot_indicator_ids(tmp_path / "snapshot") == [93532]

    httpserver.clear()  # from here on the stand-in API answers nothing
    offline = dataclasses.replace(
        settings_for("http://127.0.0.1:9/api/", tmp_path / "replayed"),
        fingertips=dataclasses.replace(recorded.fingertips, snapshot_dir=tmp_path / "snapshot"),
    )
    assert run(offline, ALCOHOL).success
    table = "SELECT * EXCLUDE (source_url, response_id, fetched_at) FROM conformed.fact_indicator_value ORDER BY ALL"
    assert query(offline.warehouse, table) == query(recorded.warehouse, table)
    assert query(offline.warehouse, FACT_ROWS) == [(17,)]
    assert httpserver.log == []


def test_replay_of_a_request_the_snapshot_lacks(demo_snapshot, tmp_path):
    settings = settings_for("http://127.0.0.1:9/api/", tmp_path)
    settings = dataclasses.replace(
        settings,
        fingertips=dataclasses.replace(settings.fingertips, snapshot_dir=demo_snapshot),
    )
    result = run(settings, RunRequest([93532], "502:6"))
    assert not result.success
    assert any(
        "the snapshot in" in message
        and "holds no response for this request" in message
        and "indicator_metadata/by_indicator_id?indicator_ids=93532" in message
        for message in failures(result)
    )
    assert not settings.warehouse.exists()


def _skipped_steps(result) -> set[str]:
    return {
        event.step_key
        for event in result.runs[0].all_events
        if event.event_type == dg.DagsterEventType.STEP_SKIPPED
    }


BUILT_FROM_DOWNLOADS = {"fingertips_verdicts", "fingertips_inequalities", "fingertips_periods"}


ALCOHOL_CATALOGUE = """\
framework: OTHER
indicators:
  - id: other-unmet-need-alcohol-treatment
    fingertips_id: 93532
    name: Adults with alcohol dependency not in treatment
    unit: "%"
    value_type: proportion
    polarity: lower_is_better
    ci_method: wilson
    frequency: annual
    status: live
    sources: [fingertips]
"""


def _nightly_tick(settings, instance: dg.DagsterInstance) -> dg.RunRequest | dg.SkipReason:
    """What the nightly schedule decides now, with the command line's resources."""
    resources = build_resources(settings)
    # Closed on leaving: the instance its `instance` property opens sets Dagster's current
    # definitions-state storage, which must not outlive it (a later run would find it collected).
    with dg.build_schedule_context(
        instance=instance,
        resources={name: resources[name] for name in ("fingertips", "catalogue")},
    ) as context:
        result = nightly_fingertips_refresh.evaluate_tick(context)
    return (result.run_requests or [None])[0] or dg.SkipReason(result.skip_message)


@pytest.fixture
def instance():
    """A persistent instance, as DAGSTER_HOME's (a schedule's tick needs one), keeping no
    compute logs (nothing here reads them)."""
    no_compute_logs = {
        "module": "dagster._core.storage.noop_compute_log_manager",
        "class": "NoOpComputeLogManager",
    }
    with dg.instance_for_test(overrides={"compute_logs": no_compute_logs}) as persistent:
        yield persistent


def test_second_refresh_downloads_nothing_unless_data_changed(
    httpserver, shared_data, tmp_path, instance
):
    """A refresh (and the nightly schedule) with nothing changed runs nothing; one after a failure
    catches up; a new upload is pulled."""
    api_url = serve(httpserver, shared_data)
    # A catalogue of the alcohol indicator alone: the schedule's selection is then ALCOHOL's.
    (tmp_path / "catalogue" / "indicators").mkdir(parents=True)
    (tmp_path / "catalogue" / "indicators" / "other.yaml").write_text(ALCOHOL_CATALOGUE)
    settings = dataclasses.replace(
        settings_for(api_url, tmp_path), catalogue_dir=tmp_path / "catalogue", area_types="502:15"
    )
    # One instance throughout, as DAGSTER_HOME's is: its event log says what was built when.
    assert isinstance(_nightly_tick(settings, instance), dg.RunRequest)
    assert run_pipeline(settings, ALCOHOL, dagster_instance=instance).success
    assert _nightly_tick(settings, instance) == dg.SkipReason(NOTHING_NEW_UPLOADED)
    downloads = "SELECT count(*) FROM raw.fingertips_responses WHERE endpoint LIKE 'all_data/%'"
    assert query(working_copy(settings.warehouse), downloads) == [(1,)]

    published_at = settings.warehouse.stat().st_mtime_ns
    unchanged = run_pipeline(settings, ALCOHOL, dagster_instance=instance)
    # Nothing changed: no run at all, so nothing downloaded, rebuilt or published.
    assert unchanged.success
    assert (unchanged.runs, unchanged.published) == ([], False)
    assert unchanged.notices == [NOTHING_CHANGED]
    assert query(working_copy(settings.warehouse), downloads) == [(1,)]
    assert settings.warehouse.stat().st_mtime_ns == published_at
    assert query(settings.warehouse, FACT_ROWS) == [(17,)]

    # A run that loaded a download and then failed before its verdicts (as the event log tells
    # it): the next run downloads nothing and builds what is built from the downloads again.
    instance.report_runless_asset_event(dg.AssetMaterialization("fingertips_downloads"))
    catching_up = run_pipeline(settings, ALCOHOL, dagster_instance=instance)
    assert catching_up.success
    assert query(working_copy(settings.warehouse), downloads) == [(1,)]
    assert not BUILT_FROM_DOWNLOADS & _skipped_steps(catching_up)
    assert catching_up.published
    assert query(settings.warehouse, FACT_ROWS) == [(17,)]

    # Fingertips says the data was uploaded again: the next refresh pulls it.
    metadata = json.loads((FIXTURES / "indicator_metadata_93532.json").read_text(encoding="utf-8"))
    metadata["93532"]["DataChange"]["LastUploadedAt"] = "2031-01-01T09:30:00"
    httpserver.clear()
    changed = Route(
        "indicator_metadata/by_indicator_id",
        {"indicator_ids": "93532"},
        json.dumps(metadata).encode(),
        JSON,
    )
    serve(httpserver, shared_data, first=[changed])
    assert isinstance(_nightly_tick(settings, instance), dg.RunRequest)
    assert run_pipeline(settings, ALCOHOL, dagster_instance=instance).success
    assert query(working_copy(settings.warehouse), downloads) == [(2,)]
    assert query(settings.warehouse, FACT_ROWS) == [(17,)]
    assert (
        query(
            working_copy(settings.warehouse),
            "SELECT max(last_uploaded_at) FROM raw.fingertips_all_data_requests",
        )[0][0].year
        == 2031
    )


def test_published_file_is_swapped_not_written_in_place(httpserver, shared_data, tmp_path):
    api_url = serve(httpserver, shared_data)
    settings = settings_for(api_url, tmp_path)
    assert run(settings, ALCOHOL).success
    first_inode = settings.warehouse.stat().st_ino
    with open(settings.warehouse, "rb") as reader:  # a BI tool holding the file open
        assert run(settings, RunRequest([93517], "502:15")).success
        assert settings.warehouse.stat().st_ino != first_inode
        assert query(settings.warehouse, FACT_ROWS) == [(30,)]
        assert reader.read(4)  # the old file is still readable
    assert not list(tmp_path.glob(".*.publishing"))
