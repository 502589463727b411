"""fingertips-py, OHID's own Python client, read against the same stand-in API, agrees with the
warehouse row for row. The pipeline does not use it to fetch (no timeouts or retries, TLS switched
off on SSL errors, whole downloads in pandas memory); here it is an independent second reader."""

from __future__ import annotations

import math

import fingertips_py.retrieve_data
import pytest

from pipelines.runner import RunRequest
from tests.fingertips_api_server import GSS_COGS_INDICATORS
from tests.pipeline_harness import query, run, serve, settings_for

CASES = [
    (list(GSS_COGS_INDICATORS), 102, 6),
    ([93532], 502, 15),
    ([93517], 502, 15),
]


@pytest.mark.parametrize(("indicator_ids", "child", "parent"), CASES)
def test_fingertips_py_reads_what_the_warehouse_holds(
    indicator_ids, child, parent, httpserver, shared_data, tmp_path, monkeypatch
):
    api_url = serve(httpserver, shared_data)
    settings = settings_for(api_url, tmp_path)
    assert run(settings, RunRequest(indicator_ids, f"{child}:{parent}")).success

    monkeypatch.setattr(fingertips_py.retrieve_data, "base_url", api_url)
    frame = fingertips_py.retrieve_data.get_data_by_indicator_ids(
        sorted(indicator_ids), child, parent
    )
    theirs = {
        (
            int(row["Indicator ID"]),
            row["Area Code"],
            row["Time period"],
            "" if _missing(row["Category"]) else row["Category"],
        ): row["Value"]
        for _, row in frame.iterrows()
    }
    ours = {
        (indicator_id, area, period, category): value
        for indicator_id, area, period, category, value in query(
            settings.warehouse,
            "SELECT indicator_id, area_code, time_period, category, value "
            "FROM conformed.fact_indicator_value WHERE list_contains(?, indicator_id)",
            [indicator_ids],
        )
    }
    assert len(frame) == len(ours) == len(theirs)
    assert set(ours) == set(theirs)
    for key, value in ours.items():
        if value is None:
            assert _missing(theirs[key]), key
        else:
            assert theirs[key] == pytest.approx(value, rel=1e-12), key


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
