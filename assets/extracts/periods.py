"""Period labels of declared extracts, parsed by the format the declaration names.

The same text means different periods in different sources ("2019/20" is April–March in a
financial-year file and September–August in an academic-year one), so a source declares its
`period_format` and every label is read that way. Labels are normalised ("2019-20", "201920" and
"2019/20" are one financial year, labelled "2019/20") so a resent file with another spelling still
supersedes the periods it covers.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class PeriodFormat(StrEnum):
    FINANCIAL_YEAR = "financial_year"
    ACADEMIC_YEAR = "academic_year"
    CALENDAR_YEAR = "calendar_year"
    MONTH = "month"
    DATE = "date"
    ISO_INTERVAL = "iso_interval"


# What each format looks like, for error messages.
EXAMPLES = {
    PeriodFormat.FINANCIAL_YEAR: "a financial year such as 2019/20, 2019-20, 2019-2020 or 201920",
    PeriodFormat.ACADEMIC_YEAR: "an academic year such as 2019/20, 2019-20 or 2019-2020",
    PeriodFormat.CALENDAR_YEAR: "a calendar year such as 2019",
    PeriodFormat.MONTH: "a month such as 2024-03, 2024-03-01, Mar 2024, March 2024 or Mar-24",
    PeriodFormat.DATE: "a date such as 2024-03-31 or 31/03/2024",
    PeriodFormat.ISO_INTERVAL: "an ISO 8601 interval such as 2015-11-16/P1Y or 2011-01-01/P3Y",
}

_SPLIT_YEAR = re.compile(r"^(\d{4}) ?[-/] ?(\d{2}|\d{4})$")
_COMPACT_SPLIT_YEAR = re.compile(r"^(\d{4})(\d{2})$|^(\d{2})(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_NAMED_MONTH = re.compile(r"^([A-Za-z]+)[ -](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_INTERVAL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})/P(\d+)([YMD])$")
_MONTH_NUMBERS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_abbr[number], calendar.month_name[number])
}


@dataclass(frozen=True)
class Period:
    label: str
    start: date
    end: date


class PeriodError(ValueError):
    """A period label that does not read as the declared format."""


def parse_period(text: str, period_format: PeriodFormat) -> Period:
    """The period `text` stands for, read as `period_format`; PeriodError says what was expected."""
    cleaned = " ".join(text.split())
    parser = _PARSERS[PeriodFormat(period_format)]
    try:
        period = parser(cleaned)
    except ValueError:  # a real-looking label naming an impossible date, e.g. 2023-02-30
        period = None
    if period is None:
        raise PeriodError(f"{text!r} is not {EXAMPLES[PeriodFormat(period_format)]}")
    return period


def _split_year(text: str, start_month: int) -> Period | None:
    if match := _SPLIT_YEAR.match(text):
        first, second = int(match[1]), match[2]
    elif match := _COMPACT_SPLIT_YEAR.match(text):
        if match[1]:
            first, second = int(match[1]), match[2]
        else:
            # "1920" in a financial-year column is 2019/20, as NHS England file names write it.
            first, second = 2000 + int(match[3]), match[4]
    else:
        return None
    following = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if following < first:  # 1999/00
        following += 100
    if following != first + 1:
        return None
    return Period(
        label=f"{first}/{following % 100:02d}",
        start=date(first, start_month, 1),
        end=date(first + 1, start_month, 1) - timedelta(days=1),
    )


def _financial_year(text: str) -> Period | None:
    return _split_year(text, 4)


def _academic_year(text: str) -> Period | None:
    return _split_year(text, 9)


def _calendar_year(text: str) -> Period | None:
    if match := _YEAR.match(text):
        year = int(match[1])
        return Period(label=str(year), start=date(year, 1, 1), end=date(year, 12, 31))
    return None


def _month(text: str) -> Period | None:
    if match := _ISO_MONTH.match(text):
        year, month = int(match[1]), int(match[2])
        if match[3] is not None:
            date(year, month, int(match[3]))  # a real date, whichever day it names
    elif (match := _NAMED_MONTH.match(text)) and match[1].lower() in _MONTH_NUMBERS:
        month = _MONTH_NUMBERS[match[1].lower()]
        year = int(match[2]) if len(match[2]) == 4 else 2000 + int(match[2])
    else:
        return None
    last_day = calendar.monthrange(year, month)[1]
    return Period(
        label=f"{year}-{month:02d}", start=date(year, month, 1), end=date(year, month, last_day)
    )


def _date(text: str) -> Period | None:
    if match := _ISO_DATE.match(text):
        day = date(int(match[1]), int(match[2]), int(match[3]))
    elif match := _UK_DATE.match(text):
        day = date(int(match[3]), int(match[2]), int(match[1]))
    else:
        return None
    return Period(label=day.isoformat(), start=day, end=day)


def _iso_interval(text: str) -> Period | None:
    match = _ISO_INTERVAL.match(text)
    if match is None:
        return None
    start = date(int(match[1]), int(match[2]), int(match[3]))
    count, unit = int(match[4]), match[5]
    if count == 0:
        return None
    if unit == "D":
        end = start + timedelta(days=count - 1)
    else:
        months = count * 12 if unit == "Y" else count
        index = start.year * 12 + start.month - 1 + months
        year, month = divmod(index, 12)
        following = date(year, month + 1, min(start.day, calendar.monthrange(year, month + 1)[1]))
        end = following - timedelta(days=1)
    return Period(label=f"{start.isoformat()}/P{count}{unit}", start=start, end=end)


_PARSERS = {
    PeriodFormat.FINANCIAL_YEAR: _financial_year,
    PeriodFormat.ACADEMIC_YEAR: _academic_year,
    PeriodFormat.CALENDAR_YEAR: _calendar_year,
    PeriodFormat.MONTH: _month,
    PeriodFormat.DATE: _date,
    PeriodFormat.ISO_INTERVAL: _iso_interval,
}
