"""Runs each place's review when it falls due (the first day of a review month) and its data are
in the warehouse."""

from datetime import date

import dagster as dg

from assets.reviews.cadence import due_review
from assets.reviews.partitions import reviews_partitions
from pipelines.resources import PlacesResource

REVIEW_JOB = "place_review"
# A review is frozen once published, so it waits for what it shows: Fingertips values, and the
# place's own partition of the assets it reads.
FINGERTIPS_VALUES = dg.AssetKey(["conformed", "fact_indicator_value"])
PLACE_ASSETS = (dg.AssetKey(["marts", "place_measure_values"]), dg.AssetKey("place_inequalities"))


def _loaded_places(instance: dg.DagsterInstance) -> set[str]:
    """Places whose measures and Core20 cut have been built, once Fingertips values exist."""
    if instance.get_latest_materialization_event(FINGERTIPS_VALUES) is None:
        return set()
    return set.intersection(*(set(instance.get_materialized_partitions(k)) for k in PLACE_ASSETS))


@dg.sensor(
    job_name=REVIEW_JOB,
    minimum_interval_seconds=3600,
    default_status=dg.DefaultSensorStatus.RUNNING,
)
def review_due_sensor(
    context: dg.SensorEvaluationContext, places: PlacesResource
) -> dg.SensorResult:
    """Adds and runs the partition of each place's latest due review, once (keyed by review), when
    the place has been built; a place still waiting is named in the skip reason."""
    due = [due_review(path, date.today()) for path in places.place_files().values()]
    known = set(context.instance.get_dynamic_partitions(reviews_partitions.name))
    loaded = _loaded_places(context.instance)
    waiting = sorted(
        r.place_id for r in due if r.partition_key not in known and r.place_id not in loaded
    )
    new = [r.partition_key for r in due if r.partition_key not in known and r.place_id in loaded]
    return dg.SensorResult(
        run_requests=[dg.RunRequest(partition_key=key, run_key=key) for key in new],
        dynamic_partitions_requests=[reviews_partitions.build_add_request(new)] if new else [],
        skip_reason=(
            f"due reviews wait for their places to be built (place_refresh) after a Fingertips "
            f"refresh (fingertips_refresh): {', '.join(waiting)}"
            if waiting and not new
            else None
        ),
    )
