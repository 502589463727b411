"""The Dagster definitions load, validate, and have the shape data teams rely on."""

from __future__ import annotations

import os
import subprocess
import sys

import dagster as dg

from pipelines.definitions import defs as load_definitions
from pipelines.settings import PROJECT_ROOT

# A snapshot of the asset graph: a change here is a change users see in `dagster dev`.
ASSET_KEYS = {
    "extract_ascof_nhs_england",
    "extract_ascof_oflog_extract",
    "extract_croydon_lsoa_blood_pressure_checks",
    "extract_croydon_lsoa_health_checks",
    "extract_croydon_lsoa_hypertension_diagnosed",
    "extract_leeds_lsoa_frailty_emergency_admissions",
    "extract_nhsof_ons_tidy_series",
    "extract_trafford_lsoa_health_checks",
    "fingertips_area_types",
    "fingertips_areas",
    "fingertips_category_types",
    "fingertips_downloads",
    "fingertips_indicator_metadata",
    "fingertips_periods",
    "fingertips_inequalities",
    "fingertips_profiles",
    "fingertips_verdicts",
    "place_inequalities",
    "place_lsoa_values",
    "place_reviews",
    "published_warehouse",
    "reference_lsoa_bridge_2011_2021",
    "reference_lsoa_deprivation",
    "reference_lsoa_geography",
    "reference_lsoa_population",
    # The dbt models (sql/models/<layer>/<domain>/<table>.sql), keyed by schema and table.
    "conformed/extract_indicator_scales",
    "conformed/fact_extract_value_current",
    "conformed/lsoa_bridge_2011_2021",
    "conformed/lsoa_deprivation",
    "conformed/lsoa_geography",
    "conformed/lsoa_population",
    "conformed/lsoa_population_latest",
    "staging/fingertips_values",
    "conformed/dim_profile",
    "conformed/dim_area_type",
    "conformed/dim_area",
    "conformed/dim_category",
    "conformed/dim_indicator",
    "conformed/fact_indicator_value",
    "marts/indicator_values",
    "marts/indicator_verdict_agreement",
    "marts/place_measure_values",
    "marts/review_trend",
    "conformed/core20_breakdown",
    # A place file's tables, written by the place_frameworks multi-asset.
    "conformed/places",
    "conformed/place_measures",
    "conformed/place_area_predecessors",
}
GROUPS = {"fingertips", "warehouse", "places", "core20", "reference", "extracts", "reviews"}


defs = load_definitions()


def _asset_graph():
    return defs.resolve_asset_graph()


def test_asset_keys_groups_and_docstrings():
    graph = _asset_graph()
    nodes = {node.key.to_user_string(): node for node in graph.asset_nodes}
    assert set(nodes) == ASSET_KEYS
    for key in ASSET_KEYS:
        node = nodes[key]
        assert node.description, f"{key} has no docstring"
        assert node.group_name in GROUPS
        assert node.pools == {"duckdb_warehouse"}, key


def test_lineage_runs_from_downloads_to_publication():
    graph = _asset_graph()
    fact = dg.AssetKey(["conformed", "fact_indicator_value"])
    parents = {key.to_user_string() for key in graph.get(fact).parent_keys}
    assert parents == {
        "fingertips_downloads",
        "fingertips_periods",
        "staging/fingertips_values",
        "conformed/dim_indicator",
        "conformed/dim_category",
    }
    # Python runs between the models: the period labels are parsed from the staged values.
    assert {
        key.to_user_string() for key in graph.get(dg.AssetKey("fingertips_periods")).parent_keys
    } == {
        "staging/fingertips_values",
        "conformed/dim_indicator",
    }
    extracts = {key for key in ASSET_KEYS if key.startswith("extract_")}
    for reader in ("marts/place_measure_values", "conformed/core20_breakdown", "place_lsoa_values"):
        key = dg.AssetKey.from_user_string(reader)
        parents = {parent.to_user_string() for parent in graph.get(key).parent_keys}
        assert parents >= extracts, reader
    # conformed.fact_extract_value is every extract asset's table: the models reading it depend
    # on each extract asset instead (pipelines/definitions.py), and the reference models on the
    # raw loads of the bundle.
    for model, expected in [
        ("fact_extract_value_current", extracts),
        (
            "lsoa_bridge_2011_2021",
            {"reference_lsoa_bridge_2011_2021", "conformed/lsoa_population_latest"},
        ),
    ]:
        parents = graph.get(dg.AssetKey(["conformed", model])).parent_keys
        assert {key.to_user_string() for key in parents} == expected, model
    published_parents = graph.get(dg.AssetKey("published_warehouse")).parent_keys
    assert fact in published_parents


def test_nightly_schedule_runs_at_half_past_two_uk_time():
    schedule = defs.get_schedule_def("nightly_fingertips_refresh")
    assert schedule.cron_schedule == "30 2 * * *"
    assert schedule.execution_timezone == "Europe/London"
    assert schedule.job_name == "fingertips_refresh"
    # What a tick decides (asking Fingertips what changed) is tested against a local API in
    # test_snapshots_and_refresh.py.


def test_jobs_sensors_and_schedules():
    job = defs.resolve_job_def("fingertips_refresh")
    fingertips = {key for key in ASSET_KEYS if key.startswith("fingertips_")}
    assert {k.to_user_string() for k in job.asset_layer.executable_asset_keys} >= fingertips
    assert sorted(sensor.name for sensor in defs.sensors) == [
        "extract_drop_sensor",
        "place_files_sensor",
        "review_due_sensor",
    ]
    # The command line runs these same jobs (pipelines.runner).
    assert sorted(job.name for job in defs.jobs) == [
        "extracts_load",
        "fingertips_refresh",
        "place_refresh",
        "place_review",
        "reference_load",
        "warehouse_publish",
    ]
    assert defs.resolve_job_def("place_review").partitions_def.name == "place_reviews"
    assert defs.resolve_job_def("place_refresh").partitions_def.name == "places"


def test_dagster_definitions_validate_passes():
    environment = {**os.environ, "DAGSTER_HOME": ""}
    environment.pop("DAGSTER_HOME")
    completed = subprocess.run(
        [sys.executable, "-m", "dagster", "definitions", "validate", "-w", "workspace.yaml"],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "Validation successful" in completed.stdout + completed.stderr


def test_every_step_that_opens_the_warehouse_is_in_its_pool():
    """Asset checks read the working copy: in another process than a writing step, DuckDB refuses
    the read ('Could not set lock on file'), so checks queue in the warehouse's pool too."""
    steps = defs.resolve_implicit_global_asset_job_def().graph.node_defs
    # 18 Python assets, 8 extract assets with 3 checks each, and the dbt models in 8 steps: Dagster
    # runs them in as many steps as the Python assets between them need (the models before,
    # between and after the Python assets that read some and write what others read; the verdict
    # agreement counts read what fingertips_verdicts writes).
    assert len(steps) == 58
    assert {step.name: step.pool for step in steps} == {
        step.name: "duckdb_warehouse" for step in steps
    }
