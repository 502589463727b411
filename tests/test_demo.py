"""`outcomes demo`: every example place built offline in a world of its own, Core20 values for
each, a second run that changes nothing, nights on the same instance that run only what changed,
and a place just scaffolded for a code that changed in 2023. One demo world is built for the whole
module: it is the slow part."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from click.testing import CliRunner

from assets.reviews.cadence import Review
from pipelines.cli import main
from pipelines.runner import NOTHING_CHANGED, PipelineResult, run_pipeline
from pipelines.settings import PROJECT_ROOT, Settings
from synthetic.demo import DemoRun, prepare_demo
from tests.pipeline_harness import old_client, query, run_partitions, working_copy

SYNTHETIC_NOTE = "Synthetic demo value - not real data"
# Row counts of every conformed and marts table: a second run must leave each as it was (raw
# keeps each run's metadata responses, as every refresh does).
TABLE_ROWS = (
    "SELECT schema_name || '.' || table_name, estimated_size FROM duckdb_tables() "
    "WHERE schema_name IN ('conformed', 'marts') ORDER BY 1"
)
REVIEW_VALUES = (
    "SELECT place_id, count(latest_value), count(core20_value) FROM marts.review_trend "
    "GROUP BY place_id ORDER BY place_id"
)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """The demo run twice with the live world's paths set, and what each run left behind."""
    root = tmp_path_factory.mktemp("demo_world")
    catalogue = root / "catalogue"
    shutil.copytree(PROJECT_ROOT / "indicator_catalogue", catalogue)
    with pytest.MonkeyPatch.context() as environment:
        for name, value in {
            "OUTCOMES_DEMO_DIR": root / "demo",
            "OUTCOMES_CATALOGUE": catalogue,
            # An empty reference folder: the demo uses the bundle shipped in the repository.
            "OUTCOMES_REFERENCE_DIR": root / "reference",
            "OUTCOMES_WAREHOUSE": root / "live" / "outcomes.duckdb",
            "OUTCOMES_OUTPUT_DIR": root / "live" / "outputs",
            "OUTCOMES_DROP_DIR": root / "live" / "drop",
        }.items():
            environment.setenv(name, str(value))
        environment.delenv("FINGERTIPS_SNAPSHOT", raising=False)
        environment.delenv("DAGSTER_HOME", raising=False)
        # Nothing may reach the network: a request the snapshot lacks fails at once.
        environment.setenv("FINGERTIPS_API_URL", "http://127.0.0.1:9/api/")
        # The demo's own instance, kept to read its runs (it is left out of DAGSTER_HOME).
        instances: list[dg.DagsterInstance] = []
        ephemeral = dg.DagsterInstance.ephemeral

        def kept_ephemeral(*args, **kwargs) -> dg.DagsterInstance:
            instances.append(ephemeral(*args, **kwargs))
            return instances[-1]

        environment.setattr(dg.DagsterInstance, "ephemeral", staticmethod(kept_ephemeral))
        warehouse = root / "demo" / "warehouse" / "outcomes.duckdb"
        first = CliRunner().invoke(main, ["demo"])
        assert first.exit_code == 0, first.output
        (instance,) = instances
        runs = [(run.job_name, run_partitions(run.tags)) for run in reversed(instance.get_runs())]
        after_first = {
            "tables": query(warehouse, TABLE_ROWS),
            "reviews": query(warehouse, REVIEW_VALUES),
            "notes": query(warehouse, "SELECT DISTINCT value_note FROM marts.indicator_values"),
            "publications": query(
                warehouse, "SELECT place_id, review_id FROM marts.review_publications ORDER BY 1"
            ),
            "trajectories": query(
                warehouse,
                "SELECT review_id, measure_id, trajectory_by, trajectory_period_end, "
                "trajectory_value FROM marts.review_trajectories ORDER BY milestone_order",
            ),
        }
        second = CliRunner().invoke(main, ["demo"])
        assert second.exit_code == 0, second.output
        after_second = query(warehouse, TABLE_ROWS)
        yield {
            "root": root,
            "catalogue": catalogue,
            "warehouse": warehouse,
            "first": first,
            "runs": runs,
            "second": second,
            "after_first": after_first,
            "after_second": after_second,
            "environment": environment,
            # The second run's instance: its event log and run tags tell a night what changed.
            "instance": instances[-1],
        }


def test_demo_publishes_each_example_place_with_values_and_core20(world):
    after = world["after_first"]
    assert [place for place, _ in after["publications"]] == ["croydon", "leeds", "trafford"]
    # (place, measures with a latest value, measures with a Core20 value)
    assert after["reviews"] == [("croydon", 9, 1), ("leeds", 9, 1), ("trafford", 58, 1)]
    assert after["notes"] == [(SYNTHETIC_NOTE,)]
    # Leeds sets a trajectory for its dementia diagnosis rate; its review froze it.
    assert after["trajectories"] == [
        ("leeds-2026-09", "dementia-diagnosis-rate", "2024/25", date(2025, 3, 31), 65.0),
        ("leeds-2026-09", "dementia-diagnosis-rate", "2025/26", date(2026, 3, 31), 66.7),
    ]
    output = world["first"].output
    assert "SYNTHETIC demo snapshot" in output
    assert f"Published {world['warehouse']}" in output
    for place_id, review_id in after["publications"]:
        folder = world["root"] / "demo" / "outputs" / place_id / review_id
        assert f"  report    {folder / 'report.html'}" in output
        assert f"  workbook  {folder / 'workbook.xlsx'}" in output
        assert (folder / "report.html").is_file() and (folder / "workbook.xlsx").is_file()


def test_the_demo_file_opens_in_duckdb_1_2_under_64_mb(world, old_duckdb):
    """What a BI driver bundling DuckDB 1.2 sees of the demo: every place's review and its Core20
    values, from a file small enough to copy around."""
    (version, reviews) = old_client(
        old_duckdb, world["warehouse"], ["SELECT version()", REVIEW_VALUES]
    )
    assert version[0][0].startswith("v1.2.")
    assert reviews == [["croydon", 9, 1], ["leeds", 9, 1], ["trafford", 58, 1]]
    assert world["warehouse"].stat().st_size < 64 * 2**20


def test_demo_runs_the_named_jobs_in_order(world):
    """The jobs `dagster dev` shows, never __ephemeral_asset_job__: a new demo world loads the
    reference bundle; each place's file is loaded by a place_refresh run, one more builds every
    place's models over the range of places, each due review is a place_review run, and one
    more place_review run builds the trend model over every review."""
    jobs = [job for job, _ in world["runs"]]
    assert jobs == [
        "fingertips_refresh",
        "reference_load",
        "extracts_load",
        *["place_refresh"] * 4,
        *["place_review"] * 4,
        "warehouse_publish",
    ]
    partitions = [partition for _, partition in world["runs"]]
    assert partitions[:3] == [None, None, None] and partitions[-2:] == [None, None]
    assert partitions[3:7] == ["croydon", "leeds", "trafford", "croydon..trafford"]
    assert [Review.from_partition_key(key).review_id for key in partitions[7:10]] == [
        review_id for _, review_id in world["after_first"]["publications"]
    ]


def test_a_run_over_the_places_shows_each_table_once(world):
    """The run over every place records each asset once per place: its progress line counts the
    table's rows once, not once per place."""
    (shown,) = re.findall(
        r"^  place_inequalities +([\d,]+) rows", world["first"].output, re.MULTILINE
    )
    assert query(world["warehouse"], "SELECT count(*) FROM marts.place_inequalities") == [
        (int(shown.replace(",", "")),)
    ]


def test_core20_values_come_from_the_synthetic_lsoa_extracts(world):
    assert query(
        world["warehouse"],
        "SELECT place_id, indicator, count(*), bool_and(NOT core20_suppressed) "
        "FROM marts.place_inequalities GROUP BY ALL ORDER BY 1",
    ) == [
        ("croydon", "croydon:PP11", 5, True),
        ("leeds", "leeds:frailty-emergency-admissions", 5, True),
        ("trafford", "phof-c26b-nhs-health-check-received", 5, True),
    ]
    assert query(
        world["warehouse"],
        "SELECT DISTINCT is_synthetic FROM conformed.fact_extract_value",
    ) == [(True,)]


def test_demo_writes_nothing_to_the_live_world(world):
    live = world["root"] / "live"
    assert not live.exists()


def test_a_second_run_changes_nothing_and_still_publishes(world):
    assert world["after_second"] == world["after_first"]["tables"]
    output = world["second"].output
    assert "Wrote the synthetic LSOA extract" not in output
    assert f"Published {world['warehouse']}" in output
    assert output.count("  report    ") == 3


def _night(world, run: DemoRun | None = None) -> PipelineResult:
    """A refresh of the demo world (as prepared now, or as `run`) on the instance of its last
    run, as `outcomes refresh` on DAGSTER_HOME's."""
    run = run or prepare_demo(Settings.from_env(), (), date.today(), lambda _: None)
    return run_pipeline(
        run.settings,
        run.request,
        run.place_ids,
        run.reviews,
        dagster_instance=world["instance"],
    )


def _ran(result: PipelineResult) -> list[tuple[str, str | None]]:
    return [(run.dagster_run.job_name, run_partitions(run.dagster_run.tags)) for run in result.runs]


def test_a_night_with_nothing_changed_runs_nothing_and_publishes_nothing(world):
    """Unless the published file is gone."""
    published = world["warehouse"].stat().st_mtime_ns
    result = _night(world)
    assert (result.success, _ran(result), result.published) == (True, [], False)
    assert result.notices == [NOTHING_CHANGED]
    assert world["warehouse"].stat().st_mtime_ns == published
    # A published file gone (deleted by hand) is written again, and nothing else runs. (Prepared
    # first: the demo takes a world with no published file for a new one.)
    run = prepare_demo(Settings.from_env(), (), date.today(), lambda _: None)
    world["warehouse"].unlink()
    republished = _night(world, run)
    assert (_ran(republished), republished.published) == ([("warehouse_publish", None)], True)
    assert world["warehouse"].is_file()


# A new download of one indicator only trafford's measures read, as a pull of a new upload
# leaves it in raw (its values the same).
NEW_DOWNLOAD = """
INSERT INTO raw.fingertips_all_data_requests
SELECT (SELECT max(response_id) + 1 FROM raw.fingertips_all_data_requests), indicator_id,
    child_area_type_id, parent_area_type_id, last_uploaded_at + INTERVAL 1 DAY,
    parent_comparison_label
FROM raw.fingertips_all_data_requests
WHERE indicator_id = (
    SELECT min(fingertips_indicator_id) FROM conformed.place_measures
    GROUP BY fingertips_indicator_id
    HAVING bool_and(place_id = 'trafford') AND min(fingertips_indicator_id) IS NOT NULL
    ORDER BY 1 LIMIT 1
)
LIMIT 1
"""


def test_a_night_runs_only_the_places_whose_file_or_indicators_changed_and_failed_ones(world):
    """Only the place whose file changed (broken, so its run fails) and the place whose indicator
    was downloaded again run, with their reviews and the publication. The failed place runs
    again the next night, though its file is then as at its last good run."""
    reviews = {
        key.split("|")[0]: key for job, key in world["runs"] if job == "place_review" and key
    }
    with duckdb.connect(str(working_copy(world["warehouse"]))) as connection:
        assert connection.execute(NEW_DOWNLOAD).fetchone() == (1,)
    leeds = world["catalogue"] / "places" / "leeds.yaml"
    text = leeds.read_text(encoding="utf-8")
    run = prepare_demo(Settings.from_env(), (), date.today(), lambda _: None)
    # Broken after the demo read it: its run fails.
    leeds.write_text("id: leeds\n", encoding="utf-8")
    changed = _night(world, run)
    leeds.write_text(text, encoding="utf-8")
    assert not changed.success
    assert [run.job_def.name for run in changed.runs if not run.success] == ["place_refresh"]
    # Leeds's review runs too: its place file is not as at its last run.
    assert _ran(changed) == [
        ("place_refresh", "leeds"),
        ("place_refresh", "trafford"),
        ("place_refresh", "trafford..trafford"),
        ("place_review", reviews["leeds"]),
        ("place_review", reviews["trafford"]),
        ("place_review", None),
        ("warehouse_publish", None),
    ]
    assert _ran(_night(world)) == [
        ("place_refresh", "leeds"),
        ("place_refresh", "leeds..leeds"),
        ("place_review", reviews["leeds"]),
        ("place_review", None),
        ("warehouse_publish", None),
    ]


def test_demo_of_a_new_place_whose_code_changed_in_2023(world):
    """North Yorkshire's 2023 code (E06000065) has a series through its county's 2021 code."""
    written = CliRunner().invoke(
        main, ["place", "new", "--code", "E06000065", "--name", "North Yorkshire"]
    )
    assert written.exit_code == 0, written.output
    assert (world["catalogue"] / "places" / "north-yorkshire.yaml").is_file()
    result = CliRunner().invoke(main, ["demo", "--place", "north-yorkshire"])
    assert result.exit_code == 0, result.output
    assert "Places: north-yorkshire" in result.output
    assert query(
        world["warehouse"],
        "SELECT place_id FROM marts.review_publications ORDER BY 1",
    ) == [("croydon",), ("leeds",), ("north-yorkshire",), ("trafford",)]
    series = dict(
        query(
            world["warehouse"],
            "SELECT series_area_code, count(*) FROM marts.place_measure_values "
            "WHERE place_id = 'north-yorkshire' AND value IS NOT NULL GROUP BY 1",
        )
    )
    assert set(series) == {"E06000065", "E10000023"}
    assert query(
        world["warehouse"],
        "SELECT count(latest_value) > 0 FROM marts.review_trend WHERE place_id = 'north-yorkshire'",
    ) == [(True,)]


def test_demo_of_an_unknown_place_says_how_to_make_one(world):
    result = CliRunner().invoke(main, ["demo", "--place", "nowhere"])
    assert result.exit_code == 1
    assert (
        f"no place file {Path(world['catalogue']) / 'places' / 'nowhere.yaml'}; "
        "`outcomes place new --code CODE --name NAME` writes one"
    ) in result.output
