"""Fingertips time-period labels ("2018/19", "2016 - 18", "2020/21 Q3", "Mar 2021") to dates.

A label alone does not say whether "2018/19" runs April–March (financial) or September–August
(academic): the indicator's year type decides, so periods are parsed per (label, year type).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_YEAR = re.compile(r"^(\d{4})$")
_YEARS = re.compile(r"^(\d{4}) ?- ?(\d{2}|\d{4})$")
_SPLIT_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
_SPLIT_YEARS = re.compile(r"^(\d{4})/(\d{2}) ?- ?(\d{2})/(\d{2})$")
_SPLIT_YEAR_QUARTER = re.compile(r"^(\d{4})/(\d{2}) ?Q([1-4])$")
_YEAR_QUARTER = re.compile(r"^(\d{4}) ?Q([1-4])$")
_MONTH = re.compile(r"^([A-Z][a-z]{2}) (\d{4})$")
_MONTHS = {name: number for number, name in enumerate(calendar.month_abbr) if name}


@dataclass(frozen=True)
class Period:
    period_type: str
    period_start: date | None
    period_end: date | None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _span(start_year: int, start_month: int, months: int) -> tuple[date, date]:
    end_index = start_year * 12 + start_month - 1 + months - 1
    return date(start_year, start_month, 1), _month_end(end_index // 12, end_index % 12 + 1)


def _full_year(first: int, short: str) -> int:
    """The second year of "2018/19" or "2016 - 18": same century as the first, or the next."""
    if len(short) == 4:
        return int(short)
    year = first // 100 * 100 + int(short)
    return year if year >= first else year + 100


def split_year_start_month(year_type: str) -> int:
    """The month a "2018/19" year starts in, by the indicator's Fingertips year type."""
    folded = year_type.lower()
    if "academic" in folded:
        return 9
    if "august" in folded:
        return 8
    return 4


def parse_period(label: str, year_type: str = "") -> Period:
    text = label.strip()
    if match := _YEAR.match(text):
        start, end = _span(int(match[1]), 1, 12)
        return Period("calendar year", start, end)
    if match := _YEARS.match(text):
        first = int(match[1])
        last = _full_year(first, match[2])
        start, end = _span(first, 1, 12 * (last - first + 1))
        return Period("calendar years", start, end)
    start_month = split_year_start_month(year_type)
    kind = {9: "academic", 8: "august-july"}.get(start_month, "financial")
    if match := _SPLIT_YEAR.match(text):
        start, end = _span(int(match[1]), start_month, 12)
        return Period(f"{kind} year", start, end)
    if match := _SPLIT_YEARS.match(text):
        first = int(match[1])
        last = _full_year(first, match[3])
        start, end = _span(first, start_month, 12 * (last - first + 1))
        return Period(f"{kind} years", start, end)
    if match := _SPLIT_YEAR_QUARTER.match(text):
        months_in = start_month - 1 + 3 * (int(match[3]) - 1)
        start, end = _span(int(match[1]) + months_in // 12, months_in % 12 + 1, 3)
        return Period(f"{kind} quarter", start, end)
    if match := _YEAR_QUARTER.match(text):
        start, end = _span(int(match[1]), 3 * int(match[2]) - 2, 3)
        return Period("calendar quarter", start, end)
    if (match := _MONTH.match(text)) and match[1] in _MONTHS:
        start, end = _span(int(match[2]), _MONTHS[match[1]], 1)
        return Period("month", start, end)
    return Period("unparsed", None, None)
