"""The live Fingertips source: real HTTP, optionally recording every response to a snapshot."""

from __future__ import annotations

import hashlib
import os
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests
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

    def _url(self, endpoint: str, params: Params) -> str:
        return urljoin(self._base_url, canonical_query(endpoint, params))

    def _get(self, url: str, stream: bool) -> requests.Response:
        known = _unreachable_hosts.get(_host(url))
        if known and time.monotonic() - known[0] < UNREACHABLE_FOR_SECONDS:
            raise FingertipsUnreachableError(known[1])
        try:
            response = self._session.get(url, timeout=self._timeout, stream=stream)
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
        if response.status_code != 200:
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
        """Stream a CSV download to disk (never whole in memory), hashing as it goes."""
        url = self._url(endpoint, params)
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial = destination.with_name(destination.name + ".part")
        digest = hashlib.sha256()
        byte_count = 0
        with self._get(url, stream=True) as response:
            expected = response.headers.get("Content-Length")
            with (
                partial.open("wb") as out,
                tqdm(
                    total=int(expected) if expected else None,
                    unit="B",
                    unit_scale=True,
                    desc=f"Fingertips {canonical_query(endpoint, params)[:60]}",
                    disable=None,
                    leave=False,
                ) as progress,
            ):
                try:
                    for chunk in response.iter_content(CHUNK_BYTES):
                        if byte_count == 0 and looks_like_html(chunk[:512]):
                            raise UnexpectedBodyError(
                                f"{url}: got an HTML page instead of CSV (a proxy, captive portal "
                                f"or error page?): {chunk[:120]!r}"
                            )
                        out.write(chunk)
                        digest.update(chunk)
                        byte_count += len(chunk)
                        progress.update(len(chunk))
                except requests.exceptions.RequestException as error:
                    partial.unlink(missing_ok=True)
                    raise UnexpectedBodyError(
                        f"{url}: the download broke off after {byte_count} bytes"
                        f"{f' of {expected}' if expected else ''} (truncated): {error}"
                    ) from error
                except UnexpectedBodyError:
                    partial.unlink(missing_ok=True)
                    raise
        os.replace(partial, destination)
        fetched = FetchedFile(
            endpoint, params, url, datetime.now(UTC), digest.hexdigest(), destination, byte_count
        )
        if self._recorder is not None:
            self._recorder.record_file(endpoint, params, destination, fetched.fetched_at)
        return fetched
