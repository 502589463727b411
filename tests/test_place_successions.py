"""A place whose code changed across boundary vintages: a continuous series where the old area
became the new one whole, a break flag where it split."""

from __future__ import annotations

from datetime import date

import pytest

from assets.places.succession import Succession, upper_tier_successions
from assets.reference.bundle import SHIPPED_REFERENCE_DIR, current_bundle
from assets.warehouse.sql_files import statement
from assets.warehouse.store import Warehouse
from tests.pipeline_harness import build_place_models

INDICATOR = 90366


def test_2021_to_2023_successions_from_the_ons_lookups():
    assert upper_tier_successions(current_bundle(SHIPPED_REFERENCE_DIR)) == [
        Succession("E10000006", "E06000063", continuous=False),  # Cumbria → Cumberland
        Succession("E10000006", "E06000064", continuous=False),  # → Westmorland and Furness
        Succession("E10000023", "E06000065", continuous=True),  # North Yorkshire
        Succession("E10000027", "E06000066", continuous=True),  # Somerset
    ]


def _place(connection, place_id: str, code: str, region: str) -> None:
    connection.execute(
        statement("places/insert_place"),
        {
            "place_id": place_id,
            "place_name": place_id,
            "area_codes": [code],
            "area_type_id": 502,
            "region_code": region,
            "region_name": "region",
            "icb_code": "E54000000",
            "icb_name": "icb",
            "nearest_neighbours": [],
            "review_cadence": "annual",
            "review_month": 10,
            "trajectory_years": 5,
            "imd_version": "imd2019",
            "core20_deciles": [1, 2],
            "file_sha256": "test",
        },
    )
    connection.execute(
        statement("places/insert_place_measure"),
        {
            "place_id": place_id,
            "outcome_id": "o",
            "outcome_name": "o",
            "priority_id": "p",
            "priority_name": "p",
            "measure_id": "LE",
            "measure_name": "Life expectancy",
            "measure_order": 1,
            "role": "outcome",
            "catalogue_indicator_id": "x",
            "fingertips_indicator_id": INDICATOR,
            "framework": "PHOF",
            "framework_code": "A01b",
            "is_local": False,
            "unit": "years",
            "value_type": "life expectancy",
            "frequency": "annual",
            "polarity": "higher_is_better",
            "indicator_status": "live",
            "replaced_by": None,
            "sex": None,
            "age": None,
            "core20": False,
            "target_value": None,
            "target_by": None,
            "target_direction": None,
        },
    )


# A new working copy has conformed.fact_indicator_value, empty, for dbt to build from raw;
# these tests write its rows directly.
def _value(connection, code: str, year: int, value: float) -> None:
    connection.execute(
        "INSERT INTO conformed.fact_indicator_value (indicator_id, area_code, area_type, sex, age, "
        "category_type, category, time_period, value, period_start, period_end, source, "
        "source_url, response_id, source_row, fetched_at) VALUES (?, ?, 'UA', 'Persons', "
        "'All ages', '', '', ?, ?, ?, ?, 'fingertips', 'test', 1, 1, now())",
        [INDICATOR, code, str(year), value, date(year, 1, 1), date(year, 12, 31)],
    )


@pytest.fixture
def warehouse(tmp_path) -> Warehouse:
    return Warehouse(tmp_path / "outcomes.duckdb")


def _series(warehouse: Warehouse, place_id: str) -> list[tuple]:
    """The place's series, as its place_measure_values model builds them."""
    build_place_models(warehouse.work_path, [place_id], "place_measure_values")
    with warehouse.reader() as connection:
        return connection.execute(
            "SELECT time_period, area_code, series_area_code, value, series_break "
            "FROM marts.place_measure_values WHERE place_id = ? ORDER BY time_period",
            [place_id],
        ).fetchall()


def test_north_yorkshire_continues_through_its_county_code(warehouse):
    with warehouse.transaction() as connection:
        _place(connection, "north-yorkshire", "E06000065", "E12000003")
        connection.execute(
            statement("places/insert_place_area_predecessor"),
            {
                "place_id": "north-yorkshire",
                "area_code": "E06000065",
                "predecessor_code": "E10000023",
                "predecessor_area_type_id": 402,
                "continuous": True,
            },
        )
        for year, value in ((2020, 81.0), (2021, 81.2), (2022, 81.1)):
            _value(connection, "E10000023", year, value)
        # 2022 is published under both codes: the current one wins.
        for year, value in ((2022, 81.15), (2023, 81.4)):
            _value(connection, "E06000065", year, value)
    assert _series(warehouse, "north-yorkshire") == [
        ("2020", "E06000065", "E10000023", 81.0, False),
        ("2021", "E06000065", "E10000023", 81.2, False),
        ("2022", "E06000065", "E06000065", 81.15, False),
        ("2023", "E06000065", "E06000065", 81.4, False),
    ]


def test_cumberland_starts_a_new_series_with_a_break(warehouse):
    with warehouse.transaction() as connection:
        _place(connection, "cumberland", "E06000063", "E12000002")
        connection.execute(
            statement("places/insert_place_area_predecessor"),
            {
                "place_id": "cumberland",
                "area_code": "E06000063",
                "predecessor_code": "E10000006",
                "predecessor_area_type_id": 402,
                "continuous": False,
            },
        )
        _value(connection, "E10000006", 2021, 80.0)  # Cumbria: not Cumberland's area
        _value(connection, "E06000063", 2023, 79.5)
        _value(connection, "E06000063", 2024, 79.7)
    assert _series(warehouse, "cumberland") == [
        ("2023", "E06000063", "E06000063", 79.5, True),
        ("2024", "E06000063", "E06000063", 79.7, False),
    ]
