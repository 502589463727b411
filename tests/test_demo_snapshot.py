"""The shipped demo snapshot is exactly what its generator writes, and says it is synthetic."""

from __future__ import annotations

import json

from pipelines.fingertips.demo_snapshot import write_demo_snapshot
from pipelines.fingertips.snapshot import snapshot_indicator_ids
from pipelines.settings import PROJECT_ROOT

SHIPPED = PROJECT_ROOT / "snapshots" / "demo"


def test_regenerating_the_demo_snapshot_reproduces_it(tmp_path):
    write_demo_snapshot(tmp_path, snapshot_indicator_ids(SHIPPED))
    shipped = json.loads((SHIPPED / "manifest.json").read_text(encoding="utf-8"))
    regenerated = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert regenerated == shipped
    for entry in shipped["responses"].values():
        assert (tmp_path / entry["file"]).read_bytes() == (SHIPPED / entry["file"]).read_bytes()


def test_demo_snapshot_is_labelled_synthetic():
    manifest = json.loads((SHIPPED / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["synthetic"] is True
    assert manifest["note"].startswith("SYNTHETIC DATA")
    assert snapshot_indicator_ids(SHIPPED) == [20401, 41101, 90280, 90362, 90366, 92901, 92949, 93701]
