"""Picks up place files: a new file gets a partition and a run; a changed file gets a run."""

import hashlib
import json

import dagster as dg

from assets.places.partitions import places_partitions
from pipelines.resources import PlacesResource

PLACE_JOB = "place_refresh"


@dg.sensor(
    job_name=PLACE_JOB, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING
)
def place_files_sensor(
    context: dg.SensorEvaluationContext, places: PlacesResource
) -> dg.SensorResult:
    """Adds a partition for each new place file and runs its assets when its content changes."""
    seen: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
    current = {
        place_id: hashlib.sha256(path.read_bytes()).hexdigest()
        for place_id, path in places.place_files().items()
    }
    known = set(context.instance.get_dynamic_partitions(places_partitions.name))
    new_places = sorted(set(current) - known)
    changed = sorted(
        place_id for place_id, digest in current.items() if seen.get(place_id) != digest
    )
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(partition_key=place_id, run_key=f"{place_id}:{current[place_id]}")
            for place_id in changed
        ],
        dynamic_partitions_requests=[places_partitions.build_add_request(new_places)]
        if new_places
        else [],
        cursor=json.dumps(current, sort_keys=True),
    )
