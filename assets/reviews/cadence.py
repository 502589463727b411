"""When a place's reviews fall: 6-monthly or annual, anchored to the month reviews fall in.

A review falls on the first day of its month and shows the data available by then. Its key is
"<place_id>|YYYY-MM" (the Dagster partition key) and its id "<place_id>-YYYY-MM".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from assets.places.loader import load_review_cycle

CADENCE_MONTHS = {"6-monthly": 6, "annual": 12}
PARTITION_SEPARATOR = "|"


@dataclass(frozen=True, order=True)
class Review:
    place_id: str
    review_date: date

    @property
    def partition_key(self) -> str:
        return f"{self.place_id}{PARTITION_SEPARATOR}{self.review_date:%Y-%m}"

    @property
    def review_id(self) -> str:
        return f"{self.place_id}-{self.review_date:%Y-%m}"

    @property
    def label(self) -> str:
        return f"{self.review_date:%B %Y} review"

    @classmethod
    def from_partition_key(cls, key: str) -> Review:
        place_id, separator, month = key.partition(PARTITION_SEPARATOR)
        year, _, month_number = month.partition("-")
        if not separator or not (year.isdigit() and month_number.isdigit()):
            raise ValueError(f"{key!r} is not a review partition key like 'croydon|2026-10'")
        return cls(place_id, date(int(year), int(month_number), 1))


def review_months(cadence: str, anchor_month: int) -> list[int]:
    """The calendar months a place's reviews fall in, e.g. 6-monthly from April → [4, 10]."""
    if cadence not in CADENCE_MONTHS:
        raise ValueError(f"cadence {cadence!r} is not one of {', '.join(CADENCE_MONTHS)}")
    if not 1 <= anchor_month <= 12:
        raise ValueError(f"review month {anchor_month} is not 1–12")
    step = CADENCE_MONTHS[cadence]
    return sorted((anchor_month - 1 + offset) % 12 + 1 for offset in range(0, 12, step))


def reviews_between(
    place_id: str, cadence: str, anchor_month: int, first: date, last: date
) -> list[Review]:
    """Every review of a place falling from `first` to `last` inclusive, oldest first."""
    months = review_months(cadence, anchor_month)
    return [
        Review(place_id, date(year, month, 1))
        for year in range(first.year, last.year + 1)
        for month in months
        if first <= date(year, month, 1) <= last
    ]


def latest_due_review(place_id: str, cadence: str, anchor_month: int, today: date) -> Review:
    """The most recent review of a place that has fallen due by `today`."""
    year_ago = date(today.year - 1, today.month, 1)
    return reviews_between(place_id, cadence, anchor_month, year_ago, today)[-1]


def due_review(place_file: Path, today: date) -> Review:
    """A place's latest review due by `today`, from the review cycle of its file."""
    cycle = load_review_cycle(place_file)
    return latest_due_review(place_file.stem, cycle.cadence, cycle.month, today)
