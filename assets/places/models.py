"""Pydantic models of a place: its areas, comparators, review cycle and shared outcomes framework.

One YAML file per place under indicator_catalogue/places/, named `<id>.yaml`:

    id: croydon                    # lowercase slug = the file name; the Dagster partition key
    name: Croydon
    areas:                         # one or more Counties & UAs, all in one boundary vintage
      - {code: E09000008, fingertips_area_type: 502}   # 102 pre-4/19, 202 4/19, 302 4/20,
                                                        # 402 4/21, 502 from 4/23
    icb: {code: E54000031, name: NHS South West London Integrated Care Board}
    region: {code: E12000007, name: London}
    comparators:
      england: true
      region: true
      nearest_neighbours: oflog    # Oflog's model, or a list of area codes; omit for none
    review:
      cadence: annual              # or 6-monthly (quarterly is too short to see change)
      month: 10                    # month the (first) review of the year falls in, 1-12
      trajectory_years: 5          # 3 to 5
    imd_version: imd2025           # the IMD its Core20 cut uses: imd2019 or imd2025
    core20:                        # optional
      deciles: [1, 2]              # national IMD deciles of its Core20 population
      plus_groups: [...]           # locally chosen PLUS groups
    shared_outcomes:
      - id: ...                    # outcome, priority and measure ids: unique in the place
        name: ...
        priorities:
          - id: ...
            name: ...
            measures:
              - id: PP1
                name: ...          # optional: the place's own wording
                indicator: phof-c16-adult-overweight-obese   # a catalogue id, or instead:
                # local: {name, unit, polarity, source, nearest_indicator (optional)}
                role: outcome      # or process
                sex: Persons       # optional Fingertips filters: Persons, Male, Female
                age: 18+ yrs       #   and the Fingertips age label
                core20: true       # optional: report its Core20 cut
                target: {value: 66.7, by: 2025/26, direction: increase}   # optional
                trajectory: [{by: 2025, value: 60.0}, ...]                  # optional
                notes: ...

Reference checks (catalogue ids, area codes, the file name) need the catalogue and geography:
`load_place` passes them to validation as pydantic's context (a `PlaceReferences`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    PrivateAttr,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from assets.catalogue.models import Catalogue, CatalogueId, Polarity, Text
from assets.geography import AreaType, Geography

# A slug that starts with a letter: it names the file and is the place's partition key.
PLACE_ID_PATTERN = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
PLACE_ID_RULE = (
    "use lowercase letters and digits, in words joined by single hyphens, starting with a letter"
)
# Ids of shared outcomes, priorities and measures: Croydon's own codes (PP1, L5) as well as slugs.
FRAMEWORK_ID_PATTERN = r"^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$"
AREA_CODE_PATTERN = r"^E\d{8}$"
ICB_CODE_PATTERN = r"^E54\d{6}$"
REGION_CODE_PATTERN = r"^E12\d{6}$"
# A calendar year (2025) or a financial year (2025/26), as Fingertips labels periods.
PERIOD_PATTERN = r"^\d{4}(?:/\d{2})?$"

PlaceId = Annotated[str, StringConstraints(pattern=PLACE_ID_PATTERN)]
FrameworkId = Annotated[str, StringConstraints(pattern=FRAMEWORK_ID_PATTERN)]
AreaCode = Annotated[str, StringConstraints(pattern=AREA_CODE_PATTERN)]


def _year_as_text(value: Any) -> Any:
    # YAML reads `by: 2027` as a number; periods are labels.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Period = Annotated[str, BeforeValidator(_year_as_text), StringConstraints(pattern=PERIOD_PATTERN)]


@dataclass(frozen=True)
class PlaceReferences:
    """What a place is checked against, given to validation as pydantic's context."""

    catalogue: Catalogue
    geography: Geography
    # The file's name without .yaml, which the place id must equal; None skips that check.
    file_stem: str | None = None


def _references(info: ValidationInfo) -> PlaceReferences:
    if not isinstance(info.context, PlaceReferences):
        raise TypeError(
            "a place is validated against the catalogue and geography: use "
            "assets.places.load_place, or pass a PlaceReferences as the context"
        )
    return info.context


def _in_catalogue(value: str, info: ValidationInfo) -> str:
    try:
        _references(info).catalogue.by_id(value)
    except KeyError:
        raise PydanticCustomError(
            "unknown_indicator", "'{value}' is not in the indicator catalogue", {"value": value}
        ) from None
    return value


IndicatorRef = Annotated[CatalogueId, AfterValidator(_in_catalogue)]


def _known_code(kind: str) -> AfterValidator:
    def check(value: str, info: ValidationInfo) -> str:
        if _references(info).geography.name(value) is None:
            raise PydanticCustomError(
                "unknown_code",
                "'{value}' is not a known {kind} code",
                {"value": value, "kind": kind},
            )
        return value

    return AfterValidator(check)


class _Strict(BaseModel):
    # extra="forbid" turns a misspelt key into an error instead of a silently ignored one.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Role(StrEnum):
    """Outcome measures move over years; process (or proxy) measures show change sooner."""

    OUTCOME = "outcome"
    PROCESS = "process"


class Cadence(StrEnum):
    """How often the place reviews its measures (quarterly is too short to see change)."""

    SIX_MONTHLY = "6-monthly"
    ANNUAL = "annual"


class ImdVersion(StrEnum):
    """IMD 2019 ranks LSOA 2011; the Indices of Deprivation 2025 rank LSOA 2021."""

    IMD2019 = "imd2019"
    IMD2025 = "imd2025"


class NeighbourSource(StrEnum):
    """Published nearest-neighbour models a place can name instead of listing codes."""

    OFLOG = "oflog"


class Direction(StrEnum):
    """Which way a target asks the value to move."""

    INCREASE = "increase"
    DECREASE = "decrease"
    MAINTAIN = "maintain"


class Sex(StrEnum):
    """Fingertips' sex labels."""

    PERSONS = "Persons"
    MALE = "Male"
    FEMALE = "Female"


class Area(_Strict):
    """One County & UA of the place, in the Fingertips area type of its boundary vintage."""

    # Declared before `code` so that the code's check can see it.
    fingertips_area_type: AreaType
    code: AreaCode

    @field_validator("code")
    @classmethod
    def _in_vintage(cls, code: str, info: ValidationInfo) -> str:
        geography = _references(info).geography
        if geography.name(code) is None:
            raise PydanticCustomError(
                "unknown_area", "'{code}' is not a known area code", {"code": code}
            )
        area_type = info.data.get("fingertips_area_type")
        if area_type is not None and code not in geography.codes_in_vintage(area_type):
            in_types = [t.value for t in AreaType if code in geography.codes_in_vintage(t)]
            raise PydanticCustomError(
                "not_in_vintage",
                "'{code}' ({name}) is not a County & UA in Fingertips area type {area_type} "
                "({boundaries}); {elsewhere}",
                {
                    "code": code,
                    "name": geography.name(code),
                    "area_type": area_type.value,
                    "boundaries": area_type.boundaries,
                    "elsewhere": (
                        "it is one in area types " + ", ".join(map(str, in_types))
                        if in_types
                        else "it is not a County & UA in any vintage"
                    ),
                },
            )
        return code


class Icb(_Strict):
    code: Annotated[str, StringConstraints(pattern=ICB_CODE_PATTERN), _known_code("ICB")]
    name: Text


class Region(_Strict):
    code: Annotated[str, StringConstraints(pattern=REGION_CODE_PATTERN), _known_code("region")]
    name: Text


_AREA_CODES = TypeAdapter(list[AreaCode])


def _neighbour_source_or_codes(value: Any) -> NeighbourSource | list[str]:
    # One shape or the other, so an error speaks of that shape rather than of both at once.
    if isinstance(value, str):
        try:
            return NeighbourSource(value)
        except ValueError:
            raise PydanticCustomError(
                "neighbour_source",
                "'{value}' is not a nearest-neighbour source: use {sources}, or a list of area "
                "codes",
                {"value": value, "sources": ", ".join(NeighbourSource)},
            ) from None
    return _AREA_CODES.validate_python(value)


class Comparators(_Strict):
    """What the place is compared with; nearest neighbours are optional."""

    england: bool = True
    region: bool = True
    nearest_neighbours: Annotated[
        NeighbourSource | list[str] | None, PlainValidator(_neighbour_source_or_codes)
    ] = None


class ReviewCycle(_Strict):
    """The review cycle: an annual review falls in `month`; a 6-monthly one also six months on."""

    cadence: Cadence
    month: int = Field(ge=1, le=12, strict=True)
    trajectory_years: int = Field(ge=3, le=5, strict=True)


class Core20(_Strict):
    """The place's Core20PLUS5 population: national IMD deciles (Core20 is 1-2; a place may look
    at decile 1 alone) and its locally chosen PLUS groups."""

    deciles: list[Annotated[int, Field(ge=1, le=10, strict=True)]] = Field(
        default_factory=lambda: [1, 2], min_length=1
    )
    plus_groups: list[Text] = Field(default_factory=list)

    @field_validator("deciles")
    @classmethod
    def _ascending(cls, deciles: list[int]) -> list[int]:
        if deciles != sorted(set(deciles)):
            raise PydanticCustomError("deciles_order", "list each decile once, in ascending order")
        return deciles


class LocalIndicator(_Strict):
    """A measure with no national source, defined by the place; its values come from a local
    extract. `nearest_indicator` names the closest catalogue indicator (a national proxy, or the
    discontinued national series of the same measure); values are never taken from it."""

    name: Text
    unit: Text
    polarity: Polarity
    source: Text
    nearest_indicator: IndicatorRef | None = None


class Target(_Strict):
    value: float
    by: Period
    direction: Direction


class Milestone(_Strict):
    by: Period
    value: float


# A local measure is named "<place>:<measure>" (e.g. "leeds:frailty-admissions") wherever a
# catalogue measure is named by its catalogue id: in extract declarations and the values they load.
LOCAL_KEY_SEPARATOR = ":"


def indicator_key(place_id: str, measure_id: str, catalogue_indicator_id: str | None) -> str:
    """The key a measure's extract values are stored under: its catalogue indicator id, or
    "<place>:<measure>" for a local measure."""
    return catalogue_indicator_id or f"{place_id}{LOCAL_KEY_SEPARATOR}{measure_id}"


def local_key_place(key: str) -> str | None:
    """The place a local measure's key names ("leeds" of "leeds:frailty-admissions"); None for
    a catalogue id."""
    place, separator, _ = key.partition(LOCAL_KEY_SEPARATOR)
    return place if separator else None


class Measure(_Strict):
    """One measure of a priority: a catalogue indicator or a local one, as outcome or process."""

    id: FrameworkId
    name: Text | None = None
    indicator: IndicatorRef | None = None
    local: LocalIndicator | None = Field(default=None, validate_default=True)
    role: Role
    sex: Sex | None = None
    age: Text | None = None
    core20: bool = False
    target: Target | None = None
    trajectory: list[Milestone] = Field(default_factory=list)
    notes: str = ""

    def indicator_key(self, place_id: str) -> str:
        """Its catalogue id, or "<place>:<measure>" for a local measure."""
        return indicator_key(place_id, self.id, self.indicator)

    @field_validator("local")
    @classmethod
    def _indicator_or_local(
        cls, local: LocalIndicator | None, info: ValidationInfo
    ) -> LocalIndicator | None:
        # "indicator" is absent from info.data when it failed: that error already says so.
        if "indicator" not in info.data:
            return local
        if (info.data["indicator"] is None) == (local is None):
            raise PydanticCustomError(
                "indicator_or_local",
                "a measure names either indicator (a catalogue id) or local (its own "
                "definition): give exactly one",
            )
        return local

    @field_validator("trajectory")
    @classmethod
    def _in_order(cls, trajectory: list[Milestone]) -> list[Milestone]:
        periods = [milestone.by for milestone in trajectory]
        if periods != sorted(set(periods)):
            raise PydanticCustomError(
                "trajectory_order", "list trajectory milestones once each, in period order"
            )
        return trajectory


class Priority(_Strict):
    id: FrameworkId
    name: Text
    measures: list[Measure] = Field(min_length=1)


class SharedOutcome(_Strict):
    id: FrameworkId
    name: Text
    priorities: list[Priority] = Field(min_length=1)


@dataclass(frozen=True)
class PlacedMeasure:
    """A measure with its outcome and priority, and its location in the place's fields."""

    outcome: SharedOutcome
    priority: Priority
    measure: Measure
    location: tuple[str | int, ...]


class Place(_Strict):
    """A place and its shared outcomes framework, checked against the catalogue and geography.

    `warnings` holds the loader's non-fatal findings (a measure on a discontinued indicator with
    no successor), each naming file, line and field like the errors do.
    """

    id: PlaceId
    name: Text
    areas: list[Area] = Field(min_length=1)
    icb: Icb
    region: Region
    comparators: Comparators = Field(default_factory=Comparators)
    review: ReviewCycle
    imd_version: ImdVersion
    core20: Core20 | None = None
    shared_outcomes: list[SharedOutcome] = Field(min_length=1)

    _warnings: list[str] = PrivateAttr(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return list(self._warnings)

    @property
    def area_type(self) -> AreaType:
        """The boundary vintage of the place's areas (all share one)."""
        return self.areas[0].fingertips_area_type

    @property
    def area_codes(self) -> list[str]:
        return [area.code for area in self.areas]

    def measures(self) -> Iterator[PlacedMeasure]:
        """Every measure, in the order written."""
        for o, outcome in enumerate(self.shared_outcomes):
            for p, priority in enumerate(outcome.priorities):
                for m, measure in enumerate(priority.measures):
                    location = ("shared_outcomes", o, "priorities", p, "measures", m)
                    yield PlacedMeasure(outcome, priority, measure, location)

    @field_validator("id")
    @classmethod
    def _matches_file_name(cls, value: str, info: ValidationInfo) -> str:
        stem = _references(info).file_stem
        if stem is not None and value != stem:
            raise PydanticCustomError(
                "id_not_file_name",
                "the place id '{value}' must equal the file name ({stem}.yaml)",
                {"value": value, "stem": stem},
            )
        return value

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Place:
        # Checks across fields, each reported at the field it is about.
        problems = [
            *self._duplicate_ids(),
            *self._mixed_vintages(),
            *self._containing_areas(_references(info).geography),
            *self._neighbours(_references(info).geography),
        ]
        if problems:
            raise ValidationError.from_exception_data(type(self).__name__, problems)
        return self

    def _duplicate_ids(self) -> Iterator[InitErrorDetails]:
        first: dict[tuple[str, str], tuple[str | int, ...]] = {}
        for kind, value, location in self._placed_ids():
            if (kind, value) in first:
                yield _problem(
                    location,
                    value,
                    "duplicate_id",
                    "duplicate {kind} id '{value}'",
                    kind=kind,
                    value=value,
                    first=first[(kind, value)],
                )
            else:
                first[(kind, value)] = location

    def _placed_ids(self) -> Iterator[tuple[str, str, tuple[str | int, ...]]]:
        for o, outcome in enumerate(self.shared_outcomes):
            yield "shared outcome", outcome.id, ("shared_outcomes", o, "id")
            for p, priority in enumerate(outcome.priorities):
                yield "priority", priority.id, ("shared_outcomes", o, "priorities", p, "id")
        for placed in self.measures():
            yield "measure", placed.measure.id, (*placed.location, "id")

    def _mixed_vintages(self) -> Iterator[InitErrorDetails]:
        for index, area in enumerate(self.areas[1:], start=1):
            if area.fingertips_area_type != self.area_type:
                yield _problem(
                    ("areas", index, "fingertips_area_type"),
                    area.fingertips_area_type,
                    "mixed_vintages",
                    "every area of a place is in one boundary vintage: areas[0] is in area "
                    "type {first}",
                    first=self.area_type.value,
                )

    def _containing_areas(self, geography: Geography) -> Iterator[InitErrorDetails]:
        for field, label, declared, containing in (
            ("region", "region", self.region.code, geography.region_of),
            ("icb", "ICB", self.icb.code, geography.icb_of),
        ):
            for area in self.areas:
                actual = containing(area.code)
                if actual is not None and actual != declared:
                    yield _problem(
                        (field, "code"),
                        declared,
                        f"wrong_{field}",
                        "the {label} of {area} ({area_name}) is {actual} ({actual_name}), "
                        "not {declared}",
                        label=label,
                        area=area.code,
                        area_name=geography.name(area.code),
                        actual=actual,
                        actual_name=geography.name(actual),
                        declared=declared,
                    )

    def _neighbours(self, geography: Geography) -> Iterator[InitErrorDetails]:
        source = self.comparators.nearest_neighbours
        location = ("comparators", "nearest_neighbours")
        if source is NeighbourSource.OFLOG:
            for area in self.areas:
                if not geography.nearest_neighbours(area.code):
                    yield _problem(
                        location,
                        source.value,
                        "no_neighbours",
                        "Oflog's nearest-neighbour model has no neighbours for {code} ({name}): "
                        "list the codes instead",
                        code=area.code,
                        name=geography.name(area.code),
                    )
        elif isinstance(source, list):
            in_vintage = geography.codes_in_vintage(self.area_type)
            for index, code in enumerate(source):
                if code not in in_vintage:
                    yield _problem(
                        (*location, index),
                        code,
                        "neighbour_not_in_vintage",
                        "'{code}' is not a County & UA in Fingertips area type {area_type}, the "
                        "place's vintage",
                        code=code,
                        area_type=self.area_type.value,
                    )


def _problem(
    location: Sequence[str | int], given: Any, error_type: str, template: str, /, **context: Any
) -> InitErrorDetails:
    return InitErrorDetails(
        type=PydanticCustomError(error_type, template, context), loc=tuple(location), input=given
    )
