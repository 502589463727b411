"""Reference files from a local folder or an https URL: downloads over loopback TLS, never verified
off, and the IMD loaded end to end from URLs."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest
from pytest_httpserver import HTTPServer

from assets.reference.deprivation import IMD_DATASETS, lsoa_deprivation
from pipelines.reference.download import ReferenceDownloadError
from pipelines.reference.files import (
    FILES_IN_REFERENCE_DIR,
    reference_files_in,
)
from pipelines.resources import WarehouseResource, build_resources
from pipelines.settings import PROJECT_ROOT, Settings
from tests.test_reference_assets import rows


@pytest.fixture
def trusted_ca(certificate_authority, monkeypatch, tmp_path: Path) -> None:
    bundle = tmp_path / "corporate-ca.pem"
    certificate_authority.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(bundle))


def test_the_reference_folder_comes_from_one_environment_variable(monkeypatch, tmp_path):
    monkeypatch.delenv("OUTCOMES_REFERENCE_DIR", raising=False)
    assert Settings.from_env().reference_dir == PROJECT_ROOT / "reference"
    monkeypatch.setenv("OUTCOMES_REFERENCE_DIR", str(tmp_path))
    assert Settings.from_env().reference_dir == tmp_path
    files = build_resources(Settings.from_env())["reference_files"]
    assert files.location("lsoa11_lsoa21") == str(
        tmp_path / FILES_IN_REFERENCE_DIR["lsoa11_lsoa21"]
    )


def test_a_missing_local_file_names_its_dataset(tmp_path):
    with (
        pytest.raises(FileNotFoundError, match="reference dataset imd2019_lsoa11"),
        reference_files_in(tmp_path).local_files("imd2019_lsoa11"),
    ):
        pass


def test_a_download_is_streamed_under_its_own_name_and_removed_after(
    https_server: HTTPServer, trusted_ca, shared_data, tmp_path
):
    body = (shared_data / FILES_IN_REFERENCE_DIR["imd2019_lsoa11"]).read_bytes()
    https_server.expect_request("/media/File_1.csv.gz").respond_with_data(body)
    files = reference_files_in(
        tmp_path, imd2019_lsoa11=https_server.url_for("/media/File_1.csv.gz")
    )
    with files.local_files("imd2019_lsoa11") as paths:
        downloaded = paths["imd2019_lsoa11"]
        # The name keeps .gz, so DuckDB decompresses it.
        assert downloaded.name == "File_1.csv.gz"
        assert downloaded.read_bytes() == body
    assert not downloaded.exists()


def test_tls_is_verified_and_never_switched_off(https_server: HTTPServer, monkeypatch, tmp_path):
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    https_server.expect_request("/imd.csv").respond_with_data("lsoa21_code\n")
    files = reference_files_in(tmp_path, imd2025_lsoa21=https_server.url_for("/imd.csv"))
    with (
        pytest.raises(ReferenceDownloadError, match="TLS certificate verification failed"),
        files.local_files("imd2025_lsoa21"),
    ):
        pass
    assert https_server.log == []


def test_plain_http_and_http_errors_are_refused(https_server: HTTPServer, trusted_ca, tmp_path):
    files = reference_files_in(
        tmp_path,
        imd2019_lsoa11="http://127.0.0.1:9/File_1.csv",
        imd2025_lsoa21=https_server.url_for("/gone.csv"),
    )
    with (
        pytest.raises(ReferenceDownloadError, match="https URL"),
        files.local_files("imd2019_lsoa11"),
    ):
        pass
    https_server.expect_request("/gone.csv").respond_with_data("not here", status=404)
    with (
        pytest.raises(ReferenceDownloadError, match="HTTP 404"),
        files.local_files("imd2025_lsoa21"),
    ):
        pass


def test_deprivation_loads_from_published_urls(
    https_server: HTTPServer, trusted_ca, shared_data, tmp_path
):
    urls = {}
    for dataset in IMD_DATASETS.values():
        name = Path(FILES_IN_REFERENCE_DIR[dataset]).name
        https_server.expect_request(f"/{name}").respond_with_data(
            (shared_data / FILES_IN_REFERENCE_DIR[dataset]).read_bytes()
        )
        urls[dataset] = https_server.url_for(f"/{name}")
    warehouse_path = tmp_path / "outcomes.duckdb"
    result = dg.materialize(
        [lsoa_deprivation],
        resources={
            "warehouse": WarehouseResource(path=str(warehouse_path)),
            "reference_files": reference_files_in(tmp_path, **urls),
        },
        instance=dg.DagsterInstance.ephemeral(),
    )
    assert result.success
    assert rows(
        warehouse_path,
        """
        SELECT imd_version, count(*), min(source_location) FROM conformed.lsoa_deprivation
        GROUP BY ALL ORDER BY ALL""",
    ) == [
        ("imd2019", 32_844, urls["imd2019_lsoa11"]),
        ("imd2025", 33_755, urls["imd2025_lsoa21"]),
    ]
