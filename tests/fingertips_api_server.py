"""A stand-in Fingertips API for tests: real files and fixture JSON served over loopback HTTP.

Tests run the real client against a pytest-httpserver `HTTPServer` (use the `httpserver_ipv4`
fixture so the base URL is http://127.0.0.1:<port>/api/). Each `Route` answers one GET of one
endpoint with one exact query (parameters compared as a dict, so their order does not matter, but
a missing or extra parameter is a miss and the server answers 500).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from pytest_httpserver import HTTPServer

from synthetic.group_roots import NO_COMPARISON, Benchmarking, roots_of, summaries_of

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "fingertips_api"
API_PREFIX = "/api/"
JSON = "application/json; charset=utf-8"
CSV = "text/csv"

# The eight indicators of the real GSS Cogs download (County & UA pre 4/19 within regions).
GSS_COGS_INDICATORS = (91872, 1730, 10101, 90402, 11501, 11202, 92863, 91126)
# The id sets the fixture metadata answers (one request each, as the pipeline batches them).
METADATA_ID_SETS = (GSS_COGS_INDICATORS, (93532,), (93517,), (30101,))
# Domains (group ids) of the fixture indicators, written by hand: PHOF 1000041 and 1000042, the
# invented Local Alcohol Profiles domain 9101, PHOF 1000043; 10101 is also in Health Profiles'
# 3007000, which the pipeline need not ask for once PHOF's domains cover it. Every indicator is
# compared by its 95% interval, except 91872 (IMD score), which Fingertips does not compare.
FIXTURE_DOMAINS = {
    1000041: (10101, 11202, 11501, 91872),
    1000042: (1730, 90402, 91126, 92863),
    3007000: (10101,),
    9101: (93517, 93532),
    1000043: (30101,),
}
# The area types the end-to-end runs ask group roots for.
GROUP_ROOT_AREA_TYPES = (102, 502)


@dataclass(frozen=True)
class Route:
    """One GET the stand-in answers: `endpoint` is the path under /api/, `query` its exact query."""

    endpoint: str
    query: dict[str, str]
    body: Path | bytes
    content_type: str

    def body_bytes(self) -> bytes:
        return self.body.read_bytes() if isinstance(self.body, Path) else self.body


def serve_fingertips(httpserver: HTTPServer, routes: list[Route]) -> str:
    """Register every route on the server and return its API base URL (ending in /api/)."""
    for route in routes:
        httpserver.expect_request(
            API_PREFIX + route.endpoint, method="GET", query_string=route.query
        ).respond_with_data(route.body_bytes(), content_type=route.content_type)
    return httpserver.url_for(API_PREFIX)


def id_list(indicator_ids: Iterable[int]) -> str:
    """Indicator ids as the pipeline sends them: ascending, comma-joined."""
    return ",".join(str(indicator_id) for indicator_id in sorted(indicator_ids))


def _fixture(endpoint: str, query: dict[str, str], file_name: str) -> Route:
    content_type = CSV if file_name.endswith(".csv") else JSON
    return Route(endpoint, query, FIXTURES / file_name, content_type)


def _metadata_routes(indicator_ids: tuple[int, ...]) -> list[Route]:
    stem = "indicator_metadata_" + "_".join(str(i) for i in sorted(indicator_ids))
    query = {"indicator_ids": id_list(indicator_ids)}
    return [
        _fixture("indicator_metadata/by_indicator_id", query, f"{stem}.json"),
        _fixture("indicator_metadata/csv/by_indicator_id", query, f"{stem}.csv"),
    ]


def _all_data_route(
    indicator_ids: tuple[int, ...], child_area_type_id: int, parent_area_type_id: int, file: Path
) -> Route:
    query = {
        "indicator_ids": id_list(indicator_ids),
        "child_area_type_id": str(child_area_type_id),
        "parent_area_type_id": str(parent_area_type_id),
    }
    return Route("all_data/csv/by_indicator_id", query, file, CSV)


def fixture_routes() -> list[Route]:
    """The hand-written JSON and metadata CSV fixtures (see fixtures/fingertips_api/README.md)."""
    routes = [
        _fixture("profiles", {}, "profiles.json"),
        _fixture("area_types", {}, "area_types.json"),
        _fixture("category_types", {}, "category_types.json"),
    ]
    routes += [
        _fixture(
            "areas/by_area_type",
            {"area_type_id": str(area_type_id)},
            f"areas_by_area_type_{area_type_id}.json",
        )
        for area_type_id in (15, 6, 102, 502)
    ]
    routes += [
        _fixture(
            "parent_to_child_areas",
            {"child_area_type_id": str(child), "parent_area_type_id": str(parent)},
            f"parent_to_child_areas_{child}_{parent}.json",
        )
        for child, parent in ((502, 6), (102, 6))
    ]
    for indicator_ids in METADATA_ID_SETS:
        routes += _metadata_routes(indicator_ids)
    return routes + benchmarking_routes(fixture_benchmarking())


def real_data_routes(shared_data: Path) -> list[Route]:
    """The real Fingertips downloads in shared/data, served byte for byte."""
    all_data = shared_data / "fingertips" / "all_data"
    return [
        _all_data_route(
            GSS_COGS_INDICATORS, 102, 6, all_data / "gss_cogs_indicators-CountyUApre419.data.csv"
        ),
        _all_data_route((93532,), 502, 15, all_data / "ons_sdg_3-5-1_unmet_alcohol.csv"),
        _all_data_route((93517,), 502, 15, all_data / "ons_sdg_3-5-1_unmet_opiates.csv"),
        # Re-saved by R's write.csv: an index column, dots for spaces in headers, NA for empty.
        Route(
            "all_data/csv/for_one_indicator",
            {"indicator_id": "30101"},
            all_data / "ons_sdg_3-9-1_old_series_30101.csv",
            CSV,
        ),
    ]


def _metadata_field(indicator_id: int, column: str) -> str:
    stem = next(ids for ids in METADATA_ID_SETS if indicator_id in ids)
    path = FIXTURES / f"indicator_metadata_{'_'.join(str(i) for i in sorted(stem))}.csv"
    rows = csv.DictReader(path.open(newline="", encoding="utf-8"))
    return next(row[column] for row in rows if int(row["Indicator ID"]) == indicator_id)


def fixture_benchmarking() -> list[Benchmarking]:
    """How Fingertips benchmarks each fixture indicator in each of its domains, with the name and
    polarity of its fixture metadata."""
    return [
        Benchmarking(
            indicator_id,
            _metadata_field(indicator_id, "Indicator"),
            group_id,
            _metadata_field(indicator_id, "Polarity"),
            **({"method_id": NO_COMPARISON, "sig_level": 0.0} if indicator_id == 91872 else {}),
        )
        for group_id, indicator_ids in FIXTURE_DOMAINS.items()
        for indicator_id in indicator_ids
    ]


def benchmarking_routes(entries: list[Benchmarking]) -> list[Route]:
    """grouproot_summaries for each fixture id set and profile_group_roots for every domain at
    each area type the runs pull, built from `entries` (a test may change one indicator's)."""
    routes = [
        Route(
            "grouproot_summaries/by_indicator_id",
            {"indicator_ids": id_list(ids)},
            json.dumps(summaries_of(entries, list(ids))).encode(),
            JSON,
        )
        for ids in METADATA_ID_SETS
    ]
    routes += [
        Route(
            "profile_group_roots",
            {"group_id": str(group_id), "area_type_id": str(area_type_id)},
            json.dumps(roots_of(entries, group_id, area_type_id)).encode(),
            JSON,
        )
        for group_id in FIXTURE_DOMAINS
        for area_type_id in GROUP_ROOT_AREA_TYPES
    ]
    return routes


def with_method(
    entries: list[Benchmarking], indicator_id: int, method_id: int, sig_level: float
) -> list[Benchmarking]:
    """`entries` with one indicator benchmarked another way in every domain."""
    return [
        replace(entry, method_id=method_id, sig_level=sig_level)
        if entry.indicator_id == indicator_id
        else entry
        for entry in entries
    ]


def standard_routes(shared_data: Path) -> list[Route]:
    """Every fixture and every real file, at the endpoint and query the pipeline asks for."""
    return fixture_routes() + real_data_routes(shared_data)
