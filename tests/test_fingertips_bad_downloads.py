"""Each way a download can go wrong gives a clear error and leaves the warehouse as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.runner import PipelineResult, RunRequest, failures
from tests.fingertips_api_server import CSV, Route
from tests.pipeline_harness import file_sha256, query, run, serve, settings_for, working_copy

OPIATES = "ons_sdg_3-5-1_unmet_opiates.csv"
OPIATES_QUERY = {"indicator_ids": "93517", "child_area_type_id": "502", "parent_area_type_id": "15"}


def _opiates(shared_data: Path) -> bytes:
    return (shared_data / "fingertips" / "all_data" / OPIATES).read_bytes()


def _replace_line(body: bytes, line_number: int, old: bytes, new: bytes) -> bytes:
    lines = body.split(b"\n")
    assert old in lines[line_number]
    lines[line_number] = lines[line_number].replace(old, new, 1)
    return b"\n".join(lines)


def _duplicate_first_row(body: bytes) -> bytes:
    lines = body.split(b"\n")
    return b"\n".join([lines[0], lines[1], *lines[1:]])


BROKEN = {
    "html": (
        lambda body: b"<!DOCTYPE html><html><body>Blocked by your proxy</body></html>",
        "got an HTML page instead of CSV",
    ),
    "empty": (lambda body: b"", "the CSV is empty (0 bytes)"),
    "cut mid-row": (
        lambda body: body[: body.index(b"\n", 2000) - 30],
        "the CSV ends mid-line (truncated download?): the last row has no line ending",
    ),
    "short row": (
        lambda body: body + b"93517,Proportion,E92000001,England,E06000005\n",
        (
            # DuckDB's three lines, joined into the failure's one line.
            "the CSV cannot be read: Invalid Input Error: CSV Error on Line: 15 "
            "Original Line: 93517,Proportion,E92000001,England,E06000005; "
            "Expected Number of Columns: 27 Found: 5"
        ),
    ),
    "changed header": (
        lambda body: body.replace(b",Value,", b",Val,", 1),
        "header column 13 is 'Val', expected 'Value' (the all_data CSV layout has changed)",
    ),
    "extra column": (
        lambda body: body.replace(b"Time period range", b"Time period range,Extra", 1),
        "expected an all_data CSV header of 26 or 27 columns, got 28",
    ),
    "text in a number": (
        lambda body: _replace_line(body, 4, b",48.77014419,", b",n/a,"),
        (
            "value(s) that are not numbers (rows count from 1 after the header): "
            "row 4, field 'Value': 'n/a'"
        ),
    ),
    "duplicate row": (
        _duplicate_first_row,
        (
            "duplicate rows: rows 1, 2 share the key (indicator 93517, area E10000032, "
            "area type County, sex Persons, age 15-64 yrs, category type -, category -, "
            "period 2018/19)"
        ),
    ),
    "indicator not asked for": (
        lambda body: _replace_line(body, 7, b"93517,", b"90366,"),
        "the download holds indicators that were not asked for: indicator '90366' first at row 7",
    ),
}


@pytest.fixture
def warehouse_with_alcohol(httpserver, shared_data, tmp_path):
    """A published warehouse holding the real alcohol download, and how to break the next one."""

    def ingest_opiates(body: bytes) -> PipelineResult:
        httpserver.clear()
        broken = Route("all_data/csv/by_indicator_id", OPIATES_QUERY, body, CSV)
        api_url = serve(httpserver, shared_data, first=[broken])
        return run(settings_for(api_url, tmp_path), RunRequest([93517], "502:15"))

    api_url = serve(httpserver, shared_data)
    settings = settings_for(api_url, tmp_path)
    assert run(settings, RunRequest([93532], "502:15")).success
    return settings, ingest_opiates


@pytest.mark.parametrize("case", list(BROKEN))
def test_bad_download_is_refused_and_nothing_changes(case, warehouse_with_alcohol, shared_data):
    settings, ingest_opiates = warehouse_with_alcohol
    published = settings.warehouse
    before = file_sha256(published)
    raw_before = query(
        working_copy(published),
        "SELECT count(*) FROM raw.fingertips_all_data",
    )
    make_body, message = BROKEN[case]

    result = ingest_opiates(make_body(_opiates(shared_data)))

    assert not result.success
    (error,) = failures(result)
    assert error.startswith("fingertips_downloads: ")
    assert message in error
    assert "/api/all_data/csv/by_indicator_id?child_area_type_id=502&indicator_ids=93517" in error
    assert file_sha256(published) == before
    assert query(published, "SELECT DISTINCT indicator_id FROM conformed.fact_indicator_value") == [
        (93532,)
    ]
    assert (
        query(
            working_copy(published),
            "SELECT count(*) FROM raw.fingertips_all_data",
        )
        == raw_before
    )


def test_persistent_server_error_is_refused(warehouse_with_alcohol, httpserver, shared_data):
    settings, _ = warehouse_with_alcohol
    before = file_sha256(settings.warehouse)
    httpserver.clear()
    httpserver.expect_request("/api/all_data/csv/by_indicator_id").respond_with_data(
        "Service Unavailable", status=503
    )
    api_url = serve(httpserver, shared_data)
    result = run(settings_for(api_url, settings.warehouse.parent), RunRequest([93517], "502:15"))
    assert "HTTP 503 SERVICE UNAVAILABLE after retries" in failures(result)[0]
    assert file_sha256(settings.warehouse) == before


def test_quoted_newline_in_a_name_is_kept(warehouse_with_alcohol, shared_data):
    settings, ingest_opiates = warehouse_with_alcohol
    name = b"Proportion of opiates and/or crack cocaine users (i.e. OCU) not in treatment (%)"
    body = _opiates(shared_data).replace(name + b",", b'"' + name + b'\n",')
    assert ingest_opiates(body).success
    names = query(
        working_copy(settings.warehouse),
        "SELECT DISTINCT indicator_name FROM raw.fingertips_all_data WHERE indicator_id = '93517'",
    )
    assert names == [
        ("Proportion of opiates and/or crack cocaine users (i.e. OCU) not in treatment (%)\n",)
    ]
    assert query(
        settings.warehouse,
        "SELECT count(*) FROM conformed.fact_indicator_value WHERE indicator_id = 93517",
    ) == [(13,)]


def test_a_first_download_with_no_rows_is_reported_not_refused(warehouse_with_alcohol, shared_data):
    """The wrong boundary vintage returns a header and nothing else: nothing is lost (there was
    nothing before), so it loads, with a warning by name (an indicator that had rows keeps them:
    tests/test_faults_downloads.py)."""
    settings, ingest_opiates = warehouse_with_alcohol
    header = _opiates(shared_data).split(b"\n", 1)[0] + b"\n"
    result = ingest_opiates(header)
    assert result.success
    (materialization,) = result.runs[0].asset_materializations_for_node("fingertips_downloads")
    assert materialization.metadata["indicators_refused"].value == 0
    assert query(
        settings.warehouse,
        "SELECT count(*) FROM conformed.fact_indicator_value WHERE indicator_id = 93517",
    ) == [(0,)]
