"""Where each file goes once read. A file that failed goes to quarantine with a report once its
transaction has committed. A file that was read (loaded, or a duplicate) stays in the drop folder
until its values are published, and only then moves to the archive: a run that fails before
publishing, or a working copy lost before then, leaves it where it was, to be read again (the
working copy knows it by its SHA-256, so reading it again there changes nothing)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb

from assets.extracts.declared_sources import DeclaredSource
from assets.extracts.loading import FileOutcome
from assets.extracts.received_files import receive
from assets.warehouse.sql_files import statement

REPORT_TEXT_SUFFIX = ".report.txt"
REPORT_JSON_SUFFIX = ".report.json"


def keep_file(outcome: FileOutcome, source: DeclaredSource) -> None:
    """Quarantine a file that failed (with its report); a file that was read waits for
    `archive_published_files`."""
    if outcome.status != "quarantined":
        return
    outcome.kept_at.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(outcome.received.path, outcome.kept_at)
    _write_report(outcome, source)


def archive_published_files(connection: duckdb.DuckDBPyConnection) -> list[Path]:
    """After a publication: move each file whose values it holds from the drop folder to the
    archive (a file since replaced by other bytes under the same name stays, to be read)."""
    archived = []
    for path_text, kept_at_text, sha256 in connection.execute(
        statement("extracts/select_files_to_archive")
    ).fetchall():
        path, kept_at = Path(path_text), Path(kept_at_text)
        if not path.is_file() or receive(path).sha256 != sha256:
            continue
        kept_at.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, kept_at)
        archived.append(kept_at)
    return archived


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
