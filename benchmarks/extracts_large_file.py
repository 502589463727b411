"""A 1 GB declared extract, end to end: time and peak memory of reading it into the warehouse.

Writes a CSV of LSOA-level counts (every LSOA 2011 × months × breakdowns; the values made up) of
about --gigabytes, declares it, and reads it with the same code the asset runs (one warehouse
transaction). Prints the wall time, the process's peak resident memory (DuckDB included), and the
peak of Python's own allocations (tracemalloc): that one shows the file is streamed, never held.

    .venv/bin/python benchmarks/extracts_large_file.py --gigabytes 1
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

import yaml

from assets.catalogue import load_catalogue
from assets.extracts.declared_sources import load_sources
from assets.extracts.locations import DropFolders
from assets.extracts.source_reading import ingest_source
from assets.warehouse.store import Warehouse
from pipelines.resources import DEFAULT_MEMORY_LIMIT
from pipelines.settings import PROJECT_ROOT

LSOA_2011_CODES = 32_844
MONTHS = [f"2023-{month:02d}" for month in range(1, 13)]
DECLARATION = {
    "id": "large_lsoa_counts",
    "place": "benchmark",
    "title": "Large LSOA counts (benchmark, made up)",
    "synthetic": True,
    "arrives": {"folder": "benchmark/large", "pattern": "*.csv"},
    "format": {"type": "csv"},
    "columns": {
        "area_code": "LSOA code",
        "period": "Month",
        "breakdown": "Group",
        "numerator": "Count",
        "denominator": "Population",
    },
    "fixed": {"indicator": "benchmark:counts"},
    "period_format": "month",
    "geography": "lsoa2011",
    "value_per": 1000,
}


def write_large_csv(path: Path, target_bytes: int) -> tuple[int, int]:
    """Rows of distinct (LSOA, month, group) until the file reaches `target_bytes`, in chunks."""
    written = rows = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        header = "LSOA code,Month,Group,Count,Population\n"
        handle.write(header)
        written += len(header)
        group = 0
        while written < target_bytes:
            group += 1
            for month in MONTHS:
                lines = [
                    f"E01{code:06d},{month},group {group:04d},"
                    f"{(code * 7 + group) % 50},{1000 + code % 500}\n"
                    for code in range(1, LSOA_2011_CODES + 1)
                ]
                chunk = "".join(lines)
                handle.write(chunk)
                written += len(chunk)
                rows += len(lines)
                if written >= target_bytes:
                    break
    return written, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gigabytes", type=float, default=1.0)
    parser.add_argument("--workdir", type=Path, default=None, help="default: a temporary folder")
    parser.add_argument(
        "--memory-limit", default=DEFAULT_MEMORY_LIMIT, help="DuckDB's, as the asset sets it"
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="extract-benchmark-", dir=arguments.workdir) as folder:
        root = Path(folder)
        sources_dir = root / "sources"
        sources_dir.mkdir()
        (sources_dir / f"{DECLARATION['id']}.yaml").write_text(
            yaml.safe_dump(DECLARATION), encoding="utf-8"
        )
        (source,) = load_sources(sources_dir, load_catalogue(PROJECT_ROOT / "indicator_catalogue"))
        drop = root / "drop"
        incoming = drop / DECLARATION["arrives"]["folder"]
        incoming.mkdir(parents=True)

        started = time.perf_counter()
        size, rows = write_large_csv(incoming / "large.csv", int(arguments.gigabytes * 1024**3))
        print(
            f"wrote {size / 1024**3:.2f} GB, {rows:,} rows in {time.perf_counter() - started:.1f} s"
        )

        tracemalloc.start()
        started = time.perf_counter()
        ingestion = ingest_source(
            Warehouse(root / "outcomes.duckdb", arguments.memory_limit),
            source,
            DropFolders(drop),
            0,
            None,
        )
        (outcome,) = ingestion.outcomes
        elapsed = time.perf_counter() - started
        _, python_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: kilobytes

        print(f"{outcome.status}: {outcome.values_loaded:,} values from {outcome.rows:,} rows")
        print(
            f"read in {elapsed:.1f} s ({size / 1024**2 / elapsed:.0f} MB/s), "
            f"DuckDB memory limit {ingestion.memory_limit}"
        )
        print(f"peak resident memory: {peak_rss / 1024**2:,.0f} MB (DuckDB included)")
        print(f"peak Python allocations: {python_peak / 1024**2:,.1f} MB")
        warehouse_bytes = (root / ".work" / "outcomes.duckdb").stat().st_size
        print(f"warehouse file: {warehouse_bytes / 1024**2:,.0f} MB")


if __name__ == "__main__":
    main()
