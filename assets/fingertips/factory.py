"""Chooses the Fingertips source for a run: replay from FINGERTIPS_SNAPSHOT, or the live API."""

from __future__ import annotations

from assets.fingertips.http_session import build_session
from assets.fingertips.live import LiveFingertips
from assets.fingertips.snapshot import SnapshotFingertips, SnapshotRecorder
from assets.fingertips.source import FingertipsSource
from pipelines.settings import FingertipsSettings


def open_source(
    settings: FingertipsSettings, recorder: SnapshotRecorder | None = None
) -> FingertipsSource:
    if settings.snapshot_dir is not None:
        if recorder is not None:
            raise ValueError(
                "cannot record a snapshot while replaying one: unset FINGERTIPS_SNAPSHOT"
            )
        return SnapshotFingertips(settings.snapshot_dir)
    return LiveFingertips(settings, build_session(settings), recorder)
