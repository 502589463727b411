"""Configuration from environment variables, read in one place, with documented defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_API_URL = "https://fingertips.phe.org.uk/api/"


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    try:
        return float(raw) if raw else default
    except ValueError as error:
        raise ValueError(f"environment variable {name}={raw!r} is not a number") from error


@dataclass(frozen=True)
class Settings:
    """Everything the pipeline reads from the environment (see README, 'Environment variables')."""

    api_url: str
    warehouse: Path
    snapshot_dir: Path | None
    catalogue_dir: Path
    connect_timeout: float
    read_timeout: float
    max_retries: int
    backoff_factor: float

    @classmethod
    def from_env(cls) -> Settings:
        api_url = os.environ.get("FINGERTIPS_API_URL", "").strip() or DEFAULT_API_URL
        if not api_url.endswith("/"):
            api_url += "/"
        snapshot = os.environ.get("FINGERTIPS_SNAPSHOT", "").strip()
        return cls(
            api_url=api_url,
            warehouse=Path(
                os.environ.get("OUTCOMES_WAREHOUSE", "").strip()
                or PROJECT_ROOT / "warehouse" / "outcomes.duckdb"
            ),
            snapshot_dir=Path(snapshot) if snapshot else None,
            catalogue_dir=Path(
                os.environ.get("OUTCOMES_CATALOGUE", "").strip()
                or PROJECT_ROOT / "indicator_catalogue"
            ),
            connect_timeout=_env_float("FINGERTIPS_CONNECT_TIMEOUT", 10.0),
            read_timeout=_env_float("FINGERTIPS_READ_TIMEOUT", 300.0),
            max_retries=int(_env_float("FINGERTIPS_MAX_RETRIES", 5)),
            backoff_factor=_env_float("FINGERTIPS_BACKOFF_FACTOR", 2.0),
        )
