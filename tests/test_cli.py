"""The `outcomes` command: ad hoc ingest, clear failures (the demo: tests/test_demo.py)."""

from __future__ import annotations

import socket

import dagster as dg
import pytest
from click.testing import CliRunner

from pipelines.cli import main
from tests.fingertips_api_server import CSV, Route
from tests.pipeline_harness import load_place_file, query, serve, settings_for


@pytest.fixture
def environment(tmp_path, monkeypatch):
    monkeypatch.setenv("OUTCOMES_WAREHOUSE", str(tmp_path / "outcomes.duckdb"))
    monkeypatch.setenv("OUTCOMES_OUTPUT_DIR", str(tmp_path / "outputs"))
    monkeypatch.setenv("OUTCOMES_DROP_DIR", str(tmp_path / "drop"))
    monkeypatch.delenv("FINGERTIPS_SNAPSHOT", raising=False)
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    monkeypatch.setenv("FINGERTIPS_MAX_RETRIES", "0")
    return tmp_path / "outcomes.duckdb"


def test_ingest_pulls_named_indicators_in_named_jobs(
    environment, httpserver, shared_data, monkeypatch, tmp_path
):
    monkeypatch.setenv("FINGERTIPS_API_URL", serve(httpserver, shared_data))
    # An instance of its own, as `dagster dev` would show it.
    (tmp_path / "dagster").mkdir()
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster"))
    result = CliRunner().invoke(
        main, ["ingest", "--indicators", "93532", "--area-type", "502", "--parent-area-type", "15"]
    )
    assert result.exit_code == 0, result.output
    assert query(environment, "SELECT count(*) FROM conformed.fact_indicator_value") == [(17,)]
    with dg.DagsterInstance.get() as instance:
        runs = list(reversed(instance.get_runs()))
    # The nightly schedule's job, then the publication on its own.
    assert [(run.job_name, run.status) for run in runs] == [
        ("fingertips_refresh", dg.DagsterRunStatus.SUCCESS),
        ("warehouse_publish", dg.DagsterRunStatus.SUCCESS),
    ]


def test_ingest_failure_exits_1_and_names_the_problem(
    environment, httpserver, shared_data, monkeypatch
):
    query_string = {
        "indicator_ids": "93532",
        "child_area_type_id": "502",
        "parent_area_type_id": "15",
    }
    empty = Route("all_data/csv/by_indicator_id", query_string, b"", CSV)
    monkeypatch.setenv("FINGERTIPS_API_URL", serve(httpserver, shared_data, first=[empty]))
    result = CliRunner().invoke(
        main, ["ingest", "--indicators", "93532", "--area-type", "502", "--parent-area-type", "15"]
    )
    assert result.exit_code == 1
    assert (
        "error in fingertips_downloads: assets.fingertips.errors.UnexpectedBodyError: "
        in result.output
    )
    assert "the CSV is empty (0 bytes)" in result.output
    assert f"The published warehouse {environment} was left as it was." in result.output
    assert not environment.exists()


def test_with_no_route_to_the_api_a_refresh_stops_with_one_line(environment, monkeypatch):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/api/"
    monkeypatch.setenv("FINGERTIPS_API_URL", url)
    monkeypatch.delenv("FINGERTIPS_MAX_RETRIES")
    result = CliRunner().invoke(main, ["ingest", "--indicators", "93532", "--area-type", "502"])
    assert result.exit_code == 1
    error, left_as_it_was = result.output.splitlines()
    assert error.startswith("error in fingertips_area_types (and ")
    assert f"cannot reach {url}" in error
    for what_to_try in ("HTTPS_PROXY", "REQUESTS_CA_BUNDLE", "FINGERTIPS_SNAPSHOT"):
        assert what_to_try in error
    assert left_as_it_was == f"The published warehouse {environment} was left as it was."


def test_ingest_rejects_a_bad_indicator_list(environment):
    result = CliRunner().invoke(main, ["ingest", "--indicators", "93532,abc"])
    assert result.exit_code == 2
    assert "'93532,abc' is not a comma-separated list of indicator ids" in result.output


def test_review_publish_refuses_an_off_cadence_month_without_the_flag(environment, tmp_path):
    """Croydon reviews every October: publishing March needs --off-cadence, and says so."""
    loaded, _ = load_place_file(settings_for("http://127.0.0.1:9/api/", tmp_path), "croydon")
    assert loaded.success
    command = ["review", "publish", "--place", "croydon", "--month", "2026-03"]
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        (
            "error in place_reviews: assets.reviews.guard.PublicationRefused: croydon reviews once "
            "a year, in October; March 2026 is not a review month, and a review published for it "
            "would become the previous review of the next one. To publish it anyway, add "
            "--off-cadence (config off_cadence: true)"
        ),
        f"The published warehouse {environment} was left as it was.",
    ]
    assert not (tmp_path / "outputs" / "croydon").exists()
