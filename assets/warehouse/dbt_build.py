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
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DbtProject
from dagster_dbt.asset_utils import get_updated_cli_invocation_params_for_context
from dagster_dbt.core.dbt_cli_event import DbtCoreCliEventMessage
from dbt.cli.main import dbtRunner
from dbt_common.events.base_types import EventMsg
from dbt_common.events.functions import msg_to_dict

from assets.warehouse.dbt_project import parsed_project


class DbtBuildError(RuntimeError):
    pass


def dbt_build(
    context: dg.AssetExecutionContext,
    project: DbtProject,
    manifest: Mapping[str, Any],
    variables: Mapping[str, str],
) -> Iterator[Any]:
    """Build the models and tests the step selected; their events, then an error if any failed
    (so the models that did build are still recorded)."""
    params = get_updated_cli_invocation_params_for_context(
        context=context, manifest=manifest, dagster_dbt_translator=None
    )
    events: list[dict[str, Any]] = []

    def collect(message: EventMsg) -> None:
        events.append(msg_to_dict(message))

    with tempfile.TemporaryDirectory(prefix="dbt-build-") as target:
        # Artifacts and dbt's own log file go to a folder of their own, removed afterwards,
        # rather than piling up in sql/target night after night; the log stays in the run log.
        arguments = [
            "build",
            *("--project-dir", str(project.project_dir)),
            *("--profiles-dir", str(project.profiles_dir)),
            *("--target-path", target),
            *("--log-path", target),
            *("--vars", json.dumps(dict(variables))),
            "--quiet",
            *params.selection_args,
        ]
        if params.indirect_selection:
            arguments += ["--indirect-selection", params.indirect_selection]
        result = dbtRunner(
            manifest=parsed_project(Path(variables["warehouse_path"]), project), callbacks=[collect]
        ).invoke(arguments)
        for raw_event in events:
            message = raw_event["info"].get("msg")
            if message and raw_event["info"].get("level") in ("info", "warn", "error"):
                context.log.debug(message)
            yield from DbtCoreCliEventMessage(
                raw_event=raw_event, event_history_metadata={}
            ).to_default_asset_events(
                manifest=params.manifest,
                dagster_dbt_translator=params.dagster_dbt_translator,
                context=context,
                target_path=Path(target),
                project=params.dbt_project,
            )
    if not result.success:
        errors = [
            raw_event["info"]["msg"]
            for raw_event in events
            if raw_event["info"]["level"] == "error"
        ]
        raise DbtBuildError(
            "dbt build failed: " + ("\n".join(errors) or str(result.exception) or "see the run log")
        )
