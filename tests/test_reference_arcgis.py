"""ONS lookups read from an ArcGIS feature layer page by page: a FeatureServer on loopback HTTPS
serves the real rows of ../shared's LSOA 2021 → ward → LAD 2024 lookup under ONS's own headers, at
most a page a query, and the builder must read every row exactly once, or refuse a layer that does
not page as ArcGIS documents."""

from __future__ import annotations

import csv
import json
import ssl
from pathlib import Path

import pytest
import trustme
import yaml
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from assets.reference.bundle import SHIPPED_REFERENCE_DIR, TABLES, current_bundle
from assets.reference.download import ReferenceDownloadError, download
from assets.reference.reading import ROW, DatasetFile, read_table
from assets.reference.sources import SHIPPED_SOURCES, SourcesError, load_sources
from pipelines.cli import main
from tests.conftest import require_shared
from tests.reference_sources import SHARED_FILES, shared_sources

DATASET = "lsoa21_ltla_lookup"
SERVICE = "LSOA21_WD24_LAD24_EW_LU"
LAYER = f"/arcgis/rest/services/{SERVICE}/FeatureServer/0"
# geographr renamed the layer's fields; the layer serves them under ONS's own names again.
ONS_FIELDS = {
    "lsoa21_code": "LSOA21CD",
    "lsoa21_name": "LSOA21NM",
    "ward24_code": "WD24CD",
    "ward24_name": "WD24NM",
    "ltla24_code": "LAD24CD",
    "ltla24_name": "LAD24NM",
}
ROWS = 35_672


class FeatureLayer:
    """One layer of an ArcGIS FeatureServer: its description, its row count, and pages of at most
    `page_limit` rows ordered by ObjectId, each saying whether more follow. It may misbehave:
    ignore resultOffset, fail at one offset, or stop early."""

    def __init__(self, rows: list[dict[str, str]], page_limit: int = 2_000, **misbehaviour) -> None:
        self.rows = [{"ObjectId": number, **row} for number, row in enumerate(rows, 1)]
        self.page_limit = page_limit
        self.misbehaviour = misbehaviour
        self.pages: list[tuple[int, int]] = []  # (resultOffset, resultRecordCount) asked for

    def serve(self, server: HTTPServer, advertised_limit: int | None) -> str:
        description = {
            "objectIdField": "ObjectId",
            "advancedQueryCapabilities": {"supportsPagination": True},
            "fields": self._fields(),
        }
        if advertised_limit is not None:
            description["maxRecordCount"] = advertised_limit
        server.expect_request(LAYER, query_string={"f": "json"}).respond_with_json(description)
        server.expect_request(f"{LAYER}/query").respond_with_handler(self._query)
        return server.url_for(LAYER)

    def _fields(self) -> list[dict[str, str]]:
        return [
            {
                "name": name,
                "type": "esriFieldTypeOID" if name == "ObjectId" else "esriFieldTypeString",
            }
            for name in self.rows[0]
        ]

    def _query(self, request: Request) -> Response:
        args = request.args
        if args.get("returnCountOnly") == "true":
            return _json({"count": len(self.rows)})
        offset, asked = int(args["resultOffset"]), int(args["resultRecordCount"])
        self.pages.append((offset, asked))
        assert (args["where"], args["outFields"], args["f"]) == ("1=1", "*", "json")
        assert (args["orderByFields"], args["returnGeometry"]) == ("ObjectId", "false")
        assert len(self.pages) < 100, "the client kept asking"
        if self.misbehaviour.get("fails_at") == offset:
            return Response("overloaded", status=500)
        if self.misbehaviour.get("ignores_offset"):
            offset = 0
        end = min(offset + min(asked, self.page_limit), len(self.rows))
        end_of_rows = end in (len(self.rows), self.misbehaviour.get("stops_after"))
        page = {
            "objectIdFieldName": "ObjectId",
            "fields": self._fields(),
            "features": [{"attributes": row} for row in self.rows[offset:end]],
        }
        if not end_of_rows:
            page["exceededTransferLimit"] = True
        return _json(page)


def _json(data: object) -> Response:
    return Response(json.dumps(data), content_type="application/json")


@pytest.fixture(scope="module")
def lookup() -> list[dict[str, str]]:
    path = require_shared("data") / SHARED_FILES[DATASET]
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [
            {ONS_FIELDS[key]: value for key, value in row.items()} for row in csv.DictReader(handle)
        ]


@pytest.fixture
def server(certificate_authority: trustme.CA):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    certificate_authority.issue_cert("127.0.0.1").configure_cert(context)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def ca_bundle(certificate_authority: trustme.CA, tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "ca.pem"
    certificate_authority.cert_pem.write_to_path(str(path))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(path))
    return path


@pytest.mark.parametrize(
    ("advertised_limit", "page_limit", "pages"),
    [
        (2_000, 2_000, list(range(0, ROWS, 2_000))),
        # No maxRecordCount advertised and 1,000 rows a page: the client asks for 2,000 and moves
        # on by what came.
        (None, 1_000, list(range(0, ROWS, 1_000))),
    ],
)
def test_every_row_of_a_paged_layer_is_read_once(
    lookup, server, ca_bundle, tmp_path: Path, advertised_limit, page_limit, pages
) -> None:
    layer = FeatureLayer(lookup, page_limit=page_limit)
    url = layer.serve(server, advertised_limit)
    path = download(url, tmp_path, (5.0, 30.0))
    assert path.name == f"{SERVICE}.csv"
    assert [offset for offset, _ in layer.pages] == pages
    assert {asked for _, asked in layer.pages} == {2_000}
    with path.open(encoding="utf-8", newline="") as handle:
        written = list(csv.DictReader(handle))
    assert [row["ObjectId"] for row in written] == [str(n) for n in range(1, ROWS + 1)]
    assert [{k: v for k, v in row.items() if k != "ObjectId"} for row in written] == lookup

    source = load_sources(SHIPPED_SOURCES).datasets[DATASET]
    frame = read_table(DatasetFile(DATASET, path, source))
    assert frame.height == ROWS
    assert frame.select("lsoa_code", "lsoa_name", "ltla_code", "ltla_name").rows() == [
        (row["LSOA21CD"], row["LSOA21NM"], row["LAD24CD"], row["LAD24NM"]) for row in lookup
    ]
    assert frame[ROW].to_list() == list(range(2, ROWS + 2))


def test_update_builds_the_shipped_bundle_with_the_lookup_from_its_layer(
    lookup, server, ca_bundle, tmp_path: Path
) -> None:
    url = FeatureLayer(lookup).serve(server, 2_000)
    result = update(tmp_path, sources_with_layer(tmp_path, url))
    assert result.exit_code == 0, result.output
    assert f"downloading {DATASET} from {url}" in result.output.splitlines()
    bundle, shipped = current_bundle(tmp_path / "reference"), current_bundle(SHIPPED_REFERENCE_DIR)
    for table in TABLES:
        assert bundle.frame(table).equals(shipped.frame(table)), table
    entry = bundle.manifest["datasets"][DATASET]
    assert (entry["file"], entry["rows"]) == (f"{SERVICE}.csv", ROWS)


def test_a_layer_that_ignores_resultoffset_is_refused(
    lookup, server, ca_bundle, tmp_path: Path
) -> None:
    layer = FeatureLayer(lookup, ignores_offset=True)
    url = layer.serve(server, 2_000)
    result = update(tmp_path, sources_with_layer(tmp_path, url))
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: {url}: the page at offset 2000 repeats ObjectId 1, already read at offset 0: the "
        "service ignores resultOffset, so its rows cannot be paged. No bundle was written."
    )
    assert layer.pages == [(0, 2_000), (2_000, 2_000)]
    assert not (tmp_path / "reference" / "bundles").exists()


def test_a_failed_page_names_the_url_and_offset(lookup, server, ca_bundle, tmp_path: Path) -> None:
    url = FeatureLayer(lookup, fails_at=4_000).serve(server, 2_000)
    with pytest.raises(ReferenceDownloadError) as failure:
        download(url, tmp_path, (5.0, 30.0))
    assert str(failure.value) == (
        f"{url}/query, the page at offset 4000: HTTP 500 INTERNAL SERVER ERROR"
    )
    # Only a whole layer takes the file's name, so half of one is never read.
    assert not (tmp_path / f"{SERVICE}.csv").exists()


def test_pages_short_of_the_layers_count_are_refused(
    lookup, server, ca_bundle, tmp_path: Path
) -> None:
    url = FeatureLayer(lookup, stops_after=4_000).serve(server, 2_000)
    with pytest.raises(ReferenceDownloadError) as failure:
        download(url, tmp_path, (5.0, 30.0))
    assert str(failure.value) == f"{url}: the pages held 4,000 rows, but the layer counts 35,672"


def test_a_layer_is_named_by_its_url_without_a_query(tmp_path: Path) -> None:
    data = yaml.safe_load(SHIPPED_SOURCES.read_text(encoding="utf-8"))
    url = data["datasets"][DATASET]["url"]
    assert url.endswith(f"/{SERVICE}/FeatureServer/0")
    data["datasets"][DATASET] |= {"url": f"{url}/query?where=1%3D1&f=geojson", "format": "arcgis"}
    path = tmp_path / "sources.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(SourcesError, match=f"dataset {DATASET}, field 'url': .* is not an ArcGIS"):
        load_sources(path)


def sources_with_layer(folder: Path, url: str) -> Path:
    """The shipped sources read from ../shared's files on disk, but DATASET from the layer."""
    shared = require_shared("data")
    path = shared_sources(folder / "sources.yaml", lambda dataset, file: str(shared / file))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["datasets"][DATASET]["url"] = url
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def update(folder: Path, sources: Path):
    return CliRunner().invoke(
        main,
        ["reference", "update", "--sources", str(sources), "--version", "2026.12.8"],
        env={"OUTCOMES_REFERENCE_DIR": str(folder / "reference")},
    )
