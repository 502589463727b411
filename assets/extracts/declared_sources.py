"""Load every extract declaration under indicator_catalogue/sources/, reporting each problem by
file, line and field, and checking what names the catalogue (indicator ids, framework codes)."""

from __future__ import annotations

import codecs
import fnmatch
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import duckdb
from pydantic import ValidationError

from assets.catalogue import Catalogue
from assets.catalogue.yaml_lines import YamlDocument
from assets.catalogue.yaml_problems import UnreadableYaml, YamlProblems, located, read_yaml
from assets.extracts.declarations import NATIONAL, FileType, RowField, SourceDeclaration
from assets.extracts.locations import RESERVED_FOLDERS
from assets.extracts.measures import MeasureResolver, build_resolver, declared_indicators
from assets.places.models import local_key_place

SOURCES_DIR = "sources"
PLACES_DIR = "places"
Location = tuple[str | int, ...]


class SourceDeclarationError(YamlProblems):
    """Declarations that cannot be used. `problems` lists each as 'FILE line N, field 'F': …'."""

    subject = "the extract declarations have"


@dataclass(frozen=True)
class DeclaredSource:
    """A validated declaration, where it was written, and how its measures resolve."""

    declaration: SourceDeclaration
    yaml_path: Path
    measures: MeasureResolver

    @property
    def id(self) -> str:
        return self.declaration.id


def sources_folder(catalogue_dir: Path) -> Path:
    return Path(catalogue_dir) / SOURCES_DIR


def place_ids(catalogue_dir: Path) -> set[str]:
    """The places declared beside the sources: a place file's id is its file name."""
    return {path.stem for path in (Path(catalogue_dir) / PLACES_DIR).glob("*.yaml")}


def load_sources(
    folder: Path, catalogue: Catalogue, places: Collection[str] | None = None
) -> list[DeclaredSource]:
    """Every `*.yaml` in `folder`, validated; raises SourceDeclarationError listing all problems.

    `places`, when given, are the place ids a source may name (besides national).
    """
    folder = Path(folder).resolve()
    problems: list[str] = []
    loaded: list[DeclaredSource] = []
    for path in sorted(folder.glob("*.yaml")):
        display = f"{folder.name}/{path.name}"
        try:
            document = read_yaml(path, display)
        except UnreadableYaml as error:
            problems.append(str(error))
            continue
        try:
            declaration = SourceDeclaration.model_validate(document.data)
        except ValidationError as error:
            problems += [
                _describe(display, document, tuple(item["loc"]), _message(item))
                for item in error.errors()
            ]
            continue
        own = _declaration_problems(declaration, path, catalogue)
        if places is not None and declaration.place not in {*places, NATIONAL}:
            own.append(
                (("place",), f"{declaration.place!r} is not a place ({PLACES_DIR}/) or {NATIONAL}")
            )
        if not own:
            # Only a declaration whose fields agree can say how its measures resolve.
            resolver, own = build_resolver(declaration, catalogue)
            loaded.append(
                DeclaredSource(declaration=declaration, yaml_path=path, measures=resolver)
            )
        problems += [_describe(display, document, location, message) for location, message in own]
    problems += _shared_folder_problems(loaded)
    if problems:
        raise SourceDeclarationError(problems)
    return loaded


def _describe(display: str, document: YamlDocument, location: Location, message: str) -> str:
    # Declarations name list items by position with dots ('ignore_rows.0.field').
    return located(display, document, location, message, ".".join(map(str, location)))


def _message(error: Any) -> str:
    kind = error["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field"
    value = error.get("input")
    text = str(error["msg"]).removeprefix("Value error, ")
    if isinstance(value, (str, int, float, bool)) and kind != "value_error":
        return f"{text} (got {value!r})"
    return text


def _declaration_problems(
    declaration: SourceDeclaration, path: Path, catalogue: Catalogue
) -> list[tuple[Location, str]]:
    """Rules that span fields, or need the catalogue, or the file name."""
    problems: list[tuple[Location, str]] = []
    columns, fixed, fmt = declaration.columns, declaration.fixed, declaration.format
    if declaration.id != path.stem:
        problems.append((("id",), f"must match the file name ({path.stem!r})"))

    periods = [columns.period, fixed.period, declaration.period_from_file_name]
    if sum(given is not None for given in periods) != 1:
        problems.append(
            (
                ("period_format",),
                "give exactly one of columns.period, fixed.period and period_from_file_name",
            )
        )
    if declaration.period_from_file_name is not None:
        try:
            groups = re.compile(declaration.period_from_file_name).groups
        except re.error as error:
            groups = -1
            problems.append((("period_from_file_name",), f"not a regular expression: {error}"))
        if groups not in (-1, 1):
            problems.append(
                (("period_from_file_name",), "needs exactly one (group) holding the period")
            )

    has_measure_column = columns.measure is not None
    if (fixed.indicator is None) == (declaration.measures is None):
        problems.append((("fixed",), "give exactly one of fixed.indicator and measures"))
    elif has_measure_column != (declaration.measures is not None):
        problems.append(
            (("columns",), "columns.measure and measures go together: give both or neither")
        )

    roles = declaration.roles()
    if declaration.long_layout is not None:
        if columns.value is None:
            problems.append(
                (
                    ("columns",),
                    "a long layout needs columns.value (the column of every measure type's value)",
                )
            )
        extra = [
            name
            for name in ("numerator", "denominator", "lower_ci_95", "upper_ci_95")
            if getattr(columns, name)
        ]
        if extra:
            problems.append(
                (
                    ("columns", extra[0]),
                    "a long layout takes numbers from long_layout.types, not columns",
                )
            )
        named = list(declaration.long_layout.types.values())
        repeated = sorted({role for role in named if named.count(role) > 1})
        if repeated:
            problems.append(
                (("long_layout", "types"), f"two types give the same field: {', '.join(repeated)}")
            )
    if declaration.value_per is not None:
        if "value" in roles:
            problems.append(
                (
                    ("value_per",),
                    "the file has a value; value_per computes one only where it has none",
                )
            )
        if not {"numerator", "denominator"} <= roles:
            problems.append(
                (("value_per",), "needs a numerator and a denominator to compute the value from")
            )
    elif "value" not in roles:
        problems.append((("columns",), "no value: map columns.value, or compute it with value_per"))

    if fmt.type is not FileType.CSV and (fmt.encoding != "utf-8" or fmt.delimiter != ","):
        problems.append((("format",), "encoding and delimiter apply to CSV files only"))
    if fmt.type is not FileType.EXCEL and (fmt.sheet is not None or fmt.merged_cells != "reject"):
        problems.append((("format",), "sheet and merged_cells apply to Excel files only"))
    if fmt.type is FileType.PARQUET and fmt.header_row is not None:
        problems.append((("format", "header_row"), "a Parquet file has no header row"))
    if fmt.type is FileType.CSV:
        try:
            codecs.lookup(fmt.encoding)
        except LookupError:
            problems.append(
                (("format", "encoding"), f"{fmt.encoding!r} is not an encoding Python knows")
            )

    headers = declaration.column_headers()
    folded = [" ".join(header.split()).casefold() for header in headers.values()]
    for field, header in headers.items():
        if folded.count(" ".join(header.split()).casefold()) > 1:
            problems.append(
                (("columns", field.value), f"column {header!r} is declared for two fields")
            )

    folder = PurePosixPath(declaration.arrives.folder)
    if folder.is_absolute() or ".." in folder.parts or folder.parts[0] in RESERVED_FOLDERS:
        problems.append(
            (
                ("arrives", "folder"),
                (
                    "must be a folder inside OUTCOMES_DROP_DIR, not absolute, not "
                    f"using '..', and not one of {', '.join(RESERVED_FOLDERS)}"
                ),
            )
        )

    for index, rule in enumerate(declaration.ignore_rows):
        if rule.field is RowField.MEASURE_TYPE:
            problems.append(
                (
                    ("ignore_rows", index, "field"),
                    "list measure types to leave out in long_layout.ignore_types",
                )
            )
        elif rule.field not in headers:
            problems.append(
                (("ignore_rows", index, "field"), f"{rule.field.value!r} is not read from the file")
            )
        problem = _re2_problem(rule.pattern)
        if problem:
            problems.append((("ignore_rows", index, "pattern"), problem))

    for location, indicator in declared_indicators(declaration):
        place = local_key_place(indicator)
        if place is not None:
            if place != declaration.place:
                problems.append(
                    (
                        location,
                        (
                            f"local measure {indicator!r} must start with this source's place "
                            f"({declaration.place}:)"
                        ),
                    )
                )
        else:
            try:
                catalogue.by_id(indicator)
            except KeyError:
                hint = (
                    " (a place's own measure is written <place>:<measure>)"
                    if declaration.place != NATIONAL
                    else ""
                )
                problems.append((location, f"{indicator!r} is not a catalogue id{hint}"))
    return problems


def _re2_problem(pattern: str) -> str | None:
    """DuckDB matches with RE2, which has no look-around or back-references: check it there."""
    try:
        duckdb.connect().execute("SELECT regexp_full_match('', $pattern)", {"pattern": pattern})
    except duckdb.Error as error:
        return f"not a regular expression DuckDB (RE2) accepts: {str(error).splitlines()[0]}"
    return None


def _shared_folder_problems(sources: list[DeclaredSource]) -> list[str]:
    """Two sources reading the same files would load each file twice, under two meanings.

    Patterns overlap when either matches the other as text ("*.csv" and "quits_*.csv"): a
    conservative test, enough to catch two declarations pointed at one folder.
    """
    problems = []
    for later_index, source in enumerate(sources):
        arrives = source.declaration.arrives
        for other in sources[:later_index]:
            earlier = other.declaration.arrives
            if PurePosixPath(earlier.folder) == PurePosixPath(arrives.folder) and (
                fnmatch.fnmatch(arrives.pattern, earlier.pattern)
                or fnmatch.fnmatch(earlier.pattern, arrives.pattern)
            ):
                problems.append(
                    f"{source.yaml_path.name}: field 'arrives': files {arrives.folder}/"
                    f"{arrives.pattern} may also be read by {other.yaml_path.name} "
                    f"({earlier.folder}/{earlier.pattern})"
                )
    return problems
