"""Runs the Dagster jobs (pipelines.jobs) in-process for the command line (and tests), on the
Dagster instance in DAGSTER_HOME when there is one, so command-line runs show in `dagster dev` under
the same job names as the schedule's and the sensors' runs."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg
from dagster_shared.error import SerializableErrorInfo

from assets.extracts.declared import declared_sources
from assets.places.partitions import places_partitions
from assets.reviews.cadence import Review
from assets.reviews.partitions import reviews_partitions
from assets.warehouse.run_lock import run_lock
from pipelines.cli_errors import OUR_PACKAGES
from pipelines.definitions import build_definitions
from pipelines.jobs import (
    extracts_load_job,
    fingertips_refresh_job,
    place_refresh_job,
    place_review_job,
    reference_load_job,
    warehouse_publish_job,
)
from pipelines.night_plan import (
    SOURCES_TAG,
    NightPlan,
    PlaceSources,
    PlannedRun,
    code_version,
    extract_files_waiting,
    fingertips_changes,
    reference_bundle,
    review_files_present,
    sources_tag,
)
from pipelines.place_batches import per_partition_and_batched, place_batches
from pipelines.recovery import recover_stale_runs, remove_leftovers, run_tags
from pipelines.resources import ExtractsResource, build_resources
from pipelines.settings import Settings

SELECTION_ASSETS = ("fingertips_areas", "fingertips_indicator_metadata", "fingertips_downloads")
NOTHING_CHANGED = (
    "Nothing changed since the last refresh (the same Fingertips uploads, extract files, place "
    "files, reference bundle and code): nothing was rebuilt or published."
)
# The command line prints its own summary (pipelines.progress); every event stays in the run log.
QUIET_CONSOLE = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}


@dataclass(frozen=True)
class RunRequest:
    """What to pull: empty lists mean the catalogue's indicators and FINGERTIPS_AREA_TYPES."""

    indicator_ids: list[int] = field(default_factory=list)
    area_types: str = ""
    every_area_type: bool = False
    force: bool = False
    # Let downloads take values away (an indicator with fewer rows, or none): an explicit decision.
    accept_removals: bool = False
    # Reload the reference files (IMD, LSOA lookups, populations): they change a few times a year.
    load_reference: bool = False
    pull_fingertips: bool = True
    # Read whatever files wait in the declared extracts' drop folders.
    read_extracts: bool = False
    # Publish a review outside the place's review months, or with no data newer than the last.
    off_cadence: bool = False
    no_new_data: bool = False

    def selection(self) -> dict:
        return {
            "indicator_ids": self.indicator_ids,
            "area_types": self.area_types,
            "every_area_type": self.every_area_type,
            "force": self.force,
            "accept_removals": self.accept_removals,
        }

    def run_config(self) -> dict:
        selection = self.selection()
        return {
            "ops": {name: {"config": selection} for name in SELECTION_ASSETS},
            **QUIET_CONSOLE,
        }

    def review_run_config(self) -> dict:
        flags = {"off_cadence": self.off_cadence, "no_new_data": self.no_new_data}
        return {"ops": {"place_reviews": {"config": flags}}, **QUIET_CONSOLE}


def instance() -> dg.DagsterInstance:
    return (
        dg.DagsterInstance.get()
        if os.environ.get("DAGSTER_HOME")
        else dg.DagsterInstance.ephemeral()
    )


@dataclass(frozen=True)
class PipelineResult:
    """The Dagster runs of one pipeline invocation: the pull, one per place, the publication.

    `notices` says what the start of the invocation put right (a killed run's slot, leftovers) or
    waited for; `isolated` holds the failures steps reported without failing (one refused
    indicator, one quarantined file), one line each; `published` whether the BI file was written.
    """

    runs: list[dg.ExecuteInProcessResult]
    notices: list[str] = field(default_factory=list)
    isolated: list[str] = field(default_factory=list)
    published: bool = False

    @property
    def success(self) -> bool:
        return all(run.success for run in self.runs) and not self.isolated


def run_pipeline(
    settings: Settings,
    request: RunRequest,
    place_ids: Sequence[str] = (),
    reviews: Sequence[Review] = (),
    record_dir: Path | None = None,
    dagster_instance: dg.DagsterInstance | None = None,
    on_run: Callable[[dg.ExecuteInProcessResult, dg.DagsterInstance], None] | None = None,
    on_notice: Callable[[str], None] | None = None,
) -> PipelineResult:
    """Run the jobs in turn: fingertips_refresh, reference_load and extracts_load as asked (each
    only if the ones before succeeded), place_refresh for each named place and place_review for
    each named review (each on its own: one failed place does not stop the others), the review
    models over every review once, then warehouse_publish, if the shared runs succeeded.

    One invocation at a time writes a warehouse: a second waits for the first (saying so through
    `on_notice`), and on start a run killed before puts right what it left (its pool slot, half-
    written files), saying what it did.

    A failed step does not raise: the result says which steps failed and why (see `failures`).
    `on_run` is called after each Dagster run, e.g. to print its progress.
    """
    dagster_instance = dagster_instance or instance()
    resources = build_resources(settings, record_dir)
    # Asked for now, from the command line: files in the drop folders are read without the wait
    # the sensor gives a file that may still be being copied in.
    resources["extracts"] = ExtractsResource(drop_dir=str(settings.drop_dir), settle_seconds=0)
    extract_sources = declared_sources(settings.catalogue_dir)
    definitions = build_definitions(settings, resources, extract_sources)
    publication = definitions.resolve_job_def(warehouse_publish_job.name)
    published_keys = publication.asset_layer.selected_asset_keys
    asset_graph = definitions.resolve_asset_graph()
    partitioned_keys = {node.key for node in asset_graph.asset_nodes if node.partitions_def}
    warehouse = resources["warehouse"].store()
    notices: list[str] = []

    def notice(text: str) -> None:
        notices.append(text)
        if on_notice is not None:
            on_notice(text)

    runs: list[dg.ExecuteInProcessResult] = []
    isolated: list[str] = []

    plan = NightPlan(
        dagster_instance,
        definitions.resolve_asset_graph(),
        warehouse.work_path,
        code_version(settings.catalogue_dir),
        force=request.force,
    )

    def job_keys(job: dg.UnresolvedAssetJobDefinition) -> tuple[dg.JobDefinition, frozenset]:
        """The job and the assets a run of it builds here: every job ends by publishing, and
        here only the last run does, once the shared runs have succeeded."""
        job_def = definitions.resolve_job_def(job.name)
        keys = job_def.asset_layer.selected_asset_keys
        return job_def, frozenset(keys if job is warehouse_publish_job else keys - published_keys)

    def launch(
        job_def: dg.JobDefinition,
        keys: Iterable[dg.AssetKey],
        run_config: dict | None = None,
        partition_key: str | None = None,
        sources: str | None = "",
        tags: Mapping[str, str] | None = None,
    ) -> tuple[dg.ExecuteInProcessResult, bool]:
        """A run of the job's `keys`; the run and whether it was complete (it succeeded, and no
        step reported a failure it carried on past)."""
        run = job_def.execute_in_process(
            run_config=run_config or QUIET_CONSOLE,
            instance=dagster_instance,
            partition_key=partition_key,
            asset_selection=list(keys),
            raise_on_error=False,
            tags={
                **run_tags(warehouse),
                SOURCES_TAG: sources_tag(plan.code, sources),
                **(tags or {}),
            },
        )
        runs.append(run)
        run_isolated = isolated_failures(run, dagster_instance)
        isolated.extend(run_isolated)
        if on_run is not None:
            on_run(run, dagster_instance)
        return run, run.success and not run_isolated

    def execute(
        job: dg.UnresolvedAssetJobDefinition,
        run_config: dict | None = None,
        partition_key: str | None = None,
        partitioned: bool | None = None,
        sources: str | None = "",
        forced: bool = False,
        observed: frozenset[dg.AssetKey] = frozenset(),
        reobserve: Callable[[], str | None] | None = None,
    ) -> bool:
        """A run of the job if it has something to run (a catalogue may declare no extract) and
        is not up to date (pipelines.night_plan); whether it succeeded (or had nothing to do).
        `partitioned` True or False keeps only the job's partitioned assets, or only the others."""
        job_def, keys = job_keys(job)
        if partitioned is not None:
            keys = frozenset(key for key in keys if (key in partitioned_keys) == partitioned)
        if not keys:
            return True
        planned = PlannedRun(job_def, keys, partition_key, sources, forced, observed, reobserve)
        if plan.up_to_date(planned):
            return True
        run, complete = launch(job_def, keys, run_config, partition_key, sources)
        plan.ran(planned, run.run_id, complete)
        return run.success

    def refresh_places(places: PlaceSources, observed: frozenset[dg.AssetKey]) -> None:
        """Each place not up to date: its file loaded in a run of its own (one bad file fails only
        its place), then the places loaded built together, a run per range of them in the
        partitions' order (`place_batches`), so dbt's and Dagster's fixed costs are paid once a
        night rather than once a place. A place is complete when both its runs were."""
        job_def, keys = job_keys(place_refresh_job)
        loads, batched = per_partition_and_batched(asset_graph, keys)
        due = [
            planned
            for planned in (
                PlannedRun(
                    job_def,
                    keys,
                    place_id,
                    places.place(place_id),
                    observed=observed,
                    reobserve=lambda place_id=place_id: places.place(place_id),
                )
                for place_id in place_ids
            )
            if not plan.up_to_date(planned)
        ]
        loaded = {
            planned.partition_key: launch(
                job_def, loads, partition_key=planned.partition_key, sources=planned.sources
            )
            for planned in due
        }
        order = dagster_instance.get_dynamic_partitions(places_partitions.name)
        built: dict[str, bool] = {}
        for batch in place_batches(order, [key for key, (run, _) in loaded.items() if run.success]):
            _, complete = launch(job_def, batched, tags=batch.tags())
            built.update(dict.fromkeys(batch.place_ids, complete))
        # Every place's run is recorded, failed ones too: what they materialised before failing
        # must be read again by the checks that follow (the reviews').
        for planned in due:
            run, complete = loaded[planned.partition_key]
            plan.ran(planned, run.run_id, complete and built.get(planned.partition_key, False))

    with run_lock(warehouse.work_path, notice):
        for line in remove_leftovers(warehouse) + recover_stale_runs(warehouse, dagster_instance):
            notice(f"recovered: {line}")
        shared = [
            (wanted, job, config, observe)
            for wanted, job, config, observe in (
                (
                    request.pull_fingertips,
                    fingertips_refresh_job,
                    request.run_config(),
                    lambda: {"sources": fingertips_changes(request.selection(), resources)},
                ),
                (
                    request.load_reference,
                    reference_load_job,
                    None,
                    lambda: {"sources": reference_bundle(resources)},
                ),
                (
                    request.read_extracts,
                    extracts_load_job,
                    None,
                    lambda: {"forced": extract_files_waiting(extract_sources, resources)},
                ),
            )
            if wanted
        ]
        # Each shared run builds on the one before: stop at the first that fails.
        if all(execute(job, run_config=config, **observe()) for _, job, config, observe in shared):
            # A place (and its review) reads its own indicators' downloads, not the whole pull.
            places = PlaceSources(
                resources, warehouse, [*place_ids, *(review.place_id for review in reviews)]
            )
            pulled = definitions.resolve_job_def(fingertips_refresh_job.name)
            by_place = {
                "observed": frozenset(pulled.asset_layer.selected_asset_keys - published_keys)
            }
            _add_partitions(dagster_instance, places_partitions.name, place_ids)
            refresh_places(places, by_place["observed"])
            _add_partitions(
                dagster_instance, reviews_partitions.name, [r.partition_key for r in reviews]
            )
            for review in reviews:
                execute(
                    place_review_job,
                    run_config=request.review_run_config(),
                    partition_key=review.partition_key,
                    partitioned=True,
                    sources=places.review(review, request.review_run_config()),
                    forced=not review_files_present(dagster_instance, review),
                    reobserve=lambda review=review: places.review(
                        review, request.review_run_config()
                    ),
                    **by_place,
                )
            # The models over every review (marts.review_trend and its tests) once, after the
            # last review rather than after each: with 153 places that is most of a review's time.
            # Up to date (pipelines.night_plan) unless a review was materialised since it ran.
            if reviews:
                execute(place_review_job, partitioned=False)
            published = execute(warehouse_publish_job, forced=not warehouse.published_path.exists())
            published = published and any(
                run.dagster_run.job_name == warehouse_publish_job.name for run in runs
            )
            places.refresh()
        else:
            published = False
        plan.record()
        if not runs:
            notice(NOTHING_CHANGED)
    return PipelineResult(runs, notices, isolated, published)


def _add_partitions(dagster_instance: dg.DagsterInstance, name: str, keys: Sequence[str]) -> None:
    known = set(dagster_instance.get_dynamic_partitions(name))
    dagster_instance.add_dynamic_partitions(name, [key for key in keys if key not in known])


def isolated_failures(run: dg.ExecuteInProcessResult, instance: dg.DagsterInstance) -> list[str]:
    """'step: message' for each error our code logged in a step that went on to succeed: one part
    of its work failed (an indicator refused, a file quarantined) and the rest was kept. Only
    the first line of each: the run log holds the rest."""
    succeeded = {
        event.step_key
        for event in run.all_events
        if event.event_type == dg.DagsterEventType.STEP_SUCCESS
    }
    return [
        f"{entry.step_key}: {entry.user_message.strip().splitlines()[0]}"
        for entry in instance.all_logs(run.run_id)
        if entry.dagster_event is None
        and entry.level >= logging.ERROR
        and entry.step_key in succeeded
        and entry.user_message.strip()
    ]


def _step_errors(result: PipelineResult) -> Iterator[tuple[str, SerializableErrorInfo | None]]:
    """(step key, the error our code raised) for each failed step."""
    for run in result.runs:
        for event in run.get_step_failure_events():
            error = event.event_specific_data.error if event.event_specific_data else None
            # Dagster wraps what our code raised in a step error: report the wrapped one.
            yield event.step_key or "?", (error.cause or error) if error else None


def _user_message(raised: SerializableErrorInfo) -> str:
    """The error's message; an error our own packages raise is written for users, so it goes
    without the `module.Class: ` that names others' (`duckdb.IOException: ...`)."""
    text = raised.message.strip()
    kind, _, message = text.partition(": ")
    return (
        message if kind.startswith(OUR_PACKAGES) and kind.endswith(f".{raised.cls_name}") else text
    )


def _one_line(text: str) -> str:
    """A message listing problems a line each ("… have 2 problems:\n  - A\n  - B") as one line:
    "… have 2 problems: A; B"."""
    lines = [line.strip().removeprefix("- ") for line in text.splitlines() if line.strip()]
    if not lines:
        return "(no message)"
    return f"{lines[0]} {'; '.join(lines[1:])}" if len(lines) > 1 else lines[0]


def failures(result: PipelineResult) -> list[str]:
    """'step: message' per failure, the message being the error our code raised; steps that failed
    for the same reason share a line (an outage fails every step that calls the API alike). Then
    the failures steps reported without failing, one line each."""
    steps_by_message: dict[str, list[str]] = {}
    for step, raised in _step_errors(result):
        text = _one_line(_user_message(raised)) if raised else "unknown error"
        steps_by_message.setdefault(text, []).append(step)
    return [
        steps[0] + (f" (and {', '.join(steps[1:])})" if len(steps) > 1 else "") + f": {text}"
        for text, steps in steps_by_message.items()
    ] + result.isolated


def failure_tracebacks(result: PipelineResult) -> list[str]:
    """Each failed step's traceback, as the run log keeps it (for `outcomes --verbose`)."""
    return [f"{step}:\n{raised.to_string()}" for step, raised in _step_errors(result) if raised]
