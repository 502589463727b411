"""The synthetic demo snapshot: the same bytes every time, every catalogue Fingertips indicator,
every County & UA of 2023 and the 2021 codes that changed, and labelled synthetic throughout."""

from __future__ import annotations

import csv
import json
import shutil

import yaml

from assets.catalogue.loader import load_catalogue
from assets.fingertips.snapshot import read_manifest, snapshot_indicator_ids
from assets.reference.bundle import SHIPPED_REFERENCE_DIR, current_bundle
from pipelines.settings import PROJECT_ROOT
from synthetic.demo import demo_areas, load_demo_places
from synthetic.fingertips_snapshot import ensure_demo_snapshot, write_demo_snapshot
from synthetic.indicators import demo_indicators

CATALOGUE = PROJECT_ROOT / "indicator_catalogue"
BUNDLE = current_bundle(SHIPPED_REFERENCE_DIR)
AREAS = demo_areas(BUNDLE)
INDICATORS = demo_indicators(*load_demo_places(CATALOGUE, BUNDLE))
ENGLAND = "E92000001"
SYNTHETIC_NOTE = "Synthetic demo value - not real data"


def _downloads(folder) -> dict[str, list[dict[str, str]]]:
    """Each all_data download's rows, by its child area type."""
    downloads = {}
    for entry in read_manifest(folder)["responses"].values():
        if entry["endpoint"] == "all_data/csv/by_indicator_id":
            with (folder / entry["file"]).open(newline="", encoding="utf-8") as handle:
                downloads[entry["params"]["child_area_type_id"]] = list(csv.DictReader(handle))
    return downloads


def _areas(folder, area_type: int) -> list[str]:
    for entry in read_manifest(folder)["responses"].values():
        if entry["endpoint"] == "areas/by_area_type" and entry["params"] == {
            "area_type_id": str(area_type)
        }:
            return [area["Code"] for area in json.loads((folder / entry["file"]).read_bytes())]
    raise AssertionError(f"no areas of type {area_type}")


def test_generating_twice_writes_the_same_bytes(demo_snapshot, tmp_path):
    write_demo_snapshot(tmp_path, INDICATORS, AREAS)
    first = read_manifest(demo_snapshot)
    assert read_manifest(tmp_path) == first
    for entry in first["responses"].values():
        assert (tmp_path / entry["file"]).read_bytes() == (
            demo_snapshot / entry["file"]
        ).read_bytes()


def test_an_unchanged_snapshot_is_reused_and_a_changed_catalogue_makes_a_new_one(
    demo_snapshot, tmp_path
):
    assert ensure_demo_snapshot(demo_snapshot.parent, INDICATORS, AREAS) == (demo_snapshot, False)
    # A catalogue with one place of the three: fewer ages and sexes to draw.
    catalogue = tmp_path / "catalogue"
    (catalogue / "places").mkdir(parents=True)
    (catalogue / "indicators").symlink_to(CATALOGUE / "indicators")
    shutil.copyfile(CATALOGUE / "places" / "croydon.yaml", catalogue / "places" / "croydon.yaml")
    indicators = demo_indicators(*load_demo_places(catalogue, BUNDLE))
    other, generated = ensure_demo_snapshot(tmp_path / "snapshots", indicators, AREAS)
    assert generated and other.name != demo_snapshot.name


def test_every_catalogue_indicator_for_every_county_and_ua(demo_snapshot):
    catalogue = load_catalogue(CATALOGUE)
    assert snapshot_indicator_ids(demo_snapshot) == catalogue.fingertips_indicator_ids(
        include_discontinued=True
    )
    assert len(_areas(demo_snapshot, 502)) == 153
    # Of April 2021's, only the codes 2023 replaced: Cumbria, North Yorkshire, Somerset.
    assert _areas(demo_snapshot, 402) == ["E10000006", "E10000023", "E10000027"]
    assert len(_areas(demo_snapshot, 6)) == 9
    downloads = _downloads(demo_snapshot)
    counties = {
        area_type: {row["Area Code"] for row in rows if row["Area Type"].startswith("Counties")}
        for area_type, rows in downloads.items()
    }
    assert len(counties["502"]) == 153
    assert counties["402"] == {"E10000006", "E10000023", "E10000027"}
    indicators = {row["Indicator ID"] for row in downloads["502"]}
    assert indicators == {str(i) for i in catalogue.fingertips_indicator_ids(True)}
    # North Yorkshire: the county's values end before April 2023, the unitary's start then.
    years = {
        code: sorted({row["Time period Sortable"][:4] for row in rows if row["Area Code"] == code})
        for rows in downloads.values()
        for code in ("E10000023", "E06000065")
        if any(row["Area Code"] == code for row in rows)
    }
    assert max(years["E10000023"]) < "2023" <= min(years["E06000065"])


def test_labelled_synthetic_throughout(demo_snapshot):
    manifest = read_manifest(demo_snapshot)
    assert manifest["synthetic"] is True
    assert manifest["note"].startswith("SYNTHETIC DATA")
    for rows in _downloads(demo_snapshot).values():
        assert {row["Value note"] for row in rows} == {SYNTHETIC_NOTE}


def test_every_fingertips_measure_of_the_example_places_has_values(demo_snapshot):
    """Each place, its region and England have values at the sex and age each measure names."""
    catalogue = load_catalogue(CATALOGUE)
    valued = {
        (row["Indicator ID"], row["Area Code"], row["Sex"], row["Age"])
        for row in _downloads(demo_snapshot)["502"]
        if row["Category Type"] == "" and row["Value"]
    }
    uncovered = []
    for place_id in ("croydon", "leeds", "trafford"):
        place = yaml.safe_load((CATALOGUE / "places" / f"{place_id}.yaml").read_text("utf-8"))
        areas = [area["code"] for area in place["areas"]] + [place["region"]["code"], ENGLAND]
        for outcome in place["shared_outcomes"]:
            for priority in outcome["priorities"]:
                for measure in priority["measures"]:
                    if "indicator" not in measure:
                        continue
                    fingertips_id = catalogue.by_id(measure["indicator"]).fingertips_id
                    for area in areas:
                        if fingertips_id is not None and not any(
                            indicator == str(fingertips_id)
                            and code == area
                            and measure.get("sex") in (None, sex)
                            and measure.get("age") in (None, age)
                            for indicator, code, sex, age in valued
                        ):
                            uncovered.append((place_id, measure["id"], area))
    assert uncovered == []
