"""Streams a published reference file to disk over HTTPS, with TLS always verified; an ArcGIS
feature layer (ONS lookups) is read page by page into a CSV file."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import parse_qs, urlparse

import requests

from assets.reference import arcgis

CHUNK_BYTES = 1 << 20


class ReferenceDownloadError(RuntimeError):
    pass


def download(url: str, folder: Path, timeout: tuple[float, float]) -> Path:
    """Stream `url` into `folder` under its own file name (which keeps .gz for DuckDB to see), or
    write an ArcGIS layer's rows to `<service>.csv` there."""
    if urlparse(url).scheme != "https":
        raise ReferenceDownloadError(f"{url}: a reference file is fetched from an https URL")
    name = arcgis.csv_name(url) if arcgis.is_layer(url) else _file_name(url)
    destination = folder / name
    partial = destination.with_name(destination.name + ".part")
    with _session() as session:
        if arcgis.is_layer(url):
            try:
                arcgis.write_layer(url, _json_getter(session, timeout), partial)
            except arcgis.ArcGISError as error:
                raise ReferenceDownloadError(f"{url}: {error}") from error
        else:
            with _failures(url), session.get(url, stream=True, timeout=timeout) as response:
                _check_status(url, response)
                with partial.open("wb") as handle:
                    for chunk in response.iter_content(CHUNK_BYTES):
                        handle.write(chunk)
    # Only a complete download takes the real name, so a failed one is never read.
    partial.replace(destination)
    return destination


def _file_name(url: str) -> str:
    """The URL's file name; for ONS's `…/file?uri=…/name.xlsx` links, the one in `uri`."""
    parts = urlparse(url)
    name = PurePosixPath(parts.path).name
    inner = parse_qs(parts.query).get("uri")
    if inner:
        name = PurePosixPath(inner[0]).name
    if not name:
        raise ReferenceDownloadError(f"{url}: a reference file is fetched from the URL of a file")
    return name


@contextmanager
def _session() -> Iterator[requests.Session]:
    session = requests.Session()
    # Proxies and a corporate CA bundle come from the environment (REQUESTS_CA_BUNDLE);
    # verification itself is never switched off.
    session.trust_env = True
    session.verify = True
    try:
        yield session
    finally:
        session.close()


def _json_getter(session: requests.Session, timeout: tuple[float, float]) -> arcgis.GetJson:
    def get_json(url: str, parameters: dict[str, str], what: str) -> Any:
        where = f"{url}, {what}"
        with _failures(where):
            response = session.get(url, params=parameters, timeout=timeout)
            _check_status(where, response)
            try:
                return response.json()
            except ValueError as error:
                raise ReferenceDownloadError(f"{where}: not JSON ({error})") from error

    return get_json


def _check_status(where: str, response: requests.Response) -> None:
    if response.status_code != 200:
        raise ReferenceDownloadError(f"{where}: HTTP {response.status_code} {response.reason}")


@contextmanager
def _failures(where: str) -> Iterator[None]:
    """requests' errors as one line naming `where` (the URL, and the page of a layer)."""
    try:
        yield
    except requests.exceptions.SSLError as error:
        raise ReferenceDownloadError(
            f"{where}: TLS certificate verification failed ({error}). Verification stays on: "
            "if a proxy re-signs traffic, point REQUESTS_CA_BUNDLE at its CA bundle."
        ) from error
    except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as error:
        # No retries: an unreachable network fails the whole update at once, in one line.
        host = urlparse(where).hostname or where
        raise ReferenceDownloadError(
            f"{where}: cannot reach {host} ({type(error).__name__}); `outcomes reference update` "
            "needs the network (or HTTPS_PROXY), and the bundle in use is unchanged"
        ) from error
    except requests.exceptions.RequestException as error:
        raise ReferenceDownloadError(f"{where}: download failed ({error})") from error
