"""The shipped demo snapshot is exactly what its generator writes, and says it is synthetic."""

from __future__ import annotations

import csv
import json

import yaml

from pipelines.catalogue.loader import load_catalogue
from pipelines.fingertips.api import MAX_IDS_PER_CALL
from pipelines.fingertips.demo_snapshot import EXAMPLE_PLACES, write_demo_snapshot
from pipelines.fingertips.snapshot import read_manifest, snapshot_indicator_ids
from pipelines.settings import PROJECT_ROOT

SHIPPED = PROJECT_ROOT / "snapshots" / "demo"
CATALOGUE = PROJECT_ROOT / "indicator_catalogue"
ENGLAND = "E92000001"
# Big enough for the example places' indicators, small enough to ship in the repository.
MAX_SNAPSHOT_BYTES = 3_500_000


def _all_data_rows() -> list[dict[str, str]]:
    (download,) = (SHIPPED / "responses").glob("all_data_*.csv")
    with download.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_regenerating_the_demo_snapshot_reproduces_it(tmp_path):
    write_demo_snapshot(tmp_path, snapshot_indicator_ids(SHIPPED))
    shipped = json.loads((SHIPPED / "manifest.json").read_text(encoding="utf-8"))
    regenerated = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert regenerated == shipped
    for entry in shipped["responses"].values():
        assert (tmp_path / entry["file"]).read_bytes() == (SHIPPED / entry["file"]).read_bytes()


def test_demo_snapshot_is_labelled_synthetic():
    manifest = json.loads((SHIPPED / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["synthetic"] is True
    assert manifest["note"].startswith("SYNTHETIC DATA")
    assert snapshot_indicator_ids(SHIPPED) == [
        2521, 10301, 10401, 11001, 11201, 11202, 20101, 20401, 20601, 20602, 21001, 22301,
        22303, 22401, 22403, 30311, 30314, 40401, 40501, 41001, 41101, 41203, 41401, 41403,
        90245, 90280, 90285, 90360, 90362, 90366, 90584, 90631, 90638, 90791, 91102, 91112,
        91720, 92196, 92254, 92313, 92443, 92517, 92901, 92949, 93014, 93015, 93085, 93088,
        93203, 93474, 93560, 93563, 93570, 93701, 93721, 93736, 93759, 93861, 94063,
    ]  # fmt: skip
    assert {row["Value note"] for row in _all_data_rows()} == {
        "Synthetic demo value - not real data"
    }


def test_demo_snapshot_makes_one_all_data_call_and_stays_small():
    responses = read_manifest(SHIPPED)["responses"].values()
    (all_data,) = [entry for entry in responses if entry["endpoint"].startswith("all_data/")]
    ids = [int(text) for text in all_data["params"]["indicator_ids"].split(",")]
    assert ids == sorted(ids) and len(ids) <= MAX_IDS_PER_CALL
    size = sum((SHIPPED / entry["file"]).stat().st_size for entry in responses)
    assert size < MAX_SNAPSHOT_BYTES


def test_demo_snapshot_covers_every_fingertips_measure_of_the_example_places():
    """Each place, its region and England have values at the sex and age each measure names."""
    catalogue = load_catalogue(CATALOGUE)
    valued = {
        (row["Indicator ID"], row["Area Code"], row["Sex"], row["Age"])
        for row in _all_data_rows()
        if row["Category Type"] == "" and row["Value"]
    }
    uncovered = []
    for place_id in EXAMPLE_PLACES:
        place = yaml.safe_load((CATALOGUE / "places" / f"{place_id}.yaml").read_text("utf-8"))
        areas = [area["code"] for area in place["areas"]] + [place["region"]["code"], ENGLAND]
        measures = [
            measure
            for outcome in place["shared_outcomes"]
            for priority in outcome["priorities"]
            for measure in priority["measures"]
            if "indicator" in measure
        ]
        for measure in measures:
            fingertips_id = catalogue.by_id(measure["indicator"]).fingertips_id
            if fingertips_id is None:
                continue
            for area in areas:
                if not any(
                    indicator == str(fingertips_id)
                    and code == area
                    and measure.get("sex") in (None, sex)
                    and measure.get("age") in (None, age)
                    for indicator, code, sex, age in valued
                ):
                    uncovered.append((place_id, measure["id"], area))
    assert uncovered == []
