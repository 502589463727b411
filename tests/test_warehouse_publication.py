"""The published BI file: opened by an old DuckDB client (1.2, the release BI drivers bundle), holding
marts and conformed only, written beside the old file and swapped in; the working copy keeps the rest.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from assets.warehouse.bi_file import BI_SCHEMAS
from assets.warehouse.identifiers import qualified_table
from assets.warehouse.schema_docs import schema_docs
from assets.warehouse.store import Warehouse
from pipelines.resources import build_resources
from pipelines.runner import RunRequest
from pipelines.settings import Settings
from tests.fingertips_api_server import GSS_COGS_INDICATORS
from tests.pipeline_harness import (
    OLD_CLIENT_SCRIPT,
    file_sha256,
    old_client,
    query,
    run,
    serve,
    settings_for,
    working_copy,
)

# Real downloads: the 26-column layout with deprivation deciles, and the 27-column one.
RUNS = [
    RunRequest(list(GSS_COGS_INDICATORS), "102:6"),
    RunRequest([93532], "502:15"),
    RunRequest([93517], "502:15"),
]
FACTS = 87 + 17 + 13
DOCUMENTED_BI_TABLES = [name for name in schema_docs() if name.split(".")[0] in BI_SCHEMAS]
OBJECT_COMMENTS = """
    SELECT schema_name || '.' || table_name, comment FROM duckdb_tables()
    UNION ALL
    SELECT schema_name || '.' || view_name, comment FROM duckdb_views() WHERE NOT internal"""
COLUMN_COMMENTS = """
    SELECT schema_name || '.' || table_name, column_name, comment FROM duckdb_columns()
    WHERE comment IS NOT NULL"""
SCHEMAS_IN_USE = """
    SELECT schema_name FROM duckdb_tables()
    UNION
    SELECT schema_name FROM duckdb_views() WHERE NOT internal
    ORDER BY 1"""


@pytest.fixture(scope="module")
def published(shared_data, tmp_path_factory, make_httpserver) -> Path:
    """A warehouse built by real runs against real files served on loopback, then published."""
    make_httpserver.clear()
    api_url = serve(make_httpserver, shared_data)
    settings = settings_for(api_url, tmp_path_factory.mktemp("warehouse"))
    for request in RUNS:
        assert run(settings, request).success
    return settings.warehouse


def test_duckdb_1_2_reads_every_documented_table_and_view(old_duckdb, published):
    counts = [f"SELECT count(*) FROM {qualified_table(name)}" for name in DOCUMENTED_BI_TABLES]
    (version, *old_counts) = old_client(old_duckdb, published, ["SELECT version()", *counts])
    assert version[0][0].startswith("v1.2.")
    working = [query(working_copy(published), sql)[0][0] for sql in counts]
    assert [rows[0][0] for rows in old_counts] == working
    by_name = dict(zip(DOCUMENTED_BI_TABLES, working))
    assert by_name["conformed.fact_indicator_value"] == FACTS
    assert by_name["marts.indicator_values"] == FACTS
    assert by_name["marts.indicator_verdicts"] == FACTS


def test_comments_travel_with_the_tables(old_duckdb, published):
    """Every description in the dbt project's schema YAML, as DuckDB 1.2 shows it to a BI tool."""
    objects, columns = old_client(old_duckdb, published, [OBJECT_COMMENTS, COLUMN_COMMENTS])
    comments = dict(objects)
    column_comments = {(table, column): comment for table, column, comment in columns}
    for name in DOCUMENTED_BI_TABLES:
        doc = schema_docs()[name]
        assert comments[name] == doc["description"], name
        for column, text in doc["columns"].items():
            assert column_comments[(name, column)] == text, (name, column)


def test_the_published_file_holds_no_raw_or_staging(old_duckdb, published):
    (schemas,) = old_client(old_duckdb, published, [SCHEMAS_IN_USE])
    assert schemas == [["conformed"], ["marts"]]
    # The working copy keeps them: every response as received, and the typed staging view.
    assert query(working_copy(published), "SELECT count(*) FROM raw.fingertips_responses")[0][0] > 0
    assert query(working_copy(published), "SELECT count(*) FROM staging.fingertips_values") == [
        (FACTS,)
    ]
    assert published.stat().st_size < working_copy(published).stat().st_size


def test_duckdb_2_storage_is_what_1_2_cannot_open(old_duckdb, published, tmp_path):
    """The reason for the setting: the same warehouse published in DuckDB 2's own format."""
    latest = _private_warehouse(published, tmp_path, bi_storage_version="v2.0.0")
    latest.publish()
    answer = subprocess.run(
        [str(old_duckdb), "-c", OLD_CLIENT_SCRIPT, str(latest.published_path)],
        input="[]",
        capture_output=True,
        text=True,
        check=False,
    )
    assert answer.returncode == 1
    assert "Trying to read a database file with version number" in answer.stderr


def test_an_invalid_storage_version_is_refused_naming_the_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("OUTCOMES_BI_STORAGE_VERSION", "1.2")
    monkeypatch.setenv("OUTCOMES_WAREHOUSE", str(tmp_path / "outcomes.duckdb"))
    with pytest.raises(ValueError) as refused:
        build_resources(Settings.from_env())
    assert str(refused.value).startswith(
        f"environment variable OUTCOMES_BI_STORAGE_VERSION='1.2' is not a storage version DuckDB "
        f"{duckdb.__version__} can write (the default is v1.2.0): Invalid Input Error: "
        "The version string '1.2' is not a known DuckDB version, valid options are: "
    )


def test_a_failed_publish_leaves_the_published_file(published, tmp_path):
    warehouse = _private_warehouse(published, tmp_path, bi_storage_version="v1.2.0")
    warehouse.publish()
    before = file_sha256(warehouse.published_path)

    with warehouse.transaction() as connection:
        connection.execute(
            "CREATE VIEW marts.responses_seen AS SELECT source_url FROM raw.fingertips_responses"
        )
    with pytest.raises(RuntimeError) as failed:
        warehouse.publish()
    assert str(failed.value) == (
        "views that read what the BI file does not hold: marts.responses_seen: Catalog Error: "
        'Table with name "raw.fingertips_responses" does not exist because schema "raw" does not '
        "exist."
    )
    assert file_sha256(warehouse.published_path) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == [".work", "outcomes.duckdb"]


def test_an_earlier_release_whole_published_file_seeds_the_working_copy(published, tmp_path):
    """Upgrading: the previous release published the whole warehouse, raw included, and a new
    working copy starts from it so refreshes stay incremental; the slim BI file never seeds one."""
    upgraded = Warehouse(tmp_path / "upgraded" / "outcomes.duckdb")
    upgraded.published_path.parent.mkdir()
    shutil.copyfile(working_copy(published), upgraded.published_path)
    fresh = Warehouse(tmp_path / "fresh" / "outcomes.duckdb")
    fresh.published_path.parent.mkdir()
    shutil.copyfile(published, fresh.published_path)
    responses = "SELECT count(*) FROM raw.fingertips_responses"
    expected = query(working_copy(published), responses)

    for warehouse in (upgraded, fresh):
        with warehouse.transaction():
            pass
    assert query(upgraded.work_path, responses) == expected
    assert query(fresh.work_path, responses) == [(0,)]
    # Nothing came from the BI file: a fresh working copy has the models' tables, empty, for dbt
    # to build from raw on the first run.
    facts = "SELECT count(*) FROM conformed.fact_indicator_value"
    assert query(fresh.work_path, facts) == [(0,)]
    assert query(upgraded.work_path, facts) == query(working_copy(published), facts) != [(0,)]


def _private_warehouse(published: Path, folder: Path, bi_storage_version: str) -> Warehouse:
    """A copy of the built working warehouse in `folder`, publishing to folder/outcomes.duckdb."""
    warehouse = Warehouse(folder / "outcomes.duckdb", bi_storage_version=bi_storage_version)
    warehouse.work_path.parent.mkdir()
    shutil.copyfile(working_copy(published), warehouse.work_path)
    return warehouse
