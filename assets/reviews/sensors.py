"""Runs each place's review when it falls due (the first day of a review month)."""

from datetime import date

import dagster as dg

from assets.reviews.partitions import reviews_partitions
from pipelines.resources import PlacesResource
from pipelines.reviews.cadence import due_review

REVIEW_JOB = "place_review"


@dg.sensor(
    job_name=REVIEW_JOB,
    minimum_interval_seconds=3600,
    default_status=dg.DefaultSensorStatus.RUNNING,
)
def review_due_sensor(
    context: dg.SensorEvaluationContext, places: PlacesResource
) -> dg.SensorResult:
    """Adds and runs the partition of each place's latest due review, once (keyed by review)."""
    due = [due_review(path, date.today()) for path in places.place_files().values()]
    known = set(context.instance.get_dynamic_partitions(reviews_partitions.name))
    new = [review.partition_key for review in due if review.partition_key not in known]
    return dg.SensorResult(
        run_requests=[dg.RunRequest(partition_key=key, run_key=key) for key in new],
        dynamic_partitions_requests=[reviews_partitions.build_add_request(new)] if new else [],
    )
