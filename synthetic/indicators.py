"""The indicators of the synthetic demo snapshot: real metadata, and recipes for made-up values.

Every Fingertips indicator of the indicator catalogue (indicator_catalogue/indicators/*.yaml) has a
`DemoIndicator`: eight with metadata written by hand, the others with their name, unit, value type
and polarity from the catalogue and a `Recipe` (England's level, slope, spread, periods) written
here, or, for an indicator no recipe names, a plain one made from its unit and frequency, so an
indicator added to the catalogue is in the demo at once. Each indicator also carries every age and
sex a place's measure filters on (place files under the catalogue's places/).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from assets.catalogue.models import Catalogue, Frequency, Indicator, Polarity, ValueType
from assets.places.models import Place

HIGH_IS_GOOD = "RAG - High is good"
LOW_IS_GOOD = "RAG - Low is good"
NO_JUDGEMENT = "BOB - Blue orange blue"
POLARITIES = {
    Polarity.HIGHER_IS_BETTER: HIGH_IS_GOOD,
    Polarity.LOWER_IS_BETTER: LOW_IS_GOOD,
    Polarity.NO_JUDGEMENT: NO_JUDGEMENT,
}
# An age a place asks for beyond the indicator's own sits this many spreads above it.
OTHER_AGE_SHIFT = 0.25

# What each kind of synthetic value is drawn as, and so its interval method.
CI_METHODS = {
    "proportion": "Wilson Score method",
    "rate": "Byar's method",
    "value": "Other method - see below",
}


@dataclass(frozen=True)
class Period:
    label: str
    start_year: int
    years: int

    @property
    def sortable(self) -> str:
        return f"{self.start_year}0000"


# Period style → (Fingertips year type, years a period covers); labels as Fingertips writes them.
PERIOD_STYLES = {
    "calendar": ("Calendar", 1),  # 2023
    "financial": ("Financial", 1),  # 2023/24, April to March
    "academic": ("Academic", 1),  # 2023/24, September to August
    "august-july": ("August-July", 1),  # 2023/24, August to July
    "3-year": ("Calendar", 3),  # 2021 - 23
    "3-year financial": ("Financial", 3),  # 2022/23 - 24/25
    "5-year financial": ("Financial", 5),  # 2020/21 - 24/25
}


def _period_label(style: str, year: int) -> str:
    span = PERIOD_STYLES[style][1]
    last = year + span - 1
    if style == "calendar":
        return str(year)
    if style == "3-year":
        return f"{year} - {last % 100:02d}"
    split = f"{year}/{(year + 1) % 100:02d}"
    return split if span == 1 else f"{split} - {last % 100:02d}/{(last + 1) % 100:02d}"


def _years(last: int, count: int = 9, step: int = 1, skip: tuple[int, ...] = ()) -> list[int]:
    """The first years of `count` periods `step` years apart up to `last`, leaving out `skip`."""
    years: list[int] = []
    year = last
    while len(years) < count:
        if year not in skip:
            years.append(year)
        year -= step
    return sorted(years)


def _periods(style: str, years: list[int]) -> tuple[Period, ...]:
    span = PERIOD_STYLES[style][1]
    return tuple(Period(_period_label(style, year), year, span) for year in years)


@dataclass(frozen=True)
class DemoIndicator:
    """A real indicator's metadata, and the knobs that shape its synthetic values."""

    indicator_id: int
    name: str
    ref_num: str
    definition: str
    unit: str
    unit_value: int
    value_type: str
    year_type: str
    ci_method: str
    polarity: str
    ages: tuple[str, ...]  # the indicator's own age first, then any other a place asks for
    sexes: tuple[str, ...]
    periods: tuple[Period, ...]
    # "proportion" (Wilson), "rate" (Byar's) or "value" (no counts: normal interval)
    kind: str
    england: tuple[float, ...]  # England's value in the first period, one per sex
    slope: float  # change per period
    spread: float  # standard deviation of a County & UA's distance from England
    per_person: float = 0.0  # denominator per resident, for proportions and rates
    standard_error_at_100k: float = 0.0  # for values without counts
    decile_gap: tuple[float, ...] = ()  # least minus most deprived decile, one per sex


# Written by hand before the demo covered the places; kept as they were, their periods moved on
# to end in 2024.
HAND_WRITTEN = (
    DemoIndicator(
        20401,
        "Under 18s conception rate / 1,000",
        "C02a",
        "Conceptions in women aged under 18 per 1,000 females aged 15 to 17.",
        "per 1,000",
        1000,
        "Crude rate",
        "Calendar",
        "Byar's method",
        LOW_IS_GOOD,
        ("<18 yrs",),
        ("Female",),
        _periods("calendar", _years(2024)),
        "rate",
        (24.3,),
        -1.3,
        4.0,
        per_person=0.0165,
    ),
    DemoIndicator(
        41101,
        "Emergency readmissions within 30 days of discharge from hospital",
        "E11",
        "Indirectly standardised percentage of emergency admissions occurring within 30 days"
        " of the last discharge from hospital.",
        "%",
        100,
        "Indirectly standardised proportion",
        "Financial",
        "Byar's method",
        LOW_IS_GOOD,
        ("All ages",),
        ("Persons",),
        _periods("financial", _years(2024)),
        "rate",
        (14.0,),
        0.15,
        0.8,
        per_person=0.075,
    ),
    DemoIndicator(
        90280,
        "Social Isolation: percentage of adult social care users who have as much social"
        " contact as they would like (18+ yrs)",
        "B18a",
        "Percentage of adult social care users who answered that they have as much social"
        " contact as they want with people they like (Adult Social Care Survey).",
        "%",
        100,
        "Proportion",
        "Financial",
        "Wilson Score method",
        HIGH_IS_GOOD,
        ("18+ yrs",),
        ("Persons",),
        # The survey did not run in 2020/21: a gap the pipeline must not fill.
        _periods("financial", _years(2024, skip=(2020,))),
        "proportion",
        (44.8,),
        -0.3,
        4.0,
        per_person=0.00105,
    ),
    DemoIndicator(
        90362,
        "Healthy life expectancy at birth",
        "A01a",
        "Average number of years a person would expect to live in good health, from"
        " mortality rates and self-reported good health.",
        "Years",
        1,
        "Life expectancy",
        "Calendar",
        "Other method - see below",
        HIGH_IS_GOOD,
        ("All ages",),
        ("Male", "Female"),
        _periods("3-year", _years(2022)),
        "value",
        (63.2, 64.0),
        -0.12,
        2.5,
        standard_error_at_100k=2.6,
    ),
    DemoIndicator(
        90366,
        "Life expectancy at birth",
        "A01b",
        "Average number of years a person would expect to live from birth, at the"
        " mortality rates of the period.",
        "Years",
        1,
        "Life expectancy",
        "Calendar",
        "Other method - see below",
        HIGH_IS_GOOD,
        ("All ages",),
        ("Male", "Female"),
        _periods("3-year", _years(2022)),
        "value",
        (79.4, 83.1),
        -0.05,
        1.6,
        standard_error_at_100k=0.5,
        decile_gap=(5.0, 4.0),
    ),
    DemoIndicator(
        92901,
        "Inequality in life expectancy at birth",
        "A02a",
        "Slope index of inequality in life expectancy at birth across the deprivation"
        " deciles of the area's own LSOAs.",
        "Years",
        1,
        "Slope index of inequality",
        "Calendar",
        "Other method - see below",
        LOW_IS_GOOD,
        ("All ages",),
        ("Male", "Female"),
        _periods("3-year", _years(2022)),
        "value",
        (9.2, 7.2),
        0.1,
        1.5,
        standard_error_at_100k=1.0,
    ),
    DemoIndicator(
        92949,
        "Estimated dementia diagnosis rate (aged 65 and older)",
        "E15",
        "People aged 65 and over with a recorded diagnosis of dementia, as a percentage of"
        " the estimated number with dementia.",
        "%",
        100,
        "Proportion",
        "Calendar",
        "Wilson Score method",
        HIGH_IS_GOOD,
        ("65+ yrs",),
        ("Persons",),
        _periods("calendar", _years(2024)),
        "proportion",
        (67.5,),
        -0.3,
        5.0,
        per_person=0.0125,
    ),
    DemoIndicator(
        93701,
        "Children in absolute low income families (under 16s)",
        "B01b",
        "Percentage of children aged under 16 in families with income below 60% of the"
        " 2010/11 median before housing costs.",
        "%",
        100,
        "Proportion",
        "Financial",
        "Wilson Score method",
        LOW_IS_GOOD,
        ("<16 yrs",),
        ("Persons",),
        _periods("financial", _years(2024)),
        "proportion",
        (15.0,),
        0.25,
        3.0,
        per_person=0.19,
    ),
)


# Periods of a catalogue indicator (the hand-written ones have nine).
RECIPE_PERIODS = 8


@dataclass(frozen=True)
class Recipe:
    """How to draw a catalogue indicator's synthetic values; its metadata comes from the catalogue.

    `scale` is the denominator per resident for proportions and rates (the share of residents in
    the indicator's population, times the years pooled), or the standard error at a population of
    100,000 for values drawn without counts (life expectancy, slope indices, ratios).
    """

    age: str
    style: str  # a key of PERIOD_STYLES
    england: float | tuple[float, ...]  # England's value in the first period (one per sex)
    slope: float  # change per period: with polarity, whether it improves, worsens or stays flat
    spread: float
    scale: float
    sexes: tuple[str, ...] = ("Persons",)
    last: int = 2024  # the first year of the latest period
    step: int = 1  # years between periods
    skip: tuple[int, ...] = ()  # years with no period
    survey_years: tuple[int, ...] = ()  # every period's first year, for irregular surveys
    decile_gap: tuple[float, ...] = ()

    @property
    def years(self) -> list[int]:
        return list(self.survey_years) or _years(self.last, RECIPE_PERIODS, self.step, self.skip)


FEMALE = ("Female",)
MALE_FEMALE = ("Male", "Female")
# The dental surveys of 5 year olds run every two or three years.
DENTAL_SURVEYS = (2005, 2007, 2011, 2014, 2016, 2018, 2021, 2023)
# Every other Fingertips indicator the example places measure. Ages are Fingertips' labels; the
# England levels are about the real ones, the slopes make some series improve, some worsen and
# some stay flat. 2521 stops at 2022/23 (stale: the newer periods are missing) and 90584 at
# 2023/24, where the real 91-day reablement series ended.
RECIPES: dict[int, Recipe] = {
    2521: Recipe("All ages", "financial", 800, 6.0, 120, 1.0, last=2022),
    10301: Recipe("5-15 yrs", "academic", 4.6, 0.3, 0.6, 50.0),
    10401: Recipe("10-17 yrs", "calendar", 280, -14, 60, 0.095),
    11001: Recipe("All ages", "calendar", 42, 0.3, 10, 1.0),
    11201: Recipe("All ages", "3-year financial", 44, -1.2, 15, 3.0, last=2022),
    11202: Recipe("All ages", "financial", 20, 1.5, 6, 1.0),
    20101: Recipe("All ages", "calendar", 2.8, 0.02, 0.5, 0.011),
    20601: Recipe("4-5 yrs", "academic", 22.4, -0.1, 2.5, 0.012),
    20602: Recipe("10-11 yrs", "academic", 34.2, 0.3, 3, 0.012),
    21001: Recipe("All ages", "financial", 190, -6.0, 60, 1.0),
    22301: Recipe("16+ yrs", "financial", 4.6, 0.12, 1.5, 0.002),
    22303: Recipe("16+ yrs", "financial", 8.4, 0.08, 2.0, 0.002),
    22401: Recipe("65+ yrs", "financial", 2150, 0.0, 300, 0.19),
    22403: Recipe("80+ yrs", "financial", 5600, -110, 700, 0.05),
    30311: Recipe("5 yrs", "financial", 88.2, -0.8, 4, 0.012),
    30314: Recipe("65+ yrs", "financial", 71, 0.7, 3.5, 0.19),
    40401: Recipe("<75 yrs", "calendar", 72, 0.4, 15, 0.92),
    40501: Recipe("<75 yrs", "calendar", 132, -3.0, 15, 0.92),
    41001: Recipe("10+ yrs", "3-year", 9.8, 0.12, 2.5, 3.0, last=2022),
    41203: Recipe("12+ yrs", "financial", 3.2, -0.05, 1.2, 0.85),
    41401: Recipe("65+ yrs", "financial", 580, -20, 60, 0.19),
    41403: Recipe("80+ yrs", "financial", 1480, -12, 180, 0.05),
    90245: Recipe("18+ yrs", "calendar", 37, -0.4, 8, 0.0004),
    90285: Recipe("15-24 yrs", "financial", 135, -5.0, 30, 0.11),
    90360: Recipe("All ages", "august-july", 17, 0.0, 4, 12.0),
    90584: Recipe("65+ yrs", "financial", 82, 0.0, 5, 0.0006, last=2023),
    # No school readiness data for 2019/20 and 2020/21 (COVID-19): a gap, like 90280's.
    90631: Recipe("5 yrs", "academic", 67, 0.45, 3.5, 0.012, skip=(2019, 2020)),
    90638: Recipe("18+ yrs", "financial", 36, -1.0, 5, 0.0012, last=2023, step=2),
    90791: Recipe("15+ yrs", "3-year", 42, 0.3, 8, 0.0001, last=2022),
    91102: Recipe("65", "3-year", (18.8, 21.2), -0.02, 0.9, 0.35, MALE_FEMALE, last=2022),
    91112: Recipe("40-74 yrs", "5-year financial", 45, -0.9, 10, 0.4, last=2020),
    91720: Recipe("60-74 yrs", "calendar", 58, 1.8, 5, 0.13),
    92196: Recipe("<1 yr", "3-year", 3.9, 0.03, 0.8, 0.033, last=2022),
    92254: Recipe("15-44 yrs", "calendar", 46, -0.9, 10, 0.19, FEMALE),
    92313: Recipe("16-64 yrs", "financial", 73, 0.25, 3.5, 0.005),
    92443: Recipe("18+ yrs", "calendar", 16.5, -0.65, 3, 0.0015, decile_gap=(-14.0,)),
    92517: Recipe("All ages", "financial", 46, 1.2, 10, 0.011),
    93014: Recipe("19+ yrs", "financial", 65.5, 0.3, 4, 0.0015),
    93015: Recipe("19+ yrs", "financial", 22.8, -0.2, 3.5, 0.0015),
    93085: Recipe("All ages", "financial", 10.8, -0.8, 3, 0.011, FEMALE),
    93088: Recipe("18+ yrs", "financial", 62, 0.3, 4, 0.0015),
    93203: Recipe("16-17 yrs", "calendar", 5.6, 0.0, 1.5, 0.024),
    93474: Recipe("All ages", "calendar", 46.5, -0.7, 3, 0.009),
    93560: Recipe("25-49 yrs", "calendar", 71.5, -0.6, 5, 0.17, FEMALE),
    93563: Recipe("5 yrs", "academic", 27.9, -0.6, 6, 0.0015, survey_years=DENTAL_SURVEYS),
    93570: Recipe("5-16 yrs", "academic", 44, 0.6, 5, 0.0015),
    93721: Recipe("<75 yrs", "calendar", 142, -3.0, 30, 0.92, decile_gap=(-150.0,)),
    93736: Recipe("All ages", "financial", 11.5, 0.25, 3, 0.42),
    93759: Recipe("All ages", "calendar", 13.2, 0.0, 2.5, 0.42),
    93861: Recipe("30+ yrs", "calendar", 5.6, -0.12, 0.8, 0.009),
    94063: Recipe("53-70 yrs", "calendar", 75, -0.5, 5, 0.11, FEMALE),
}
# An indicator no recipe names: England's level by unit (a plausible size, nothing more), flat.
PLAIN_LEVELS = {"%": 50.0, "per 1,000": 10.0, "per 10,000": 60.0, "per 100,000": 400.0}
PLAIN_VALUE_LEVEL = 30.0  # years, scores, ratios
# A pooled frequency's period style and the first year of its latest period (ending in 2024);
# every other frequency is drawn as financial years to 2024/25.
PLAIN_STYLES = {
    Frequency.THREE_YEAR_POOLED: ("3-year", 2022),
    Frequency.FIVE_YEAR_POOLED: ("5-year financial", 2020),
}


@dataclass(frozen=True)
class PlaceMeasure:
    """A Fingertips-backed measure of a place: the indicator, and its sex and age."""

    place_id: str
    fingertips_id: int
    sex: str | None
    age: str | None


def place_measures(catalogue: Catalogue, places: Iterable[Place]) -> list[PlaceMeasure]:
    """The Fingertips-backed measures of the places, with the sex and age each filters on."""
    measures = []
    for place in places:
        for placed in place.measures():
            measure = placed.measure
            entry = catalogue.by_id(measure.indicator) if measure.indicator else None
            if entry is not None and entry.fingertips_id is not None:
                sex = str(measure.sex) if measure.sex else None
                measures.append(PlaceMeasure(place.id, entry.fingertips_id, sex, measure.age))
    return measures


def _unit(catalogue_unit: str) -> tuple[str, int]:
    """Fingertips' unit label and multiplier from the catalogue's longer unit text."""
    if catalogue_unit.startswith("%"):
        return "%", 100
    match = re.match(r"per ([\d,]+)", catalogue_unit)
    if match is None:
        # Years, scores ("score out of 12"): a value with no multiplier.
        return ("Years" if catalogue_unit.lower() == "years" else "Score"), 1
    return f"per {match[1]}", int(match[1].replace(",", ""))


def _kind(value_type: ValueType) -> str:
    if value_type in (ValueType.PROPORTION, ValueType.INDIRECTLY_STANDARDISED_PROPORTION):
        return "proportion"
    if value_type in (
        ValueType.CRUDE_RATE,
        ValueType.DIRECTLY_STANDARDISED_RATE,
        ValueType.INDIRECTLY_STANDARDISED_RATE,
    ):
        return "rate"
    return "value"


def plain_recipe(entry: Indicator) -> Recipe:
    """A flat series at a plausible level for the indicator's unit."""
    style, last = PLAIN_STYLES.get(entry.frequency, ("financial", 2024))
    if _kind(entry.value_type) == "value":
        return Recipe(
            "All ages", style, PLAIN_VALUE_LEVEL, 0.0, PLAIN_VALUE_LEVEL / 10, 1.0, last=last
        )
    level = PLAIN_LEVELS.get(_unit(entry.unit)[0], PLAIN_LEVELS["%"])
    # Denominators per resident: a rate's whole population, a proportion's a tenth of it.
    per_person = 1.0 if _kind(entry.value_type) == "rate" else 0.1
    return Recipe("All ages", style, level, 0.0, level / 6, per_person, last=last)


def _from_catalogue(fingertips_id: int, entry: Indicator, recipe: Recipe) -> DemoIndicator:
    unit, unit_value = _unit(entry.unit)
    kind = _kind(entry.value_type)
    england = recipe.england if isinstance(recipe.england, tuple) else (recipe.england,)
    return DemoIndicator(
        fingertips_id,
        entry.name,
        entry.framework_code or "",
        f"{entry.name} ({entry.unit}).",
        unit,
        unit_value,
        entry.value_type.value.capitalize(),
        PERIOD_STYLES[recipe.style][0],
        CI_METHODS[kind],
        POLARITIES[entry.polarity],
        (recipe.age,),
        recipe.sexes,
        _periods(recipe.style, recipe.years),
        kind,
        england,
        recipe.slope,
        recipe.spread,
        per_person=recipe.scale if kind != "value" else 0.0,
        standard_error_at_100k=recipe.scale if kind == "value" else 0.0,
        decile_gap=recipe.decile_gap,
    )


def _with_place_breakdowns(indicator: DemoIndicator, measures: list[PlaceMeasure]) -> DemoIndicator:
    """The indicator with every age and sex a place's measure filters on."""
    wanted = [m for m in measures if m.fingertips_id == indicator.indicator_id]
    ages = indicator.ages + tuple(
        sorted({m.age for m in wanted if m.age and m.age not in indicator.ages})
    )
    sexes = indicator.sexes + tuple(
        sorted({m.sex for m in wanted if m.sex and m.sex not in indicator.sexes})
    )
    return replace(indicator, ages=ages, sexes=sexes)


def demo_indicators(catalogue: Catalogue, places: Iterable[Place]) -> dict[int, DemoIndicator]:
    """Every Fingertips indicator of the catalogue (live or not), by Fingertips id, with every age
    and sex the places' measures filter on."""
    hand_written = {indicator.indicator_id: indicator for indicator in HAND_WRITTEN}
    measures = place_measures(catalogue, places)
    indicators = {}
    for fingertips_id in catalogue.fingertips_indicator_ids(include_discontinued=True):
        entry = catalogue.by_fingertips_id(fingertips_id)
        indicator = hand_written.get(fingertips_id) or _from_catalogue(
            fingertips_id, entry, RECIPES.get(fingertips_id) or plain_recipe(entry)
        )
        indicators[fingertips_id] = _with_place_breakdowns(indicator, measures)
    return indicators
