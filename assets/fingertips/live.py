"""The live Fingertips source: real HTTP, optionally recording every response to a snapshot."""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import dagster as dg
import requests
import urllib3
from tqdm import tqdm
from urllib3.exceptions import (
    ConnectTimeoutError,
    MaxRetryError,
    NameResolutionError,
    NewConnectionError,
)

from assets.fingertips.errors import (
    FingertipsHTTPError,
    FingertipsUnreachableError,
    UnexpectedBodyError,
)
from assets.fingertips.snapshot import SnapshotRecorder
from assets.fingertips.source import (
    FetchedFile,
    FetchedJson,
    Params,
    canonical_query,
    looks_like_html,
    parse_json_body,
    sha256_of,
)
from pipelines.settings import FingertipsSettings

CHUNK_BYTES = 1 << 20
# Once a host could not be reached, the run's other requests to it fail at once for this long
# rather than each waiting out its own connect timeouts.
UNREACHABLE_FOR_SECONDS = 60.0
WHAT_TO_TRY = (
    "Check this machine's network; behind a proxy set HTTPS_PROXY (and REQUESTS_CA_BUNDLE if it "
    "re-signs TLS), or replay a recorded snapshot with FINGERTIPS_SNAPSHOT=DIR"
)
_unreachable_hosts: dict[str, tuple[float, str]] = {}


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _connection_failure(error: requests.exceptions.ConnectionError) -> str | None:
    """Why no connection could be made ('connection refused', …), or None if one was made."""
    reason = (
        error.args[0].reason if error.args and isinstance(error.args[0], MaxRetryError) else None
    )
    # Most specific first: urllib3 derives NameResolutionError from NewConnectionError, and that
    # from ConnectTimeoutError.
    if isinstance(reason, NameResolutionError):
        return "the host name could not be resolved"
    if isinstance(reason, NewConnectionError):
        return str(reason).rsplit("] ", 1)[-1].strip("\"')").lower() or "no connection"
    if isinstance(reason, ConnectTimeoutError):
        return "the connection timed out"
    return None


@dataclass(frozen=True)
class _Body:
    sha256: str
    byte_count: int
    # Whether the response said how long it was (Content-Length, not chunked): a body short of
    # that length breaks off with an error, so what arrived whole is whole.
    framed: bool


def _is_framed(response: requests.Response) -> bool:
    chunked = "chunked" in response.headers.get("Transfer-Encoding", "").lower()
    return "Content-Length" in response.headers and not chunked


def _total_length(response: requests.Response) -> int | None:
    """The whole body's length in bytes, if the response says (Content-Range when resumed)."""
    content_range = response.headers.get("Content-Range", "")
    if response.status_code == 206 and "/" in content_range:
        total = content_range.rsplit("/", 1)[1]
        return int(total) if total.isdigit() else None
    length = response.headers.get("Content-Length", "")
    return int(length) if length.isdigit() else None


def _resumes_at(response: requests.Response, offset: int) -> bool:
    """Whether a response to a Range request continues the body at `offset` (206), unencoded."""
    content_range = response.headers.get("Content-Range", "")
    return (
        response.status_code == 206
        and content_range.startswith(f"bytes {offset}-")
        and response.headers.get("Content-Encoding", "identity") == "identity"
    )


def _reason(error: BaseException) -> str:
    if isinstance(error, urllib3.exceptions.ReadTimeoutError):
        return "no data arrived within FINGERTIPS_READ_TIMEOUT"
    if isinstance(error, urllib3.exceptions.ProtocolError):
        return "the connection closed before the end of the body"
    return str(error)[:200]


class LiveFingertips:
    """Talks to FINGERTIPS_API_URL over a retrying, TLS-verifying requests session."""

    def __init__(
        self,
        settings: FingertipsSettings,
        session: requests.Session,
        recorder: SnapshotRecorder | None = None,
    ) -> None:
        self._base_url = settings.api_url
        self._timeout = (settings.connect_timeout, settings.read_timeout)
        self._session = session
        self._recorder = recorder
        self._max_retries = settings.max_retries
        self._backoff_factor = settings.backoff_factor
        self._log = dg.get_dagster_logger()

    def _url(self, endpoint: str, params: Params) -> str:
        return urljoin(self._base_url, canonical_query(endpoint, params))

    def _get(
        self, url: str, stream: bool, headers: dict[str, str] | None = None
    ) -> requests.Response:
        known = _unreachable_hosts.get(_host(url))
        if known and time.monotonic() - known[0] < UNREACHABLE_FOR_SECONDS:
            raise FingertipsUnreachableError(known[1])
        try:
            response = self._session.get(url, timeout=self._timeout, stream=stream, headers=headers)
        except requests.exceptions.SSLError as error:
            raise FingertipsHTTPError(
                f"{url}: TLS certificate verification failed ({error}). Verification stays on: "
                "if a proxy re-signs traffic, point REQUESTS_CA_BUNDLE at its CA bundle."
            ) from error
        except requests.exceptions.ConnectionError as error:
            failure = _connection_failure(error)
            if failure is None:
                raise FingertipsHTTPError(
                    f"{url}: request failed after retries ({error})"
                ) from error
            message = f"cannot reach {url} ({failure}). {WHAT_TO_TRY}."
            _unreachable_hosts[_host(url)] = (time.monotonic(), message)
            raise FingertipsUnreachableError(message) from None
        except requests.exceptions.RequestException as error:
            raise FingertipsHTTPError(f"{url}: request failed after retries ({error})") from error
        if response.status_code not in (200, 206):
            response.close()
            raise FingertipsHTTPError(
                f"{url}: HTTP {response.status_code} {response.reason} after retries"
            )
        return response

    def get_json(self, endpoint: str, params: Params, expect: type) -> FetchedJson:
        url = self._url(endpoint, params)
        response = self._get(url, stream=False)
        body = response.content
        payload = parse_json_body(url, body, expect)
        fetched = FetchedJson(
            endpoint,
            params,
            url,
            datetime.now(UTC),
            sha256_of(body),
            payload,
            body.decode("utf-8-sig"),
        )
        if self._recorder is not None:
            self._recorder.record_bytes(endpoint, params, body, "json", fetched.fetched_at)
        return fetched

    def download(self, endpoint: str, params: Params, destination: Path) -> FetchedFile:
        """Stream a CSV download to disk (never whole in memory), hashing as it goes.

        A body that stalls or breaks off is asked for again from where it stopped (or from the
        start, where the server cannot resume). A body with no length to check it against
        (chunked, or ended by closing the connection) could have been cut at a line end by the
        server or a proxy and still look whole: it is downloaded a second time, and kept only
        when both agree byte for byte."""
        url = self._url(endpoint, params)
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial = destination.with_name(destination.name + ".part")
        label = f"Fingertips {canonical_query(endpoint, params)[:60]}"
        try:
            body = self._stream_to(url, partial, label)
            if not body.framed:
                second = destination.with_name(destination.name + ".check")
                try:
                    check = self._stream_to(url, second, label)
                finally:
                    second.unlink(missing_ok=True)
                if (check.sha256, check.byte_count) != (body.sha256, body.byte_count):
                    raise UnexpectedBodyError(
                        f"{url}: the body came without a length (chunked or ended by closing the "
                        f"connection), so it was downloaded twice, and the two differ "
                        f"({body.byte_count:,} and {check.byte_count:,} bytes): one of them was "
                        "cut short, or the data changed meanwhile. Nothing was loaded; run again "
                        "later."
                    )
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        os.replace(partial, destination)
        fetched = FetchedFile(
            endpoint, params, url, datetime.now(UTC), body.sha256, destination, body.byte_count
        )
        if self._recorder is not None:
            self._recorder.record_file(endpoint, params, destination, fetched.fetched_at)
        return fetched

    def _stream_to(self, url: str, path: Path, label: str) -> _Body:
        """The body of `url` written to `path`, resumed (HTTP Range) or restarted after a stall
        or a break, up to FINGERTIPS_MAX_RETRIES times with the session's backoff."""
        digest = hashlib.sha256()
        byte_count = 0
        breaks = 0
        with path.open("wb") as out:
            while True:
                resuming = byte_count > 0
                response = self._get(
                    url, stream=True, headers={"Range": f"bytes={byte_count}-"} if resuming else {}
                )
                with response:
                    if resuming and not _resumes_at(response, byte_count):
                        # The server sent the whole body again: start over.
                        out.seek(0)
                        out.truncate()
                        digest, byte_count = hashlib.sha256(), 0
                    total = _total_length(response)
                    try:
                        with tqdm(
                            total=total,
                            initial=byte_count,
                            unit="B",
                            unit_scale=True,
                            desc=label,
                            disable=None,
                            leave=False,
                        ) as progress:
                            # read1 hands over every byte as it arrives, so the count is exact
                            # when the body stalls or breaks off.
                            while chunk := response.raw.read1(CHUNK_BYTES, decode_content=True):
                                if byte_count == 0 and looks_like_html(chunk[:512]):
                                    raise UnexpectedBodyError(
                                        f"{url}: got an HTML page instead of CSV (a proxy, "
                                        f"captive portal or error page?): {chunk[:120]!r}"
                                    )
                                out.write(chunk)
                                digest.update(chunk)
                                byte_count += len(chunk)
                                progress.update(len(chunk))
                        return _Body(digest.hexdigest(), byte_count, _is_framed(response))
                    except (urllib3.exceptions.HTTPError, OSError) as error:
                        breaks += 1
                        of_total = f" of {total:,}" if total else ""
                        if breaks > self._max_retries:
                            raise UnexpectedBodyError(
                                f"{url}: the download broke off after {byte_count:,} bytes"
                                f"{of_total} (truncated or stalled), {breaks} time(s): "
                                f"{_reason(error)}. Nothing was loaded; run again later."
                            ) from error
                        self._log.warning(
                            f"{url}: the download broke off after {byte_count:,} bytes{of_total} "
                            f"({_reason(error)}); asking again from byte {byte_count:,}."
                        )
                        time.sleep(min(self._backoff_factor * 2 ** (breaks - 1), 120))
