"""Real Fingertips files, served over loopback HTTP, through the whole asset graph and published.

Every row and value of each real download must arrive in conformed.fact_indicator_value unchanged.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest

from assets.fingertips.verdict_rows import indicator_verdicts
from pipelines.runner import RunRequest
from tests.fingertips_api_server import GSS_COGS_INDICATORS
from tests.pipeline_harness import query, run, serve, settings_for, working_copy

REAL_RUNS = [
    ("gss_cogs_indicators-CountyUApre419.data.csv", RunRequest(list(GSS_COGS_INDICATORS), "102:6")),
    ("ons_sdg_3-5-1_unmet_alcohol.csv", RunRequest([93532], "502:15")),
    ("ons_sdg_3-5-1_unmet_opiates.csv", RunRequest([93517], "502:15")),
    ("ons_sdg_3-9-1_old_series_30101.csv", RunRequest([30101], every_area_type=True)),
]
NUMBERS = (
    "Value",
    "Lower CI 95.0 limit",
    "Upper CI 95.0 limit",
    "Lower CI 99.8 limit",
    "Upper CI 99.8 limit",
    "Count",
    "Denominator",
)
TEXTS = (
    "Area Name",
    "Parent Code",
    "Value note",
    "Recent Trend",
    "Compared to England value or percentiles",
    "Time period range",
)


def _file_rows(path: Path) -> list[dict[str, str | None]]:
    """The file as a user reads it: R's re-save folded back to the API's header and empty cells."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    resaved = header[0] == ""
    if resaved:
        header = [name.replace(".", " ") for name in header[1:]]
        header = [
            name.replace("CI 95 0", "CI 95.0").replace("CI 99 8", "CI 99.8") for name in header
        ]
        body = [row[1:] for row in body]
    empty = {"", "NA"} if resaved else {""}
    header[22] = "Compared to parent"
    return [
        {name: (None if cell in empty else cell) for name, cell in zip(header, row)} for row in body
    ]


def _key(row: dict) -> tuple:
    return (
        int(row["Indicator ID"]),
        row["Area Code"],
        row["Area Type"],
        row["Sex"],
        row["Age"],
        row["Category Type"] or "",
        row["Category"] or "",
        row["Time period"],
    )


def _number(text: str | None) -> float | None:
    return None if text is None else float(text)


@pytest.fixture(scope="module")
def published_warehouse(shared_data, tmp_path_factory, make_httpserver) -> Path:
    """One warehouse holding every real file, each ingested by its own `outcomes ingest`-style run."""
    make_httpserver.clear()
    api_url = serve(make_httpserver, shared_data)
    settings = settings_for(api_url, tmp_path_factory.mktemp("warehouse"))
    for _, request in REAL_RUNS:
        assert run(settings, request).success
    return settings.warehouse


@pytest.mark.parametrize("file_name", [name for name, _ in REAL_RUNS])
def test_every_row_and_value_arrives_unchanged(file_name, published_warehouse, shared_data):
    path = shared_data / "fingertips" / "all_data" / file_name
    expected = {_key(row): row for row in _file_rows(path)}
    actual = query(
        published_warehouse,
        """SELECT indicator_id, area_code, area_type, sex, age, category_type, category,
                  time_period, value, lower_ci_95, upper_ci_95, lower_ci_99_8, upper_ci_99_8,
                  count, denominator, area_name, parent_code, value_note,
                  fingertips_recent_trend, fingertips_compared_to_england, time_period_range,
                  fingertips_compared_to_parent, time_period_sortable
           FROM conformed.fact_indicator_value
           WHERE source_url LIKE '%' || ? || '%'""",
        [_query_marker(file_name)],
    )
    assert len(actual) == len(expected) == len(_file_rows(path))
    for row in actual:
        key, numbers, texts = row[:8], row[8:15], row[15:21]
        source = expected[key]
        assert numbers == tuple(_number(source[name]) for name in NUMBERS), key
        assert texts == tuple(source.get(name) for name in TEXTS), key
        assert row[21] == source["Compared to parent"], key
        assert row[22] == int(source["Time period Sortable"]), key


def _query_marker(file_name: str) -> str:
    """What identifies each file's request in its source URL."""
    return {
        "gss_cogs_indicators-CountyUApre419.data.csv": "child_area_type_id=102",
        "ons_sdg_3-5-1_unmet_alcohol.csv": "indicator_ids=93532",
        "ons_sdg_3-5-1_unmet_opiates.csv": "indicator_ids=93517",
        "ons_sdg_3-9-1_old_series_30101.csv": "for_one_indicator?indicator_id=30101",
    }[file_name]


def test_row_counts_per_file(published_warehouse):
    counts = dict(
        query(
            working_copy(published_warehouse),
            "SELECT layout, sum(rows) FROM (SELECT r.layout, count(*) AS rows "
            "FROM raw.fingertips_all_data a JOIN raw.fingertips_responses r USING (response_id) "
            "GROUP BY r.response_id, r.layout) GROUP BY layout",
        )
    )
    assert counts == {"all_data-26": 87, "all_data-27": 30, "all_data-27-resaved-by-r": 1236}
    assert query(published_warehouse, "SELECT count(*) FROM conformed.fact_indicator_value") == [
        (87 + 17 + 13 + 1236,)
    ]


def test_empty_cells_are_nulls_and_known_values_exact(published_warehouse):
    # Hartlepool's 2019/20 opiates row, exactly as the file has it; no 99.8% limits in the file.
    assert query(
        published_warehouse,
        "SELECT value, lower_ci_95, upper_ci_95, lower_ci_99_8, upper_ci_99_8, count, denominator, "
        "value_note, fingertips_compared_to_england, area_type_id "
        "FROM conformed.fact_indicator_value WHERE indicator_id = 93517 "
        "AND area_code = 'E06000001' AND time_period = '2019/20'",
    ) == [(48.77014419, 40.39473682, 59.05084746, None, None, 575.0, 1179.0, None, "Similar", 502)]


def test_deprivation_rows_sit_beside_headline_rows(published_warehouse):
    rows = query(
        published_warehouse,
        "SELECT category_type, count(*) FROM conformed.fact_indicator_value "
        "WHERE indicator_id = 30101 GROUP BY ALL ORDER BY ALL",
    )
    assert [name for name, _ in rows] == [
        "",
        "County & UA deprivation deciles in England (IMD2019, 4/19 and 4/20 geog.)",
        "District & UA deprivation deciles in England (IMD2019, 4/20 geog.)",
    ]
    assert sum(count for _, count in rows) == 1236


def test_periods_get_dates_by_year_type(published_warehouse):
    assert query(
        published_warehouse,
        "SELECT DISTINCT time_period, period_start, period_end FROM conformed.fact_indicator_value "
        "WHERE indicator_id IN (93532, 30101) ORDER BY 1",
    ) == [
        ("2017", *_dates("2017-01-01", "2017-12-31")),
        ("2018", *_dates("2018-01-01", "2018-12-31")),
        ("2018/19", *_dates("2018-04-01", "2019-03-31")),
        ("2019", *_dates("2019-01-01", "2019-12-31")),
        ("2019/20", *_dates("2019-04-01", "2020-03-31")),
        ("2020/21", *_dates("2020-04-01", "2021-03-31")),
    ]


def _dates(start: str, end: str) -> tuple:
    from datetime import date

    return date.fromisoformat(start), date.fromisoformat(end)


def _agreement(warehouse: Path, column: str, indicator_ids: list[int]) -> tuple[int, int]:
    ((agree, judged),) = query(
        warehouse,
        f"SELECT count(*) FILTER (WHERE {column}), count({column}) FROM marts.indicator_verdicts "
        "WHERE list_contains(?, indicator_id)",
        [indicator_ids],
    )
    return agree, judged


def test_our_comparisons_agree_with_every_published_one(published_warehouse):
    """Compared with England and with the parent: ours are Fingertips' published words, labels
    included, wherever Fingertips published one (BOB indicators Higher/Lower, RAG ones
    Better/Worse, "Not applicable" ones Not compared)."""
    gss = list(GSS_COGS_INDICATORS)
    assert _agreement(published_warehouse, "agrees_england", gss) == (45, 45)
    assert _agreement(published_warehouse, "agrees_parent", gss) == (40, 40)
    # England's own rows and the 5 with no 95% limits are "Not compared" on both sides: no verdict.
    assert _agreement(published_warehouse, "agrees_england", [93532, 93517]) == (21, 21)


def test_every_published_word_is_ours(published_warehouse):
    """Every row of every real download: our England and parent words equal Fingertips' (a parent
    column the download does not use is our "Not compared")."""
    assert query(
        published_warehouse,
        "SELECT count(*), count(*) FILTER (WHERE compared_to_england IS DISTINCT FROM "
        "fingertips_compared_to_england OR compared_to_parent IS DISTINCT FROM "
        "coalesce(fingertips_compared_to_parent, 'Not compared')) FROM marts.indicator_verdicts",
    ) == [(87 + 17 + 13 + 1236, 0)]


def test_recent_trend_is_not_comparable_without_the_history(published_warehouse):
    # No download carries five periods of any series, so ours cannot be calculated: where
    # Fingertips published a marker from history the warehouse does not hold (10101, 11202,
    # 11501), agreement is null, not a disagreement.
    assert _agreement(published_warehouse, "agrees_trend", list(GSS_COGS_INDICATORS)) == (0, 0)
    assert query(
        published_warehouse,
        "SELECT DISTINCT recent_trend, trend_periods FROM marts.indicator_verdicts "
        "WHERE indicator_id = 10101",
    ) == [("Cannot be calculated", "2016")]
    assert query(
        published_warehouse,
        "SELECT sum(trend_agree), sum(trend_disagree), sum(trend_not_comparable) "
        "FROM marts.indicator_verdict_agreement WHERE indicator_id IN (10101, 11202, 11501)",
    ) == [(0, 0, 33)]


def test_area_types_of_mixed_downloads_come_from_the_listings(published_warehouse):
    """Regions in a County & UA download are regions (6); in the every-area-type download of
    30101, codes listed under one pulled type get it, and codes no pulled listing holds
    (districts, combined authorities, PHE centres) stay unresolved for the dbt test to report."""
    rows = dict(
        query(
            published_warehouse,
            "SELECT area_type || ':' || coalesce(CAST(area_type_id AS VARCHAR), '-'), count(*) "
            "FROM conformed.fact_indicator_value WHERE indicator_id = 30101 GROUP BY ALL",
        )
    )
    assert rows["England:15"] == 23 and rows["Region:6"] == 27
    assert rows["District:-"] == 593 and rows["Combined authorities:-"] == 29
    assert query(
        published_warehouse,
        "SELECT DISTINCT area_type, area_type_id FROM conformed.fact_indicator_value "
        "WHERE indicator_id = 1730 ORDER BY 2",
    ) == [("Region", 6), ("England", 15), ("County & UA (pre 4/19)", 102)]


def test_sii_from_fingertips_decile_rows(published_warehouse):
    """30101's England rows by IMD2019 decile for 2019, both decile types: ten deciles each, the
    fine-particulate fraction barely changes with deprivation (an SII of a fraction of a point)."""
    rows = query(
        published_warehouse,
        "SELECT category_type, quantiles, sii, rii FROM marts.fingertips_inequalities "
        "WHERE indicator_id = 30101 AND time_period = '2019' ORDER BY category_type",
    )
    assert [(kind[:6], quantiles) for kind, quantiles, _, _ in rows] == [
        ("County", 10),
        ("Distri", 10),
    ]
    for _, _, sii, rii in rows:
        assert -0.5 < sii < 0 and 0.9 < rii < 1.0


def test_comparison_at_99_8_uses_the_99_8_interval(published_warehouse):
    # Rows of the GSS Cogs download that carry 99.8% limits.
    rows = query(
        published_warehouse,
        "SELECT v.compared_to_england, v.compared_to_england_99_8, f.value, f.lower_ci_99_8, "
        "f.upper_ci_99_8, e.value FROM marts.indicator_verdicts v "
        "JOIN conformed.fact_indicator_value f USING (indicator_id, area_code, area_type, sex, "
        "age, category_type, category, time_period) "
        "JOIN conformed.fact_indicator_value e ON e.indicator_id = f.indicator_id "
        "AND e.area_code = 'E92000001' AND e.time_period = f.time_period "
        # "Not applicable" indicators (11202) are not compared at any level, as in Fingertips.
        "WHERE f.lower_ci_99_8 IS NOT NULL AND f.area_code <> 'E92000001' "
        "AND v.polarity <> 'not_applicable'",
    )
    assert len(rows) == 10
    for _, at_99_8, _, lower, upper, england in rows:
        assert at_99_8 in {"Better", "Similar", "Worse", "Higher", "Lower"}
        assert (at_99_8 == "Similar") == (lower <= england <= upper)
    # A wider interval can only turn a 95% difference into "Similar", never the other way.
    assert all(at_95 != "Similar" or at_99_8 == "Similar" for at_95, at_99_8, *_ in rows)


def _copy_of(published_warehouse: Path, tmp_path: Path) -> Path:
    """A copy of the warehouse's working copy, as a WarehouseResource at tmp_path opens it."""
    from assets.warehouse.store import Warehouse

    copy = Warehouse(tmp_path / "outcomes.duckdb").work_path
    copy.parent.mkdir(parents=True)
    shutil.copy(working_copy(published_warehouse), copy)
    return copy


def _resources(tmp_path: Path) -> dict:
    from pipelines.resources import CatalogueResource, WarehouseResource
    from pipelines.settings import PROJECT_ROOT

    return {
        "warehouse": WarehouseResource(path=str(tmp_path / "outcomes.duckdb")),
        "catalogue": CatalogueResource(folder=str(PROJECT_ROOT / "indicator_catalogue")),
    }


def test_a_large_indicator_judged_in_parts_by_area_gets_the_verdicts_it_gets_whole(
    published_warehouse, tmp_path, monkeypatch
):
    """Past VALUES_PER_PART values an indicator is judged a part of its areas at a time (so a
    1 GB download fits in memory); here parts of a few values, on a copy of the warehouse."""
    from assets.fingertips import verdicts

    copy = _copy_of(published_warehouse, tmp_path)
    every_verdict = "SELECT * FROM marts.indicator_verdicts ORDER BY ALL"
    whole = query(copy, every_verdict)
    with duckdb.connect(str(copy)) as connection:
        connection.execute("DELETE FROM marts.indicator_verdicts")
    judged = []
    monkeypatch.setattr(verdicts, "VALUES_PER_PART", 40)
    monkeypatch.setattr(
        verdicts,
        "indicator_verdicts",
        lambda values, catalogue: (
            judged.append(values.height) or indicator_verdicts(values, catalogue)
        ),
    )

    verdicts.fingertips_verdicts(**_resources(tmp_path))

    assert query(copy, every_verdict) == whole
    assert len(whole) == sum(judged) == 87 + 17 + 13 + 1236
    # 30101's 1,236 values in parts of about 40 by area; the three small indicators in one batch.
    assert len(judged) > 20
    assert max(judged) < 200


def test_verdicts_and_inequalities_are_computed_again_only_for_the_indicator_that_moved(
    published_warehouse, tmp_path
):
    """30101's facts fetched again (a later fetched_at): its 1,236 verdicts and its inequalities
    are computed again, to the same values; the other indicators' are left as they were."""
    from assets.fingertips.verdicts import fingertips_inequalities, fingertips_verdicts

    copy = _copy_of(published_warehouse, tmp_path)
    every_row = "SELECT * EXCLUDE (inputs_fetched_at) FROM {} ORDER BY ALL"
    tables = ("marts.indicator_verdicts", "marts.fingertips_inequalities")
    inputs = "SELECT indicator_id, max(inputs_fetched_at) FROM {} GROUP BY ALL"
    before = [query(copy, every_row.format(table)) for table in tables]
    inputs_before = [dict(query(copy, inputs.format(table))) for table in tables]
    (decile_series,) = query(
        copy, "SELECT count(*) FROM marts.fingertips_inequalities WHERE indicator_id = 30101"
    )
    with duckdb.connect(str(copy)) as connection:
        connection.execute(
            "UPDATE conformed.fact_indicator_value SET fetched_at = fetched_at + INTERVAL 1 DAY "
            "WHERE indicator_id = 30101"
        )
    resources = _resources(tmp_path)

    judged = fingertips_verdicts(**resources).metadata
    computed = fingertips_inequalities(warehouse=resources["warehouse"]).metadata

    assert (judged["indicators_judged"].value, judged["rows_judged"].value) == (1, 1236)
    assert (computed["indicators_computed"].value, computed["rows_computed"].value) == (
        1,
        decile_series[0],
    )
    assert [query(copy, every_row.format(table)) for table in tables] == before
    for table, was in zip(tables, inputs_before, strict=True):
        now = dict(query(copy, inputs.format(table)))
        assert [indicator for indicator in now if now[indicator] != was[indicator]] == [30101]
    # Nothing moved since: nothing is computed again.
    assert fingertips_verdicts(**resources).metadata["rows_judged"].value == 0
    again = fingertips_inequalities(warehouse=resources["warehouse"]).metadata
    assert again["rows_computed"].value == 0
