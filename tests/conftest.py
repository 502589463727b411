"""Shared test fixtures: the real data in ../shared, and HTTP(S) servers on loopback."""

from __future__ import annotations

import os
import ssl
import subprocess
import sys
from pathlib import Path

import pytest
import trustme
from pytest_httpserver import HTTPServer

from pipelines.settings import FingertipsSettings

SHARED = Path(os.environ.get("OUTCOMES_SHARED_DIR", Path(__file__).resolve().parents[2] / "shared"))


def require_shared(sub_path: str) -> Path:
    """A path under ../shared; fails under CI (CI=true) and skips elsewhere when it is missing."""
    path = SHARED / sub_path
    if not path.exists():
        message = f"{path} is missing: tests read the real data in ../shared beside the repository"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def certificate_authority() -> trustme.CA:
    """A throwaway CA: HTTPS on loopback with a certificate nothing trusts unless told to."""
    return trustme.CA()


@pytest.fixture
def https_server(certificate_authority: trustme.CA):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    certificate_authority.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return require_shared("data")


@pytest.fixture
def fast_fingertips_settings(httpserver) -> FingertipsSettings:
    """The live client pointed at the loopback server, with short timeouts and backoff."""
    return FingertipsSettings(
        api_url=httpserver.url_for("/api/"),
        connect_timeout=2.0,
        read_timeout=5.0,
        max_retries=2,
        backoff_factor=0.01,
    )


@pytest.fixture(scope="session")
def demo_snapshot(tmp_path_factory) -> Path:
    """The synthetic demo snapshot of the repository's catalogue and shipped reference bundle,
    generated once per session."""
    from assets.reference.bundle import SHIPPED_REFERENCE_DIR, current_bundle
    from pipelines.settings import PROJECT_ROOT
    from synthetic.demo import demo_areas, load_demo_places
    from synthetic.fingertips_snapshot import ensure_demo_snapshot
    from synthetic.indicators import demo_indicators

    bundle = current_bundle(SHIPPED_REFERENCE_DIR)
    indicators = demo_indicators(*load_demo_places(PROJECT_ROOT / "indicator_catalogue", bundle))
    folder, _ = ensure_demo_snapshot(
        tmp_path_factory.mktemp("demo_snapshot"), indicators, demo_areas(bundle)
    )
    return folder


@pytest.fixture(scope="session")
def old_duckdb(tmp_path_factory) -> Path:
    """The python of a virtualenv holding DuckDB 1.2 from PyPI, made once per test session."""
    folder = tmp_path_factory.mktemp("duckdb-1.2")
    python = folder / "bin" / "python"
    for command in (
        [sys.executable, "-m", "uv", "venv", "--quiet", str(folder)],
        [sys.executable, "-m", "uv", "pip", "install", "--quiet", "--python", str(python)]
        + ["duckdb==1.2.*"],
    ):
        made = subprocess.run(command, capture_output=True, text=True, check=False)
        if made.returncode != 0:
            pytest.fail(
                f"could not make a DuckDB 1.2 client ({' '.join(command)}): {made.stderr.strip()}"
            )
    return python
