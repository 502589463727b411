"""A large extract is streamed: Python never holds the file (its own allocations stay a small
fraction of the file's size) and DuckDB works within the resource's memory limit. The 1 GB case
is benchmarks/extracts_large_file.py (about 70 s); this one is about 25 MB, so it runs in seconds."""

from __future__ import annotations

import tracemalloc

import dagster as dg

from assets.extracts.declared import build_extract_definitions
from pipelines.resources import ExtractsResource, WarehouseResource
from tests.fixtures.extracts.harness import ExtractRig, fixture_sources

LSOAS = 32_844
MONTHS = [f"2023-{month:02d}" for month in range(1, 13)]
TARGET_BYTES = 24 * 1024 * 1024


def _write_counts(path) -> tuple[int, int]:
    """Every LSOA for every month, one group after another until the file is big enough: returns
    the number of rows and the sum of their counts."""
    rows = total = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("LSOA code,Month,Group,Count,Population\n")
        group = 0
        while handle.tell() < TARGET_BYTES:
            group += 1
            counts = [(code + group) % 40 for code in range(1, LSOAS + 1)]
            for month in MONTHS:
                handle.write(
                    "".join(
                        f"E01{code:06d},{month},group {group:02d},{count},{1000 + code % 300}\n"
                        for code, count in enumerate(counts, start=1)
                    )
                )
                rows += LSOAS
                total += sum(counts)
    return rows, total


def test_a_large_file_is_streamed_within_bounded_memory(tmp_path):
    rig = ExtractRig(tmp_path)
    source = fixture_sources()["lsoa_counts_by_group"]
    assets, _, _ = build_extract_definitions([source])
    resources = {
        "warehouse": WarehouseResource(path=str(rig.warehouse_path), memory_limit="500MB"),
        "extracts": ExtractsResource(drop_dir=str(rig.drop), settle_seconds=0),
    }
    # A first run with nothing to read, so that what Dagster imports on first use is not counted.
    assert dg.materialize(assets, resources=resources).success
    folder = rig.drop / source.declaration.arrives.folder
    folder.mkdir(parents=True)
    rows, total = _write_counts(folder / "counts.csv")
    size = (folder / "counts.csv").stat().st_size

    tracemalloc.start()
    result = dg.materialize(assets, resources=resources)
    _, python_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert result.success
    # The load ran within the warehouse's memory limit (OUTCOMES_DUCKDB_MEMORY_LIMIT), not one of
    # the extracts' own: DuckDB shows 500MB as 476.8 MiB.
    (materialization,) = result.asset_materializations_for_node(assets[0].node_def.name)
    assert materialization.metadata["duckdb_memory_limit"].value == "476.8 MiB"
    assert rig.files("lsoa_counts_by_group") == [("counts.csv", "loaded", rows, rows, 0, 0, rows)]
    # Chunks of 1 MiB are read at a time (hashing, checking the encoding).
    assert python_peak < 8 * 2**20, (
        f"Python held {python_peak / 2**20:.0f} MB for a {size / 2**20:.0f} MB file"
    )
    assert rig.query(
        "SELECT count(DISTINCT area_code), count(DISTINCT period_label), sum(numerator) "
        "FROM conformed.fact_extract_value"
    ) == [(LSOAS, 12, float(total))]
