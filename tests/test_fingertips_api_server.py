"""The stand-in Fingertips API serves the real files byte for byte at the pipeline's URLs."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import requests
from pytest_httpserver import HTTPServer

from assets.fingertips.source import canonical_query
from tests.fingertips_api_server import (
    FIXTURES,
    GSS_COGS_INDICATORS,
    id_list,
    serve_fingertips,
    standard_routes,
)


def _get(base_url: str, endpoint: str, params: dict[str, str | int]) -> requests.Response:
    # canonical_query is how the client builds its URLs (sorted, commas percent-encoded).
    response = requests.get(base_url + canonical_query(endpoint, params), timeout=10)
    response.raise_for_status()
    return response


def test_every_route_has_a_body(shared_data: Path) -> None:
    missing = [
        route.body
        for route in standard_routes(shared_data)
        if isinstance(route.body, Path) and not route.body.is_file()
    ]
    assert not missing


def test_real_all_data_files_are_served_byte_for_byte(
    httpserver_ipv4: HTTPServer, shared_data: Path
) -> None:
    base_url = serve_fingertips(httpserver_ipv4, standard_routes(shared_data))
    all_data = shared_data / "fingertips" / "all_data"
    assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/api/")

    gss = _get(
        base_url,
        "all_data/csv/by_indicator_id",
        {
            "parent_area_type_id": 6,
            "child_area_type_id": 102,
            "indicator_ids": id_list(GSS_COGS_INDICATORS),
        },
    )
    assert gss.content == (all_data / "gss_cogs_indicators-CountyUApre419.data.csv").read_bytes()
    assert gss.headers["Content-Type"].startswith("text/csv")

    old_series = _get(base_url, "all_data/csv/for_one_indicator", {"indicator_id": 30101})
    assert old_series.content == (all_data / "ons_sdg_3-9-1_old_series_30101.csv").read_bytes()


def test_fixture_json_is_served_at_its_endpoint(
    httpserver_ipv4: HTTPServer, shared_data: Path
) -> None:
    base_url = serve_fingertips(httpserver_ipv4, standard_routes(shared_data))
    areas = _get(base_url, "areas/by_area_type", {"area_type_id": 502}).json()
    assert len(areas) == 153 and {area["AreaTypeId"] for area in areas} == {502}


def test_category_types_fixture_names_every_category_in_the_real_files(shared_data: Path) -> None:
    published = {
        (category_type["Name"], category["Name"])
        for category_type in json.loads((FIXTURES / "category_types.json").read_text("utf-8"))
        for category in category_type["Categories"]
    }
    resaved = shared_data / "fingertips" / "all_data" / "ons_sdg_3-9-1_old_series_30101.csv"
    with resaved.open(newline="", encoding="utf-8") as handle:
        seen = {
            (row["Category.Type"], row["Category"])
            for row in csv.DictReader(handle)
            if row["Category.Type"]
        }
    assert seen and seen <= published
