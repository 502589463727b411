"""Publishing a review: the trend table, series and roll-up frozen as the board saw them.

Publishing the same review again changes nothing; values revised afterwards show beside the
published ones (revised_value, as in the BI view marts.review_trend) and never replace them.
"""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb
import polars as pl

from assets.reviews.cadence import Review
from assets.reviews.trend_table import PreviousReview, ReviewFrames, build_review
from assets.warehouse.sql_files import statement


def _frame(connection: duckdb.DuckDBPyConnection, name: str, review_id: str) -> pl.DataFrame:
    return connection.sql(statement(f"reviews/{name}"), params={"review_id": review_id}).pl()


def published_at(connection: duckdb.DuckDBPyConnection, review_id: str) -> datetime | None:
    rows = connection.execute(
        statement("reviews/select_publication"), {"review_id": review_id}
    ).fetchall()
    return rows[0][0] if rows else None


def previous_review(connection: duckdb.DuckDBPyConnection, review: Review) -> PreviousReview | None:
    """What the place's last published review before this one showed, by series."""
    rows = connection.execute(
        statement("reviews/select_previous_publication"),
        {"place_id": review.place_id, "review_date": review.review_date},
    ).fetchall()
    if not rows:
        return None
    measures = _frame(connection, "select_published_measures", rows[0][0])
    return PreviousReview(
        values=dict(zip(measures["measure_id"], measures["latest_value"])),
        core20_gaps=dict(zip(measures["measure_id"], measures["core20_gap"])),
    )


def publish(connection: duckdb.DuckDBPyConnection, review: Review) -> bool:
    """Freeze the review unless it is already published; True when this call published it."""
    if published_at(connection, review.review_id) is not None:
        return False
    now = datetime.now(UTC)
    frames = build_review(connection, review, previous_review(connection, review), now)
    connection.execute(
        statement("reviews/insert_publication"),
        {
            "review_id": review.review_id,
            "place_id": review.place_id,
            "review_date": review.review_date,
            "review_label": review.label,
            "published_at": now,
            "measures": frames.measures.height,
        },
    )
    # Each insert reads the frame registered under the name its SQL file selects from.
    for registered_as, insert, frame in (
        ("review_measure_rows", "insert_review_measures", frames.measures.drop("revised_value")),
        ("review_series_rows", "insert_review_series", frames.series),
        ("review_outcome_rows", "insert_review_outcomes", frames.outcomes),
    ):
        connection.register(registered_as, frame)
        connection.execute(statement(f"reviews/{insert}"))
        connection.unregister(registered_as)
    return True


def published_frames(connection: duckdb.DuckDBPyConnection, review_id: str) -> ReviewFrames:
    """A published review as frozen, with each value revised since beside it."""
    return ReviewFrames(
        _frame(connection, "select_published_measures", review_id),
        _frame(connection, "select_published_series", review_id),
        _frame(connection, "select_published_outcomes", review_id),
    )
