"""What the command line shows of a finished Dagster run: each step with its rows and time, and the
warnings our assets logged (failures: `pipelines.runner.failures`). Dagster's own DEBUG and INFO events,
and the stack traces of failures, stay in the run log (`dagster dev` shows them)."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import dagster as dg

ROW_COUNT = "dagster/row_count"


def step_lines(run: dg.ExecuteInProcessResult) -> Iterator[str]:
    """'  step  1,234 rows  0.8 s' for each step that succeeded, in the order they finished."""
    # Per step and asset: a run over a range of places records each asset once per place, every
    # time with the same metadata.
    counts: dict[tuple[str, dg.AssetKey], int] = {}
    for event in run.get_asset_materialization_events():
        count = event.materialization.metadata.get(ROW_COUNT)
        if count is not None and event.step_key is not None:
            counts[(event.step_key, event.asset_key)] = int(count.value)
    rows: dict[str, int] = {}
    for (step_key, _), count in counts.items():
        rows[step_key] = rows.get(step_key, 0) + count
    successes = [
        event
        for event in run.all_events
        if event.event_type == dg.DagsterEventType.STEP_SUCCESS and event.step_key
    ]
    width = max((len(event.step_key) for event in successes), default=0)
    for event in successes:
        seconds = event.event_specific_data.duration_ms / 1000
        counted = f"{rows[event.step_key]:>12,} rows" if event.step_key in rows else " " * 17
        yield f"  {event.step_key:{width}}{counted}  {seconds:6.1f} s"


def warning_lines(run: dg.ExecuteInProcessResult, instance: dg.DagsterInstance) -> Iterator[str]:
    """The warnings our own code logged in steps that went on to succeed (a failed or skipped
    step is reported by its failure, and an error logged by a step that went on is one of the
    run's failures: `pipelines.runner.failures`)."""
    succeeded = {
        event.step_key
        for event in run.all_events
        if event.event_type == dg.DagsterEventType.STEP_SUCCESS
    }
    for entry in instance.all_logs(run.run_id):
        if (
            entry.dagster_event is None
            and logging.WARNING <= entry.level < logging.ERROR
            and entry.step_key in succeeded
        ):
            yield f"warning: {entry.step_key or run.job_def.name}: {entry.user_message}"
