"""Streams a published reference file to disk over HTTPS, with TLS always verified."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

import requests

CHUNK_BYTES = 1 << 20


class ReferenceDownloadError(RuntimeError):
    pass


def download(url: str, folder: Path, timeout: tuple[float, float]) -> Path:
    """Stream `url` into `folder` under its own file name (which keeps .gz for DuckDB to see)."""
    parts = urlparse(url)
    name = PurePosixPath(parts.path).name
    if parts.scheme != "https" or not name:
        raise ReferenceDownloadError(
            f"{url}: a reference file is fetched from an https URL of a file"
        )
    destination = folder / name
    partial = destination.with_name(destination.name + ".part")
    session = requests.Session()
    # Proxies and a corporate CA bundle come from the environment (REQUESTS_CA_BUNDLE);
    # verification itself is never switched off.
    session.trust_env = True
    session.verify = True
    try:
        with session.get(url, stream=True, timeout=timeout) as response:
            if response.status_code != 200:
                raise ReferenceDownloadError(
                    f"{url}: HTTP {response.status_code} {response.reason}"
                )
            with partial.open("wb") as handle:
                for chunk in response.iter_content(CHUNK_BYTES):
                    handle.write(chunk)
    except requests.exceptions.SSLError as error:
        raise ReferenceDownloadError(
            f"{url}: TLS certificate verification failed ({error}). Verification stays on: "
            "if a proxy re-signs traffic, point REQUESTS_CA_BUNDLE at its CA bundle."
        ) from error
    except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as error:
        # No retries: an unreachable network fails the whole update at once, in one line.
        host = parts.hostname or url
        raise ReferenceDownloadError(
            f"{url}: cannot reach {host} ({type(error).__name__}); `outcomes reference update` "
            "needs the network (or HTTPS_PROXY), and the bundle in use is unchanged"
        ) from error
    except requests.exceptions.RequestException as error:
        raise ReferenceDownloadError(f"{url}: download failed ({error})") from error
    finally:
        session.close()
    # Only a complete download takes the real name, so a failed one is never read.
    partial.replace(destination)
    return destination
