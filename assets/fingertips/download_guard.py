"""A download may add values or revise them, never silently take them away.

Each indicator of an all_data download is compared with its previous accepted download of the same
area types. One that came back with no rows, is missing from a download of several, or has lost
more than the declared share of its rows is refused: its last good values stay (the download's
request for it is forgotten, so staging and the fact table keep reading the previous one, and the
next refresh asks again), and the run reports it. Only an explicit decision lets data go:
Fingertips' own `LastDeletedAt` (it deleted data after our last download), or the run's
`accept_removals` flag.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import duckdb

from assets.warehouse.sql_files import statement

# Share of an indicator's rows a new download may lack before it is refused (a revision can
# merge or withdraw a few rows; a cut body or a lost indicator loses many).
DEFAULT_SHRINK_TOLERANCE = 0.1
# Fingertips gives LastDeletedAt in UK local time, without a zone.
FINGERTIPS_TIME_ZONE = ZoneInfo("Europe/London")
WHAT_TO_DO = (
    "kept its last good values; if Fingertips really removed them, run again with --accept-removals"
)


@dataclass(frozen=True)
class RemovalPolicy:
    shrink_tolerance: float = DEFAULT_SHRINK_TOLERANCE
    accept_removals: bool = False


@dataclass(frozen=True)
class Judgement:
    """What became of one download's indicators: refused ones with why, and warnings."""

    refused: dict[int, str]
    warnings: list[str]


def _area(child: int | None) -> str:
    return f"area type {child}" if child is not None else "every area type"


def _deleted_since(last_deleted_at: datetime | None, fetched_at: datetime) -> bool:
    if last_deleted_at is None:
        return False
    return last_deleted_at.replace(tzinfo=FINGERTIPS_TIME_ZONE) > fetched_at


def judge_download(
    connection: duckdb.DuckDBPyConnection,
    response_id: int,
    counts: dict[int, int],
    child: int | None,
    url: str,
    policy: RemovalPolicy,
) -> Judgement:
    """Refuse (forget the request for) each indicator the download would take rows from."""
    previous = {
        indicator_id: (int(rows), fetched_at, last_deleted_at)
        for indicator_id, rows, fetched_at, last_deleted_at in connection.execute(
            statement("fingertips/select_previous_downloads"), {"response_id": response_id}
        ).fetchall()
    }
    # An indicator can be missing only from a download that brought others.
    others_came = len(counts) > 1 and sum(counts.values()) > 0
    refused: dict[int, str] = {}
    warnings: list[str] = []
    for indicator_id, rows in sorted(counts.items()):
        what = f"indicator {indicator_id} ({_area(child)})"
        before, fetched_at, last_deleted_at = previous.get(indicator_id, (0, None, None))
        if before == 0:
            if rows == 0:
                warnings.append(
                    f"{what}: no rows came back from {url}. It may not be published for that "
                    "area type (boundary vintage): check available_data."
                )
            continue
        if rows >= before * (1 - policy.shrink_tolerance):
            continue
        if rows == 0 and others_came:
            why = f"is missing from the download of {len(counts)} indicators {url} (had {before:,} rows)"
        elif rows == 0:
            why = f"came back with no rows from {url} (had {before:,})"
        else:
            why = (
                f"came back with {rows:,} rows from {url}, {before - rows:,} fewer than the "
                f"{before:,} before (more than the {policy.shrink_tolerance:.0%} allowed)"
            )
        if policy.accept_removals:
            warnings.append(f"{what} {why}: accepted, as asked (--accept-removals).")
        elif _deleted_since(last_deleted_at, fetched_at):
            warnings.append(
                f"{what} {why}: accepted, since Fingertips deleted data of it at "
                f"{last_deleted_at:%Y-%m-%d %H:%M} (LastDeletedAt), after the last download."
            )
        else:
            refused[indicator_id] = f"{what} {why}; {WHAT_TO_DO}."
            connection.execute(
                statement("fingertips/delete_refused_request"),
                {"response_id": response_id, "indicator_id": indicator_id},
            )
    return Judgement(refused, warnings)
