"""Period labels to dates: the one reader of Fingertips' labels and of declared extracts' formats.

The same text means different periods in different places: "2019/20" runs April–March in a
financial year and September–August in an academic one. Fingertips says which by the indicator's
year type, so its labels ("2018/19", "2016 - 18", "2020/21 Q3", "Mar 2021") are read per (label,
year type) and an unreadable one is kept as "unparsed". A declared extract names its
`period_format`, every label is read that way and one that does not read raises PeriodError;
labels are normalised ("2019-20", "201920" and "2019/20" are one financial year, labelled
"2019/20") so a resent file with another spelling still supersedes the periods it covers. Both
grammars share the calendar arithmetic and the month a split year starts in.
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

# The month a "2019/20" year starts in, by declared format.
SPLIT_YEAR_START_MONTHS = {PeriodFormat.FINANCIAL_YEAR: 4, PeriodFormat.ACADEMIC_YEAR: 9}
# Fingertips' "August-July" year type, which no declared extract uses.
AUGUST_YEAR_START_MONTH = 8
# Fingertips' name for the years a split year of each start month covers.
_SPLIT_YEAR_KINDS = {4: "financial", 9: "academic", AUGUST_YEAR_START_MONTH: "august-july"}

_MONTH_NUMBERS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_abbr[number], calendar.month_name[number])
}


def _span(start_year: int, start_month: int, months: int) -> tuple[date, date]:
    """The first and last day of `months` whole months from the first of the start month."""
    end_index = start_year * 12 + start_month - 1 + months - 1
    end_year, end_month = end_index // 12, end_index % 12 + 1
    return date(start_year, start_month, 1), date(
        end_year, end_month, calendar.monthrange(end_year, end_month)[1]
    )


def _following_year(first: int, short: str) -> int:
    """The second year of "2018/19" or "2016 - 18": same century as the first, or the next."""
    if len(short) == 4:
        return int(short)
    year = first // 100 * 100 + int(short)
    return year if year >= first else year + 100


# Fingertips labels, as published.

_FT_YEAR = re.compile(r"^(\d{4})$")
_FT_YEARS = re.compile(r"^(\d{4}) ?- ?(\d{2}|\d{4})$")
_FT_SPLIT_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
_FT_SPLIT_YEARS = re.compile(r"^(\d{4})/(\d{2}) ?- ?(\d{2})/(\d{2})$")
_FT_SPLIT_YEAR_QUARTER = re.compile(r"^(\d{4})/(\d{2}) ?Q([1-4])$")
_FT_YEAR_QUARTER = re.compile(r"^(\d{4}) ?Q([1-4])$")
_FT_MONTH = re.compile(r"^([A-Z][a-z]{2}) (\d{4})$")


@dataclass(frozen=True)
class FingertipsPeriod:
    period_type: str
    period_start: date | None
    period_end: date | None


def split_year_start_month(year_type: str) -> int:
    """The month a "2018/19" year starts in, by the indicator's Fingertips year type: its
    declared format's where there is one (financial unless the type says otherwise)."""
    folded = year_type.lower()
    if "academic" in folded:
        return SPLIT_YEAR_START_MONTHS[PeriodFormat.ACADEMIC_YEAR]
    if "august" in folded:
        return AUGUST_YEAR_START_MONTH
    return SPLIT_YEAR_START_MONTHS[PeriodFormat.FINANCIAL_YEAR]


def parse_fingertips_period(label: str, year_type: str = "") -> FingertipsPeriod:
    """A Fingertips label's dates, reading split years by the indicator's year type."""
    text = label.strip()
    if match := _FT_YEAR.match(text):
        return FingertipsPeriod("calendar year", *_span(int(match[1]), 1, 12))
    if match := _FT_YEARS.match(text):
        first = int(match[1])
        last = _following_year(first, match[2])
        return FingertipsPeriod("calendar years", *_span(first, 1, 12 * (last - first + 1)))
    start_month = split_year_start_month(year_type)
    kind = _SPLIT_YEAR_KINDS[start_month]
    if match := _FT_SPLIT_YEAR.match(text):
        return FingertipsPeriod(f"{kind} year", *_span(int(match[1]), start_month, 12))
    if match := _FT_SPLIT_YEARS.match(text):
        first = int(match[1])
        last = _following_year(first, match[3])
        span = _span(first, start_month, 12 * (last - first + 1))
        return FingertipsPeriod(f"{kind} years", *span)
    if match := _FT_SPLIT_YEAR_QUARTER.match(text):
        months_in = start_month - 1 + 3 * (int(match[3]) - 1)
        span = _span(int(match[1]) + months_in // 12, months_in % 12 + 1, 3)
        return FingertipsPeriod(f"{kind} quarter", *span)
    if match := _FT_YEAR_QUARTER.match(text):
        return FingertipsPeriod("calendar quarter", *_span(int(match[1]), 3 * int(match[2]) - 2, 3))
    # Three letters, capitalised, as Fingertips writes months ("Mar 2021").
    if (match := _FT_MONTH.match(text)) and match[1].lower() in _MONTH_NUMBERS:
        return FingertipsPeriod("month", *_span(int(match[2]), _MONTH_NUMBERS[match[1].lower()], 1))
    return FingertipsPeriod("unparsed", None, None)


# Declared extracts' formats.

_SPLIT_YEAR = re.compile(r"^(\d{4}) ?[-/] ?(\d{2}|\d{4})$")
_COMPACT_SPLIT_YEAR = re.compile(r"^(\d{4})(\d{2})$|^(\d{2})(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_NAMED_MONTH = re.compile(r"^([A-Za-z]+)[ -](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_INTERVAL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})/P(\d+)([YMD])$")


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


def _split_year(text: str, period_format: PeriodFormat) -> Period | None:
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
    following = _following_year(first, second)
    if following != first + 1:
        return None
    start, end = _span(first, SPLIT_YEAR_START_MONTHS[period_format], 12)
    return Period(label=f"{first}/{following % 100:02d}", start=start, end=end)


def _financial_year(text: str) -> Period | None:
    return _split_year(text, PeriodFormat.FINANCIAL_YEAR)


def _academic_year(text: str) -> Period | None:
    return _split_year(text, PeriodFormat.ACADEMIC_YEAR)


def _calendar_year(text: str) -> Period | None:
    if match := _YEAR.match(text):
        year = int(match[1])
        return Period(str(year), *_span(year, 1, 12))
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
    return Period(f"{year}-{month:02d}", *_span(year, month, 1))


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
