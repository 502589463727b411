"""The live Fingertips client over real HTTP on 127.0.0.1: retries, timeouts, TLS, bad bodies."""

from __future__ import annotations

import dataclasses
import json
import socket
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from assets.fingertips import api
from assets.fingertips.errors import (
    FingertipsHTTPError,
    FingertipsUnreachableError,
    UnexpectedBodyError,
)
from assets.fingertips.factory import open_source
from assets.fingertips.http_session import build_session
from assets.fingertips.live import LiveFingertips
from pipelines.settings import FingertipsSettings

AREA_TYPES = [
    {
        "Id": 502,
        "Name": "Counties & UAs (from Apr 2023)",
        "Short": "Counties & UAs",
        "IsSearchable": True,
        "CanBeDisplayedOnMap": True,
    }
]


def test_json_endpoint_returns_the_payload(httpserver: HTTPServer, fast_fingertips_settings):
    httpserver.expect_request("/api/area_types").respond_with_json(AREA_TYPES)
    fetched = api.area_types(open_source(fast_fingertips_settings))
    assert fetched.payload == AREA_TYPES
    assert fetched.url == httpserver.url_for("/api/area_types")
    assert len(fetched.sha256) == 64


def test_server_errors_are_retried_then_succeed(httpserver: HTTPServer, fast_fingertips_settings):
    httpserver.expect_ordered_request("/api/area_types").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/api/area_types").respond_with_data("oops", status=500)
    httpserver.expect_ordered_request("/api/area_types").respond_with_json(AREA_TYPES)
    assert api.area_types(open_source(fast_fingertips_settings)).payload == AREA_TYPES
    assert len(httpserver.log) == 3


def test_429_honours_retry_after(httpserver: HTTPServer, fast_fingertips_settings):
    httpserver.expect_ordered_request("/api/area_types").respond_with_response(
        Response("slow down", status=429, headers={"Retry-After": "1"})
    )
    httpserver.expect_ordered_request("/api/area_types").respond_with_json(AREA_TYPES)
    started = time.monotonic()
    assert api.area_types(open_source(fast_fingertips_settings)).payload == AREA_TYPES
    # The backoff factor is 0.01 s: only Retry-After explains a wait of a second.
    assert time.monotonic() - started >= 1.0


def test_persistent_errors_give_a_clear_error(httpserver: HTTPServer, fast_fingertips_settings):
    httpserver.expect_request("/api/area_types").respond_with_data("down", status=502)
    with pytest.raises(FingertipsHTTPError) as raised:
        api.area_types(open_source(fast_fingertips_settings))
    assert str(raised.value) == (
        f"{httpserver.url_for('/api/area_types')}: HTTP 502 BAD GATEWAY after retries"
    )
    assert len(httpserver.log) == 3  # the first try and two retries


def test_not_found_is_not_retried(httpserver: HTTPServer, fast_fingertips_settings):
    httpserver.expect_request("/api/area_types").respond_with_data("no", status=404)
    with pytest.raises(FingertipsHTTPError, match="HTTP 404 NOT FOUND"):
        api.area_types(open_source(fast_fingertips_settings))
    assert len(httpserver.log) == 1


def test_read_timeout_is_retried_and_reported(httpserver: HTTPServer, fast_fingertips_settings):
    def slow(_request):
        time.sleep(0.6)
        return Response(json.dumps(AREA_TYPES), content_type="application/json")

    httpserver.expect_request("/api/area_types").respond_with_handler(slow)
    settings = dataclasses.replace(fast_fingertips_settings, read_timeout=0.2, max_retries=1)
    with pytest.raises(FingertipsHTTPError, match="request failed after retries .*Read timed out"):
        api.area_types(open_source(settings))


def test_proxy_html_page_in_place_of_json(httpserver: HTTPServer, fast_fingertips_settings):
    page = "<!DOCTYPE html><html><body>Access denied by corporate proxy</body></html>"
    httpserver.expect_request("/api/area_types").respond_with_data(page, content_type="text/html")
    with pytest.raises(UnexpectedBodyError) as raised:
        api.area_types(open_source(fast_fingertips_settings))
    assert "got an HTML page instead of JSON" in str(raised.value)
    assert httpserver.url_for("/api/area_types") in str(raised.value)


def test_json_of_the_wrong_shape(httpserver: HTTPServer, fast_fingertips_settings):
    httpserver.expect_request("/api/area_types").respond_with_json({"Message": "An error"})
    with pytest.raises(UnexpectedBodyError, match="expected a JSON list, got dict"):
        api.area_types(open_source(fast_fingertips_settings))


def test_proxy_html_page_in_place_of_csv(
    httpserver: HTTPServer, fast_fingertips_settings, tmp_path
):
    httpserver.expect_request("/api/all_data/csv/for_one_indicator").respond_with_data(
        "<html><head><title>Blocked</title></head></html>", content_type="text/html"
    )
    with pytest.raises(UnexpectedBodyError, match="got an HTML page instead of CSV"):
        api.all_data_for_one_indicator(open_source(fast_fingertips_settings), 1, tmp_path / "d.csv")
    assert list(tmp_path.iterdir()) == []


def test_download_broken_off_mid_body(httpserver: HTTPServer, fast_fingertips_settings, tmp_path):
    def truncated(_request):
        # Promise 1,000 bytes and send 19: what a dropped connection looks like.
        return Response(iter([b"Indicator ID,Indica"]), headers={"Content-Length": "1000"})

    httpserver.expect_request("/api/all_data/csv/for_one_indicator").respond_with_handler(truncated)
    settings = dataclasses.replace(fast_fingertips_settings, max_retries=0)
    with pytest.raises(UnexpectedBodyError) as raised:
        api.all_data_for_one_indicator(open_source(settings), 1, tmp_path / "d.csv")
    assert str(raised.value).endswith(
        "/api/all_data/csv/for_one_indicator?indicator_id=1: the download broke off after 19 "
        "bytes of 1,000 (truncated or stalled), 1 time(s): the connection closed before the end "
        "of the body. Nothing was loaded; run again later."
    )
    assert not (tmp_path / "d.csv").exists()


def test_download_streams_to_disk_with_its_hash(
    httpserver: HTTPServer, fast_fingertips_settings, tmp_path
):
    body = b"a,b\n" + b"1,2\n" * 300_000
    httpserver.expect_request("/api/all_data/csv/for_one_indicator").respond_with_data(body)
    fetched = api.all_data_for_one_indicator(
        open_source(fast_fingertips_settings), 7, tmp_path / "d.csv"
    )
    assert fetched.path.read_bytes() == body
    assert fetched.byte_count == len(body)
    import hashlib

    assert fetched.sha256 == hashlib.sha256(body).hexdigest()


def test_tls_is_verified_and_never_switched_off(
    https_server: HTTPServer, fast_fingertips_settings, monkeypatch
):
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    https_server.expect_request("/api/area_types").respond_with_json(AREA_TYPES)
    settings = dataclasses.replace(
        fast_fingertips_settings, api_url=https_server.url_for("/api/"), max_retries=0
    )
    with pytest.raises(FingertipsHTTPError, match="TLS certificate verification failed"):
        api.area_types(open_source(settings))
    # The request was refused at the handshake: nothing was ever sent unverified.
    assert https_server.log == []


def test_ca_bundle_from_the_environment_is_used(
    https_server: HTTPServer,
    fast_fingertips_settings,
    certificate_authority,
    monkeypatch,
    tmp_path: Path,
):
    bundle = tmp_path / "corporate-ca.pem"
    certificate_authority.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(bundle))
    https_server.expect_request("/api/area_types").respond_with_json(AREA_TYPES)
    settings = dataclasses.replace(fast_fingertips_settings, api_url=https_server.url_for("/api/"))
    assert api.area_types(open_source(settings)).payload == AREA_TYPES


def test_session_trusts_the_environment_for_proxies(fast_fingertips_settings, monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example.invalid:3128")
    session = build_session(fast_fingertips_settings)
    assert session.verify is True and session.trust_env is True
    settings = session.merge_environment_settings(
        "https://fingertips.phe.org.uk/api/profiles", {}, None, None, None
    )
    assert settings["proxies"]["https"] == "http://proxy.example.invalid:3128"
    assert isinstance(open_source(fast_fingertips_settings), LiveFingertips)


def _closed_port() -> int:
    """A loopback port nothing listens on: connecting to it is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_refused_connection_fails_at_once_with_what_to_try():
    url = f"http://127.0.0.1:{_closed_port()}/api/"
    # The defaults: five retries with a 2 s backoff would wait a minute per request.
    source = open_source(FingertipsSettings(api_url=url))
    started = time.monotonic()
    with pytest.raises(FingertipsUnreachableError) as raised:
        api.area_types(source)
    assert time.monotonic() - started < 5
    assert str(raised.value) == (
        f"cannot reach {url}area_types (connection refused). Check this machine's network; "
        "behind a proxy set HTTPS_PROXY (and REQUESTS_CA_BUNDLE if it re-signs TLS), or replay "
        "a recorded snapshot with FINGERTIPS_SNAPSHOT=DIR."
    )
    # The run's next request to the same host is not tried again: it fails the same way at once.
    with pytest.raises(FingertipsUnreachableError, match=f"cannot reach {url}area_types"):
        api.profiles(source)
