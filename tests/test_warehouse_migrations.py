"""Upgrades in place: a working warehouse laid out by the previous release (its DDL is kept in
tests/fixtures/warehouse_v1/ddl, as of commit 0900713) is backed up and migrated by the next
`Warehouse.transaction()`, keeping every row but those of the tables dbt now builds from raw; a
newer file is refused; `outcomes doctor` reports."""

from __future__ import annotations

import json
import logging
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from assets.reference.bundle import SHIPPED_REFERENCE_DIR, current_bundle
from assets.warehouse.dbt_project import prepare_manifest
from assets.warehouse.migrations import WarehouseVersionError, code_version, migrations
from assets.warehouse.store import Warehouse
from pipelines.cli import main

PREVIOUS_RELEASE_DDL = Path(__file__).parent / "fixtures" / "warehouse_v1" / "ddl"
LOADED_AT = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
# What a row gets in a NOT NULL column the test does not care about, by DuckDB type.
FILLER = {
    "VARCHAR": "x",
    "INTEGER": 1,
    "BIGINT": 1,
    "DOUBLE": 1.5,
    "BOOLEAN": False,
    "DATE": date(2026, 1, 1),
    "TIMESTAMP WITH TIME ZONE": LOADED_AT,
    "VARCHAR[]": [],
    "JSON": "{}",
}
# The tables the previous release lacked a column of, and the column.
NEW_COLUMNS = [
    "conformed.core20_breakdown.reference_version",
    "conformed.lsoa_bridge_2011_2021.reference_version",
    "conformed.lsoa_deprivation.reference_version",
    "conformed.lsoa_geography.reference_version",
    "conformed.lsoa_population.reference_version",
]
# Columns migrations add to existing rows (with their defaults): left out when comparing rows.
ADDED_COLUMNS = [
    "reference_version",
    "off_cadence",
    "no_new_data",
    "withdrawn_at",
    "withdrawn_by",
    "withdrawal_reason",
    "latest_period_start",
    "latest_period_end",
    "neighbour_value",
    "target_value",
    "target_by",
    "value_type",
    "frequency",
    "core20_definition",
    "period_start",
    "not_applicable",
]
# The tables migration 3 hands to dbt: dropped, then laid out empty by the models, which build
# them again from what Python keeps (raw) on their next run.
BUILT_BY_DBT = {
    "conformed.core20_breakdown",
    "conformed.dim_area",
    "conformed.dim_area_type",
    "conformed.dim_category",
    "conformed.dim_indicator",
    "conformed.dim_profile",
    "conformed.fact_indicator_value",
    "conformed.lsoa_bridge_2011_2021",
    "conformed.lsoa_deprivation",
    "conformed.lsoa_geography",
    "conformed.lsoa_population",
    "marts.place_measure_values",
}
# The tables migrations 3 to 5 create for Python to write: the reference bundle's rows the LSOA
# models are built from (filled by the next reference load), a place's LSOA-level values, and
# places' trajectories with each review's frozen copy.
NEW_TABLES = {
    "raw.reference_lsoa_bridge_2011_2021",
    "raw.reference_lsoa_deprivation",
    "raw.reference_lsoa_geography",
    "raw.reference_lsoa_population",
    "staging.place_lsoa_values",
    "conformed.place_measure_trajectories",
    "marts.review_trajectories",
}
COLUMNS_SQL = """
SELECT schema_name || '.' || table_name || '.' || column_name, data_type, is_nullable
FROM duckdb_columns() WHERE database_name = current_database() ORDER BY 1
"""


def _insert(connection: duckdb.DuckDBPyConnection, table: str, **values: object) -> None:
    schema, name = table.split(".")
    columns = connection.execute(
        "SELECT column_name, data_type, is_nullable FROM duckdb_columns() "
        "WHERE schema_name = $schema AND table_name = $name",
        {"schema": schema, "name": name},
    ).fetchall()
    row = {
        column: values[column] if column in values else FILLER[data_type]
        for column, data_type, nullable in columns
        if column in values or not nullable
    }
    assert set(values) <= set(row), f"{table} has no column among {sorted(values)}"
    selected = ", ".join(f"${column} AS {column}" for column in row)
    connection.execute(f"INSERT INTO {table} BY NAME SELECT {selected}", row)


def _previous_release_warehouse(path: Path) -> dict[str, list[tuple]]:
    """A working copy exactly as the previous release laid it out, holding raw history, two
    revisions of an extract value and a frozen review; every table's rows, by table."""
    path.parent.mkdir(parents=True)
    with duckdb.connect(str(path)) as connection:
        for ddl in sorted(PREVIOUS_RELEASE_DDL.glob("*.sql")):
            connection.execute(ddl.read_text(encoding="utf-8"))
        for response_id, kind in [(1, "json"), (2, "csv")]:
            _insert(
                connection,
                "raw.fingertips_responses",
                response_id=response_id,
                kind=kind,
                endpoint=f"endpoint {response_id}",
            )
        _insert(connection, "raw.fingertips_json", response_id=1, payload='{"Id": 93532}')
        _insert(connection, "raw.extract_files", file_id=7, status="loaded", rows=2)
        for revision, value, is_current in [(1, 10.0, False), (2, 12.5, True)]:
            _insert(
                connection,
                "conformed.fact_extract_value",
                area_level="lsoa2021",
                area_code="E01000001",
                revision=revision,
                value=value,
                is_current=is_current,
                file_id=7,
            )
        _insert(connection, "marts.review_publications", review_id="york|2026-10", measures=1)
        _insert(
            connection,
            "marts.review_measures",
            review_id="york|2026-10",
            measure_id="smoking",
            latest_value=14.2,
            flags=["stale"],
        )
        _insert(
            connection,
            "conformed.lsoa_deprivation",
            imd_version="imd2019",
            lsoa_code="E01000001",
            imd_decile=9,
            imd_quintile=5,
        )
        _insert(connection, "conformed.core20_breakdown", breakdown_type="core20")
        return _all_rows(connection)


def _all_rows(connection: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    tables = connection.execute(
        "SELECT schema_name || '.' || table_name FROM duckdb_tables() ORDER BY 1"
    ).fetchall()
    return {
        table: connection.execute(
            f"SELECT COLUMNS(lambda c: NOT list_contains({ADDED_COLUMNS}, c)) FROM {table} "
            "ORDER BY ALL"
        ).fetchall()
        for (table,) in tables
    }


def _versions(path: Path) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute(
            "SELECT version, description FROM meta.schema_version ORDER BY version"
        ).fetchall()


@pytest.fixture
def warehouse(tmp_path) -> Warehouse:
    return Warehouse(tmp_path / "outcomes.duckdb")


def test_a_previous_release_warehouse_is_backed_up_and_upgraded_keeping_raw_and_revisions(
    warehouse, caplog
):
    before = _previous_release_warehouse(warehouse.work_path)
    assert sum(len(rows) for rows in before.values()) == 10

    with caplog.at_level(logging.WARNING), warehouse.transaction() as connection:
        after = _all_rows(connection)
        columns = connection.execute(COLUMNS_SQL).fetchall()

    assert code_version() == 7
    assert _versions(warehouse.work_path) == [
        (1, "recognised by its layout (no version recorded)"),
        (2, "reference version on lsoa and core20 tables"),
        (3, "tables built by dbt"),
        (4, "verdicts by fingertips method"),
        (5, "reviews withdrawal and bi columns"),
        (6, "typed fingertips raw rows and unkeyed verdicts"),
        (7, "inequalities inputs fetched at"),
    ]
    assert [(name, data_type) for name, data_type, _ in columns if name in NEW_COLUMNS] == [
        (name, "VARCHAR") for name in NEW_COLUMNS
    ]
    assert BUILT_BY_DBT <= set(before)
    kept = {table: rows for table, rows in before.items() if table not in BUILT_BY_DBT}
    assert after == kept | {table: [] for table in BUILT_BY_DBT | NEW_TABLES} | {
        "meta.schema_version": after["meta.schema_version"]
    }
    backup = warehouse.work_path.with_name("outcomes.duckdb.v1.bak")
    with duckdb.connect(str(backup), read_only=True) as connection:
        assert _all_rows(connection) == before
    # Only the warehouse's own notice: a pool's late notice from an earlier test may come too.
    assert [record.message for record in caplog.records if record.name == "dagster.builtin"] == [
        (
            f"Upgraded the working warehouse {warehouse.work_path} from schema version 1 to 7 "
            f"(2: reference version on lsoa and core20 tables; 3: tables built by dbt; "
            f"4: verdicts by fingertips method; 5: reviews withdrawal and bi columns; "
            f"6: typed fingertips raw rows and unkeyed verdicts; 7: inequalities inputs fetched at); "
            f"the file as it was is kept in "
            f"{backup}"
        )
    ]


def test_an_upgraded_warehouse_has_the_layout_of_a_new_one(warehouse, tmp_path):
    _previous_release_warehouse(warehouse.work_path)
    new = Warehouse(tmp_path / "new" / "outcomes.duckdb")
    with warehouse.transaction() as upgraded, new.transaction() as created:
        upgraded_columns = upgraded.execute(COLUMNS_SQL).fetchall()
        created_columns = created.execute(COLUMNS_SQL).fetchall()
    # ALTER TABLE cannot add a NOT NULL column to rows that have no value for it; the loads
    # always write it, so only the constraint differs.
    nullable_in_upgrade = {
        name for name in NEW_COLUMNS if name != "conformed.core20_breakdown.reference_version"
    }
    assert upgraded_columns == [
        (name, data_type, True if name in nullable_in_upgrade else nullable)
        for name, data_type, nullable in created_columns
    ]
    assert len(created_columns) > 400


def test_the_migrations_alone_take_the_previous_layout_to_the_current_one(warehouse, tmp_path):
    # A file already at a recorded version runs no DDL when it is upgraded later, so a version
    # that adds a table must create it in its migration: apply them without the DDL to see.
    _previous_release_warehouse(warehouse.work_path)
    new = Warehouse(tmp_path / "new" / "outcomes.duckdb")
    with duckdb.connect(str(warehouse.work_path)) as migrated, new.transaction() as created:
        for migration in migrations():
            for migration_statement in migration.statements:
                migrated.execute(migration_statement)
        migrated_columns = [name for name, _, _ in migrated.execute(COLUMNS_SQL).fetchall()]
        created_columns = [
            name
            for name, _, _ in created.execute(COLUMNS_SQL).fetchall()
            if not name.startswith("meta.") and name.rsplit(".", 1)[0] not in _model_relations()
        ]
    # The dbt models' relations are laid out by dbt after the migrations, not by them.
    assert migrated_columns == created_columns


def _model_relations() -> set[str]:
    nodes = json.loads(prepare_manifest().read_text(encoding="utf-8"))["nodes"].values()
    return {
        f"{node['schema']}.{node['name']}" for node in nodes if node["resource_type"] == "model"
    }


def test_a_second_open_migrates_nothing(warehouse):
    _previous_release_warehouse(warehouse.work_path)
    with warehouse.transaction():
        pass
    backup = warehouse.work_path.with_name("outcomes.duckdb.v1.bak")
    backup.unlink()

    with warehouse.transaction() as connection:
        connection.execute("DELETE FROM raw.extract_files")

    assert not backup.exists()
    assert [version for version, _ in _versions(warehouse.work_path)] == [1, 2, 3, 4, 5, 6, 7]


def test_a_new_warehouse_is_created_at_the_current_version(warehouse):
    with warehouse.transaction() as connection:
        assert connection.execute("SELECT count(*) FROM raw.fingertips_responses").fetchone() == (
            0,
        )
    assert _versions(warehouse.work_path) == [(7, "new warehouse")]
    assert sorted(path.name for path in warehouse.work_path.parent.iterdir()) == ["outcomes.duckdb"]


def test_a_warehouse_newer_than_the_code_is_refused(warehouse):
    current = code_version()
    with warehouse.transaction() as connection:
        connection.execute(
            "INSERT INTO meta.schema_version VALUES (?, now(), 'from the future')", [current + 1]
        )

    with pytest.raises(WarehouseVersionError) as raised, warehouse.transaction():
        pytest.fail("the newer warehouse was opened")

    assert str(raised.value) == (
        f"{warehouse.work_path} is at warehouse schema version {current + 1}, but this release of "
        f"outcomes reads versions up to {current}: a newer release has upgraded it. Run that "
        f"release (or a later one), or restore the copy kept before that upgrade "
        f"(outcomes.duckdb.v{current}.bak beside it, if there is one). The file was left as it was."
    )
    assert [version for version, _ in _versions(warehouse.work_path)] == [current, current + 1]


def test_doctor_reports_the_upgrade_to_come_and_changes_nothing(warehouse, monkeypatch):
    monkeypatch.setenv("OUTCOMES_WAREHOUSE", str(warehouse.published_path))
    monkeypatch.delenv("OUTCOMES_REFERENCE_DIR", raising=False)
    _previous_release_warehouse(warehouse.work_path)
    bundle = current_bundle(SHIPPED_REFERENCE_DIR)

    result = CliRunner().invoke(main, ["doctor"])

    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"Working warehouse  {warehouse.work_path}",
        "Schema version     1 (not recorded: known by its layout)",
        "This release       7",
        "Migrations to run  2: reference version on lsoa and core20 tables",
        "                   3: tables built by dbt",
        "                   4: verdicts by fingertips method",
        "                   5: reviews withdrawal and bi columns",
        "                   6: typed fingertips raw rows and unkeyed verdicts",
        "                   7: inequalities inputs fetched at",
        f"                   (the next run first copies the file to {warehouse.work_path}.v1.bak)",
        f"Reference bundle   {bundle.version} ({bundle.folder})",
        f"Published file     {warehouse.published_path}: not published yet",
    ]
    assert sorted(path.name for path in warehouse.work_path.parent.iterdir()) == ["outcomes.duckdb"]


def test_doctor_after_the_upgrade_and_a_publish(warehouse, monkeypatch):
    monkeypatch.setenv("OUTCOMES_WAREHOUSE", str(warehouse.published_path))
    monkeypatch.delenv("OUTCOMES_REFERENCE_DIR", raising=False)
    monkeypatch.delenv("OUTCOMES_BI_STORAGE_VERSION", raising=False)
    _previous_release_warehouse(warehouse.work_path)
    with warehouse.transaction():
        pass
    warehouse.publish()

    result = CliRunner().invoke(main, ["doctor"])

    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:4] == [
        "Schema version     7",
        "This release       7",
        "Migrations to run  none",
    ]
    assert result.output.splitlines()[-1] == (
        f"Published file     {warehouse.published_path}: storage version v1.2.0+"
    )
