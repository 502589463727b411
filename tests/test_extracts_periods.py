"""Period labels of declared extracts, read by the format each source declares."""

from __future__ import annotations

from datetime import date

import pytest

from assets.periods import Period, PeriodError, PeriodFormat, parse_period

FINANCIAL_2019 = Period("2019/20", date(2019, 4, 1), date(2020, 3, 31))


@pytest.mark.parametrize(
    "text", ["2019/20", "2019-20", "2019 - 20", "2019-2020", "201920", "1920", " 2019/20 "]
)
def test_financial_years_in_every_spelling_are_one_period(text):
    assert parse_period(text, PeriodFormat.FINANCIAL_YEAR) == FINANCIAL_2019


@pytest.mark.parametrize(
    ("text", "period_format", "expected"),
    [
        (
            "2019/20",
            PeriodFormat.ACADEMIC_YEAR,
            Period("2019/20", date(2019, 9, 1), date(2020, 8, 31)),
        ),
        (
            "1999/00",
            PeriodFormat.FINANCIAL_YEAR,
            Period("1999/00", date(1999, 4, 1), date(2000, 3, 31)),
        ),
        ("2024", PeriodFormat.CALENDAR_YEAR, Period("2024", date(2024, 1, 1), date(2024, 12, 31))),
        ("2024-02", PeriodFormat.MONTH, Period("2024-02", date(2024, 2, 1), date(2024, 2, 29))),
        ("2024-02-15", PeriodFormat.MONTH, Period("2024-02", date(2024, 2, 1), date(2024, 2, 29))),
        ("Mar 2024", PeriodFormat.MONTH, Period("2024-03", date(2024, 3, 1), date(2024, 3, 31))),
        (
            "September 2023",
            PeriodFormat.MONTH,
            Period("2023-09", date(2023, 9, 1), date(2023, 9, 30)),
        ),
        ("Mar-24", PeriodFormat.MONTH, Period("2024-03", date(2024, 3, 1), date(2024, 3, 31))),
        (
            "31/03/2024",
            PeriodFormat.DATE,
            Period("2024-03-31", date(2024, 3, 31), date(2024, 3, 31)),
        ),
        (
            "2024-03-31",
            PeriodFormat.DATE,
            Period("2024-03-31", date(2024, 3, 31), date(2024, 3, 31)),
        ),
        (
            "2015-11-16/P1Y",
            PeriodFormat.ISO_INTERVAL,
            Period("2015-11-16/P1Y", date(2015, 11, 16), date(2016, 11, 15)),
        ),
        (
            "2011-01-01/P3Y",
            PeriodFormat.ISO_INTERVAL,
            Period("2011-01-01/P3Y", date(2011, 1, 1), date(2013, 12, 31)),
        ),
        (
            "2024-01-31/P1M",
            PeriodFormat.ISO_INTERVAL,
            Period("2024-01-31/P1M", date(2024, 1, 31), date(2024, 2, 28)),
        ),
        (
            "2024-01-01/P7D",
            PeriodFormat.ISO_INTERVAL,
            Period("2024-01-01/P7D", date(2024, 1, 1), date(2024, 1, 7)),
        ),
    ],
)
def test_each_format(text, period_format, expected):
    assert parse_period(text, period_format) == expected


@pytest.mark.parametrize(
    ("text", "period_format", "message"),
    [
        (
            "2019/21",
            PeriodFormat.FINANCIAL_YEAR,
            "'2019/21' is not a financial year such as 2019/20",
        ),
        ("2019", PeriodFormat.FINANCIAL_YEAR, "'2019' is not a financial year"),
        ("2019/20", PeriodFormat.CALENDAR_YEAR, "'2019/20' is not a calendar year such as 2019"),
        ("2023-02-30", PeriodFormat.DATE, "'2023-02-30' is not a date such as 2024-03-31"),
        ("Smarch 2024", PeriodFormat.MONTH, "'Smarch 2024' is not a month"),
        ("2024-13", PeriodFormat.MONTH, "'2024-13' is not a month"),
        (
            "2015-11-16/P0Y",
            PeriodFormat.ISO_INTERVAL,
            "'2015-11-16/P0Y' is not an ISO 8601 interval",
        ),
        ("", PeriodFormat.DATE, "'' is not a date"),
    ],
)
def test_a_label_not_in_the_declared_format_says_what_was_expected(text, period_format, message):
    with pytest.raises(PeriodError) as raised:
        parse_period(text, period_format)
    assert str(raised.value).startswith(message)
