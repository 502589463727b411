"""Runs the asset graph in-process for the command line (and tests), on the Dagster instance in
DAGSTER_HOME when there is one, so command-line runs show in `dagster dev` too."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg

from assets.fingertips import checks, indicators, reference, values
from assets.warehouse import publication
from pipelines.resources import build_resources
from pipelines.settings import Settings

SELECTION_ASSETS = ("fingertips_areas", "fingertips_indicator_metadata", "fingertips_downloads")


@dataclass(frozen=True)
class RunRequest:
    """What to pull: empty lists mean the catalogue's indicators and FINGERTIPS_AREA_TYPES."""

    indicator_ids: list[int] = field(default_factory=list)
    area_types: str = ""
    every_area_type: bool = False
    force: bool = False

    def run_config(self) -> dict:
        selection = {
            "indicator_ids": self.indicator_ids,
            "area_types": self.area_types,
            "every_area_type": self.every_area_type,
            "force": self.force,
        }
        return {
            "ops": {name: {"config": selection} for name in SELECTION_ASSETS},
            # Step starts, finishes and warnings; Dagster's DEBUG events stay in the run log.
            "loggers": {"console": {"config": {"log_level": "INFO"}}},
        }


def all_assets() -> list:
    return [
        *dg.load_assets_from_modules([reference, indicators, values, publication]),
        *dg.load_asset_checks_from_modules([checks]),
    ]


def instance() -> dg.DagsterInstance:
    return (
        dg.DagsterInstance.get()
        if os.environ.get("DAGSTER_HOME")
        else dg.DagsterInstance.ephemeral()
    )


def run_pipeline(
    settings: Settings,
    request: RunRequest,
    record_dir: Path | None = None,
    dagster_instance: dg.DagsterInstance | None = None,
) -> dg.ExecuteInProcessResult:
    """Materialise every asset (pull, conform, publish) with the given selection.

    A failed step does not raise: the result says which steps failed and why (see `failures`).
    """
    return dg.materialize(
        all_assets(),
        resources=build_resources(settings, record_dir),
        run_config=request.run_config(),
        instance=dagster_instance or instance(),
        raise_on_error=False,
    )


def failures(result: dg.ExecuteInProcessResult) -> list[str]:
    """'step: message' for each failed step, the message being the error our code raised."""
    messages = []
    for event in result.get_step_failure_events():
        error = event.event_specific_data.error if event.event_specific_data else None
        # Dagster wraps what our code raised in a step error: report the wrapped one.
        raised = (error.cause or error) if error else None
        text = raised.message.strip() if raised else "unknown error"
        messages.append(f"{event.step_key}: {text}")
    return messages
