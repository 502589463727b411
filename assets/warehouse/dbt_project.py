"""The dbt project under sql/ and its manifest, which Dagster's assets and the schema docs read."""

from __future__ import annotations

import sys
from functools import cached_property
from pathlib import Path

import dbt.version
from dagster_dbt import DbtCliResource, DbtProject
from packaging import version

from assets.warehouse.sql_files import SQL_ROOT

DBT_PROJECT = DbtProject(project_dir=SQL_ROOT, profiles_dir=SQL_ROOT)
# The dbt installed beside this Python: a virtualenv's bin/ need not be on PATH.
DBT_EXECUTABLE = str(Path(sys.executable).parent / "dbt")
# What the manifest is parsed from: when any of these is newer, it is parsed again.
PROJECT_FILES = ("dbt_project.yml", "profiles.yml", "models", "macros", "tests")


def _newest_project_change(root: Path = SQL_ROOT) -> float:
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
    model, macro or setting, so nobody has to remember to parse after changing SQL."""
    manifest = project.manifest_path
    if not manifest.exists() or manifest.stat().st_mtime < _newest_project_change(
        project.project_dir
    ):
        dbt_cli(project).cli(["parse", "--quiet"], target_path=project.target_path).wait()
    return manifest


def dbt_cli(project: DbtProject = DBT_PROJECT) -> DbtCliResource:
    return InstalledDbtCli(
        project_dir=project, profiles_dir=str(project.profiles_dir), dbt_executable=DBT_EXECUTABLE
    )


class InstalledDbtCli(DbtCliResource):
    """The dbt-core installed beside this Python. dagster-dbt asks the executable its version with
    a `dbt --version` subprocess (about 3 s) in every run that builds a model; the installed
    package already knows it."""

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(dbt.version.__version__)
