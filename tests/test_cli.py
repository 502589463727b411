"""The `outcomes` command: demo from the shipped snapshot, ad hoc ingest, clear failures."""

from __future__ import annotations

import csv
import socket

import pytest
from click.testing import CliRunner

from pipelines.cli import main
from pipelines.settings import PROJECT_ROOT
from tests.fingertips_api_server import CSV, Route
from tests.pipeline_harness import query, serve

SYNTHETIC_NOTE = "Synthetic demo value - not real data"


@pytest.fixture
def environment(tmp_path, monkeypatch):
    monkeypatch.setenv("OUTCOMES_WAREHOUSE", str(tmp_path / "outcomes.duckdb"))
    monkeypatch.setenv("OUTCOMES_OUTPUT_DIR", str(tmp_path / "outputs"))
    monkeypatch.setenv("OUTCOMES_DROP_DIR", str(tmp_path / "drop"))
    monkeypatch.delenv("FINGERTIPS_SNAPSHOT", raising=False)
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    monkeypatch.setenv("FINGERTIPS_MAX_RETRIES", "0")
    return tmp_path / "outcomes.duckdb"


def test_demo_replays_the_synthetic_snapshot(environment):
    result = CliRunner().invoke(main, ["demo"])
    assert result.exit_code == 0, result.output
    assert f"Published {environment}" in result.output
    assert "conformed.fact_indicator_value" in result.output
    # Every row of the snapshot's one all_data download becomes one fact.
    rows = _snapshot_all_data_rows()
    assert query(
        environment,
        "SELECT count(*), count(DISTINCT indicator_id) FROM conformed.fact_indicator_value",
    ) == [(len(rows), len({row["Indicator ID"] for row in rows}))]
    # Every demo value says it is synthetic.
    assert query(environment, "SELECT DISTINCT value_note FROM marts.indicator_values") == [
        (SYNTHETIC_NOTE,)
    ]
    croydon_headline_rows = sum(
        row["Area Code"] == "E09000008" and row["Category Type"] == "" for row in rows
    )
    assert query(
        environment,
        "SELECT count(*) FROM marts.indicator_values WHERE area_code = 'E09000008' AND is_headline",
    ) == [(croydon_headline_rows,)]
    # It ends by publishing each example place's latest due review and saying where its files are.
    published = query(environment, "SELECT place_id FROM marts.review_publications ORDER BY 1")
    assert published == [("croydon",), ("leeds",), ("trafford",)]
    for (review_id,) in query(environment, "SELECT review_id FROM marts.review_publications"):
        place_id = review_id.rsplit("-", 2)[0]
        folder = environment.parent / "outputs" / place_id / review_id
        assert f"  report    {folder / 'report.html'}" in result.output
        assert f"  workbook  {folder / 'workbook.xlsx'}" in result.output
        assert (folder / "report.html").is_file() and (folder / "workbook.xlsx").is_file()


def _snapshot_all_data_rows() -> list[dict[str, str]]:
    (download,) = (PROJECT_ROOT / "snapshots" / "demo" / "responses").glob("all_data_*.csv")
    with download.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_ingest_pulls_named_indicators(environment, httpserver, shared_data, monkeypatch):
    monkeypatch.setenv("FINGERTIPS_API_URL", serve(httpserver, shared_data))
    result = CliRunner().invoke(
        main, ["ingest", "--indicators", "93532", "--area-type", "502", "--parent-area-type", "15"]
    )
    assert result.exit_code == 0, result.output
    assert query(environment, "SELECT count(*) FROM conformed.fact_indicator_value") == [(17,)]


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
        "error in fingertips_downloads: pipelines.fingertips.errors.UnexpectedBodyError: "
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
