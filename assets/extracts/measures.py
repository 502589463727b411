"""Which indicator each row of a declared source feeds: one fixed indicator, an explicit map from
the file's measure codes, or the catalogue's framework codes (current or former, by period)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from assets.catalogue import Catalogue, Indicator
from assets.extracts.declarations import MeasureTarget, SourceDeclaration, ValueRange
from assets.periods import Period, PeriodError, parse_period


@dataclass(frozen=True)
class Target:
    """An indicator a row feeds, with the sex, age, breakdown and value range its code implies."""

    indicator: str
    sex: str | None = None
    age: str | None = None
    breakdown: str | None = None
    value_min: float | None = None
    value_max: float | None = None


class MeasureError(ValueError):
    """A measure text the declaration does not map to an indicator."""


class NeedsPeriod(MeasureError):
    """A framework code cannot be matched without the row's period (which could not be read)."""


def normalised_code(code: str) -> str:
    """'2A(1)', '2a1' and ' 2A (1)' are one framework code: case, spaces and brackets ignored."""
    return re.sub(r"[\s()]", "", code).upper()


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _target(mapped: str | MeasureTarget, default_range: ValueRange | None) -> Target:
    if isinstance(mapped, str):
        mapped = MeasureTarget(indicator=mapped)
    value_range = mapped.value_range or default_range
    return Target(
        indicator=mapped.indicator,
        sex=mapped.sex,
        age=mapped.age,
        breakdown=mapped.breakdown,
        value_min=value_range.min if value_range else None,
        value_max=value_range.max if value_range else None,
    )


@dataclass(frozen=True)
class MeasureResolver:
    fixed: Target | None = None
    by_text: dict[str, Target] = field(default_factory=dict)
    current_codes: dict[str, Target] = field(default_factory=dict)
    former_codes: dict[str, Target] = field(default_factory=dict)
    # Periods starting on or before this date use former codes.
    former_until: date | None = None
    framework: str | None = None

    def resolve(self, measure: str | None, period: Period | None) -> Target:
        if self.fixed is not None:
            return self.fixed
        if measure is None or not measure.strip():
            raise MeasureError("the measure is empty")
        if self.by_text:
            try:
                return self.by_text[_folded(measure)]
            except KeyError:
                raise MeasureError(
                    f"{measure!r} is not a measure this source declares (measures.map)"
                ) from None
        if period is None:
            raise NeedsPeriod(f"{measure!r} cannot be matched without a readable period")
        former = self.former_until is not None and period.start <= self.former_until
        codes = self.former_codes if former else self.current_codes
        try:
            return codes[normalised_code(measure)]
        except KeyError:
            edition = "former" if former else "current"
            raise MeasureError(
                f"{measure!r} is not a {edition} {self.framework} code in the catalogue "
                f"(period {period.label})"
            ) from None


def build_resolver(
    declaration: SourceDeclaration, catalogue: Catalogue
) -> tuple[MeasureResolver, list[tuple[tuple[str | int, ...], str]]]:
    """The source's resolver, and problems as (location in the YAML, message)."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    default_range = declaration.value_range
    measures = declaration.measures
    if measures is None:
        # One fixed indicator (the loader has checked that exactly one of the two is given).
        return MeasureResolver(
            fixed=_target(str(declaration.fixed.indicator), default_range)
        ), problems
    match = measures.match_framework
    if match is None:  # then an explicit map: the model requires one or the other
        by_text: dict[str, Target] = {}
        for text, mapped in measures.map.items():
            if _folded(text) in by_text:
                problems.append(
                    (("measures", "map", text), f"{text!r} is mapped twice (ignoring case)")
                )
            by_text[_folded(text)] = _target(mapped, default_range)
        return MeasureResolver(by_text=by_text), problems

    entries = [item for item in catalogue.indicators if item.framework is match.framework]
    former_until = None
    if match.former_codes_until is not None:
        try:
            former_until = parse_period(match.former_codes_until, declaration.period_format).start
        except PeriodError as error:
            problems.append((("measures", "match_framework", "former_codes_until"), str(error)))

    def code_table(codes_of: list[tuple[Indicator, list[str]]], edition: str) -> dict[str, Target]:
        table: dict[str, Target] = {}
        owners: dict[str, str] = {}
        for indicator, codes in codes_of:
            for code in codes:
                key = normalised_code(code)
                if key in owners and owners[key] != indicator.id:
                    problems.append(
                        (
                            ("measures", "match_framework"),
                            (
                                f"{edition} {match.framework} code {code!r} belongs to two "
                                f"catalogue entries ({owners[key]!r} and {indicator.id!r}): "
                                "use measures.map"
                            ),
                        )
                    )
                owners[key] = indicator.id
                table[key] = _target(indicator.id, default_range)
        return table

    current = code_table(
        [
            (item, [item.framework_code])
            for item in entries
            if item.framework_code and (item.is_live or former_until is None)
        ],
        "current",
    )
    former = (
        code_table(
            [
                # Measures that ended before a renumbering keep their old code as framework_code.
                (
                    item,
                    item.former_codes
                    + ([item.framework_code] if item.framework_code and not item.is_live else []),
                )
                for item in entries
            ],
            "former",
        )
        if former_until is not None
        else {}
    )
    return (
        MeasureResolver(
            current_codes=current,
            former_codes=former,
            former_until=former_until,
            framework=match.framework.value,
        ),
        problems,
    )


def declared_indicators(declaration: SourceDeclaration) -> list[tuple[tuple[str | int, ...], str]]:
    """Every indicator id the declaration names, with where it names it."""
    named: list[tuple[tuple[str | int, ...], str]] = []
    if declaration.fixed.indicator is not None:
        named.append((("fixed", "indicator"), declaration.fixed.indicator))
    if declaration.measures is not None:
        for text, mapped in declaration.measures.map.items():
            indicator = mapped if isinstance(mapped, str) else mapped.indicator
            named.append((("measures", "map", text), indicator))
    return named
