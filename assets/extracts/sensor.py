"""A sensor that asks for a run of each declared source whose drop folder has new files."""

import json

import dagster as dg

from assets.extracts.common import extract_asset_key
from assets.extracts.declared_sources import DeclaredSource
from assets.extracts.received_files import waiting_files
from pipelines.resources import ExtractsResource


def drop_sensor(sources: list[DeclaredSource]) -> dg.SensorDefinition:
    @dg.sensor(
        name="extract_drop_sensor",
        minimum_interval_seconds=60,
        # A selection, not a list: a catalogue may declare no source yet.
        asset_selection=dg.AssetSelection.assets(
            *[extract_asset_key(source.id) for source in sources]
        ),
        default_status=dg.DefaultSensorStatus.RUNNING,
    )
    def extract_drop_sensor(
        context: dg.SensorEvaluationContext, extracts: ExtractsResource
    ) -> dg.SensorResult:
        """A run for each source with a file not seen before (by name, size and time) that has sat
        still for settle_seconds. The cursor holds the files already asked for: read files leave
        the drop folder, so it stays small."""
        seen: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
        folders = extracts.folders()
        waiting: dict[str, str] = {}
        requests = []
        for source in sources:
            arrives = source.declaration.arrives
            stamps = {
                str(path): f"{path.stat().st_size}:{path.stat().st_mtime_ns}"
                for path in waiting_files(
                    folders.incoming(arrives.folder), arrives.pattern, extracts.settle_seconds
                )
            }
            waiting |= stamps
            new = sorted(path for path, stamp in stamps.items() if seen.get(path) != stamp)
            if new:
                requests.append(
                    dg.RunRequest(
                        run_key=f"{source.id}:"
                        + ",".join(f"{path}@{stamps[path]}" for path in new),
                        asset_selection=[extract_asset_key(source.id)],
                        tags={"extract_source": source.id, "extract_files": str(len(new))},
                    )
                )
        return dg.SensorResult(run_requests=requests, cursor=json.dumps(waiting, sort_keys=True))

    return extract_drop_sensor
