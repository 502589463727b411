"""Each indicator's benchmarking method read from Fingertips' group roots, end to end: the stand-in
API serves real downloads with roots saying 99.8% for 93532 and quintiles for 1730, and the
verdicts follow them (assets/fingertips/group_roots.py has the response shape and its source)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.runner import RunRequest
from synthetic.group_roots import CONFIDENCE_INTERVALS, QUINTILES
from tests.fingertips_api_server import (
    GSS_COGS_INDICATORS,
    benchmarking_routes,
    fixture_benchmarking,
    with_method,
)
from tests.pipeline_harness import query, run, serve, settings_for


@pytest.fixture(scope="module")
def warehouse(shared_data, tmp_path_factory, make_httpserver) -> Path:
    make_httpserver.clear()
    entries = with_method(fixture_benchmarking(), 93532, CONFIDENCE_INTERVALS, 99.8)
    entries = with_method(entries, 1730, QUINTILES, 0.0)
    api_url = serve(make_httpserver, shared_data, first=benchmarking_routes(entries))
    settings = settings_for(api_url, tmp_path_factory.mktemp("warehouse"))
    assert run(settings, RunRequest([93532], "502:15")).success
    assert run(settings, RunRequest(list(GSS_COGS_INDICATORS), "102:6")).success
    return settings.warehouse


def test_dim_indicator_holds_each_method_from_the_roots(warehouse):
    assert query(
        warehouse,
        "SELECT indicator_id, comparator_method_id, comparator_confidence "
        "FROM conformed.dim_indicator WHERE indicator_id IN (93532, 1730, 91872, 10101) ORDER BY 1",
    ) == [(1730, 15, None), (10101, 1, 95.0), (91872, -1, None), (93532, 1, 99.8)]


def test_a_root_at_99_8_gives_99_8_verdicts(warehouse):
    rows = query(
        warehouse,
        "SELECT DISTINCT benchmark_method FROM marts.indicator_verdicts WHERE indicator_id = 93532",
    )
    assert rows == [("Confidence intervals overlapping reference value (99.8)",)]
    # Low is good: by hand, England's value against each area's own 99.8% interval.
    mismatches = query(
        warehouse,
        """SELECT count(*), count(*) FILTER (WHERE v.compared_to_england IS DISTINCT FROM
                CASE WHEN f.lower_ci_99_8 IS NULL THEN 'Not compared'
                     WHEN e.value BETWEEN f.lower_ci_99_8 AND f.upper_ci_99_8 THEN 'Similar'
                     WHEN f.lower_ci_99_8 > e.value THEN 'Worse' ELSE 'Better' END)
           FROM marts.indicator_verdicts v
           JOIN conformed.fact_indicator_value f USING (indicator_id, area_code, area_type, sex,
                age, category_type, category, time_period)
           JOIN conformed.fact_indicator_value e ON e.indicator_id = f.indicator_id
            AND e.area_code = 'E92000001' AND e.time_period = f.time_period
            AND e.sex = f.sex AND e.age = f.age AND e.category_type = ''
           WHERE v.indicator_id = 93532 AND v.area_code <> 'E92000001'""",
    )
    assert mismatches[0][0] > 0 and mismatches[0][1] == 0


def test_a_root_by_quintiles_gives_quintile_words(warehouse):
    # The nine East Midlands counties of 2016, ranked among themselves (BOB: numbered from the
    # lowest value up).
    rows = query(
        warehouse,
        "SELECT v.compared_to_england, v.benchmark_method, f.value "
        "FROM marts.indicator_verdicts v JOIN conformed.fact_indicator_value f USING "
        "(indicator_id, area_code, area_type, sex, age, category_type, category, time_period) "
        "WHERE v.indicator_id = 1730 AND v.area_type_id = 102 AND v.category_type = '' "
        "ORDER BY f.value",
    )
    assert {method for _, method, _ in rows} == {"Quintiles"}
    words = [word for word, _, _ in rows]
    assert len(words) == 9
    assert words[0] == "Lowest quintile" and words[-1] == "Highest quintile"
    assert set(words) <= {
        "Lowest quintile",
        "2nd lowest quintile",
        "Middle quintile",
        "2nd highest quintile",
        "Highest quintile",
    }
