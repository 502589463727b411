"""Configuration from environment variables, read in one place, with documented defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_API_URL = "https://fingertips.phe.org.uk/api/"
# Counties & UAs from April 2023 (502), with regions (6) as parents.
DEFAULT_AREA_TYPES = "502:6"
DEFAULT_BI_STORAGE_VERSION = "v1.2.0"
DEFAULT_MEMORY_LIMIT = "2GB"


class SettingsError(ValueError):
    """An environment variable the pipeline cannot use; the message names it and says what fits."""


def _env(name: str) -> str:
    return os.environ.get(name, "").strip()


def _env_number(name: str, default: float) -> float:
    raw = _env(name)
    try:
        return float(raw) if raw else default
    except ValueError as error:
        raise SettingsError(f"environment variable {name}={raw!r} is not a number") from error


def warehouse_path() -> Path:
    """The published file (OUTCOMES_WAREHOUSE); a path, so reading it never fails."""
    return Path(_env("OUTCOMES_WAREHOUSE") or PROJECT_ROOT / "warehouse" / "outcomes.duckdb")


def command_log_path(warehouse: Path | None = None) -> Path:
    """Where the command line writes what is not for the console (the traceback of an error it
    did not expect, Dagster's own notices): beside the warehouse (OUTCOMES_WAREHOUSE's by
    default, readable even when another setting is wrong)."""
    return (warehouse or warehouse_path()).parent / "logs" / "outcomes.log"


def _area_types(name: str) -> str:
    text = _env(name) or DEFAULT_AREA_TYPES
    try:
        parse_area_type_pairs(text)
    except ValueError as error:
        raise SettingsError(f"environment variable {name}={text!r}: {error}") from error
    return text


def _memory_limit(name: str) -> str:
    """The limit if DuckDB takes it (e.g. 2GB, 500MB, 1.5GiB); asked of DuckDB itself, so what it
    accepts and what is checked here never drift apart."""
    text = _env(name) or DEFAULT_MEMORY_LIMIT
    # Imported here: the command line's --help never pays for DuckDB.
    import duckdb

    try:
        with duckdb.connect() as connection:
            connection.execute("SET memory_limit = $limit", {"limit": text})
    except duckdb.Error as error:
        raise SettingsError(
            f"environment variable {name}={text!r} is not a DuckDB memory limit: give a number "
            f"and a unit, e.g. 2GB or 500MB (the default is {DEFAULT_MEMORY_LIMIT})"
        ) from error
    return text


def parse_area_type_pairs(text: str) -> list[tuple[int, int]]:
    """ "502:6,402:6" → [(502, 6), (402, 6)]: child area types with the parent type to compare to."""
    pairs = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        child, _, parent = item.partition(":")
        if not (child.isdigit() and parent.isdigit()):
            raise ValueError(
                f"area type pair {item!r} is not CHILD:PARENT area type ids, e.g. 502:6"
            )
        pairs.append((int(child), int(parent)))
    return pairs


@dataclass(frozen=True)
class FingertipsSettings:
    api_url: str = DEFAULT_API_URL
    snapshot_dir: Path | None = None
    connect_timeout: float = 10.0
    read_timeout: float = 300.0
    max_retries: int = 5
    backoff_factor: float = 2.0


@dataclass(frozen=True)
class Settings:
    """Everything the pipeline reads from the environment (see README, 'Environment variables')."""

    fingertips: FingertipsSettings
    warehouse: Path
    catalogue_dir: Path
    area_types: str
    # The reference data: sources.yaml (official files to build a bundle from) and bundles/<version>/
    # (the shipped bundle, and any `outcomes reference update` wrote).
    reference_dir: Path = PROJECT_ROOT / "reference"
    # Review reports, workbooks, CSV and Parquet files: <output_dir>/<place>/<review>/.
    output_dir: Path = PROJECT_ROOT / "outputs"
    # Where declared extracts arrive (one folder per source), and their archive and quarantine.
    drop_dir: Path = PROJECT_ROOT / "drop"
    # DuckDB's memory while writing the warehouse; larger loads spill to disk.
    duckdb_memory_limit: str = DEFAULT_MEMORY_LIMIT
    # The DuckDB storage format of the published (BI) file: readable by DuckDB >= 1.2 clients, which
    # the ODBC/JDBC drivers, Metabase and Evidence bundle, though the pipeline runs DuckDB 2.
    bi_storage_version: str = DEFAULT_BI_STORAGE_VERSION
    # Demo runs live apart from the live warehouse: their own warehouse, outputs, drop folders and
    # generated synthetic snapshot, so synthetic reviews never reach a place's real warehouse.
    demo_dir: Path = PROJECT_ROOT / "demo"

    @classmethod
    def from_env(cls) -> Settings:
        """The settings, each value checked now so a typo stops a command before it starts, with a
        SettingsError naming the variable; read when a command runs, never at import, so
        `outcomes --help` works whatever the environment holds."""
        api_url = _env("FINGERTIPS_API_URL") or DEFAULT_API_URL
        snapshot = _env("FINGERTIPS_SNAPSHOT")
        return cls(
            fingertips=FingertipsSettings(
                api_url=api_url if api_url.endswith("/") else api_url + "/",
                snapshot_dir=Path(snapshot) if snapshot else None,
                connect_timeout=_env_number("FINGERTIPS_CONNECT_TIMEOUT", 10.0),
                read_timeout=_env_number("FINGERTIPS_READ_TIMEOUT", 300.0),
                max_retries=int(_env_number("FINGERTIPS_MAX_RETRIES", 5)),
                backoff_factor=_env_number("FINGERTIPS_BACKOFF_FACTOR", 2.0),
            ),
            warehouse=warehouse_path(),
            catalogue_dir=Path(_env("OUTCOMES_CATALOGUE") or PROJECT_ROOT / "indicator_catalogue"),
            area_types=_area_types("FINGERTIPS_AREA_TYPES"),
            reference_dir=Path(_env("OUTCOMES_REFERENCE_DIR") or PROJECT_ROOT / "reference"),
            output_dir=Path(_env("OUTCOMES_OUTPUT_DIR") or PROJECT_ROOT / "outputs"),
            drop_dir=Path(_env("OUTCOMES_DROP_DIR") or PROJECT_ROOT / "drop"),
            duckdb_memory_limit=_memory_limit("OUTCOMES_DUCKDB_MEMORY_LIMIT"),
            bi_storage_version=_env("OUTCOMES_BI_STORAGE_VERSION") or DEFAULT_BI_STORAGE_VERSION,
            demo_dir=Path(_env("OUTCOMES_DEMO_DIR") or PROJECT_ROOT / "demo"),
        )
