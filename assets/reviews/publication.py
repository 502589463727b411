"""Publishing a review: the trend table, series and roll-up frozen as the board saw them.

Publishing the same review again changes nothing; values revised afterwards show beside the
published ones (revised_value, as in the BI view marts.review_trend) and never replace them.
What may be published, and what needs an explicit flag, is guard.py's; a published review can be
withdrawn, which marks it and keeps it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import duckdb
import polars as pl

from assets.reviews.cadence import Review
from assets.reviews.guard import (
    PublicationFlags,
    check_review_date,
    has_new_data,
    no_new_data_refusal,
    off_cadence_refusal,
)
from assets.reviews.reports.contract import TRAJECTORIES_SCHEMA
from assets.reviews.trend_table import PreviousReview, ReviewFrames, build_review
from assets.warehouse.sql_files import statement

ALLOW_NOTHING = PublicationFlags()


def _frame(connection: duckdb.DuckDBPyConnection, name: str, **parameters: object) -> pl.DataFrame:
    return connection.sql(statement(f"reviews/{name}"), params=parameters).pl()


@dataclass(frozen=True)
class Publication:
    """A published review's record: when, with which flags, and whether it was withdrawn."""

    published_at: datetime
    withdrawn_at: datetime | None
    withdrawn_by: str | None
    withdrawal_reason: str | None
    off_cadence: bool
    no_new_data: bool


def publication(connection: duckdb.DuckDBPyConnection, review_id: str) -> Publication | None:
    rows = connection.execute(
        statement("reviews/select_publication"), {"review_id": review_id}
    ).fetchall()
    return Publication(*rows[0]) if rows else None


def previous_review(connection: duckdb.DuckDBPyConnection, review: Review) -> PreviousReview | None:
    """What the place's last published review before this one showed, by series (withdrawn
    reviews are passed over)."""
    rows = connection.execute(
        statement("reviews/select_previous_publication"),
        {"place_id": review.place_id, "review_date": review.review_date},
    ).fetchall()
    if not rows:
        return None
    ((review_id, label),) = rows
    measures = _frame(connection, "select_published_measures", review_id=review_id)
    return PreviousReview(
        label=label,
        values=dict(zip(measures["measure_id"], measures["latest_value"])),
        core20_gaps=dict(zip(measures["measure_id"], measures["core20_gap"])),
        periods=dict(zip(measures["measure_id"], measures["latest_period"])),
    )


def _checked_off_cadence(
    connection: duckdb.DuckDBPyConnection, review: Review, flags: PublicationFlags, today: date
) -> bool:
    """Refuse a review month that makes no sense, or one off the place's cycle without the flag;
    True when it is off the cycle (and allowed)."""
    rows = _frame(connection, "select_place", place_id=review.place_id)
    if rows.is_empty():
        raise ValueError(
            f"place {review.place_id!r} is not loaded: materialise place_frameworks first"
        )
    place = rows.row(0, named=True)
    ((first_review,),) = connection.execute(
        statement("reviews/select_first_publication"), {"place_id": review.place_id}
    ).fetchall()
    cadence, month = place["review_cadence"], place["review_month"]
    off_cadence = check_review_date(review, cadence, month, first_review, today)
    if off_cadence and not flags.off_cadence:
        raise off_cadence_refusal(review, cadence, month)
    return off_cadence


def publish(
    connection: duckdb.DuckDBPyConnection,
    review: Review,
    flags: PublicationFlags = ALLOW_NOTHING,
    today: date | None = None,
) -> bool:
    """Freeze the review unless it is already published (withdrawn or not); True when this call
    published it. Raises PublicationRefused (saying why, and which flag allows it) for a month in
    the future or before the place's first review, and without the flag for a month off the
    place's cycle or a review with no data newer than the previous review's."""
    if publication(connection, review.review_id) is not None:
        return False
    off_cadence = _checked_off_cadence(connection, review, flags, today or date.today())
    now = datetime.now(UTC)
    previous = previous_review(connection, review)
    frames = build_review(connection, review, previous, now)
    no_new_data = previous is not None and not has_new_data(frames.measures, previous.periods)
    if no_new_data and not flags.no_new_data:
        raise no_new_data_refusal(review, previous.label)
    connection.execute(
        statement("reviews/insert_publication"),
        {
            "review_id": review.review_id,
            "place_id": review.place_id,
            "review_date": review.review_date,
            "review_label": review.label,
            "published_at": now,
            "measures": frames.measures.height,
            "off_cadence": off_cadence,
            "no_new_data": no_new_data,
        },
    )
    # Each insert reads the frame registered under the name its SQL file selects from.
    for registered_as, insert, frame in (
        ("review_measure_rows", "insert_review_measures", frames.measures.drop("revised_value")),
        ("review_series_rows", "insert_review_series", frames.series),
        ("review_outcome_rows", "insert_review_outcomes", frames.outcomes),
        ("review_trajectory_rows", "insert_review_trajectories", frames.trajectories),
    ):
        connection.register(registered_as, frame)
        connection.execute(statement(f"reviews/{insert}"))
        connection.unregister(registered_as)
    return True


def withdraw(
    connection: duckdb.DuckDBPyConnection, review: Review, withdrawn_by: str, reason: str
) -> datetime:
    """Mark a published review withdrawn (who, why, now); its rows stay as published. Raises
    ValueError for a review never published or already withdrawn, or without who and why."""
    if not withdrawn_by.strip() or not reason.strip():
        raise ValueError("a withdrawal needs who withdraws the review and why")
    record = publication(connection, review.review_id)
    if record is None:
        raise ValueError(f"{review.place_id}'s {review.label} was never published")
    if record.withdrawn_at is not None:
        raise ValueError(
            f"{review.place_id}'s {review.label} was already withdrawn on "
            f"{record.withdrawn_at:%d %B %Y} by {record.withdrawn_by}: {record.withdrawal_reason}"
        )
    now = datetime.now(UTC)
    connection.execute(
        statement("reviews/update_publication_withdrawn"),
        {
            "review_id": review.review_id,
            "withdrawn_at": now,
            "withdrawn_by": withdrawn_by.strip(),
            "reason": reason.strip(),
        },
    )
    return now


def published_frames(connection: duckdb.DuckDBPyConnection, review_id: str) -> ReviewFrames:
    """A published review as frozen, with each value revised since beside it."""
    return ReviewFrames(
        _frame(connection, "select_published_measures", review_id=review_id),
        _frame(connection, "select_published_series", review_id=review_id),
        _frame(connection, "select_published_outcomes", review_id=review_id),
        _frame(connection, "select_published_trajectories", review_id=review_id).cast(
            dict(TRAJECTORIES_SCHEMA)
        ),
    )
