"""Faults in the body of a Fingertips download, on real HTTP over loopback: a download may add or
revise values, never silently take them away; stalled and cut bodies are resumed; what cannot be
loaded is refused by indicator, named in the failures, and the rest is published."""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from werkzeug import Request, Response

from pipelines.runner import PipelineResult, RunRequest, failures
from tests.fingertips_api_server import (
    CSV,
    FIXTURES,
    GSS_COGS_INDICATORS,
    JSON,
    Route,
    id_list,
)
from tests.pipeline_harness import file_sha256, query, run, serve, settings_for

GSS_COGS = "gss_cogs_indicators-CountyUApre419.data.csv"
GSS_QUERY = {
    "indicator_ids": id_list(GSS_COGS_INDICATORS),
    "child_area_type_id": "102",
    "parent_area_type_id": "6",
}
URL = (
    "api/all_data/csv/by_indicator_id?child_area_type_id=102&indicator_ids="
    "1730%2C10101%2C11202%2C11501%2C90402%2C91126%2C91872%2C92863&parent_area_type_id=6"
)
# Rows per indicator of the real download, as published after it loads.
PUBLISHED = [
    (1730, 11),
    (10101, 11),
    (11202, 11),
    (11501, 11),
    (90402, 11),
    (91126, 11),
    (91872, 10),
    (92863, 11),
]
COUNTS = "SELECT indicator_id, count(*) FROM conformed.fact_indicator_value GROUP BY ALL ORDER BY 1"
REQUEST = RunRequest(list(GSS_COGS_INDICATORS), "102:6", force=True)


class Rig:
    """A published warehouse holding the real 8-indicator download, and a server to break it."""

    def __init__(self, server, shared_data: Path, folder: Path) -> None:
        self.server = server
        self.shared_data = shared_data
        self.folder = folder
        self.body = (shared_data / "fingertips" / "all_data" / GSS_COGS).read_bytes()

    def answer(
        self,
        handler,
        retries: int = 0,
        request: RunRequest = REQUEST,
        first: list[Route] | None = None,
    ) -> PipelineResult:
        """Run with the download answered by `handler` (werkzeug request → response), and any
        route in `first` answering before the standard ones."""
        self.server.clear()
        self.server.expect_request(
            "/api/all_data/csv/by_indicator_id", query_string=GSS_QUERY
        ).respond_with_handler(handler)
        settings = settings_for(serve(self.server, self.shared_data, first), self.folder)
        fingertips = dataclasses.replace(
            settings.fingertips, read_timeout=1, max_retries=retries, backoff_factor=0
        )
        return run(dataclasses.replace(settings, fingertips=fingertips), request)

    def serve_body(self, body: bytes) -> PipelineResult:
        return self.answer(lambda request: Response(body, content_type=CSV))

    @property
    def published(self) -> Path:
        return self.folder / "outcomes.duckdb"


def _without_indicator(body: bytes, indicator_id: int) -> bytes:
    lines = body.split(b"\n")
    return b"\n".join(line for line in lines if not line.startswith(b"%d," % indicator_id))


@pytest.fixture(scope="module")
def rig(make_httpserver, shared_data, tmp_path_factory) -> Iterator[Rig]:
    made = Rig(make_httpserver, shared_data, tmp_path_factory.mktemp("faults"))
    assert made.serve_body(made.body).success
    assert query(made.published, COUNTS) == PUBLISHED
    yield made
    # The server is the session's: leave no route for the next module to be answered by.
    make_httpserver.clear()


def test_a_header_only_download_keeps_every_indicator_and_fails_the_run(rig):
    header = rig.body.split(b"\n", 1)[0] + b"\n"
    result = rig.serve_body(header)
    assert not result.success and result.published
    assert failures(result) == [
        f"fingertips_downloads: indicator {indicator_id} (area type 102) came back with no rows "
        f"from {rig.server.url_for('/')}{URL} (had {rows}); kept its last good values; "
        "if Fingertips really removed them, run again with --accept-removals."
        for indicator_id, rows in PUBLISHED
    ]
    assert query(rig.published, COUNTS) == PUBLISHED
    (check,) = [
        evaluation
        for evaluation in result.runs[0].get_asset_check_evaluations()
        if evaluation.check_name == "downloads_complete"
    ]
    assert not check.passed


def test_an_indicator_missing_from_the_download_keeps_its_values_the_rest_load(rig):
    result = rig.serve_body(_without_indicator(rig.body, 91872))
    assert failures(result) == [
        (
            "fingertips_downloads: indicator 91872 (area type 102) is missing from the download "
            f"of 8 indicators {rig.server.url_for('/')}{URL} (had 10 rows); kept its "
            "last good values; if Fingertips really removed them, run again with "
            "--accept-removals."
        )
    ]
    assert result.published
    assert query(rig.published, COUNTS) == PUBLISHED
    # The other seven were loaded from this download.
    newest = query(
        rig.published,
        "SELECT indicator_id, count(DISTINCT response_id) FROM conformed.fact_indicator_value "
        "GROUP BY ALL ORDER BY 1",
    )
    assert newest == [(indicator_id, 1) for indicator_id, _ in PUBLISHED]


def test_a_body_cut_at_a_line_end_without_a_length_never_empties_indicators(rig):
    """Chunked, and ended cleanly after 40 lines, on every request alike: the second download
    agrees, so the per-indicator counts are what catch it."""
    cut = b"\n".join(rig.body.split(b"\n")[:41]) + b"\n"

    def chunked(request: Request) -> Response:
        return Response(iter([cut[:5000], cut[5000:]]), content_type=CSV)

    result = rig.answer(chunked)
    refused = failures(result)
    # The file holds 91872, 1730, 10101, then 90402 (cut after 8 of its 11 rows), then the rest.
    assert [line.split(" (area type")[0] for line in refused] == [
        "fingertips_downloads: indicator 11202",
        "fingertips_downloads: indicator 11501",
        "fingertips_downloads: indicator 90402",
        "fingertips_downloads: indicator 91126",
        "fingertips_downloads: indicator 92863",
    ]
    assert refused[2] == (
        f"fingertips_downloads: indicator 90402 (area type 102) came back with 8 rows from "
        f"{rig.server.url_for('/')}{URL}, 3 fewer than the 11 before (more than the 10% allowed); "
        "kept its last good values; if Fingertips really removed them, run again with "
        "--accept-removals."
    )
    assert "is missing from the download of 8 indicators" in refused[0]
    assert query(rig.published, COUNTS) == PUBLISHED


def test_a_stalled_body_is_resumed_where_it_stopped(rig):
    half = len(rig.body) // 2
    asked: list[str | None] = []

    def stall_once(request: Request) -> Response:
        asked.append(request.headers.get("Range"))
        if len(asked) == 1:

            def half_then_stall():
                yield rig.body[:half]
                # Longer than the 1 s read timeout; the server answers one request at a time.
                time.sleep(1.5)

            return Response(
                half_then_stall(),
                content_type=CSV,
                headers={"Content-Length": str(len(rig.body)), "Accept-Ranges": "bytes"},
            )
        start = int(request.headers["Range"].removeprefix("bytes=").rstrip("-"))
        return Response(
            rig.body[start:],
            status=206,
            content_type=CSV,
            headers={"Content-Range": f"bytes {start}-{len(rig.body) - 1}/{len(rig.body)}"},
        )

    result = rig.answer(stall_once, retries=2)
    assert result.success, failures(result)
    assert asked == [None, f"bytes={half}-"]
    assert query(rig.published, COUNTS) == PUBLISHED


def test_a_body_cut_short_every_time_is_refused_with_its_true_byte_count(rig):
    before = file_sha256(rig.published)
    half = len(rig.body) // 2

    def truncated(request: Request) -> Response:
        return Response(
            iter([rig.body[:half]]),
            content_type=CSV,
            headers={"Content-Length": str(len(rig.body))},
        )

    result = rig.answer(truncated, retries=1)
    (error,) = failures(result)
    assert error.startswith("fingertips_downloads: ")
    assert (
        f"{rig.server.url_for('/')}{URL}: the download broke off after {half:,} bytes of "
        f"{len(rig.body):,} (truncated or stalled), 2 time(s): the connection closed before the "
        "end of the body. Nothing was loaded; run again later."
    ) in error
    assert file_sha256(rig.published) == before


def test_removals_are_taken_only_when_asked(rig):
    asked = dataclasses.replace(REQUEST, accept_removals=True)
    result = rig.answer(
        lambda request: Response(_without_indicator(rig.body, 91872), content_type=CSV),
        request=asked,
    )
    assert result.success, failures(result)
    assert query(rig.published, COUNTS) == [row for row in PUBLISHED if row[0] != 91872]
    # The next download brings it back (nothing to lose, so nothing to refuse).
    assert rig.serve_body(rig.body).success
    assert query(rig.published, COUNTS) == PUBLISHED


def _metadata_deleted_at(indicator_id: int, last_deleted_at: datetime) -> Route:
    """The eight indicators' metadata, saying Fingertips deleted data of one at that (UK) time."""
    ids = id_list(GSS_COGS_INDICATORS)
    path = FIXTURES / f"indicator_metadata_{ids.replace(',', '_')}.json"
    metadata = json.loads(path.read_text(encoding="utf-8"))
    metadata[str(indicator_id)]["DataChange"]["LastDeletedAt"] = last_deleted_at.strftime(
        "%Y-%m-%dT%H:%M:%S"
    )
    body = json.dumps(metadata).encode()
    return Route("indicator_metadata/by_indicator_id", {"indicator_ids": ids}, body, JSON)


def test_removals_are_taken_when_fingertips_deleted_data_after_the_last_download(rig):
    without = _without_indicator(rig.body, 91872)
    # A deletion before the last download does not explain rows missing now: refused.
    before = rig.answer(
        lambda request: Response(without, content_type=CSV),
        first=[_metadata_deleted_at(91872, datetime(2019, 7, 2, 10, 15))],
    )
    assert [line.split(" (area type")[0] for line in failures(before)] == [
        "fingertips_downloads: indicator 91872"
    ]
    assert query(rig.published, COUNTS) == PUBLISHED

    deleted = datetime.now(ZoneInfo("Europe/London")).replace(tzinfo=None, microsecond=0)
    after = rig.answer(
        lambda request: Response(without, content_type=CSV),
        first=[_metadata_deleted_at(91872, deleted)],
    )
    assert after.success, failures(after)
    assert query(rig.published, COUNTS) == [row for row in PUBLISHED if row[0] != 91872]
    # The next download brings it back (nothing to lose, so nothing to refuse).
    assert rig.serve_body(rig.body).success
    assert query(rig.published, COUNTS) == PUBLISHED
