"""Which of a refresh's runs have anything to do: a night with nothing changed runs nothing.

A run of a job (for one place or review, if partitioned) is skipped when the last run of that job
(and partition) was complete and nothing it reads or builds has moved since. What "moved" means:

- Dagster's event log: the latest materialisation of every asset the run builds or reads (for a
  place or a review, that place's partitions; an asset another place builds does not count).
  A run that failed after downloading, a sensor's or the schedule's run, a runless event: each
  leaves a newer materialisation, so the next refresh runs again.
- What the sources say now, observed cheaply before anything runs: Fingertips' DataChange
  (LastUploadedAt, LastDeletedAt) of each selected indicator, from the metadata call the refresh
  makes anyway (a few KB per 100 indicators, never all_data); the reference bundle's files; the
  place's file; the review's publication flags and whether its files are all still on disk.
  Files waiting in a drop folder always mean a run.
- For a place and its review, the downloads its own indicators were loaded from stand for the
  Fingertips pull (`PlaceSources`): a new upload of one indicator rebuilds the places whose
  measures read it, not every place, though the fact table they share was rebuilt.
- The code: a hash of the project's Python, SQL and dbt files and the catalogue (`code_version`),
  with the versions of the libraries that compute values.

All of it goes into one key (`run_key`). When an invocation ends, each of its complete runs (it
succeeded, and no step reported a failure it carried on past, such as a refused indicator or a
quarantined file) is tagged with the key as it then stands. A killed or failed run carries no key,
so the next refresh runs that job again; `--force` runs everything.

The nightly schedule, whose runs the daemon finishes, uses the part of this that needs no key
recorded at the end (`pull_up_to_date`): the same observation of Fingertips and the code, tagged
on each run at launch, against the last run of the job and its downloads_complete check.

Why this and not Dagster's stale-status resolver with observable source assets: that resolver
needs a data version on every source and a code version on every asset, dbt's included, and
marks every place stale whenever the one fact table they all read is rebuilt, for whichever
indicator; and the runner's fixed order of runs (pull, reference, extracts, places, reviews,
publication) is what makes a run's outputs consistent. The key uses the same evidence
(materialisations in the event log, observed sources, code version) and keeps it in Dagster's run
tags, so it lives in the instance `dagster dev` shows, not in a cache of our own.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import dagster as dg
import duckdb
from dagster._core.definitions.assets.graph.asset_graph import AssetGraph
from dagster._core.storage.asset_check_execution_record import AssetCheckExecutionRecordStatus

from assets.extracts.declared_sources import DeclaredSource
from assets.extracts.received_files import waiting_files
from assets.fingertips import api
from assets.fingertips.errors import FingertipsError
from assets.fingertips.indicators import batches
from assets.fingertips.selection import FingertipsSelection, resolve
from assets.fingertips.values import DOWNLOADS_COMPLETE, fingertips_downloads
from assets.places.loader import PLACES_DIR
from assets.places.partitions import places_partitions
from assets.reviews.cadence import Review
from assets.reviews.partitions import reviews_partitions
from assets.reviews.published import place_reviews
from assets.reviews.reports import ReviewFiles
from assets.warehouse.sql_files import statement
from assets.warehouse.store import Warehouse
from pipelines.settings import PROJECT_ROOT

# The key a complete run was up to date with, tagged on it when the invocation ends.
UP_TO_DATE_TAG = "outcomes/up_to_date_with"
# What a run's sources said and the code was when it started (a hash), tagged on it at launch.
SOURCES_TAG = "outcomes/sources"
PARTITION_TAG = "dagster/partition"
_CODE_FOLDERS = ("assets", "pipelines", "sql/models", "sql/macros", "sql/tests")
_CODE_FILES = ("sql/dbt_project.yml", "pyproject.toml")
_CODE_SUFFIXES = {".py", ".sql", ".yml", ".yaml", ".html", ".j2", ".css", ".json", ".toml"}
# The libraries whose releases can change a value or a file.
_LIBRARIES = ("dagster", "dbt-core", "dbt-duckdb", "duckdb", "polars")


def _digest_files(digest: hashlib._Hash, root: Path, paths: Iterable[Path]) -> None:
    for path in sorted(paths):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(f"{path.relative_to(root).as_posix()}\n".encode())
            digest.update(path.read_bytes())


def code_version(catalogue_dir: Path) -> str:
    """A hash of the code a run executes and the catalogue it reads (place files apart: each
    counts for its own place only). Not cached: a long-lived process (the schedule's code
    server) must see a catalogue edited under it; it takes about 0.1 s."""
    digest = hashlib.sha256()
    for folder in _CODE_FOLDERS:
        root = PROJECT_ROOT / folder
        _digest_files(
            digest, PROJECT_ROOT, (p for p in root.rglob("*") if p.suffix in _CODE_SUFFIXES)
        )
    _digest_files(digest, PROJECT_ROOT, (PROJECT_ROOT / name for name in _CODE_FILES))
    places = catalogue_dir / PLACES_DIR
    _digest_files(
        digest,
        catalogue_dir,
        (p for p in catalogue_dir.rglob("*") if places not in p.parents),
    )
    for library in _LIBRARIES:
        digest.update(f"{library} {version(library)}\n".encode())
    return digest.hexdigest()


def fingertips_changes(request_config: Mapping, resources: Mapping[str, object]) -> str | None:
    """Each selected indicator's DataChange as Fingertips reports it now, with the selection; None
    when Fingertips cannot be asked (the run then goes ahead and reports why)."""
    config = FingertipsSelection(**request_config)
    selection = resolve(config, resources["fingertips"], resources["catalogue"])
    source = resources["fingertips"].source()
    changes: dict[str, object] = {}
    try:
        for batch in batches(selection.indicator_ids):
            payload = api.indicator_metadata(source, batch).payload
            changes |= {iid: entry.get("DataChange") for iid, entry in payload.items()}
    except FingertipsError:
        return None
    # What is pulled, as resolved (the catalogue's indicators when none are named). Forcing a pull
    # or accepting removals is that run's decision, not something the source says.
    asked = {
        "indicator_ids": selection.indicator_ids,
        "area_type_pairs": selection.area_type_pairs,
        "every_area_type": selection.every_area_type,
        "shrink_tolerance": config.shrink_tolerance,
    }
    return json.dumps({"selection": asked, "changes": changes}, sort_keys=True)


def _file_stamps(paths: Iterable[Path]) -> str:
    return "\n".join(f"{path} {path.stat().st_size} {path.stat().st_mtime_ns}" for path in paths)


def reference_bundle(resources: Mapping[str, object]) -> str:
    folder = Path(resources["reference_bundle"].folder)
    return _file_stamps(sorted(p for p in folder.rglob("*") if p.is_file()))


def extract_files_waiting(
    sources: Iterable[DeclaredSource], resources: Mapping[str, object]
) -> bool:
    """Whether any declared extract's drop folder holds a file (read or not: one read but not
    yet published leaves with the next publication)."""
    folders = resources["extracts"].folders()
    return any(
        waiting_files(
            folders.incoming(source.declaration.arrives.folder),
            source.declaration.arrives.pattern,
            settle_seconds=0,
        )
        for source in sources
    )


def place_file(resources: Mapping[str, object], place_id: str) -> str:
    path = resources["places"].place_file(place_id)
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "no file"


def place_downloads(warehouse: Warehouse, place_ids: Sequence[str]) -> dict[str, str | None]:
    """Per place: the Fingertips indicators its measures read, each with the newest upload it was
    downloaded at and its newest download, as loaded in the working copy; None for every place
    when it cannot be read (so each runs)."""
    if not place_ids or not warehouse.work_path.exists():
        return dict.fromkeys(place_ids)
    try:
        with warehouse.reader() as connection:
            rows = connection.execute(
                statement("places/select_place_fingertips_downloads"),
                {"place_ids": list(place_ids)},
            ).fetchall()
    except duckdb.Error:
        return dict.fromkeys(place_ids)
    downloads: dict[str, list] = {place_id: [] for place_id in place_ids}
    for place_id, *download in rows:
        downloads[place_id].append(download)
    return {place_id: json.dumps(rows) for place_id, rows in downloads.items()}


class PlaceSources:
    """What a place's run and its review's read, observed for the places of one invocation: the
    place's file and its own indicators' downloads (one query for every place; `refresh` reads
    them again when the invocation ends)."""

    def __init__(
        self, resources: Mapping[str, object], warehouse: Warehouse, place_ids: Iterable[str]
    ) -> None:
        self.resources = resources
        self.warehouse = warehouse
        self.place_ids = sorted(set(place_ids))
        self.refresh()

    def refresh(self) -> None:
        self._downloads = place_downloads(self.warehouse, self.place_ids)

    def place(self, place_id: str) -> str | None:
        downloads = self._downloads.get(place_id)
        if downloads is None:
            return None
        return json.dumps([place_file(self.resources, place_id), downloads])

    def review(self, review: Review, run_config: Mapping) -> str | None:
        place = self.place(review.place_id)
        return None if place is None else json.dumps([run_config, place])


def review_files_present(instance: dg.DagsterInstance, review: Review) -> bool:
    """Whether every file of the review's last materialisation is still on disk."""
    records = instance.fetch_materializations(
        dg.AssetRecordsFilter(asset_key=place_reviews.key, asset_partitions=[review.partition_key]),
        limit=1,
    ).records
    report = records[0].asset_materialization.metadata.get("report") if records else None
    if report is None:
        return False
    files = ReviewFiles.in_directory(review.place_id, review.review_id, Path(report.value).parent)
    return all(path.is_file() for path in files.paths)


def sources_tag(code: str, sources: str | None) -> str:
    return hashlib.sha256(f"{code}\n{sources}".encode()).hexdigest()


def pull_up_to_date(instance: dg.DagsterInstance, job_name: str, tag: str) -> bool:
    """For the nightly schedule, which launches runs the daemon finishes (so no key is recorded
    at their end): whether the job's last run succeeded from the same sources and code, with
    every indicator loaded (its downloads_complete check passed)."""
    latest = instance.get_runs(filters=dg.RunsFilter(job_name=job_name), limit=1)
    if not latest or latest[0].status != dg.DagsterRunStatus.SUCCESS:
        return False
    if latest[0].tags.get(SOURCES_TAG) != tag:
        return False
    check = dg.AssetCheckKey(fingertips_downloads.key, DOWNLOADS_COMPLETE)
    executions = instance.event_log_storage.get_latest_asset_check_execution_by_key([check])
    return (
        check in executions
        and executions[check].status == AssetCheckExecutionRecordStatus.SUCCEEDED
    )


@dataclass(frozen=True)
class PlannedRun:
    """A run the refresh may make: its job, partition and what its sources say now (None: they
    could not be observed, so it runs and is never taken as up to date). `forced`: it runs
    whatever its key says (a file waits in a drop folder, a review's file is missing)."""

    job: dg.JobDefinition
    # The assets it runs (the job's, less the publication that only the last run does).
    builds: frozenset[dg.AssetKey]
    partition_key: str | None = None
    sources: str | None = ""
    forced: bool = False
    # Assets whose state `sources` stands for, so their materialisations do not count: a place
    # reads only its own indicators' downloads, not every indicator's facts.
    observed: frozenset[dg.AssetKey] = frozenset()
    # Observes the sources again when the invocation ends (what a place reads may change with
    # its run: a new measure).
    reobserve: Callable[[], str | None] | None = None

    def partitions(self) -> dict[str, str]:
        """The partition of each partitioned asset this run builds or reads: a place's own, and
        for a review its place's."""
        if self.partition_key is None:
            return {}
        if self.job.partitions_def == reviews_partitions:
            review = Review.from_partition_key(self.partition_key)
            return {
                reviews_partitions.name: self.partition_key,
                places_partitions.name: review.place_id,
            }
        return {places_partitions.name: self.partition_key}


class NightPlan:
    """Decides and records, on one Dagster instance, which runs are up to date."""

    def __init__(
        self,
        instance: dg.DagsterInstance,
        asset_graph: AssetGraph,
        warehouse: Path,
        code: str,
        force: bool,
    ) -> None:
        self.instance = instance
        self.asset_graph = asset_graph
        self.warehouse = warehouse
        self.code = code
        self.force = force
        self._ran: list[tuple[PlannedRun, str]] = []
        self._upstreams: dict[tuple[frozenset, frozenset], list[dg.AssetKey]] = {}
        # Latest materialisations read from the event log, until a run makes new ones.
        self._partition_ids: dict[dg.AssetKey, Mapping[str, int]] = {}
        self._whole_ids: dict[dg.AssetKey, int | None] = {}

    def _partition_storage_id(self, key: dg.AssetKey, partition: str) -> int | None:
        """The storage id of the asset partition's latest materialisation: one query per asset
        for every partition (every place), kept until a run materialises something."""
        if key not in self._partition_ids:
            self._partition_ids[key] = (
                self.instance.event_log_storage.get_latest_storage_id_by_partition(
                    key, dg.DagsterEventType.ASSET_MATERIALIZATION
                )
            )
        return self._partition_ids[key].get(partition)

    def _upstream(
        self, builds: frozenset[dg.AssetKey], observed: frozenset[dg.AssetKey]
    ) -> list[dg.AssetKey]:
        """What a run builds and everything upstream of it, less what its sources stand for; the
        same for every place, so resolved once."""
        if (builds, observed) not in self._upstreams:
            upstream = dg.AssetSelection.assets(*builds).upstream().resolve(self.asset_graph)
            self._upstreams[(builds, observed)] = sorted(upstream - observed)
        return self._upstreams[(builds, observed)]

    def _latest_storage_ids(self, planned: PlannedRun) -> list[tuple[str, int | None]]:
        """(asset, storage id of its latest materialisation) for what the run builds and reads:
        a partitioned asset at the run's partition (any partition if the run has none); an
        unpartitioned asset it builds only when the run is not per place (every place's run
        rebuilds the few shared models it selects)."""
        builds = planned.builds
        partitions = planned.partitions()
        ids: list[tuple[str, int | None]] = []
        whole = []
        for key in self._upstream(builds, planned.observed):
            definition = self.asset_graph.get(key).partitions_def
            name = getattr(definition, "name", None)
            if definition is not None and name in partitions:
                ids.append(
                    (key.to_user_string(), self._partition_storage_id(key, partitions[name]))
                )
            elif definition is not None or planned.partition_key is None or key not in builds:
                whole.append(key)
        missing = [key for key in whole if key not in self._whole_ids]
        self._whole_ids.update(dict.fromkeys(missing))
        for record in self.instance.get_asset_records(missing) if missing else []:
            last = record.asset_entry.last_materialization_record
            self._whole_ids[record.asset_entry.asset_key] = last and last.storage_id
        ids.extend((key.to_user_string(), self._whole_ids.get(key)) for key in whole)
        return sorted(ids, key=lambda pair: pair[0])

    def run_key(self, planned: PlannedRun, sources: str | None) -> str:
        text = json.dumps(
            {
                "code": self.code,
                "warehouse": str(self.warehouse),
                "job": planned.job.name,
                "partition": planned.partition_key,
                "sources": sources,
                "materialised": self._latest_storage_ids(planned),
            },
            sort_keys=True,
        )
        return hashlib.sha256(text.encode()).hexdigest()

    def up_to_date(self, planned: PlannedRun) -> bool:
        """Whether the job's (partition's) last run was complete and carries the key as it is
        now."""
        if self.force or planned.forced or planned.sources is None:
            return False
        tags = {PARTITION_TAG: planned.partition_key} if planned.partition_key else {}
        latest = self.instance.get_runs(
            filters=dg.RunsFilter(job_name=planned.job.name, tags=tags), limit=1
        )
        if not latest or (planned.partition_key is None and PARTITION_TAG in latest[0].tags):
            return False
        recorded = latest[0].tags.get(UP_TO_DATE_TAG)
        return recorded is not None and recorded == self.run_key(planned, planned.sources)

    def ran(self, planned: PlannedRun, run_id: str, complete: bool) -> None:
        self._partition_ids.clear()
        self._whole_ids.clear()
        if complete:
            self._ran.append((planned, run_id))

    def record(self) -> None:
        """Tag each complete run with the key as it stands now that the invocation has ended: the
        state its outputs are consistent with. The sources are those observed before it ran."""
        for planned, run_id in self._ran:
            sources = planned.reobserve() if planned.reobserve else planned.sources
            # A run that could not observe its sources is never up to date: it carries no key.
            if sources is not None:
                self.instance.add_run_tags(run_id, {UP_TO_DATE_TAG: self.run_key(planned, sources)})
        self._ran.clear()
