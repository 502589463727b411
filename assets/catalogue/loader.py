"""Load the indicator catalogue from YAML, reporting every problem by file, line and field."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assets.catalogue.models import (
    Catalogue,
    FrameworkCode,
    FrameworkFile,
    Indicator,
    IndicatorEntry,
    SeriesBreak,
    Status,
)
from assets.catalogue.yaml_lines import YamlDocument
from assets.catalogue.yaml_problems import (
    UnreadableYaml,
    YamlProblems,
    common_message,
    fallback_message,
    field_label,
    located,
    read_yaml,
)

INDICATORS_DIR = "indicators"

# Every key a catalogue file may use, to suggest the intended one for a misspelt key.
_KNOWN_KEYS = sorted(
    {
        field.alias or name
        for model in (FrameworkFile, IndicatorEntry, SeriesBreak, FrameworkCode)
        for name, field in model.model_fields.items()
    }
)


class CatalogueError(YamlProblems):
    """The catalogue cannot be loaded. `problems` lists each one as 'FILE line N, field 'F': …'."""

    subject = "the indicator catalogue has"


@dataclass(frozen=True)
class _Placed:
    """A validated entry and where it was written."""

    entry: IndicatorEntry
    file: str
    document: YamlDocument
    index: int

    def line(self, field: str) -> int:
        return self.document.line_of(("indicators", self.index, field))

    def where(self, field: str) -> str:
        return f"{self.file} line {self.line(field)}"


def load_catalogue(folder: Path) -> Catalogue:
    """Read every `*.yaml` under `folder/indicators/` into one validated Catalogue.

    Raises CatalogueError listing all problems found (YAML syntax, unknown or missing fields,
    values outside their allowed set, bad catalogue ids, duplicate catalogue or Fingertips ids,
    successors that are missing or not in the catalogue), each naming file, line and field.

    Non-fatal findings, such as a discontinued indicator with no successor, do not raise: they are
    returned in `Catalogue.warnings`, so a caller (an asset's metadata, a CLI) decides how to show
    them.
    """
    folder = Path(folder).resolve()
    directory = folder / INDICATORS_DIR
    paths = sorted(directory.glob("*.yaml")) if directory.is_dir() else []
    if not paths:
        raise CatalogueError([f"{_display(directory, folder)}: no *.yaml catalogue files found"])

    problems: list[str] = []
    documents: list[YamlDocument] = []
    placed: list[_Placed] = []
    files: list[tuple[FrameworkFile, list[_Placed]]] = []
    for path in paths:
        display = _display(path, folder)
        try:
            document = read_yaml(path, display)
        except UnreadableYaml as error:
            problems.append(str(error))
            continue
        documents.append(document)
        file_problems, parsed, entries = _validate_file(document, display)
        problems += file_problems
        placed += entries
        if parsed is not None:
            files.append((parsed, entries))

    problems += _cross_file_problems(placed, _written_ids(documents))
    if problems:
        raise CatalogueError(problems)

    indicators = [
        Indicator.model_validate(
            {**item.entry.model_dump(by_alias=True), "framework": parsed.framework}
        )
        for parsed, entries in files
        for item in entries
    ]
    return Catalogue(indicators=indicators, warnings=_warnings(placed))


def _display(path: Path, folder: Path) -> str:
    # Relative to the catalogue folder's parent: 'indicator_catalogue/indicators/phof.yaml'.
    return path.relative_to(folder.parent).as_posix()


def _validate_file(
    document: YamlDocument, display: str
) -> tuple[list[str], FrameworkFile | None, list[_Placed]]:
    """Problems of one file, the file if it is valid, and each entry that is valid on its own."""
    problems = [
        f"{display} line {line}, field {field_label(_field_path(path))!r}: "
        f"key written twice (first on line {first_line}); YAML would keep only the last"
        for path, line, first_line in document.duplicate_keys()
    ]
    if not isinstance(document.data, dict):
        return (
            [
                *problems,
                f"{display} line 1: expected a mapping with keys 'framework' and 'indicators'",
            ],
            None,
            [],
        )
    try:
        parsed = FrameworkFile.model_validate(document.data)
    except ValidationError as error:
        problems += [_describe_error(item, document, display) for item in error.errors()]
        parsed = None
    raw_indicators = document.data.get("indicators")
    entries = []
    if parsed is not None:
        entries = [
            _Placed(entry, display, document, i) for i, entry in enumerate(parsed.indicators)
        ]
    elif isinstance(raw_indicators, list):
        # Keep the valid entries of a broken file so cross-file checks still see them.
        for index, raw in enumerate(raw_indicators):
            try:
                entries.append(
                    _Placed(IndicatorEntry.model_validate(raw), display, document, index)
                )
            except ValidationError:
                pass
    return problems, parsed, entries


def _describe_error(error: Any, document: YamlDocument, display: str) -> str:
    location: tuple[str | int, ...] = tuple(error["loc"])
    return located(display, document, location, _message(error), field_label(_field_path(location)))


def _field_path(location: Sequence[str | int]) -> Sequence[str | int]:
    # Inside an indicator the line already says which one: 'polarity', not 'indicators[3].polarity'.
    if len(location) > 1 and location[0] == "indicators" and isinstance(location[1], int):
        return location[2:]
    return location


def _message(error: Any) -> str:
    if (message := common_message(error, _KNOWN_KEYS)) is not None:
        return message
    if error["type"] == "string_pattern_mismatch":
        return (
            f"{error.get('input')!r} is not a valid catalogue id: use lowercase letters and "
            "digits, in words joined by single hyphens"
        )
    return fallback_message(error)


def _cross_file_problems(placed: list[_Placed], known_ids: set[str]) -> list[str]:
    problems = []
    first_by_id: dict[str, _Placed] = {}
    first_by_fingertips_id: dict[int, _Placed] = {}
    for item in placed:
        entry = item.entry
        if entry.id in first_by_id:
            first = first_by_id[entry.id]
            problems.append(
                f"{item.where('id')}, field 'id': duplicate catalogue id {entry.id!r} "
                f"(first defined at {first.where('id')})"
            )
        else:
            first_by_id[entry.id] = item
        fid = entry.fingertips_id
        if fid is not None and fid in first_by_fingertips_id:
            first = first_by_fingertips_id[fid]
            problems.append(
                f"{item.where('fingertips_id')}, field 'fingertips_id': Fingertips id {fid} is "
                f"already catalogue entry {first.entry.id!r} ({first.where('fingertips_id')}); "
                "list the other framework's code under also_in instead"
            )
        elif fid is not None:
            first_by_fingertips_id[fid] = item
    for item in placed:
        successor = item.entry.replaced_by
        if successor is not None and successor not in known_ids:
            problems.append(
                f"{item.where('replaced_by')}, field 'replaced_by': "
                f"{successor!r} is not a catalogue id"
            )
    return problems


def _written_ids(documents: list[YamlDocument]) -> set[str]:
    # Ids of entries with other errors count too: a link to them is not the problem.
    return {
        raw["id"]
        for document in documents
        if isinstance(document.data, dict) and isinstance(document.data.get("indicators"), list)
        for raw in document.data["indicators"]
        if isinstance(raw, dict) and isinstance(raw.get("id"), str)
    }


def _warnings(placed: list[_Placed]) -> list[str]:
    return [
        f"{item.where('status')}, field 'status': discontinued indicator {item.entry.id!r} "
        "has no successor (replaced_by)"
        for item in placed
        if item.entry.status is Status.DISCONTINUED and item.entry.replaced_by is None
    ]
