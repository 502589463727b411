"""Whether a measure's latest value is as recent as its publication frequency promises.

A value is fresh when its period ended no more than the allowed lag before the review: a year's
period plus the usual publication lag of national statistics (about 18 months for annual and
pooled data, a quarter for quarterly and monthly data). Beyond that, something is late: a
discontinued series, a missed release, or a pull that stopped.
"""

from __future__ import annotations

from datetime import date

# Months from a period's end to the review beyond which the value is stale, by frequency.
ALLOWED_MONTHS = {
    "annual": 30,
    "biennial": 42,
    "3-year pooled": 30,
    "5-year pooled": 30,
    "quarterly": 9,
    "monthly": 6,
    "periodic": 60,
}
DEFAULT_ALLOWED_MONTHS = 30


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def freshness(
    period_end: date | None, review_date: date, frequency: str | None
) -> tuple[bool, str]:
    """(is_fresh, a sentence saying why) for one measure at one review."""
    if period_end is None:
        return False, "no value yet"
    allowed = ALLOWED_MONTHS.get(frequency or "", DEFAULT_ALLOWED_MONTHS)
    age = months_between(period_end, review_date)
    if age <= allowed:
        return True, f"latest period ended {age} months before the review"
    return False, (
        f"latest period ended {age} months before the review; a {frequency or 'regular'} "
        f"indicator should be no more than {allowed} months old"
    )
