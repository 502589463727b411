"""The core20_breakdown model (and place_inequalities) materialised against the real reference
tables and a few hand-made Croydon extract rows, into a temporary warehouse, under IMD2019 and then
IoD2025."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest

from assets.core20.inequality_assets import CORE20_BREAKDOWN, place_inequalities
from assets.places.partitions import places_partitions
from assets.reference.bundle import SHIPPED_REFERENCE_DIR, current_bundle
from assets.warehouse.models import build_model_assets
from assets.warehouse.sql_files import statement
from assets.warehouse.store import Warehouse
from pipelines.resources import WarehouseResource
from tests.test_reference_assets import materialise_reference, rows

# Stand-ins for the extracts' table and view, in the columns this asset reads; where the
# extracts' own DDL has made them already, these do nothing.
FACT_EXTRACT_VALUE = """
CREATE TABLE IF NOT EXISTS conformed.fact_extract_value (
    source_id VARCHAR, catalogue_indicator_id VARCHAR, area_code VARCHAR, area_level VARCHAR,
    sex VARCHAR, age VARCHAR, breakdown VARCHAR, period_label VARCHAR, revision INTEGER,
    period_start DATE, period_end DATE, numerator DOUBLE, denominator DOUBLE, place VARCHAR,
    is_synthetic BOOLEAN, is_current BOOLEAN, file_id BIGINT, file_sha256 VARCHAR,
    source_row BIGINT, loaded_at TIMESTAMPTZ
)"""
FACT_EXTRACT_VALUE_CURRENT = """
CREATE VIEW IF NOT EXISTS conformed.fact_extract_value_current AS
SELECT * EXCLUDE (is_current) FROM conformed.fact_extract_value WHERE is_current"""
INSERT_EXTRACT_ROW = """
INSERT INTO conformed.fact_extract_value BY NAME
SELECT 'croydon-lsoa' AS source_id, $indicator AS catalogue_indicator_id, $lsoa AS area_code,
       $level AS area_level, 'Persons' AS sex, 'All ages' AS age, '' AS breakdown,
       '2023/24' AS period_label, $revision AS revision, DATE '2023-04-01' AS period_start,
       DATE '2024-03-31' AS period_end, $numerator AS numerator, $denominator AS denominator,
       $place AS place, false AS is_synthetic, $revision = 2 AS is_current, 1 AS file_id,
       'test' AS file_sha256, $row AS source_row, now() AS loaded_at"""
# (place, indicator, LSOA, area level, numerator, denominator). IMD2019 deciles (File 1):
# E01001013 1, E01001001 2, E01001043 3, E01000975 5; IoD2025: E01001013 1, E01001001 2,
# E01000975 5, E01034150 1, E01034151 5.
EXTRACT_ROWS = [
    ("croydon", "test-a", "E01001013", "lsoa2011", 4.0, 200.0),
    ("croydon", "test-a", "E01001001", "lsoa2011", 0.0, 150.0),
    ("croydon", "test-a", "E01000975", "lsoa2011", 6.0, 300.0),
    ("croydon", "test-a", "E01001043", "lsoa2011", 5.0, 400.0),  # split into E01034150-2 in 2021
    ("croydon", "test-a", "E01999999", "lsoa2011", 1.0, 10.0),  # no such LSOA: unmatched
    ("croydon", "test-b", "E01034150", "lsoa2021", 1.0, 10.0),  # parts of E01001043
    ("croydon", "test-b", "E01034151", "lsoa2021", 2.0, 20.0),
    ("croydon", "test-b", "E01001013", "lsoa2021", 3.0, 30.0),
    ("elsewhere", "test-a", "E01000001", "lsoa2011", 9.0, 90.0),  # a place not configured
]
# mid-2020 populations of the LSOA 2011s above
PEOPLE = {"E01001013": 2159, "E01001001": 1329, "E01000975": 2124, "E01001043": 4023}


def materialise_core20(warehouse_path: Path, imd_version: str) -> dg.ExecuteInProcessResult:
    """Croydon's place row says which IMD its Core20 uses; its partition is then rebuilt."""
    with Warehouse(warehouse_path).transaction() as connection:
        connection.execute("DELETE FROM conformed.places WHERE place_id = 'croydon'")
        connection.execute(statement("places/insert_place"), croydon_place_row(imd_version))
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions(places_partitions.name, ["croydon"])
    return dg.materialize(
        [*build_model_assets(), place_inequalities],
        selection=[CORE20_BREAKDOWN, place_inequalities.key],
        resources={"warehouse": WarehouseResource(path=str(warehouse_path))},
        partition_key="croydon",
        instance=instance,
    )


def croydon_place_row(imd_version: str) -> dict:
    return {
        "place_id": "croydon",
        "place_name": "Croydon",
        "area_codes": ["E09000008"],
        "area_type_id": 502,
        "region_code": "E12000007",
        "region_name": "London",
        "icb_code": "E54000031",
        "icb_name": "NHS South West London ICB",
        "nearest_neighbours": [],
        "review_cadence": "annual",
        "review_month": 10,
        "trajectory_years": 5,
        "imd_version": imd_version,
        "core20_deciles": [1, 2],
        "file_sha256": "test",
    }


@pytest.fixture(scope="module")
def warehouse_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("core20") / "outcomes.duckdb"
    assert materialise_reference(path, with_checks=False).success
    with Warehouse(path).transaction() as connection:
        connection.execute(FACT_EXTRACT_VALUE)
        connection.execute(FACT_EXTRACT_VALUE_CURRENT)
        for row_number, (place, indicator, lsoa, level, numerator, denominator) in enumerate(
            EXTRACT_ROWS
        ):
            # Revision 1 (superseded, doubled) must never be read beside revision 2.
            for revision in (1, 2):
                connection.execute(
                    INSERT_EXTRACT_ROW,
                    {
                        "place": place,
                        "indicator": indicator,
                        "lsoa": lsoa,
                        "level": level,
                        "numerator": numerator * (3 - revision),
                        "denominator": denominator,
                        "revision": revision,
                        "row": row_number,
                    },
                )
    return path


@pytest.fixture(scope="module")
def imd2019_run(warehouse_path) -> dg.ExecuteInProcessResult:
    result = materialise_core20(warehouse_path, "imd2019")
    assert result.success
    return result


def groups(warehouse_path: Path, indicator: str) -> dict[tuple[str, str], tuple]:
    found = rows(
        warehouse_path,
        """SELECT breakdown_type, breakdown_value, numerator, denominator, lsoa_count, population
           FROM conformed.core20_breakdown WHERE place_id = 'croydon' AND indicator = ?""",
        [indicator],
    )
    return {(kind, value): tuple(sums) for kind, value, *sums in found}


def test_croydon_under_imd2019(warehouse_path, imd2019_run):
    test_a = groups(warehouse_path, "test-a")
    assert test_a[("core20", "core20")] == (
        4.0,
        350.0,
        2,
        PEOPLE["E01001013"] + PEOPLE["E01001001"],
    )
    assert test_a[("core20", "rest of place")] == (
        11.0,
        700.0,
        2,
        PEOPLE["E01000975"] + PEOPLE["E01001043"],
    )
    assert test_a[("core20", "unmatched")] == (1.0, 10.0, 1, None)
    assert test_a[("decile", "2")] == (0.0, 150.0, 1, PEOPLE["E01001001"])
    assert test_a[("decile", "3")] == (5.0, 400.0, 1, PEOPLE["E01001043"])
    assert test_a[("quintile", "3")] == (6.0, 300.0, 1, PEOPLE["E01000975"])
    assert test_a[("decile", "10")] == (0.0, 0.0, 0, 0)
    # 2 + 5 + 10 groups, and 'unmatched' in each of the three types.
    assert len(test_a) == 20
    # LSOA 2021 counts reach IMD2019 through the bridge; their populations are not loaded.
    test_b = groups(warehouse_path, "test-b")
    assert test_b[("decile", "3")] == (3.0, 30.0, 2, None)
    assert test_b[("decile", "1")] == (3.0, 30.0, 1, None)
    assert len(test_b) == 17


def test_every_row_carries_its_imd_version_and_keys(warehouse_path, imd2019_run):
    assert rows(
        warehouse_path,
        """SELECT place_id, source_id, indicator, imd_version, sex, age, extract_breakdown,
                  period_label, is_synthetic, count(*), max(unmatched_lsoas)
           FROM conformed.core20_breakdown GROUP BY ALL ORDER BY ALL""",
    ) == [
        ("croydon", "croydon-lsoa", "test-a", "imd2019", "Persons", "All ages", "", "2023/24",
         False, 20, 1),
        ("croydon", "croydon-lsoa", "test-b", "imd2019", "Persons", "All ages", "", "2023/24",
         False, 17, 0),
    ]  # fmt: skip


def test_every_row_records_the_reference_bundle_it_used(warehouse_path, imd2019_run):
    shipped = current_bundle(SHIPPED_REFERENCE_DIR).version
    assert rows(
        warehouse_path, "SELECT DISTINCT reference_version FROM conformed.core20_breakdown"
    ) == [(shipped,)]
    assert shipped == "2026.12.1"


def test_unmatched_lsoas_are_reported(imd2019_run):
    evaluations = {e.check_name: e for e in imd2019_run.get_asset_check_evaluations()}
    evaluation = evaluations["every_lsoa_matched"]
    assert evaluation.asset_key == CORE20_BREAKDOWN
    assert not evaluation.passed
    assert evaluation.severity == dg.AssetCheckSeverity.WARN
    # One breakdown (test-a's) holds an unmatched LSOA.
    assert evaluation.metadata["dagster_dbt/failed_row_count"].value == 1
    # The rules users rely on hold: every other data test of the model passes.
    assert all(e.passed for name, e in evaluations.items() if name != "every_lsoa_matched")


def test_croydon_under_imd2025_replaces_its_imd2019_rows(warehouse_path, imd2019_run):
    assert materialise_core20(warehouse_path, "imd2025").success
    assert rows(warehouse_path, "SELECT DISTINCT imd_version FROM conformed.core20_breakdown") == [
        ("imd2025",)
    ]
    test_a = groups(warehouse_path, "test-a")
    # E01001043's counts follow its best fit, E01034150 (decile 1).
    assert test_a[("decile", "1")] == (9.0, 600.0, 2, PEOPLE["E01001013"] + PEOPLE["E01001043"])
    assert test_a[("core20", "core20")] == (
        9.0,
        750.0,
        3,
        PEOPLE["E01001013"] + PEOPLE["E01001043"] + PEOPLE["E01001001"],
    )
    assert test_a[("decile", "5")] == (6.0, 300.0, 1, PEOPLE["E01000975"])
    test_b = groups(warehouse_path, "test-b")
    assert test_b[("decile", "1")] == (4.0, 40.0, 2, None)
    assert test_b[("quintile", "3")] == (2.0, 20.0, 1, None)
    # Materialising again gives the same table.
    before = rows(warehouse_path, "SELECT count(*), sum(numerator) FROM conformed.core20_breakdown")
    assert materialise_core20(warehouse_path, "imd2025").success
    after = rows(warehouse_path, "SELECT count(*), sum(numerator) FROM conformed.core20_breakdown")
    assert after == before
