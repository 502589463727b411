"""Review dates by cadence, including edge cases boards meet."""

from __future__ import annotations

from datetime import date

import pytest

from assets.places import PlaceError
from assets.reviews.cadence import Review, due_review, review_months, reviews_between


def test_six_monthly_from_april_falls_in_april_and_october():
    assert review_months("6-monthly", 4) == [4, 10]
    assert review_months("6-monthly", 10) == [4, 10]
    assert review_months("annual", 10) == [10]


def test_reviews_between_dates():
    reviews = reviews_between("croydon", "6-monthly", 4, date(2025, 1, 1), date(2026, 11, 23))
    assert [review.review_id for review in reviews] == [
        "croydon-2025-04",
        "croydon-2025-10",
        "croydon-2026-04",
        "croydon-2026-10",
    ]
    assert reviews[-1].partition_key == "croydon|2026-10"
    assert reviews[-1].label == "October 2026 review"


def test_december_anchor_wraps_into_june():
    assert review_months("6-monthly", 12) == [6, 12]


def test_partition_key_round_trip_and_errors():
    review = Review.from_partition_key("leeds|2026-06")
    assert review == Review("leeds", date(2026, 6, 1))
    with pytest.raises(ValueError, match="'leeds-2026-06' is not a review partition key"):
        Review.from_partition_key("leeds-2026-06")


@pytest.mark.parametrize(
    ("cadence", "month", "message"),
    [
        ("quarterly", 4, "cadence 'quarterly' is not one of 6-monthly, annual"),
        ("annual", 13, "review month 13 is not 1–12"),
    ],
)
def test_bad_cadence(cadence, month, message):
    with pytest.raises(ValueError, match=message):
        review_months(cadence, month)


def test_a_place_files_review_cycle_is_read_through_the_place_model(tmp_path):
    good = tmp_path / "croydon.yaml"
    good.write_text(
        "id: croydon\nreview:\n  cadence: 6-monthly\n  month: 4\n  trajectory_years: 5\n",
        encoding="utf-8",
    )
    assert due_review(good, date(2026, 11, 23)) == Review("croydon", date(2026, 10, 1))
    bad = tmp_path / "leeds.yaml"
    bad.write_text(
        "id: leeds\nreview:\n  cadence: quarterly\n  month: 4\n  trajectory_years: 5\n",
        encoding="utf-8",
    )
    with pytest.raises(PlaceError) as raised:
        due_review(bad, date(2026, 11, 23))
    assert raised.value.problems == [
        f"{bad} line 3, field 'review.cadence': 'quarterly' is not one of 6-monthly, annual"
    ]
