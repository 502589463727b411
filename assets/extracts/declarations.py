"""Pydantic models of an extract declaration: one YAML file per source under
indicator_catalogue/sources/. See README, "How to declare an extract", for a worked example."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from assets.catalogue import Framework
from assets.geography import BY_CODE, AreaLevel
from assets.periods import PeriodFormat
from assets.places.models import FRAMEWORK_ID_PATTERN

# A source id names an asset and reaches SQL as a value: lowercase letters, digits, underscores.
SOURCE_ID_PATTERN = r"^[a-z][a-z0-9_]{0,62}$"
_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
# A catalogue id (ascof-1a-social-care-quality-of-life), or a place's own measure by the place id
# and the measure id in its file (croydon:PP11, leeds:frailty-index).
INDICATOR_PATTERN = rf"^{_SLUG}(?::{FRAMEWORK_ID_PATTERN.strip('^$')})?$"
NATIONAL = "national"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
IndicatorRef = Annotated[str, StringConstraints(pattern=INDICATOR_PATTERN)]
Geography = Literal[
    "lsoa2011", "lsoa2021", "ward", "lad", "utla", "icb", "region", "england", "by_code"
]
assert set(Geography.__args__) == {*AreaLevel, BY_CODE}  # type: ignore[attr-defined]


class FileType(StrEnum):
    CSV = "csv"
    EXCEL = "excel"
    PARQUET = "parquet"


class BadRowPolicy(StrEnum):
    """What a file with bad rows does: quarantined whole, or its good rows loaded."""

    REJECT_FILE = "reject_file"
    LOAD_GOOD_ROWS = "load_good_rows"


class RowField(StrEnum):
    """The fields a row can carry. `measure_type` is the type column of a long-layout file."""

    MEASURE = "measure"
    MEASURE_TYPE = "measure_type"
    AREA_CODE = "area_code"
    # A label of the area's kind ("Council", "Region"): read only for ignore_rows.
    AREA_TYPE = "area_type"
    PERIOD = "period"
    VALUE = "value"
    NUMERATOR = "numerator"
    DENOMINATOR = "denominator"
    LOWER_CI_95 = "lower_ci_95"
    UPPER_CI_95 = "upper_ci_95"
    SEX = "sex"
    AGE = "age"
    BREAKDOWN = "breakdown"
    VALUE_NOTE = "value_note"


NUMBER_FIELDS = (
    RowField.VALUE,
    RowField.NUMERATOR,
    RowField.DENOMINATOR,
    RowField.LOWER_CI_95,
    RowField.UPPER_CI_95,
)
Role = Literal["value", "numerator", "denominator", "lower_ci_95", "upper_ci_95"]


class _Strict(BaseModel):
    # extra="forbid" turns a misspelt key into an error instead of a silently ignored one.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Arrival(_Strict):
    """Where files arrive: a folder under OUTCOMES_DROP_DIR and a file-name pattern."""

    folder: Text
    pattern: Text = "*"


class FileFormat(_Strict):
    type: FileType
    # CSV only. NHS exports from Excel are often cp1252 ("Windows-1252"), not UTF-8.
    encoding: Text = "utf-8"
    delimiter: Annotated[str, StringConstraints(min_length=1, max_length=1)] = ","
    # The row holding the header (1-based). Excel: leave out to find it below any title rows.
    header_row: Annotated[int, Field(ge=1)] | None = None
    # Excel only.
    sheet: Text | None = None
    merged_cells: Literal["reject", "fill"] = "reject"


class Columns(_Strict):
    """The header text of the column holding each field (matched ignoring case and spacing)."""

    area_code: Text
    area_type: Text | None = None
    period: Text | None = None
    measure: Text | None = None
    value: Text | None = None
    numerator: Text | None = None
    denominator: Text | None = None
    lower_ci_95: Text | None = None
    upper_ci_95: Text | None = None
    sex: Text | None = None
    age: Text | None = None
    breakdown: Text | None = None
    value_note: Text | None = None


class Fixed(_Strict):
    """Values every row of the source shares, where the file has no column for them."""

    indicator: IndicatorRef | None = None
    period: Text | None = None
    sex: Text | None = None
    age: Text | None = None
    breakdown: Text | None = None


class ValueRange(_Strict):
    min: float | None = None
    max: float | None = None

    @model_validator(mode="after")
    def _ordered(self) -> ValueRange:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} is greater than max {self.max}")
        return self


class MeasureTarget(_Strict):
    """The indicator one measure code feeds, with what the code itself implies (e.g. its sex)."""

    indicator: IndicatorRef
    sex: Text | None = None
    age: Text | None = None
    breakdown: Text | None = None
    value_range: ValueRange | None = None


class FrameworkMatch(_Strict):
    """Measure codes matched to catalogue entries by their framework codes.

    Frameworks renumber (ASCOF in 2023): periods up to and including `former_codes_until` are
    matched on each entry's `former_codes` (and the codes of measures that ended before the
    renumbering), later periods on `framework_code`.
    """

    framework: Framework
    former_codes_until: Text | None = None


class Measures(_Strict):
    """How the measure column maps to indicators: an explicit map, or by framework code."""

    map: dict[Text, IndicatorRef | MeasureTarget] = Field(default_factory=dict)
    match_framework: FrameworkMatch | None = None

    @model_validator(mode="after")
    def _one_way(self) -> Measures:
        if bool(self.map) == (self.match_framework is not None):
            raise ValueError("give exactly one of 'map' and 'match_framework'")
        return self


class LongLayout(_Strict):
    """A file with one row per measure type (Outcome, Numerator, …) instead of one per value."""

    type_column: Text
    types: dict[Text, Role] = Field(min_length=1)
    ignore_types: list[Text] = Field(default_factory=list)


class IgnoreRule(_Strict):
    """Rows this source never loads, on purpose (counted as ignored, never silently dropped)."""

    field: RowField
    # A regular expression (RE2 syntax) the whole field must match.
    pattern: Text
    reason: Text


class ExtraExpectation(_Strict):
    """A Great Expectations expectation added to the suite generated from the declaration."""

    type: Annotated[str, StringConstraints(pattern=r"^expect_[a-z0-9_]+$")]
    kwargs: dict[str, Any] = Field(default_factory=dict)


class SourceDeclaration(_Strict):
    """One declared extract: where its files arrive, how to read them, what each row feeds."""

    id: Annotated[str, StringConstraints(pattern=SOURCE_ID_PATTERN)]
    # A place id (croydon) or "national".
    place: Annotated[str, StringConstraints(pattern=rf"^{_SLUG}$")]
    title: Text
    # Made-up values (e.g. from synthetic.lsoa_extracts): flagged on every row loaded.
    synthetic: bool = False
    notes: str = ""
    arrives: Arrival
    format: FileFormat
    columns: Columns
    long_layout: LongLayout | None = None
    fixed: Fixed = Field(default_factory=Fixed)
    # A regular expression whose one group is the period, for files that say it only in the name.
    period_from_file_name: Text | None = None
    period_format: PeriodFormat
    geography: Geography
    measures: Measures | None = None
    # Texts standing for a value withheld on purpose: loaded as NULL with value_note 'suppressed'.
    suppressed: list[str] = Field(default_factory=lambda: ["*", "c", ".."])
    thousands_separator: Annotated[str, StringConstraints(min_length=1, max_length=1)] | None = None
    numerator_within_denominator: bool = True
    value_range: ValueRange | None = None
    # Compute value = numerator / denominator × value_per, for files that carry counts only.
    value_per: Annotated[float, Field(gt=0)] | None = None
    ignore_rows: list[IgnoreRule] = Field(default_factory=list)
    on_bad_rows: BadRowPolicy = BadRowPolicy.REJECT_FILE
    extra_expectations: list[ExtraExpectation] = Field(default_factory=list)

    def column_headers(self) -> dict[RowField, str]:
        """Every field read from the file, with the header text of its column."""
        headers = {
            RowField(name): header
            for name, header in self.columns.model_dump().items()
            if header is not None
        }
        if self.long_layout is not None:
            headers[RowField.MEASURE_TYPE] = self.long_layout.type_column
        return headers

    def roles(self) -> set[str]:
        """The numeric fields a row of this source can carry (from columns or long-layout types)."""
        if self.long_layout is not None:
            return set(self.long_layout.types.values())
        return {field.value for field in NUMBER_FIELDS if getattr(self.columns, field.value)}
