"""The Core20 aggregation (the dbt model conformed.core20_breakdown) on small hand-made LSOA
tables, with exact expected sums."""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

from assets.warehouse.dbt_build import DbtBuildError
from assets.warehouse.sql_files import statement
from assets.warehouse.store import Warehouse
from tests.pipeline_harness import build_place_models
from tests.test_core20_asset import croydon_place_row

# IMD2019 ranks LSOA 2011 codes (…11), IoD2025 LSOA 2021 codes (…21); A, B, C, D are unchanged.
DEPRIVATION = pl.DataFrame(
    [
        ("imd2019", "A", 1, 1),
        ("imd2019", "B", 2, 1),
        ("imd2019", "C", 6, 3),
        ("imd2019", "D", 10, 5),
        ("imd2019", "S11", 3, 2),
        ("imd2019", "M11a", 4, 2),
        ("imd2019", "M11b", 7, 4),
        ("imd2025", "A", 2, 1),
        ("imd2025", "B", 5, 3),
        ("imd2025", "C", 6, 3),
        ("imd2025", "D", 9, 5),
        ("imd2025", "S21a", 1, 1),
        ("imd2025", "S21b", 8, 4),
        ("imd2025", "M21", 2, 1),
    ],
    schema=["imd_version", "lsoa_code", "imd_decile", "imd_quintile"],
    orient="row",
)
# S11 split into S21a and S21b; M11a and M11b merged into M21 (M11b has more people).
BRIDGE = pl.DataFrame(
    [
        ("A", "A", True, True),
        ("B", "B", True, True),
        ("C", "C", True, True),
        ("D", "D", True, True),
        ("S11", "S21a", True, True),
        ("S11", "S21b", False, True),
        ("M11a", "M21", True, False),
        ("M11b", "M21", True, True),
    ],
    schema=["lsoa11_code", "lsoa21_code", "is_best_fit_2011_to_2021", "is_best_fit_2021_to_2011"],
    orient="row",
)
POPULATION = pl.DataFrame(
    [
        ("A", "2011", 1000),
        ("B", "2011", 1500),
        ("C", "2011", 1200),
        ("D", "2011", 1800),
        ("S11", "2011", 3000),
        ("M11a", "2011", 700),
        ("M11b", "2011", 900),
        ("NOWHERE", "2011", 400),
    ],
    schema=["lsoa_code", "lsoa_vintage", "population"],
    orient="row",
)
ZEROS = (0.0, 0.0, 0, 0)
VINTAGES = {"imd2019": "2011", "imd2025": "2021"}
# Each place's Core20 settings, and its cases: (indicator, period, counts), a count being
# (lsoa_code, lsoa_vintage, numerator, denominator). One dbt build a place.
SAME_VINTAGE = [
    ("A", "2011", 5.0, 100.0),
    ("B", "2011", 0.0, 50.0),  # a zero count is a count: kept in decile 2
    ("C", "2011", 7.0, 70.0),
    ("D", "2011", 2.0, 40.0),
    ("NOWHERE", "2011", 3.0, 30.0),  # in no deprivation table: unmatched, not dropped
]
BRIDGED_TO_2019 = [
    ("S21a", "2021", 4.0, 40.0),  # both parts of a split land in their one 2011 LSOA
    ("S21b", "2021", 6.0, 60.0),
    ("M21", "2021", 8.0, 80.0),  # a merge lands in its most populous 2011 part
    ("A", "2021", 1.0, 10.0),
    ("NEW21", "2021", 2.0, 20.0),  # not in the bridge: unmatched
]
BRIDGED_TO_2025 = [
    ("S11", "2011", 9.0, 90.0),  # a split lands in its best-fit part, S21a (decile 1)
    ("M11a", "2011", 1.0, 10.0),  # both merged parts land in M21 (decile 2)
    ("M11b", "2011", 2.0, 20.0),
    ("B", "2011", 3.0, 30.0),
]
PLACES = {
    "p2019": ("imd2019", [1, 2], [
        ("same", "2023/24", SAME_VINTAGE),
        ("bridged", "2023/24", BRIDGED_TO_2019),
        ("unknown", "2023/24", [("A", "2011", None, 100.0), ("C", "2011", 7.0, 70.0)]),
        ("grid", "2022/23", [("A", "2011", 1.0, 10.0)]),
        ("grid", "2023/24", [("D", "2011", 2.0, 20.0)]),
    ]),
    "p2025": ("imd2025", [1, 2], [("bridged", "2023/24", BRIDGED_TO_2025)]),
    "decile1": ("imd2019", [1], [("x", "2023/24", [("A", "2011", 5.0, 100.0), ("B", "2011", 1.0, 50.0)])]),
    "none": ("imd2019", [1, 2], []),
}  # fmt: skip


def _load(connection: duckdb.DuckDBPyConnection, place_id: str, imd_version: str,
          core20_deciles: list[int], cases: list) -> None:  # fmt: skip
    """A place row, and its cases' counts as current extract rows."""
    connection.execute(
        statement("places/insert_place"),
        croydon_place_row(imd_version) | {"place_id": place_id, "core20_deciles": core20_deciles},
    )
    for indicator, period, rows in cases:
        for number, (lsoa, vintage, numerator, denominator) in enumerate(rows):
            connection.execute(
                "INSERT INTO conformed.fact_extract_value BY NAME SELECT 'test' AS source_id, "
                "$indicator AS catalogue_indicator_id, $lsoa AS area_code, "
                "'lsoa' || $vintage AS area_level, 'Persons' AS sex, 'All ages' AS age, "
                "'' AS breakdown, $period AS period_label, 1 AS revision, "
                "DATE '2023-04-01' AS period_start, DATE '2024-03-31' AS period_end, "
                "$numerator AS numerator, $denominator AS denominator, $place AS place, "
                "false AS is_synthetic, true AS is_current, 1 AS file_id, "
                "'test' AS file_sha256, $row AS source_row, now() AS loaded_at",
                {"indicator": indicator, "lsoa": lsoa, "vintage": vintage, "period": period,
                 "numerator": numerator, "denominator": denominator, "place": place_id,
                 "row": number},
            )  # fmt: skip


def _load_reference(connection: duckdb.DuckDBPyConnection) -> None:
    for imd_version, lsoa, decile, quintile in DEPRIVATION.iter_rows():
        connection.execute(
            "INSERT INTO conformed.lsoa_deprivation VALUES "
            "(?, ?, ?, 1, ?, ?, ? <= 2, 'test', 'test', now())",
            [imd_version, lsoa, VINTAGES[imd_version], decile, quintile, decile],
        )
    for lsoa11, lsoa21, to_2021, to_2011 in BRIDGE.iter_rows():
        connection.execute(
            "INSERT INTO conformed.lsoa_bridge_2011_2021 VALUES "
            "(?, ?, 'U', 'x', 1, 1, ?, ?, 'test', 'test', now())",
            [lsoa11, lsoa21, to_2021, to_2011],
        )
    for lsoa, vintage, people in POPULATION.iter_rows():
        connection.execute(
            "INSERT INTO conformed.lsoa_population VALUES "
            "(?, ?, 2020, 'persons', 'all ages', 0, NULL, ?, 'test', 'test', now())",
            [lsoa, vintage, people],
        )


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Warehouse:
    """Every place's cases loaded, and each place's breakdown built by the model."""
    warehouse = Warehouse(tmp_path_factory.mktemp("core20") / "outcomes.duckdb")
    with warehouse.transaction() as connection:
        _load_reference(connection)
        for place_id, (imd_version, deciles, cases) in PLACES.items():
            _load(connection, place_id, imd_version, deciles, cases)
    # All at once, as a night's refresh builds them: each place's rows are its own.
    build_place_models(warehouse.work_path, list(PLACES), "core20_breakdown")
    return warehouse


def breakdown(warehouse: Warehouse, place_id: str, indicator: str | None = None) -> pl.DataFrame:
    with duckdb.connect(str(warehouse.work_path), read_only=True) as connection:
        return connection.sql(
            "SELECT * FROM conformed.core20_breakdown WHERE place_id = $place "
            "AND indicator = coalesce($indicator, indicator)",
            params={"place": place_id, "indicator": indicator},
        ).pl()


def by_group(result: pl.DataFrame) -> dict[tuple[str, str], tuple]:
    """(breakdown_type, breakdown_value) → (numerator, denominator, lsoa_count, population)."""
    return {
        (row["breakdown_type"], row["breakdown_value"]): (
            row["numerator"],
            row["denominator"],
            row["lsoa_count"],
            row["population"],
        )
        for row in result.iter_rows(named=True)
    }


def test_same_vintage_with_a_zero_count_and_an_unmatched_lsoa(warehouse):
    result = breakdown(warehouse, "p2019", "same")
    assert by_group(result) == {
        ("core20", "core20"): (5.0, 150.0, 2, 2500),
        ("core20", "rest of place"): (9.0, 110.0, 2, 3000),
        ("core20", "unmatched"): (3.0, 30.0, 1, 400),
        ("quintile", "1"): (5.0, 150.0, 2, 2500),
        ("quintile", "2"): ZEROS,
        ("quintile", "3"): (7.0, 70.0, 1, 1200),
        ("quintile", "4"): ZEROS,
        ("quintile", "5"): (2.0, 40.0, 1, 1800),
        ("quintile", "unmatched"): (3.0, 30.0, 1, 400),
        ("decile", "1"): (5.0, 100.0, 1, 1000),
        ("decile", "2"): (0.0, 50.0, 1, 1500),
        **{("decile", str(d)): ZEROS for d in (3, 4, 5, 7, 8, 9)},
        ("decile", "6"): (7.0, 70.0, 1, 1200),
        ("decile", "10"): (2.0, 40.0, 1, 1800),
        ("decile", "unmatched"): (3.0, 30.0, 1, 400),
    }
    assert set(result["unmatched_lsoas"]) == {1}
    assert set(result["imd_version"]) == {"imd2019"}
    assert set(result["indicator"]) == {"same"} and set(result["period_label"]) == {"2023/24"}
    # Each breakdown type partitions the same LSOAs: its rows add up to the input's totals.
    totals = result.group_by("breakdown_type").agg(
        pl.col("numerator", "denominator", "lsoa_count").sum()
    )
    assert set(totals.select("numerator", "denominator", "lsoa_count").iter_rows()) == {
        (17.0, 290.0, 5)
    }


def test_lsoa_2021_counts_are_bridged_to_imd2019(warehouse):
    result = breakdown(warehouse, "p2019", "bridged")
    groups = by_group(result)
    # No LSOA 2021 population is known: population sums are unknown, never zero.
    assert groups[("decile", "3")] == (10.0, 100.0, 2, None)
    assert groups[("decile", "7")] == (8.0, 80.0, 1, None)
    assert groups[("decile", "4")] == ZEROS
    assert groups[("core20", "core20")] == (1.0, 10.0, 1, None)
    assert groups[("core20", "rest of place")] == (18.0, 180.0, 3, None)
    assert groups[("core20", "unmatched")] == (2.0, 20.0, 1, None)
    assert set(result["unmatched_lsoas"]) == {1}


def test_lsoa_2011_counts_are_bridged_to_imd2025(warehouse):
    result = breakdown(warehouse, "p2025", "bridged")
    groups = by_group(result)
    assert groups[("decile", "1")] == (9.0, 90.0, 1, 3000)
    assert groups[("decile", "2")] == (3.0, 30.0, 2, 1600)
    assert groups[("decile", "5")] == (3.0, 30.0, 1, 1500)
    assert groups[("decile", "8")] == ZEROS
    assert groups[("core20", "core20")] == (12.0, 120.0, 3, 4600)
    assert groups[("quintile", "3")] == (3.0, 30.0, 1, 1500)
    assert ("core20", "unmatched") not in groups
    assert set(result["unmatched_lsoas"]) == {0}


def test_an_unknown_count_makes_its_group_unknown(warehouse):
    result = breakdown(warehouse, "p2019", "unknown")
    groups = by_group(result)
    assert groups[("decile", "1")] == (None, 100.0, 1, 1000)
    assert groups[("core20", "core20")] == (None, 100.0, 1, 1000)
    assert groups[("core20", "rest of place")] == (7.0, 70.0, 1, 1200)


def test_a_place_may_count_decile_1_alone_as_core20(warehouse):
    result = breakdown(warehouse, "decile1", "x")
    groups = by_group(result)
    assert groups[("core20", "core20")] == (5.0, 100.0, 1, 1000)
    assert groups[("core20", "rest of place")] == (1.0, 50.0, 1, 1500)


def test_every_key_gets_the_full_grid(warehouse):
    result = breakdown(warehouse, "p2019", "grid")
    # Core20 and rest, 5 quintiles, 10 deciles for each period; no unmatched rows.
    assert result.group_by("period_label").len().sort("period_label").rows() == [
        ("2022/23", 17),
        ("2023/24", 17),
    ]
    assert result.filter(pl.col("period_label") == "2022/23", pl.col("breakdown_value") == "10")[
        "lsoa_count"
    ].to_list() == [0]


def test_no_counts_give_no_rows(warehouse):
    result = breakdown(warehouse, "none")
    assert result.is_empty()
    assert result.columns == [
        "place_id",
        "source_id",
        "indicator",
        "sex",
        "age",
        "extract_breakdown",
        "period_label",
        "is_synthetic",
        "imd_version",
        "breakdown_type",
        "breakdown_value",
        "numerator",
        "denominator",
        "lsoa_count",
        "population",
        "unmatched_lsoas",
        "reference_version",
    ]


def test_a_repeated_lsoa_is_refused_rather_than_counted_twice(warehouse):
    with warehouse.transaction() as connection:
        _load(connection, "twice", "imd2019", [1, 2],
              [("x", "2023/24", [("A", "2011", 1.0, 10.0), ("A", "2011", 2.0, 20.0)])])  # fmt: skip
    with pytest.raises(DbtBuildError, match="repeats LSOA A of x 2023/24"):
        build_place_models(warehouse.work_path, ["twice"], "core20_breakdown")
    assert breakdown(warehouse, "twice").is_empty()
