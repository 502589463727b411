"""`dbt build` run inside the Dagster step's own process, its results as Dagster events.

dagster-dbt runs dbt as a subprocess, and every subprocess imports dbt afresh and parses the
project again (the per-run vars rule out partial parsing): about 5 s a build before any SQL runs,
paid by every run that touches a model (a nightly refresh, each place, each review) and by the
test suite dozens of times over. dbt supports programmatic invocation (`dbtRunner`), which pays
the import once per process. Everything else is dagster-dbt's: which models and tests the step
selected (`get_updated_cli_invocation_params_for_context`) and how each dbt result becomes an
asset materialization or check result (`DbtCoreCliEventMessage.to_default_asset_events`), from the
same structured events dbt would print as JSON lines.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DbtProject
from dagster_dbt.asset_utils import get_updated_cli_invocation_params_for_context
from dagster_dbt.core.dbt_cli_event import DbtCoreCliEventMessage
from dbt.cli.main import dbtRunner
from dbt_common.events.base_types import EventMsg
from dbt_common.events.functions import msg_to_dict

from assets.warehouse.dbt_project import DBT_PROJECT, parsed_project


class DbtBuildError(RuntimeError):
    pass


@dataclass(frozen=True)
class Invocation:
    """What one dbt command did: its structured events (as dbt prints them as JSON lines) and the
    artifacts folder they refer to, which lives as long as the `invoke` context."""

    events: list[dict[str, Any]]
    target: Path
    success: bool

    def errors(self) -> str:
        return "\n".join(
            event["info"]["msg"] for event in self.events if event["info"]["level"] == "error"
        )


@contextmanager
def invoke(
    command: Sequence[str], variables: Mapping[str, object], project: DbtProject = DBT_PROJECT
) -> Iterator[Invocation]:
    """Run a dbt command (e.g. ["build", "--select", "x"]) on the working copy named by
    variables["warehouse_path"], from the project parsed once per process. Artifacts and dbt's
    own log file go to a folder of their own, removed afterwards, rather than piling up in
    sql/target night after night."""
    events: list[dict[str, Any]] = []

    def collect(message: EventMsg) -> None:
        events.append(msg_to_dict(message))

    with tempfile.TemporaryDirectory(prefix="dbt-") as target:
        result = dbtRunner(
            manifest=parsed_project(Path(variables["warehouse_path"]), project),
            callbacks=[collect],
        ).invoke(
            [
                *command,
                *("--project-dir", str(project.project_dir)),
                *("--profiles-dir", str(project.profiles_dir)),
                *("--target-path", target),
                *("--log-path", target),
                *("--vars", json.dumps(dict(variables))),
                "--quiet",
            ]
        )
        yield Invocation(events, Path(target), result.success and result.exception is None)


def dbt_build(
    context: dg.AssetExecutionContext,
    project: DbtProject,
    manifest: Mapping[str, Any],
    variables: Mapping[str, object],
    threads: int | None = None,
) -> Iterator[Any]:
    """Build the models and tests the step selected; their events, then an error if any failed
    (so the models that did build are still recorded). dbt's log goes to the run log. `threads`
    overrides the profile's number of nodes built at once."""
    params = get_updated_cli_invocation_params_for_context(
        context=context, manifest=manifest, dagster_dbt_translator=None
    )
    command = ["build", *params.selection_args]
    if params.indirect_selection:
        command += ["--indirect-selection", params.indirect_selection]
    if threads is not None:
        command += ["--threads", str(threads)]
    with invoke(command, variables, project) as invocation:
        for raw_event in invocation.events:
            message = raw_event["info"].get("msg")
            if message and raw_event["info"].get("level") in ("info", "warn", "error"):
                context.log.debug(message)
            yield from DbtCoreCliEventMessage(
                raw_event=raw_event, event_history_metadata={}
            ).to_default_asset_events(
                manifest=params.manifest,
                dagster_dbt_translator=params.dagster_dbt_translator,
                context=context,
                target_path=invocation.target,
                project=params.dbt_project,
            )
    if not invocation.success:
        raise DbtBuildError(f"dbt build failed: {invocation.errors() or 'see the run log'}")


def create_model_relations(warehouse_path: Path, memory_limit: str) -> None:
    """Every model's table, empty, and every view, so a new or just upgraded warehouse has its
    whole documented layout (and BI its whole schema) before each domain's job has built it.
    `dbt run --empty` creates them all in dependency order, reading no rows; the views are then
    created again as they are, since an emptied view would stay empty until its job ran."""
    variables = {
        "warehouse_path": str(warehouse_path),
        "memory_limit": memory_limit,
        # Per-place models need a place; no place's rows are touched under this one.
        "place_ids": ["no-place"],
    }
    for command in (
        ["run", "--empty"],
        ["run", "--select", "config.materialized:view"],
    ):
        with invoke(command, variables) as invocation:
            if not invocation.success:
                raise DbtBuildError(
                    f"dbt could not lay out the models in {warehouse_path}: {invocation.errors()}"
                )
