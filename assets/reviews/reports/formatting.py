"""How a review's numbers and verdicts read on the page: units, signs, words and their styles.

Each verdict is shown as a word with a symbol and a colour, so that colour is never the only cue
(WCAG 1.4.1); the colours are GOV.UK's tag colours, which keep 4.5:1 contrast for text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime

# A true minus sign: a hyphen reads as a dash and is easy to miss in a table of numbers.
MINUS = "\u2212"
# Units whose values are whole numbers of things rather than rates or proportions.
_COUNT_UNITS = {"count", "number", "people", "persons"}


@dataclass(frozen=True)
class Verdict:
    """A verdict as shown: the word, a symbol read out as nothing (the word says it), a CSS tone."""

    word: str
    symbol: str
    tone: str
    # For the overview's narrow columns, where the legend beside it spells the symbols out.
    short: str | None = None

    @property
    def brief(self) -> str:
        return self.short or self.word


DIRECTIONS = {
    "improving": Verdict("Improving", "\u2714", "good"),
    "worsening": Verdict("Worsening", "\u2716", "bad"),
    "no significant change": Verdict("No significant change", "=", "similar", "No sig. change"),
    "cannot be calculated": Verdict("Cannot be calculated", "?", "none", "Not calculable"),
    "not applicable": Verdict("Not applicable", "\u2013", "neutral"),
}

COMPARISONS = {
    "Better": Verdict("Better", "\u2714", "good"),
    "Worse": Verdict("Worse", "\u2716", "bad"),
    "Similar": Verdict("Similar", "=", "similar"),
    "Higher": Verdict("Higher", "\u25b2", "neutral"),
    "Lower": Verdict("Lower", "\u25bc", "neutral"),
    "Not compared": Verdict("Not compared", "\u2013", "none"),
}

POLARITIES = {
    "higher_is_better": "Higher is better",
    "lower_is_better": "Lower is better",
    "no_judgement": "No judgement of better or worse",
}

SOURCES = {"fingertips": "Fingertips (OHID)", "extract": "Data extract", "local": "Local data"}


def _is_count(unit: str | None) -> bool:
    return (unit or "").strip().lower() in _COUNT_UNITS


def is_missing(value: float | None) -> bool:
    """Null or NaN: both mean there is no number to show."""
    return value is None or math.isnan(value)


def format_number(value: float | None, unit: str | None = None, *, signed: bool = False) -> str:
    """The bare number: 1 decimal place (whole numbers for counts), thousands separated."""
    if is_missing(value):
        return "\u2013"
    places = 0 if _is_count(unit) else 1
    text = f"{abs(value):,.{places}f}"
    if float(text.replace(",", "")) == 0:
        return text
    if value < 0:
        return MINUS + text
    return "+" + text if signed else text


def difference_unit(unit: str | None) -> str:
    """The unit of a difference: a change in a percentage is in percentage points, not %."""
    if not unit or _is_count(unit):
        return ""
    return "percentage points" if unit == "%" else unit


def _joined(number: str, unit: str) -> str:
    return f"{number} {unit}" if unit else number


def format_value(value: float | None, unit: str | None) -> str:
    """A value with its unit: "60.5%", "412.3 per 100,000", "1,204"; "–" when missing."""
    number = format_number(value, unit)
    if is_missing(value) or not unit or _is_count(unit):
        return number
    return f"{number}%" if unit == "%" else _joined(number, unit)


def describe_milestones(milestones: list[tuple[str, float]], unit: str | None) -> str:
    """A trajectory's (period, value) milestones: "62.0% by 2024/25, 60.0% by 2025/26"."""
    return ", ".join(f"{format_value(value, unit)} by {by}" for by, value in milestones)


def format_change(change: float | None, unit: str | None) -> str:
    """A signed difference: "−0.6 percentage points", "+12.0 per 100,000"."""
    number = format_number(change, unit, signed=True)
    return number if is_missing(change) else _joined(number, difference_unit(unit))


def format_interval(lower: float | None, upper: float | None, unit: str | None) -> str | None:
    """ "95% CI 57.9 to 63.1", or None without both limits."""
    if is_missing(lower) or is_missing(upper):
        return None
    return f"95% CI {format_number(lower, unit)} to {format_number(upper, unit)}"


def format_date(moment: date) -> str:
    """ "14 October 2026", with no leading zero on the day."""
    return f"{moment.day} {moment:%B %Y}"


def review_status(published_at: datetime | None) -> str:
    """ "Published 14 October 2026", or "Draft: not yet published"."""
    return (
        "Draft: not yet published"
        if published_at is None
        else f"Published {format_date(published_at)}"
    )


def describe_gap_change(
    gap: float | None,
    previous: float | None,
    unit: str | None,
    since: str = "the previous review",
) -> str | None:
    """Whether the Core20 gap narrowed or widened since `since`, by how much."""
    if is_missing(gap) or is_missing(previous):
        return None
    change = abs(gap) - abs(previous)
    if format_number(change, unit) == format_number(0.0, unit):
        return f"unchanged since {since}"
    verb = "narrowed" if change < 0 else "widened"
    amount = _joined(format_number(abs(change), unit), difference_unit(unit))
    return f"{verb} by {amount} since {since}"


def flag_label(flag: str) -> str:
    """ "series break" → "Series break"."""
    return flag[:1].upper() + flag[1:]
