"""Runs the real pipeline (its named Dagster jobs) against the stand-in API, into a temporary warehouse."""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

import dagster as dg
import duckdb
from dagster._core.storage.tags import (
    ASSET_PARTITION_RANGE_END_TAG,
    ASSET_PARTITION_RANGE_START_TAG,
    PARTITION_NAME_TAG,
)
from pytest_httpserver import HTTPServer

from assets.places.frameworks import place_frameworks
from assets.places.partitions import places_partitions
from assets.warehouse.dbt_build import DbtBuildError, invoke
from assets.warehouse.store import Warehouse
from pipelines.resources import build_resources
from pipelines.runner import PipelineResult, RunRequest, run_pipeline
from pipelines.settings import PROJECT_ROOT, FingertipsSettings, Settings
from tests.fingertips_api_server import FIXTURES, JSON, Route, serve_fingertips, standard_routes


def england_parent_route() -> Route:
    """parent_to_child_areas for Counties & UAs (502) under England (15), built from the 502 list."""
    areas = json.loads((FIXTURES / "areas_by_area_type_502.json").read_text(encoding="utf-8"))
    body = json.dumps({"E92000001": [area["Code"] for area in areas]}).encode()
    return Route(
        "parent_to_child_areas",
        {"child_area_type_id": "502", "parent_area_type_id": "15"},
        body,
        JSON,
    )


def serve(httpserver: HTTPServer, shared_data: Path, first: list[Route] | None = None) -> str:
    """Serve `first` (e.g. a broken body), then every standard route: the first match answers."""
    return serve_fingertips(
        httpserver, (first or []) + standard_routes(shared_data) + [england_parent_route()]
    )


def settings_for(api_url: str, warehouse_dir: Path) -> Settings:
    return Settings(
        fingertips=FingertipsSettings(
            api_url=api_url, connect_timeout=2, read_timeout=10, max_retries=0, backoff_factor=0
        ),
        warehouse=warehouse_dir / "outcomes.duckdb",
        catalogue_dir=PROJECT_ROOT / "indicator_catalogue",
        area_types="502:6",
        output_dir=warehouse_dir / "outputs",
        drop_dir=warehouse_dir / "drop",
    )


def load_place_file(
    settings: Settings, place_id: str
) -> tuple[dg.ExecuteInProcessResult, dg.DagsterInstance]:
    """place_frameworks materialised for one place into `settings`' warehouse, nothing else: a
    place's rows without a Fingertips pull or dbt build. The run and its (ephemeral) instance."""
    resources = build_resources(settings)
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions(places_partitions.name, [place_id])
    result = dg.materialize(
        [place_frameworks],
        partition_key=place_id,
        resources={name: resources[name] for name in ("warehouse", "places")},
        instance=instance,
    )
    return result, instance


def run(settings: Settings, request: RunRequest) -> PipelineResult:
    return run_pipeline(settings, request, dagster_instance=dg.DagsterInstance.ephemeral())


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def query(path: Path, sql: str, parameters: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute(sql, parameters or []).fetchall()


def working_copy(published: Path) -> Path:
    """The working warehouse beside a published file: it alone holds the raw and staging layers."""
    return Warehouse(published).work_path


# Runs under the old client: every query's rows, as JSON, or DuckDB's error on stderr.
OLD_CLIENT_SCRIPT = """
import json, sys
import duckdb
with duckdb.connect(sys.argv[1], read_only=True) as connection:
    queries = json.load(sys.stdin)
    json.dump([connection.execute(sql).fetchall() for sql in queries], sys.stdout, default=str)
"""


def old_client(python: Path, path: Path, queries: list[str]) -> list[list[list]]:
    answer = subprocess.run(
        [str(python), "-c", OLD_CLIENT_SCRIPT, str(path)],
        input=json.dumps(queries),
        capture_output=True,
        text=True,
        check=False,
    )
    assert answer.returncode == 0, answer.stderr
    return json.loads(answer.stdout)


def build_place_models(work_path: Path, place_ids: Sequence[str], select: str) -> None:
    """`dbt build` of per-place models (and their data tests) for places on a working copy, as
    the place_models asset runs it; raises if a model or an error-level test fails."""
    variables = {"warehouse_path": str(work_path), "place_ids": list(place_ids)}
    with invoke(["build", "--select", select], variables) as invocation:
        if not invocation.success:
            raise DbtBuildError(f"dbt build --select {select} failed: {invocation.errors()}")


def run_partitions(tags: Mapping[str, str]) -> str | None:
    """A run's partition, or its range of partitions (the places a night builds together) as
    "first..last"."""
    if ASSET_PARTITION_RANGE_START_TAG in tags:
        return f"{tags[ASSET_PARTITION_RANGE_START_TAG]}..{tags[ASSET_PARTITION_RANGE_END_TAG]}"
    return tags.get(PARTITION_NAME_TAG)
