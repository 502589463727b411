"""The dbt project under sql/ and its manifest, which Dagster's assets and the schema docs read."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from dagster_dbt import DbtProject
from dbt.cli.main import dbtRunner
from dbt.contracts.graph.manifest import Manifest

from assets.warehouse.sql_files import SQL_ROOT

DBT_PROJECT = DbtProject(project_dir=SQL_ROOT, profiles_dir=SQL_ROOT)
# What the manifest is parsed from: when any of these is newer, it is parsed again.
PROJECT_FILES = ("dbt_project.yml", "profiles.yml", "models", "macros", "tests")


class DbtParseError(RuntimeError):
    pass


def _newest_project_change(root: Path) -> float:
    times = []
    for name in PROJECT_FILES:
        path = root / name
        if path.is_dir():
            times.extend(child.stat().st_mtime for child in path.rglob("*") if child.is_file())
        elif path.exists():
            times.append(path.stat().st_mtime)
    return max(times, default=0.0)


def prepare_manifest(project: DbtProject = DBT_PROJECT) -> Path:
    """The project's manifest, parsed again (`dbt parse`) if it is missing or older than any
    model, macro or setting, so nobody has to remember to parse after changing SQL. It is
    written beside and renamed into place, so a process reading it never sees half a file."""
    manifest = Path(project.manifest_path)
    if manifest.exists() and manifest.stat().st_mtime >= _newest_project_change(
        Path(project.project_dir)
    ):
        return manifest
    manifest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".parse-", dir=manifest.parent) as target:
        _parse(project, Path(target))
        os.replace(Path(target) / "manifest.json", manifest)
    return manifest


def parsed_project(warehouse_path: Path, project: DbtProject = DBT_PROJECT) -> Manifest:
    """The parsed project for dbt to build from, parsed once per process for each state of the
    files, so a build skips parsing (which the per-run vars would otherwise force every time).
    dbt-duckdb names the database after the file, and parsing writes that name into every
    model, so a parse serves the files of one name."""
    key = (
        Path(project.project_dir),
        _newest_project_change(Path(project.project_dir)),
        warehouse_path.stem,
    )
    if key not in _PARSED:
        with tempfile.TemporaryDirectory(prefix="dbt-parse-") as target:
            _PARSED[key] = _parse(project, Path(target), {"warehouse_path": str(warehouse_path)})
    return _PARSED[key]


# Parsed projects by (project folder, newest change, database name), for this process's life.
_PARSED: dict[tuple[Path, float, str], Manifest] = {}


def _parse(project: DbtProject, target: Path, variables: dict[str, str] | None = None) -> Manifest:
    result = dbtRunner().invoke(
        [
            "parse",
            *("--project-dir", str(project.project_dir)),
            *("--profiles-dir", str(project.profiles_dir)),
            *("--target-path", str(target)),
            *("--log-path", str(target)),
            *("--vars", json.dumps(variables or {})),
            "--quiet",
        ]
    )
    if not result.success:
        raise DbtParseError(f"dbt could not parse {project.project_dir}: {result.exception}")
    return result.result
