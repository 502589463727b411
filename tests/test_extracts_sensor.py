"""The drop-folder sensor asks for one run per source with new files, and only once per file."""

from __future__ import annotations

import json
import os
import time

import dagster as dg

from assets.extracts.declared import build_extract_definitions
from assets.extracts.file_keeping import archive_published_files
from assets.warehouse.store import Warehouse
from pipelines.resources import ExtractsResource
from tests.fixtures.extracts.harness import FILES, ExtractRig, fixture_sources

SOURCES = fixture_sources()
QUITS, PARQUET = SOURCES["lsoa_quits"], SOURCES["parquet_rates"]
FIRST = "quits_2022-23_2023-24.csv"


def _tick(rig: ExtractRig, cursor: str | None, settle_seconds: float = 0) -> dg.SensorResult:
    _, _, sensor = build_extract_definitions([QUITS, PARQUET])
    extracts = ExtractsResource(drop_dir=str(rig.drop), settle_seconds=settle_seconds)
    context = dg.build_sensor_context(cursor=cursor, resources={"extracts": extracts})
    return sensor(context)


def test_a_new_file_asks_for_a_run_of_its_source_once(tmp_path):
    rig = ExtractRig(tmp_path)
    assert _tick(rig, None).run_requests == []

    arrived = rig.drop_file(QUITS, FIRST, FILES / FIRST)
    first = _tick(rig, None)
    (request,) = first.run_requests
    assert request.asset_selection == [dg.AssetKey("extract_lsoa_quits")]
    assert request.tags["extract_source"] == "lsoa_quits"
    assert str(arrived) in request.run_key
    assert list(json.loads(first.cursor)) == [str(arrived)]

    # The same file on the next tick: already asked for.
    assert _tick(rig, first.cursor).run_requests == []

    # Changed in place (new size and time): asked for again, under a new run key.
    arrived.write_bytes(arrived.read_bytes() + b"E01000978,2023/24,1,2\n")
    (again,) = _tick(rig, first.cursor).run_requests
    assert again.run_key != request.run_key


def test_a_file_still_being_written_waits_for_a_later_tick(tmp_path):
    rig = ExtractRig(tmp_path)
    arrived = rig.drop_file(QUITS, FIRST, FILES / FIRST)
    assert _tick(rig, None, settle_seconds=60).run_requests == []
    an_hour_ago = time.time() - 3600
    os.utime(arrived, (an_hour_ago, an_hour_ago))
    assert len(_tick(rig, None, settle_seconds=60).run_requests) == 1


def test_the_sensor_run_loads_the_file_and_the_next_tick_is_quiet(tmp_path):
    rig = ExtractRig(tmp_path)
    rig.drop_file(QUITS, FIRST, FILES / FIRST)
    rig.drop_file(QUITS, "ignored.txt", b"not a declared file name")
    first = _tick(rig, None)
    assert len(first.run_requests) == 1
    assert rig.materialize([QUITS]).success
    following = _tick(rig, first.cursor)
    assert following.run_requests == []
    # Read, not yet published: the file waits in the drop folder, and is not asked for again.
    assert list(json.loads(following.cursor)) == [str(rig.drop / "testplace" / "quits" / FIRST)]
    with Warehouse(rig.warehouse_path).transaction() as connection:
        (archived,) = archive_published_files(connection)
    # Published files leave the drop folder, so the cursor forgets them.
    assert json.loads(_tick(rig, following.cursor).cursor) == {}
    assert archived.name.endswith(f"_{FIRST}")
    assert sorted(path.name for path in (rig.drop / "testplace" / "quits").iterdir()) == [
        "ignored.txt"
    ]
