"""The one interface every Fingertips source implements: live HTTP, or replay from a snapshot."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlencode

from assets.fingertips.errors import UnexpectedBodyError

Params = Mapping[str, str | int]


def canonical_query(endpoint: str, params: Params) -> str:
    """`endpoint?a=1&b=2` with parameters sorted, so one request always has one name."""
    query = urlencode(sorted((key, str(value)) for key, value in params.items()))
    return f"{endpoint}?{query}" if query else endpoint


@dataclass(frozen=True)
class FetchedJson:
    """A JSON answer, with the request it answers (endpoint and parameters)."""

    endpoint: str
    params: Params
    url: str
    fetched_at: datetime
    sha256: str
    payload: Any
    text: str


@dataclass(frozen=True)
class FetchedFile:
    """A download on disk, with the request it answers (endpoint and parameters)."""

    endpoint: str
    params: Params
    url: str
    fetched_at: datetime
    sha256: str
    path: Path
    byte_count: int


class FingertipsSource(Protocol):
    """Fetches JSON and streams CSV downloads from the Fingertips API (or a stand-in for it)."""

    def get_json(self, endpoint: str, params: Params, expect: type) -> FetchedJson: ...

    def download(self, endpoint: str, params: Params, destination: Path) -> FetchedFile: ...


def looks_like_html(head: bytes) -> bool:
    """A proxy's block page or a login form arrives as HTML in place of JSON or CSV."""
    start = head.lstrip().lower()[:200]
    return start.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body"))


def parse_json_body(url: str, body: bytes, expect: type) -> Any:
    """Decode a JSON body and check it has the top-level shape the endpoint documents."""
    if not body.strip():
        raise UnexpectedBodyError(f"{url}: the response body is empty; expected JSON")
    if looks_like_html(body):
        raise UnexpectedBodyError(
            f"{url}: got an HTML page instead of JSON (a proxy, captive portal or error page?): "
            f"{body[:120]!r}"
        )
    try:
        payload = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UnexpectedBodyError(f"{url}: the body is not valid JSON ({error})") from error
    if not isinstance(payload, expect):
        raise UnexpectedBodyError(
            f"{url}: expected a JSON {expect.__name__}, got {type(payload).__name__}"
        )
    return payload


def sha256_of(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()
