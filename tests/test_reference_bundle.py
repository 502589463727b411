"""`outcomes reference update` for real: the official files from ../shared/data served over HTTPS on
loopback (a throwaway CA via REQUESTS_CA_BUNDLE), the bundle it writes checked row for row against
those files, bad files refused by name, and the shipped bundle equal to what the builder makes."""

from __future__ import annotations

import csv
import gzip
import shutil
import socket
import ssl
import time
from pathlib import Path

import polars as pl
import pytest
import trustme
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from assets.places import AreaType, OnsGeography
from assets.reference.bundle import (
    SHIPPED_REFERENCE_DIR,
    TABLES,
    ReferenceBundle,
    ReferenceBundleError,
    bundle_folders,
    current_bundle,
    sha256,
)
from assets.reference.download import download
from pipelines.cli import main
from tests.conftest import require_shared
from tests.reference_sources import SHARED_FILES, shared_sources

VERSION = "2026.12.7"
IMD2019 = SHARED_FILES["imd2019_lsoa11"]


@pytest.fixture(scope="module")
def shared() -> Path:
    return require_shared("data")


@pytest.fixture(scope="module")
def ca_bundle(certificate_authority: trustme.CA, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    certificate_authority.cert_pem.write_to_path(str(path))
    return path


@pytest.fixture(scope="module")
def publisher(certificate_authority: trustme.CA, shared: Path):
    """Each official file at /<dataset>/<its name>, over HTTPS."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    certificate_authority.issue_cert("127.0.0.1").configure_cert(context)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.start()
    for dataset, path in SHARED_FILES.items():
        server.expect_request(f"/{dataset}/{Path(path).name}").respond_with_data(
            (shared / path).read_bytes()
        )
    yield server
    server.stop()


def update(reference_dir: Path, sources: Path, ca_bundle: Path, version: str = VERSION):
    return CliRunner().invoke(
        main,
        ["reference", "update", "--sources", str(sources), "--version", version],
        env={"OUTCOMES_REFERENCE_DIR": str(reference_dir), "REQUESTS_CA_BUNDLE": str(ca_bundle)},
    )


@pytest.fixture(scope="module")
def built(publisher: HTTPServer, ca_bundle: Path, tmp_path_factory) -> tuple[ReferenceBundle, str]:
    folder = tmp_path_factory.mktemp("reference")
    sources = shared_sources(
        folder / "served.yaml",
        lambda dataset, path: publisher.url_for(f"/{dataset}/{Path(path).name}"),
    )
    result = update(folder, sources, ca_bundle)
    assert result.exit_code == 0, result.output
    return current_bundle(folder), result.output


def raw_csv(path: Path) -> list[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_update_downloads_checks_and_writes_a_new_version(built) -> None:
    bundle, output = built
    assert bundle.version == VERSION
    assert output.splitlines()[0].startswith("downloading imd2019_lsoa11 from https://127.0.0.1:")
    assert output.splitlines()[-2:] == [
        f"Wrote reference bundle {VERSION} in {bundle.folder}",
        "Load it into the warehouse with `outcomes reference load`.",
    ]
    assert sorted(path.name for path in bundle.folder.iterdir()) == sorted(
        [f"{table}.parquet" for table in TABLES] + ["manifest.json"]
    )


def test_imd2019_is_file_1_row_for_row(built, shared: Path) -> None:
    bundle, _ = built
    expected = {
        row["LSOA code (2011)"]: (
            int(row["Index of Multiple Deprivation (IMD) Rank"].replace(",", "")),
            int(row["Index of Multiple Deprivation (IMD) Decile"]),
            row["Local Authority District code (2019)"],
        )
        for row in raw_csv(shared / IMD2019)
    }
    loaded = bundle.frame("lsoa_deprivation").filter(pl.col("imd_version") == "imd2019")
    assert len(expected) == loaded.height == 32_844
    assert {
        code: (rank, decile, lad)
        for code, rank, decile, lad in loaded.select(
            "lsoa_code", "imd_rank", "imd_decile", "lad_code"
        ).iter_rows()
    } == expected
    assert set(loaded["lsoa_vintage"]) == {"2011"}


def test_iod2025_is_its_file_row_for_row(built, shared: Path) -> None:
    bundle, _ = built
    expected = {
        row["lsoa21_code"]: (int(row["IMD_rank"]), int(row["IMD_decile"]))
        for row in raw_csv(shared / SHARED_FILES["imd2025_lsoa21"])
    }
    loaded = bundle.frame("lsoa_deprivation").filter(pl.col("imd_version") == "imd2025")
    assert len(expected) == loaded.height == 33_755
    assert {
        code: (rank, decile)
        for code, rank, decile in loaded.select("lsoa_code", "imd_rank", "imd_decile").iter_rows()
    } == expected


def test_geography_agrees_with_the_lookups(built, shared: Path) -> None:
    bundle, _ = built
    geography = bundle.frame("lsoa_geography")
    assert geography.null_count().sum_horizontal().item() == 0
    lsoa21 = {
        row["lsoa21_code"]: row["ltla24_code"]
        for row in raw_csv(shared / SHARED_FILES["lsoa21_ltla_lookup"])
        if row["lsoa21_code"].startswith("E")
    }
    icb21 = {
        row["lsoa21_code"]: (row["sicbl24_code"], row["icb24_code"])
        for row in raw_csv(shared / SHARED_FILES["lsoa21_nhs_lookup"])
    }
    vintage_2021 = geography.filter(pl.col("lsoa_vintage") == "2021")
    assert {
        code: (ltla, (sub_icb, icb))
        for code, ltla, sub_icb, icb in vintage_2021.select(
            "lsoa_code", "ltla_code", "sub_icb_code", "icb_code"
        ).iter_rows()
    } == {code: (ltla, icb21[code]) for code, ltla in lsoa21.items()}
    # LSOA 2011: ONS lookup 219's LAD 2020, except where a district was merged away since (the
    # April 2021 and 2023 reorganisations), which la_all_codes says with its current code.
    lad20 = {
        row["LSOA11CD"]: row["LAD20CD"]
        for row in raw_csv(shared / "geography/lsoa11_ccg20_lad20__ons_lookup_219.csv")
    }
    current = {
        row["LADCD"]: row["LADCD_ACTIVE"] for row in raw_csv(shared / "geography/la_all_codes.csv")
    }
    vintage_2011 = dict(
        geography.filter(pl.col("lsoa_vintage") == "2011")
        .select("lsoa_code", "ltla_code")
        .iter_rows()
    )
    assert vintage_2011.keys() == lad20.keys()
    moved = {code for code, ltla in vintage_2011.items() if ltla != lad20[code]}
    assert len(moved) == 1_443
    assert all(current[lad20[code]] == vintage_2011[code] != lad20[code] for code in moved)


def test_every_lsoa_has_a_decile_and_parents(built) -> None:
    bundle, _ = built
    deprivation = bundle.frame("lsoa_deprivation").select("lsoa_vintage", "lsoa_code")
    geography = bundle.frame("lsoa_geography").select("lsoa_vintage", "lsoa_code")
    assert deprivation.sort(pl.all()).equals(geography.sort(pl.all()))
    assert deprivation.group_by("lsoa_vintage").len().sort("lsoa_vintage").rows() == [
        ("2011", 32_844),
        ("2021", 33_755),
    ]


def test_population_bands_sum_the_single_years(built, shared: Path) -> None:
    bundle, _ = built
    raw = pl.read_csv(shared / SHARED_FILES["population_lsoa11"], infer_schema=False).filter(
        pl.col("lsoa11_code").str.starts_with("E")
    )
    bands = bundle.frame("lsoa_population")
    for label, youngest, oldest in [
        ("0-4", 0, 4),
        ("15", 15, 15),
        ("16-17", 16, 17),
        ("90+", 90, None),
    ]:
        ages = [str(age) for age in range(youngest, (oldest or 89) + 1)] if oldest else ["90+"]
        expected = raw.select(
            pl.col("lsoa11_code").alias("lsoa_code"),
            pl.sum_horizontal(pl.col(ages).cast(pl.Int32)).alias("population"),
        ).sort("lsoa_code")
        loaded = bands.filter(pl.col("age_band") == label).select("lsoa_code", "population")
        assert loaded.sort("lsoa_code").equals(expected), label
    sums = (
        bands.filter(pl.col("age_band") != "all ages")
        .group_by("lsoa_code")
        .agg(pl.col("population").sum())
        .sort("lsoa_code")
    )
    totals = raw.select(
        pl.col("lsoa11_code").alias("lsoa_code"),
        pl.col("total_population").cast(pl.Int64).alias("population"),
    ).sort("lsoa_code")
    assert sums.height == 32_844
    assert sums.with_columns(pl.col("population").cast(pl.Int64)).equals(totals)


def test_manifest_row_counts_and_hashes(built, tmp_path: Path) -> None:
    bundle, _ = built
    bundle.verify()
    entry = bundle.manifest["tables"]["lsoa_deprivation"]
    assert entry["rows"] == 32_844 + 33_755
    assert entry["sha256"] == sha256(bundle.folder / "lsoa_deprivation.parquet")
    assert [source["dataset"] for source in entry["sources"]] == [
        "imd2019_lsoa11",
        "imd2025_lsoa21",
    ]
    imd2019 = entry["sources"][0]
    assert imd2019["publisher"] == "Ministry of Housing, Communities and Local Government"
    assert imd2019["licence"] == "Open Government Licence v3.0"
    assert imd2019["url"].startswith("https://assets.publishing.service.gov.uk/")
    assert bundle.manifest["bundle_version"] == VERSION
    copy = shutil.copytree(bundle.folder, tmp_path / VERSION)
    (copy / "nearest_neighbours.parquet").write_bytes(b"changed")
    with pytest.raises(ReferenceBundleError, match="not the file the manifest names"):
        ReferenceBundle(copy).verify()


def test_the_shipped_bundle_is_what_the_builder_makes(built) -> None:
    bundle, _ = built
    shipped = current_bundle(SHIPPED_REFERENCE_DIR)
    for table in TABLES:
        assert shipped.frame(table).equals(bundle.frame(table)), table
        assert shipped.manifest["tables"][table]["rows"] == bundle.manifest["tables"][table]["rows"]
    assert shipped.manifest["datasets"] == bundle.manifest["datasets"]


def test_every_county_and_ua_has_a_name_region_and_icb() -> None:
    geography = OnsGeography.from_bundle(current_bundle(SHIPPED_REFERENCE_DIR))
    codes = geography.codes_in_vintage(AreaType.COUNTIES_UAS_APRIL_2023)
    assert len(codes) == 153
    assert all(
        geography.name(code) and geography.region_of(code) and geography.icb_of(code)
        for code in codes
    )


# --- Bad files: named, and nothing written --------------------------------------------------


@pytest.fixture
def local_copy(shared: Path, tmp_path: Path):
    """A reference folder holding a previous bundle, and sources read from local copies that a
    test may spoil."""
    copies = tmp_path / "files"
    reference_dir = tmp_path / "reference"
    shutil.copytree(
        current_bundle(SHIPPED_REFERENCE_DIR).folder, reference_dir / "bundles" / "2026.12.5"
    )

    def location(dataset: str, path: str) -> str:
        target = copies / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            shutil.copyfile(shared / path, target)
        return str(target)

    sources = shared_sources(tmp_path / "sources.yaml", location)
    return reference_dir, sources, copies


def rewrite(path: Path, change) -> None:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
        lines = [line.rstrip("\r\n") + "\n" for line in handle]
    with opener(path, "wt", encoding="utf-8", newline="") as handle:
        handle.writelines(change(lines))


def refused(reference_dir: Path, sources: Path, ca_bundle: Path) -> str:
    result = update(reference_dir, sources, ca_bundle, version="2026.12.9")
    assert result.exit_code == 1
    # The previous bundle is still the newest, and no half-written one is left behind.
    assert current_bundle(reference_dir).folder.name == "2026.12.5"
    assert [path.name for path in (reference_dir / "bundles").iterdir()] == ["2026.12.5"]
    return result.stderr.strip()


def test_a_missing_column_is_named(local_copy, ca_bundle) -> None:
    reference_dir, sources, copies = local_copy
    rewrite(
        copies / IMD2019, lambda lines: [lines[0].replace("(IMD) Decile", "Decile")] + lines[1:]
    )
    message = refused(reference_dir, sources, ca_bundle)
    assert message.startswith(
        "Error: dataset imd2019_lsoa11, file File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz, "
        "row 1, field 'imd_decile': no header is one of ['Index of Multiple Deprivation (IMD) "
        "Decile', "
    )
    assert message.endswith("No bundle was written.")


def test_a_duplicate_key_is_named(local_copy, ca_bundle) -> None:
    reference_dir, sources, copies = local_copy
    rewrite(copies / IMD2019, lambda lines: lines + [lines[5]])
    assert refused(reference_dir, sources, ca_bundle) == (
        "Error: dataset imd2019_lsoa11, file File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz, "
        "row 32846, field 'lsoa_code': duplicate key ('E01000006'). No bundle was written."
    )


def test_a_missing_lsoa_is_named(local_copy, ca_bundle) -> None:
    reference_dir, sources, copies = local_copy
    path = copies / SHARED_FILES["lsoa21_nhs_lookup"]
    rewrite(path, lambda lines: [line for line in lines if not line.startswith("Halton 001B,")])
    assert refused(reference_dir, sources, ca_bundle) == (
        "Error: dataset lsoa21_nhs_lookup, file lookup_lsoa21_icb24__humaniverse_geographr.csv, "
        "field 'lsoa_code': 1 English LSOA(s) of the IMD missing, e.g. E01012393. "
        "No bundle was written."
    )


def test_a_text_rank_is_named(local_copy, ca_bundle) -> None:
    reference_dir, sources, copies = local_copy
    # Row 4 of the file (its third LSOA) with its decile written as text.
    rewrite(
        copies / IMD2019,
        lambda lines: [*lines[:3], lines[3].rsplit(",", 1)[0] + ",x\n", *lines[4:]],
    )
    assert refused(reference_dir, sources, ca_bundle).startswith(
        "Error: dataset imd2019_lsoa11, file File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz, "
        "row 4, field 'imd_decile': not a whole number ('x')."
    )


def test_a_refused_connection_fails_fast_in_one_line(local_copy, ca_bundle) -> None:
    reference_dir, sources, _ = local_copy
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    text = sources.read_text(encoding="utf-8")
    first = text.index("url: ", text.index("imd2019_lsoa11:"))
    end = text.index("\n", first)
    sources.write_text(
        text[:first] + f"url: https://127.0.0.1:{port}/File_1.xlsx" + text[end:], encoding="utf-8"
    )
    started = time.monotonic()
    message = refused(reference_dir, sources, ca_bundle)
    assert time.monotonic() - started < 10
    assert message == (
        f"Error: https://127.0.0.1:{port}/File_1.xlsx: cannot reach 127.0.0.1 (ConnectionError); "
        "`outcomes reference update` needs the network (or HTTPS_PROXY), and the bundle in use is "
        "unchanged. No bundle was written."
    )


def test_an_ons_file_link_is_saved_under_the_name_in_its_uri(
    publisher: HTTPServer, ca_bundle: Path, tmp_path: Path, monkeypatch
) -> None:
    # ONS links a file as https://www.ons.gov.uk/file?uri=/…/<name>: the name is in the query.
    uri = "/datasets/mid2020sape23dt2/sape23dt2mid2020lsoasyoaestimatesunformatted.xlsx"
    publisher.expect_request("/file", query_string={"uri": uri}).respond_with_data(b"workbook")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca_bundle))
    path = download(f"{publisher.url_for('/file')}?uri={uri}", tmp_path, (5.0, 30.0))
    assert path == tmp_path / "sape23dt2mid2020lsoasyoaestimatesunformatted.xlsx"
    assert path.read_bytes() == b"workbook"


# --- Reading bundles -------------------------------------------------------------------------


def test_the_newest_bundle_wins_and_the_shipped_one_is_the_fallback(tmp_path: Path) -> None:
    assert current_bundle(tmp_path).folder == bundle_folders(SHIPPED_REFERENCE_DIR)[-1]
    shipped = current_bundle(SHIPPED_REFERENCE_DIR).folder
    for version in ("2026.9.1", "2026.12.10", "2026.12.2"):
        shutil.copytree(shipped, tmp_path / "bundles" / version)
    # An unfinished build is a dot-folder and never read.
    (tmp_path / "bundles" / ".building-2027.1.1-x").mkdir()
    assert current_bundle(tmp_path).folder == tmp_path / "bundles" / "2026.12.10"


def test_reference_says_which_bundle_is_in_use() -> None:
    result = CliRunner().invoke(main, ["reference"], env={"OUTCOMES_REFERENCE_DIR": None})
    assert result.exit_code == 0, result.output
    shipped = current_bundle(SHIPPED_REFERENCE_DIR)
    assert result.output.splitlines()[0].startswith(
        f"Reference bundle {shipped.version} ({shipped.folder}), built "
    )
    assert f"  {'lsoa_deprivation':24} {'66,599':>9} rows" in result.output.splitlines()


def test_place_new_for_any_county_and_ua_needs_no_reference_option(tmp_path: Path) -> None:
    output = tmp_path / "county-durham.yaml"
    result = CliRunner().invoke(
        main,
        ["place", "new", "--code", "E06000047", "--name", "County Durham", "--output", str(output)],
        env={"OUTCOMES_REFERENCE_DIR": None},
    )
    assert result.exit_code == 0, result.output
    text = output.read_text(encoding="utf-8")
    assert "E06000047" in text and "E12000001" in text
