"""Pydantic models of the national indicator catalogue: one entry per national indicator."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

# Lowercase words of letters and digits joined by single hyphens: phof-a01b-life-expectancy-birth.
CATALOGUE_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

CatalogueId = Annotated[str, StringConstraints(pattern=CATALOGUE_ID_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Framework(StrEnum):
    """The national framework a catalogue file describes (OTHER: Fingertips context indicators)."""

    PHOF = "PHOF"
    ASCOF = "ASCOF"
    # The NHS Outcomes Framework, not the NHS Oversight Framework.
    NHSOF = "NHSOF"
    OTHER = "OTHER"


class Polarity(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    NO_JUDGEMENT = "no_judgement"


class Status(StrEnum):
    """Whether the indicator is still published.

    replaced: a successor (replaced_by, required) continues the measure under a new id or method.
    discontinued: the series ended; replaced_by, if given, names the nearest successor, which is
    not a continuation of the series.
    """

    LIVE = "live"
    DISCONTINUED = "discontinued"
    REPLACED = "replaced"


class ValueType(StrEnum):
    PROPORTION = "proportion"
    CRUDE_RATE = "crude rate"
    DIRECTLY_STANDARDISED_RATE = "directly standardised rate"
    INDIRECTLY_STANDARDISED_RATE = "indirectly standardised rate"
    INDIRECTLY_STANDARDISED_RATIO = "indirectly standardised ratio"
    INDIRECTLY_STANDARDISED_PROPORTION = "indirectly standardised proportion"
    LIFE_EXPECTANCY = "life expectancy"
    SLOPE_INDEX_OF_INEQUALITY = "slope index of inequality"
    PERCENTAGE_POINT_GAP = "percentage point gap"
    RATIO = "ratio"
    SCORE = "score"
    COUNT = "count"


class CiMethod(StrEnum):
    """Confidence-interval method as Fingertips names it (Dobson covers 'Dobson & Byar's')."""

    WILSON = "wilson"
    BYAR = "byar"
    DOBSON = "dobson"
    OTHER = "other"
    NONE = "none"


class Frequency(StrEnum):
    """How often a new value is published, or the pooled period each value covers."""

    ANNUAL = "annual"
    BIENNIAL = "biennial"
    QUARTERLY = "quarterly"
    MONTHLY = "monthly"
    THREE_YEAR_POOLED = "3-year pooled"
    FIVE_YEAR_POOLED = "5-year pooled"
    PERIODIC = "periodic"


class Source(StrEnum):
    """Where the pipeline takes values from."""

    FINGERTIPS = "fingertips"
    ASCOF_CSV = "ascof_csv"
    NHSOF_FILE = "nhsof_file"
    LOCAL = "local"


class _Strict(BaseModel):
    # extra="forbid" turns a misspelt key into an error instead of a silently ignored one.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class SeriesBreak(_Strict):
    """A point from which values are not comparable with earlier ones: never splice across it."""

    from_: date = Field(alias="from")
    reason: Text


class FrameworkCode(_Strict):
    """The same indicator carried by another framework under that framework's code."""

    framework: Framework
    code: Text


class IndicatorEntry(_Strict):
    """One indicator as written in a framework file (the file gives its framework).

    Keyed on `id`; a `framework_code` may be shared by several entries (A01b = 90366 and 91102).
    """

    id: CatalogueId
    framework_code: Text | None = None
    # Codes in earlier editions of the framework (ASCOF renumbered in 2023): older files use them.
    former_codes: list[Text] = Field(default_factory=list)
    fingertips_id: int | None = Field(default=None, gt=0, strict=True)
    name: Text
    unit: Text
    value_type: ValueType
    polarity: Polarity
    ci_method: CiMethod | None = None
    frequency: Frequency
    status: Status
    replaced_by: CatalogueId | None = Field(default=None, validate_default=True)
    series_breaks: list[SeriesBreak] = Field(default_factory=list)
    sources: list[Source] = Field(min_length=1)
    also_in: list[FrameworkCode] = Field(default_factory=list)
    # Names of the fields above whose value is a lead rather than a verified fact (see notes).
    unverified: list[str] = Field(default_factory=list)
    notes: str = ""

    @field_validator("replaced_by")
    @classmethod
    def _successor_matches_status(cls, value: str | None, info: ValidationInfo) -> str | None:
        status = info.data.get("status")
        if status is Status.REPLACED and value is None:
            raise PydanticCustomError(
                "successor_required", "status is replaced, so replaced_by must name the successor"
            )
        if status is Status.LIVE and value is not None:
            raise PydanticCustomError(
                "successor_not_allowed",
                "a live indicator has no successor: remove replaced_by or change status",
            )
        if value is not None and value == info.data.get("id"):
            raise PydanticCustomError("successor_is_self", "an indicator cannot replace itself")
        return value

    @field_validator("sources")
    @classmethod
    def _fingertips_source_needs_id(cls, value: list[Source], info: ValidationInfo) -> list[Source]:
        # "fingertips_id" is absent from info.data when it failed: that error already says so.
        if (
            Source.FINGERTIPS in value
            and "fingertips_id" in info.data
            and info.data["fingertips_id"] is None
        ):
            raise PydanticCustomError(
                "fingertips_id_required", "fingertips is a source, so fingertips_id is required"
            )
        if len(set(value)) != len(value):
            raise PydanticCustomError("duplicate_source", "a source is listed more than once")
        return value

    @field_validator("unverified")
    @classmethod
    def _names_real_fields(cls, value: list[str]) -> list[str]:
        unknown = [name for name in value if name not in _VERIFIABLE_FIELDS]
        if unknown:
            raise PydanticCustomError(
                "unknown_field_name",
                "{unknown} is not one of {allowed}",
                {
                    "unknown": ", ".join(repr(name) for name in unknown),
                    "allowed": ", ".join(sorted(_VERIFIABLE_FIELDS)),
                },
            )
        return value


# Facts an entry can flag as unverified: every field but the entry's own bookkeeping.
_VERIFIABLE_FIELDS = frozenset(IndicatorEntry.model_fields) - {"id", "unverified", "notes"}


class FrameworkFile(_Strict):
    """One YAML file of the catalogue: a framework and its indicators."""

    framework: Framework
    indicators: list[IndicatorEntry] = Field(min_length=1)


class Indicator(IndicatorEntry):
    """A catalogue entry with the framework of the file that defines it."""

    framework: Framework

    @property
    def is_live(self) -> bool:
        return self.status is Status.LIVE

    def publications(self) -> list[FrameworkCode]:
        """Every (framework, code) the indicator is published under, its own first."""
        if self.framework_code is None:
            return list(self.also_in)
        return [FrameworkCode(framework=self.framework, code=self.framework_code), *self.also_in]


class Catalogue(BaseModel):
    """Every indicator of every framework file, with lookups by catalogue id and Fingertips id.

    `warnings` holds the loader's non-fatal findings (e.g. a discontinued indicator without a
    successor), each naming file, line and field like the errors do.
    """

    model_config = ConfigDict(frozen=True)

    indicators: list[Indicator]
    warnings: list[str] = Field(default_factory=list)

    _by_id: dict[str, Indicator] = PrivateAttr(default_factory=dict)
    _by_fingertips_id: dict[int, Indicator] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _index(self) -> Catalogue:
        # The loader reports duplicates with file and line; this guards catalogues built directly.
        for indicator in self.indicators:
            if indicator.id in self._by_id:
                raise ValueError(f"duplicate catalogue id {indicator.id!r}")
            self._by_id[indicator.id] = indicator
            fid = indicator.fingertips_id
            if fid is not None:
                if fid in self._by_fingertips_id:
                    raise ValueError(f"Fingertips id {fid} is in two catalogue entries")
                self._by_fingertips_id[fid] = indicator
        return self

    def by_id(self, catalogue_id: str) -> Indicator:
        """The entry with this catalogue id; KeyError if there is none."""
        try:
            return self._by_id[catalogue_id]
        except KeyError:
            raise KeyError(f"no catalogue entry has id {catalogue_id!r}") from None

    def by_fingertips_id(self, fingertips_id: int) -> Indicator:
        """The one entry carrying this Fingertips indicator id; KeyError if there is none."""
        try:
            return self._by_fingertips_id[fingertips_id]
        except KeyError:
            raise KeyError(f"no catalogue entry has Fingertips id {fingertips_id}") from None

    def in_framework(self, framework: Framework | str, code: str | None = None) -> list[Indicator]:
        """Entries published under `framework` (their own file or `also_in`), or under one code.

        NHS OF 1.1, for example, is the PHOF entry for Fingertips id 40401.
        """
        wanted = Framework(framework)
        return [
            indicator
            for indicator in self.indicators
            if (code is None and indicator.framework is wanted)
            or any(
                publication.framework is wanted and (code is None or publication.code == code)
                for publication in indicator.publications()
            )
        ]

    def fingertips_indicator_ids(self, include_discontinued: bool = False) -> list[int]:
        """Sorted, unique Fingertips ids of live entries (of every entry if include_discontinued)."""
        return sorted(
            {
                indicator.fingertips_id
                for indicator in self.indicators
                if indicator.fingertips_id is not None
                and (include_discontinued or indicator.is_live)
            }
        )
