"""Once its transaction has committed, each file leaves the drop folder: to the archive if it was
read (loaded, or a duplicate), to quarantine with a report if it failed. Moving only after the
commit means a run that fails leaves every file where it was, to be read again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from assets.extracts.declared_sources import DeclaredSource
from assets.extracts.loading import FileOutcome

REPORT_TEXT_SUFFIX = ".report.txt"
REPORT_JSON_SUFFIX = ".report.json"


def keep_file(outcome: FileOutcome, source: DeclaredSource) -> None:
    outcome.kept_at.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(outcome.received.path, outcome.kept_at)
    if outcome.status == "quarantined":
        _write_report(outcome, source)


def report_paths(kept_at: Path) -> tuple[Path, Path]:
    return (
        kept_at.with_name(kept_at.name + REPORT_TEXT_SUFFIX),
        kept_at.with_name(kept_at.name + REPORT_JSON_SUFFIX),
    )


def _write_report(outcome: FileOutcome, source: DeclaredSource) -> None:
    declaration = source.declaration
    received = outcome.received
    text_path, json_path = report_paths(outcome.kept_at)
    shown = len(outcome.problems)
    more = outcome.problem_count - shown
    lines = [
        f"Quarantined: {received.path.name}",
        f"Source: {declaration.id} ({declaration.title}), declared in {source.yaml_path.name}",
        f"Arrived as: {received.path}",
        f"SHA-256: {received.sha256} ({received.byte_count} bytes)",
        f"Policy: {declaration.on_bad_rows.value}. Nothing from this file was loaded.",
        (
            f"Rows read: {'none' if outcome.rows is None else outcome.rows}; rows with problems: "
            f"{outcome.rows_rejected}; problems: {outcome.problem_count}"
        ),
        f"Every problem is in staging.extract_rejected_rows (file_id = {outcome.file_id}).",
        "",
        *(problem.described(received.path.name) for problem in outcome.problems),
        *([f"… and {more} more"] if more > 0 else []),
        "",
        "Fix the file (or the declaration) and drop it in again: the same bytes are tried again,",
        "since a quarantined file was never loaded.",
    ]
    text_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = {
        "file_name": received.path.name,
        "arrived_as": str(received.path),
        "kept_at": str(outcome.kept_at),
        "sha256": received.sha256,
        "bytes": received.byte_count,
        "source_id": declaration.id,
        "policy": declaration.on_bad_rows.value,
        "file_id": outcome.file_id,
        "rows": outcome.rows,
        "rows_rejected": outcome.rows_rejected,
        "problem_count": outcome.problem_count,
        "problems": [
            {"row": problem.row, "field": problem.field, "reason": problem.reason}
            for problem in outcome.problems
        ],
    }
    json_path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
