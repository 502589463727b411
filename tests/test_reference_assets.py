"""The reference assets materialised for real from the shipped reference bundle into a temporary
warehouse: the bundle's tables loaded into raw, and the dbt models (with their data tests) that
build the conformed tables from them.

Expected values are read from the official files in ../shared/data here, independently of the
builder and the SQL that load them.
"""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from assets.geography import ENGLAND_LSOAS
from assets.reference import bridge, deprivation, geography, population
from assets.reference.bundle import SHIPPED_REFERENCE_DIR, current_bundle
from assets.warehouse.models import build_model_assets
from assets.warehouse.store import Warehouse
from pipelines.resources import ReferenceBundleResource, WarehouseResource

REFERENCE_ASSETS = [
    deprivation.reference_lsoa_deprivation,
    geography.reference_lsoa_geography,
    population.reference_lsoa_population,
    bridge.reference_lsoa_bridge_2011_2021,
]
# The raw loads and the reference models built from them (sql/models/conformed/reference/).
REFERENCE_FOR_PLACES = dg.AssetSelection.groups("reference")
CROYDON = "E09000008"
# 0-4, 5-9, 10-14, 15, 16-17, 18-19, 20-24 … 85-89, 90+ and the all-ages total.
AGE_BANDS = 22


def shipped_bundle() -> ReferenceBundleResource:
    return ReferenceBundleResource(folder=str(current_bundle(SHIPPED_REFERENCE_DIR).folder))


def materialise_reference(
    warehouse_path: Path,
    with_checks: bool = True,
    selection: dg.AssetSelection = REFERENCE_FOR_PLACES,
) -> dg.ExecuteInProcessResult:
    """Every reference asset (and the models' data tests) loaded from the shipped bundle into
    `warehouse_path`."""
    return dg.materialize(
        [*REFERENCE_ASSETS, *build_model_assets()],
        selection=selection if with_checks else selection.without_checks(),
        resources={
            "warehouse": WarehouseResource(path=str(warehouse_path)),
            "reference_bundle": shipped_bundle(),
        },
        instance=dg.DagsterInstance.ephemeral(),
    )


def rows(warehouse_path: Path, sql: str, parameters: list | None = None) -> list[tuple]:
    with duckdb.connect(str(Warehouse(warehouse_path).work_path), read_only=True) as connection:
        return connection.execute(sql, parameters or []).fetchall()


def raw_csv(path: Path) -> list[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> tuple[Path, dg.ExecuteInProcessResult]:
    warehouse_path = tmp_path_factory.mktemp("reference") / "outcomes.duckdb"
    result = materialise_reference(warehouse_path)
    assert result.success
    return warehouse_path, result


@pytest.fixture(scope="module")
def warehouse_path(loaded) -> Path:
    return loaded[0]


def test_every_reference_check_passes(loaded):
    _, result = loaded
    evaluations = {
        (e.asset_key.to_user_string(), e.check_name): e.passed
        for e in result.get_asset_check_evaluations()
    }
    # The rules on whole tables (sql/tests/reference/), beside not-null, accepted-value and key
    # tests on their columns (sql/models/conformed/reference/_reference.yml).
    rules = [
        ("conformed/lsoa_deprivation", "deprivation_ranks_every_lsoa"),
        ("conformed/lsoa_deprivation", "decile_agrees_with_rank"),
        ("conformed/lsoa_geography", "geography_places_every_lsoa"),
        ("conformed/lsoa_population_latest", "population_covers_every_lsoa"),
        ("conformed/lsoa_population", "age_bands_add_up"),
        ("conformed/lsoa_bridge_2011_2021", "bridge_fits_every_lsoa_once"),
    ]
    assert {rule: evaluations.get(rule) for rule in rules} == dict.fromkeys(rules, True)
    # The reference models' 34.
    assert (len(evaluations), all(evaluations.values())) == (34, True)


def test_row_counts_are_every_english_lsoa(warehouse_path, shared_data):
    assert dict(
        rows(
            warehouse_path,
            """
        SELECT imd_version || ' ' || lsoa_vintage, count(*)
        FROM conformed.lsoa_deprivation GROUP BY ALL""",
        )
    ) == {
        "imd2019 2011": 32_844,
        "imd2025 2021": 33_755,
    }
    assert (
        dict(
            rows(
                warehouse_path,
                """
        SELECT lsoa_vintage, count(*) FROM conformed.lsoa_geography GROUP BY ALL""",
            )
        )
        == ENGLAND_LSOAS
    )
    assert rows(warehouse_path, "SELECT count(*) FROM conformed.lsoa_population") == [
        (32_844 * AGE_BANDS,)
    ]
    lookup = raw_csv(
        shared_data / "geography/lookup_lsoa11_lsoa21_ltla22__humaniverse_geographr.csv"
    )
    english_pairs = [r for r in lookup if r["lsoa11_code"].startswith("E")]
    assert rows(warehouse_path, "SELECT count(*) FROM conformed.lsoa_bridge_2011_2021") == [
        (len(english_pairs),)
    ]


def test_a_known_lsoa_in_both_imd_versions(warehouse_path):
    # City of London 001A: "29,199" (decile 9) in IMD2019, 26525 (decile 8) in IoD2025.
    assert rows(
        warehouse_path,
        """
        SELECT imd_version, lsoa_vintage, imd_rank, imd_decile, imd_quintile, is_core20
        FROM conformed.lsoa_deprivation WHERE lsoa_code = 'E01000001' ORDER BY imd_version""",
    ) == [
        ("imd2019", "2011", 29_199, 9, 5, False),
        ("imd2025", "2021", 26_525, 8, 4, False),
    ]
    # Croydon's most deprived: decile 1 in both versions.
    assert rows(
        warehouse_path,
        """
        SELECT imd_version, imd_rank, imd_decile, imd_quintile, is_core20
        FROM conformed.lsoa_deprivation WHERE lsoa_code = 'E01001013' ORDER BY imd_version""",
    ) == [
        ("imd2019", 2_836, 1, 1, True),
        ("imd2025", 2_742, 1, 1, True),
    ]


def test_croydon_core20_lsoas_under_imd2019_match_the_raw_file(warehouse_path, shared_data):
    raw = raw_csv(shared_data / "deprivation/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz")
    croydon = [r for r in raw if r["Local Authority District code (2019)"] == CROYDON]
    core20 = {
        r["LSOA code (2011)"]
        for r in croydon
        if int(r["Index of Multiple Deprivation (IMD) Decile"]) <= 2
    }
    assert (len(croydon), len(core20)) == (220, 39)
    loaded_core20 = rows(
        warehouse_path,
        """
        SELECT deprivation.lsoa_code
        FROM conformed.lsoa_geography AS geography
        JOIN conformed.lsoa_deprivation AS deprivation
            ON deprivation.imd_version = 'imd2019' AND deprivation.lsoa_code = geography.lsoa_code
        WHERE geography.lsoa_vintage = '2011' AND geography.utla_code = ? AND deprivation.is_core20
        """,
        [CROYDON],
    )
    assert {code for (code,) in loaded_core20} == core20


def test_geography_uses_current_council_codes_for_both_vintages(warehouse_path):
    # Croydon 013A: sub-ICB 36L (E38000245) of NHS South West London ICB in both lookups.
    columns = "lsoa_vintage, ltla_code, utla_code, region_code, sub_icb_code, icb_code"
    assert rows(
        warehouse_path,
        f"""
        SELECT {columns} FROM conformed.lsoa_geography
        WHERE lsoa_code = 'E01001001' ORDER BY lsoa_vintage""",
    ) == [
        ("2011", CROYDON, CROYDON, "E12000007", "E38000245", "E54000031"),
        ("2021", CROYDON, CROYDON, "E12000007", "E38000245", "E54000031"),
    ]
    # Allerdale (E07000026) became part of Cumberland (E06000063) in April 2023.
    assert rows(
        warehouse_path,
        """
        SELECT ltla_code, utla_code FROM conformed.lsoa_geography
        WHERE lsoa_vintage = '2011' AND lsoa_code = 'E01019078'""",
    ) == [("E06000063", "E06000063")]
    # An LSOA 2021 takes its county through its district: Stevenage → Hertfordshire.
    assert rows(
        warehouse_path,
        """
        SELECT ltla_code, utla_code, region_code FROM conformed.lsoa_geography
        WHERE lsoa_vintage = '2021' AND lsoa_code = 'E01035582'""",
    ) == [("E07000243", "E10000015", "E12000006")]


def test_population_by_age_band(warehouse_path):
    # Hartlepool 009A, mid-2020: 1,944 people; 20+32+22+17+27 aged 0-4, 28 aged 15, 26+28 aged
    # 16-17, 8+7+9+2+2 aged 85-89 and 7 aged 90 and over.
    assert rows(
        warehouse_path,
        """
        SELECT age_band, age_lower, age_upper, population, reference_version
        FROM conformed.lsoa_population
        WHERE lsoa_code = 'E01011949' AND age_band IN ('all ages', '0-4', '15', '16-17', '85-89', '90+')
        ORDER BY age_lower, age_band""",
    ) == [
        ("0-4", 0, 4, 118, "2026.12.1"),
        ("all ages", 0, None, 1944, "2026.12.1"),
        ("15", 15, 15, 28, "2026.12.1"),
        ("16-17", 16, 17, 54, "2026.12.1"),
        ("85-89", 85, 89, 28, "2026.12.1"),
        ("90+", 90, None, 7, "2026.12.1"),
    ]
    assert rows(
        warehouse_path,
        """
        SELECT DISTINCT year, sex FROM conformed.lsoa_population""",
    ) == [(2020, "persons")]


def test_a_split_keeps_every_part_and_fits_one(warehouse_path):
    # Croydon 2011 LSOA E01001043 split into three 2021 LSOAs.
    assert rows(
        warehouse_path,
        """
        SELECT lsoa21_code, change_code, lsoa21_per_lsoa11, is_best_fit_2011_to_2021,
               is_best_fit_2021_to_2011
        FROM conformed.lsoa_bridge_2011_2021 WHERE lsoa11_code = 'E01001043'
        ORDER BY lsoa21_code""",
    ) == [
        # No LSOA 2021 population is loaded, so the lowest code is the 2011 → 2021 best fit.
        ("E01034150", "S", 3, True, True),
        ("E01034151", "S", 3, False, True),
        ("E01034152", "S", 3, False, True),
    ]


def test_a_merge_fits_to_its_most_populous_part(warehouse_path, shared_data):
    lookup = raw_csv(
        shared_data / "geography/lookup_lsoa11_lsoa21_ltla22__humaniverse_geographr.csv"
    )
    people = {
        r["lsoa11_code"]: int(r["total_population"])
        for r in raw_csv(shared_data / "population/population20_lsoa11__humaniverse_demographr.csv")
    }
    parts = defaultdict(list)
    for r in lookup:
        if r["change_code"] == "M" and r["lsoa21_code"].startswith("E"):
            parts[r["lsoa21_code"]].append(r["lsoa11_code"])
    expected = {
        merged: min(sources, key=lambda code: (-people[code], code))
        for merged, sources in parts.items()
    }
    assert len(expected) == 97
    fitted = rows(
        warehouse_path,
        """
        SELECT lsoa21_code, lsoa11_code FROM conformed.lsoa_bridge_2011_2021
        WHERE change_code = 'M' AND is_best_fit_2021_to_2011""",
    )
    assert dict(fitted) == expected
    # Every merged 2011 LSOA carries its counts forward into the one 2021 LSOA.
    assert rows(
        warehouse_path,
        """
        SELECT count(*) FILTER (WHERE NOT is_best_fit_2011_to_2021)
        FROM conformed.lsoa_bridge_2011_2021 WHERE change_code = 'M'""",
    ) == [(0,)]


def test_an_irregular_change_fits_each_code_once(warehouse_path):
    # Welwyn Hatfield 014C was redrawn across two districts' 2021 LSOAs.
    fits = rows(
        warehouse_path,
        """
        SELECT lsoa21_code, change_code, is_best_fit_2011_to_2021
        FROM conformed.lsoa_bridge_2011_2021 WHERE lsoa11_code = 'E01023964'
        ORDER BY lsoa21_code""",
    )
    assert fits == [("E01035581", "X", True), ("E01035608", "X", False)]


def test_materialising_again_gives_the_same_tables(warehouse_path):
    count_sql = """
        SELECT (SELECT count(*) FROM conformed.lsoa_deprivation),
               (SELECT count(*) FILTER (WHERE is_core20) FROM conformed.lsoa_deprivation)"""
    before = rows(warehouse_path, count_sql)
    result = materialise_reference(
        warehouse_path,
        selection=dg.AssetSelection.assets(
            deprivation.reference_lsoa_deprivation, deprivation.lsoa_deprivation
        ),
    )
    assert result.success
    assert rows(warehouse_path, count_sql) == before == [(32_844 + 33_755, 6_568 + 6_751)]


# conformed.lsoa_deprivation as the release before reference bundles created it.
PREVIOUS_RELEASE_DEPRIVATION = """
CREATE SCHEMA conformed;
CREATE TABLE conformed.lsoa_deprivation (
    imd_version VARCHAR NOT NULL, lsoa_code VARCHAR NOT NULL, lsoa_vintage VARCHAR NOT NULL,
    imd_rank INTEGER NOT NULL, imd_decile INTEGER NOT NULL, imd_quintile INTEGER NOT NULL,
    is_core20 BOOLEAN NOT NULL, source_location VARCHAR NOT NULL, loaded_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (imd_version, lsoa_code)
);
INSERT INTO conformed.lsoa_deprivation
VALUES ('imd2019', 'E01000001', '2011', 29199, 9, 5, false, 'File_1.csv.gz', now());
"""


def test_a_warehouse_from_before_reference_bundles_loads_the_bundle(tmp_path):
    warehouse_path = tmp_path / "outcomes.duckdb"
    work_path = Warehouse(warehouse_path).work_path
    work_path.parent.mkdir(parents=True)
    with duckdb.connect(str(work_path)) as connection:
        connection.execute(PREVIOUS_RELEASE_DEPRIVATION)

    assert materialise_reference(warehouse_path).success
    version = current_bundle(SHIPPED_REFERENCE_DIR).version
    assert rows(
        warehouse_path,
        "SELECT imd_version, count(*), min(reference_version), max(reference_version) "
        "FROM conformed.lsoa_deprivation GROUP BY ALL ORDER BY 1",
    ) == [
        ("imd2019", ENGLAND_LSOAS["2011"], version, version),
        ("imd2025", ENGLAND_LSOAS["2021"], version, version),
    ]
