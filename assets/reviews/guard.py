"""What may be published as a place's review, and what needs the publisher to say so.

A review is frozen once published and becomes the "previous review" the next one is compared
with, so a mistaken one misleads every review after it. A month in the future, or one before the
place's first review still standing, is refused outright: its data would be today's under an
earlier or later date. A month outside the place's review cycle, or a review showing nothing newer
than the previous one, is published only when the publisher says so (`PublicationFlags`); the
publication records which, and the report says it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from assets.reviews.cadence import Review, review_months

# How each flag is given on the command line and in a Dagster run's config, for the refusal.
OFF_CADENCE_FLAG = "--off-cadence (config off_cadence: true)"
NO_NEW_DATA_FLAG = "--no-new-data (config no_new_data: true)"
CADENCE_WORDS = {"annual": "once a year", "6-monthly": "every six months"}


class PublicationRefused(ValueError):
    """A review that must not be published, or not without an explicit flag; says why."""


@dataclass(frozen=True)
class PublicationFlags:
    """What the publisher has explicitly allowed."""

    off_cadence: bool = False
    no_new_data: bool = False


def _month(day: date) -> str:
    return f"{day:%B %Y}"


def check_review_date(
    review: Review, cadence: str, anchor_month: int, first_review: date | None, today: date
) -> bool:
    """Refuse a review month that makes no sense; True when it is off the place's cycle."""
    place = review.place_id
    if review.review_date > today.replace(day=1):
        raise PublicationRefused(
            f"{place}'s {review.label} is in the future (today is {today:%d %B %Y}): a review "
            f"shows the data available on the first day of its month, so it can be published "
            f"from 1 {_month(review.review_date)}"
        )
    if first_review is not None and review.review_date < first_review:
        raise PublicationRefused(
            f"{place}'s {review.label} would come before its first published review "
            f"({_month(first_review)}): published now it would show today's data under an earlier "
            f"date. Publish reviews from {_month(first_review)} on"
        )
    months = review_months(cadence, anchor_month)
    return review.review_date.month not in months


def off_cadence_refusal(review: Review, cadence: str, anchor_month: int) -> PublicationRefused:
    months = " and ".join(
        date(2000, month, 1).strftime("%B") for month in review_months(cadence, anchor_month)
    )
    return PublicationRefused(
        f"{review.place_id} reviews {CADENCE_WORDS.get(cadence, cadence)}, in {months}; "
        f"{_month(review.review_date)} is not a review month, and a review published for it "
        f"would become the previous review of the next one. To publish it anyway, add "
        f"{OFF_CADENCE_FLAG}"
    )


def has_new_data(measures: pl.DataFrame, previous_periods: dict[str, str | None]) -> bool:
    """Whether any series' latest period differs from the one the previous review showed."""
    return any(
        period is not None and previous_periods.get(series_id) != period
        for series_id, period in zip(measures["measure_id"], measures["latest_period"], strict=True)
    )


def no_new_data_refusal(review: Review, previous_label: str) -> PublicationRefused:
    return PublicationRefused(
        f"{review.place_id}'s {review.label} would have no new data since its {previous_label}: "
        f"every measure's latest period is the one that review showed. To publish it anyway, add "
        f"{NO_NEW_DATA_FLAG}"
    )
