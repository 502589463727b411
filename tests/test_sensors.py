"""The place-file and review-due sensors, evaluated as Dagster would."""

from __future__ import annotations

import shutil
from datetime import date

import dagster as dg

from assets.places.sensors import place_files_sensor
from assets.reviews.cadence import latest_due_review
from assets.reviews.sensors import review_due_sensor
from pipelines.resources import PlacesResource
from pipelines.settings import PROJECT_ROOT

PLACES = PROJECT_ROOT / "indicator_catalogue" / "places"


def _places(tmp_path, *place_ids: str) -> PlacesResource:
    (tmp_path / "places").mkdir(exist_ok=True)
    for place_id in place_ids:
        shutil.copyfile(PLACES / f"{place_id}.yaml", tmp_path / "places" / f"{place_id}.yaml")
    return PlacesResource(catalogue_folder=str(tmp_path), reference_bundle=str(tmp_path))


def test_a_new_place_file_gets_a_partition_and_a_run(tmp_path):
    instance = dg.DagsterInstance.ephemeral()
    places = _places(tmp_path, "croydon", "leeds")
    context = dg.build_sensor_context(instance=instance, resources={"places": places})
    first = place_files_sensor(context)
    assert sorted(request.partition_key for request in first.run_requests) == ["croydon", "leeds"]
    (added,) = first.dynamic_partitions_requests
    assert sorted(added.partition_keys) == ["croydon", "leeds"]

    instance.add_dynamic_partitions("places", ["croydon", "leeds"])
    unchanged = place_files_sensor(
        dg.build_sensor_context(
            instance=instance, cursor=first.cursor, resources={"places": places}
        )
    )
    assert unchanged.run_requests == [] and unchanged.dynamic_partitions_requests == []

    # An analyst edits Leeds and adds Trafford: Leeds runs again, Trafford is added and runs.
    leeds = tmp_path / "places" / "leeds.yaml"
    leeds.write_text(leeds.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _places(tmp_path, "trafford")
    changed = place_files_sensor(
        dg.build_sensor_context(
            instance=instance, cursor=first.cursor, resources={"places": places}
        )
    )
    assert sorted(request.partition_key for request in changed.run_requests) == [
        "leeds",
        "trafford",
    ]
    (added,) = changed.dynamic_partitions_requests
    assert list(added.partition_keys) == ["trafford"]


def test_each_place_review_runs_once_when_due(tmp_path):
    instance = dg.DagsterInstance.ephemeral()
    places = _places(tmp_path, "croydon", "leeds")
    due = [
        latest_due_review("croydon", "annual", 10, date.today()).partition_key,
        latest_due_review("leeds", "6-monthly", 3, date.today()).partition_key,
    ]
    # Not before the places are built on Fingertips values: a published review is frozen.
    waiting = review_due_sensor(
        dg.build_sensor_context(instance=instance, resources={"places": places})
    )
    assert waiting.run_requests == [] and waiting.dynamic_partitions_requests == []
    assert waiting.skip_reason.skip_message == (
        "due reviews wait for their places to be built (place_refresh) after a Fingertips "
        "refresh (fingertips_refresh): croydon, leeds"
    )
    instance.report_runless_asset_event(
        dg.AssetMaterialization(["conformed", "fact_indicator_value"])
    )
    for place_id in ("croydon", "leeds"):
        for asset in (["marts", "place_measure_values"], ["place_inequalities"]):
            instance.report_runless_asset_event(dg.AssetMaterialization(asset, partition=place_id))

    result = review_due_sensor(
        dg.build_sensor_context(instance=instance, resources={"places": places})
    )
    assert sorted(request.partition_key for request in result.run_requests) == sorted(due)
    assert all(request.run_key == request.partition_key for request in result.run_requests)
    instance.add_dynamic_partitions("place_reviews", due)
    again = review_due_sensor(
        dg.build_sensor_context(instance=instance, resources={"places": places})
    )
    assert again.run_requests == []
