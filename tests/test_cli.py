"""The `outcomes` command: ad hoc ingest, clear failures, an answer at once for --help and argument
errors (the demo: tests/test_demo.py)."""

from __future__ import annotations

import socket
import subprocess
import sys
from datetime import date, datetime

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
        main,
        [
            "--verbose",
            *("ingest", "--indicators", "93532", "--area-type", "502", "--parent-area-type", "15"),
        ],
    )
    assert result.exit_code == 1
    # The steps that ran, then the failure.
    lines = result.output.splitlines()
    lines = lines[next(i for i, line in enumerate(lines) if not line.startswith("  ")) :]
    # Our own errors are written for users: no exception class before the message.
    assert lines[0].startswith("error in fingertips_downloads: http://localhost:")
    assert "the CSV is empty (0 bytes)" in lines[0]
    assert lines[1] == f"The published warehouse {environment} was left as it was."
    # --verbose: then the step's traceback, as the run log keeps it.
    assert lines[2] == "fingertips_downloads:"
    assert lines[3].startswith("assets.fingertips.errors.UnexpectedBodyError: ")
    assert any(line.strip().startswith('File "') for line in lines[4:])
    assert not environment.exists()


def test_with_no_route_to_the_api_a_refresh_stops_with_one_line(environment, monkeypatch):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/api/"
    monkeypatch.setenv("FINGERTIPS_API_URL", url)
    monkeypatch.delenv("FINGERTIPS_MAX_RETRIES")
    result = CliRunner().invoke(main, ["ingest", "--indicators", "93532", "--area-type", "502"])
    assert result.exit_code == 1
    error, left_as_it_was, tracebacks = result.output.splitlines()
    assert error.startswith("error in fingertips_area_types (and ")
    assert f"cannot reach {url}" in error
    for what_to_try in ("HTTPS_PROXY", "REQUESTS_CA_BUNDLE", "FINGERTIPS_SNAPSHOT"):
        assert what_to_try in error
    assert left_as_it_was == f"The published warehouse {environment} was left as it was."
    assert tracebacks.startswith("The tracebacks are in the run log (Dagster run ")
    assert tracebacks.endswith("); run again with --verbose to print them.")


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
    refusal = (
        "error in place_reviews: croydon reviews once a year, in October; March 2026 is not a "
        "review month, and a review published for it would become the previous review of the "
        "next one. To publish it anyway, add --off-cadence (config off_cadence: true)"
    )
    # The refusal is the run's one failure: what else the run built is published as usual.
    lines = result.output.splitlines()
    assert lines[lines.index(refusal) + 1] == "Everything else was loaded and published."
    assert [line for line in lines if line.startswith("error in")] == [refusal]
    assert not (tmp_path / "outputs" / "croydon").exists()


def test_the_command_line_loads_no_pipeline_machinery_until_a_command_runs():
    """`outcomes --help` and argument errors answer at once: Dagster, dbt, Great Expectations,
    matplotlib, Polars, DuckDB and the asset graph load inside the commands that run them
    (the time it takes: benchmarks/cli_startup.py)."""
    heavy = (
        "dagster",
        "dagster_dbt",
        "dbt",
        "great_expectations",
        "matplotlib",
        "polars",
        "duckdb",
        "pandas",
        "pipelines.runner",
        "pipelines.definitions",
    )
    probe = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from pipelines.cli import main\n"
        "for args in (['--help'], ['place', 'new', '--help'], ['run', '--place', '../x']):\n"
        "    CliRunner().invoke(main, args)\n"
        f"print(sorted(name for name in {heavy!r} if name in sys.modules))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert loaded == "[]\n"


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        (
            "FINGERTIPS_AREA_TYPES",
            "abc",
            (
                "Error: environment variable FINGERTIPS_AREA_TYPES='abc': area type pair 'abc' is "
                "not CHILD:PARENT area type ids, e.g. 502:6. Correct it (or unset it for the "
                "default) and run the command again."
            ),
        ),
        (
            "OUTCOMES_DUCKDB_MEMORY_LIMIT",
            "lots",
            (
                "Error: environment variable OUTCOMES_DUCKDB_MEMORY_LIMIT='lots' is not a DuckDB "
                "memory limit: give a number and a unit, e.g. 2GB or 500MB (the default is 2GB). "
                "Correct it (or unset it for the default) and run the command again."
            ),
        ),
        (
            "FINGERTIPS_READ_TIMEOUT",
            "soon",
            (
                "Error: environment variable FINGERTIPS_READ_TIMEOUT='soon' is not a number. "
                "Correct it (or unset it for the default) and run the command again."
            ),
        ),
    ],
)
def test_a_bad_setting_stops_a_command_naming_the_variable_and_help_still_works(
    environment, monkeypatch, variable, value, message
):
    monkeypatch.setenv(variable, value)
    assert CliRunner().invoke(main, ["--help"]).exit_code == 0
    assert CliRunner().invoke(main, ["ingest", "--help"]).exit_code == 0
    result = CliRunner().invoke(main, ["doctor"])
    assert result.exit_code == 1
    assert result.output == message + "\n"


@pytest.mark.parametrize(
    "arguments",
    [
        ["run", "--place", "../../../x"],
        ["demo", "--place", "croydon", "--place", "/etc/passwd"],
        ["review", "publish", "--place", "..", "--month", "2026-10"],
    ],
)
def test_a_place_id_that_is_not_a_file_name_is_refused_before_anything_is_read(
    environment, arguments
):
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 2
    bad = arguments[arguments.index("--place", 2 if arguments[0] == "demo" else 0) + 1]
    assert (
        f"Invalid value for '--place': {bad!r} is not a place id (a place file's name without "
        ".yaml): use lowercase letters and digits, in words joined by single hyphens, starting "
        "with a letter"
    ) in result.output
    assert not environment.parent.joinpath("logs").exists()


def test_an_unexpected_error_shows_its_cause_and_where_the_traceback_is(
    environment, monkeypatch, tmp_path
):
    # A catalogue folder with no indicators: the run cannot even build its definitions.
    (tmp_path / "catalogue" / "places").mkdir(parents=True)
    (tmp_path / "catalogue" / "places" / "leeds.yaml").write_text("id: leeds\n")
    monkeypatch.setenv("OUTCOMES_CATALOGUE", str(tmp_path / "catalogue"))
    log = tmp_path / "logs" / "outcomes.log"
    result = CliRunner().invoke(main, ["refresh"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "Places: leeds",
        "Error: the indicator catalogue has 1 problem:",
        "  - catalogue/indicators: no *.yaml catalogue files found",
        f"The traceback is in {log}; run again with --verbose to print it.",
    ]
    logged = log.read_text(encoding="utf-8")
    # When, the command (CliRunner names the group "main"), then the traceback.
    when, command, subcommand = logged.splitlines()[0].split(" ")
    assert datetime.fromisoformat(when).date() == date.today()
    assert (command, subcommand) == ("main", "refresh")
    assert logged.splitlines()[1] == "Traceback (most recent call last):"
    assert logged.endswith(
        "assets.catalogue.loader.CatalogueError: the indicator catalogue has 1 problem:\n"
        "  - catalogue/indicators: no *.yaml catalogue files found\n"
    )

    verbose = CliRunner().invoke(main, ["--verbose", "refresh"])
    assert verbose.exit_code == 1
    lines = verbose.output.splitlines()
    assert lines[1:3] == result.output.splitlines()[1:3]
    assert lines[3] == "Traceback (most recent call last):"
    assert lines[-1] == f"The traceback is in {log}."
