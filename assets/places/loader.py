"""Load place files, reporting every problem by file, line and field like the catalogue does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assets.catalogue.models import CATALOGUE_ID_PATTERN, Catalogue, Status
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
from assets.geography import Geography
from assets.places import models
from assets.places.models import Place, PlaceReferences, ReviewCycle
from pipelines.settings import PROJECT_ROOT

PLACES_DIR = "places"

# Every key a place file may use, to suggest the intended one for a misspelt key.
_KNOWN_KEYS = sorted(
    {name for model in models._Strict.__subclasses__() for name in model.model_fields}
)

# What each id or code pattern stands for, to say what a value failed to be.
_PATTERN_MEANINGS = {
    models.PLACE_ID_PATTERN: f"a valid place id: {models.PLACE_ID_RULE}",
    CATALOGUE_ID_PATTERN: (
        "a valid catalogue id: use lowercase letters and digits, in words joined by single hyphens"
    ),
    models.FRAMEWORK_ID_PATTERN: (
        "a valid id: use letters and digits, in words joined by single hyphens, dots or underscores"
    ),
    models.AREA_CODE_PATTERN: "an English area code such as E09000008",
    models.ICB_CODE_PATTERN: "an ICB code such as E54000031",
    models.REGION_CODE_PATTERN: "a region code such as E12000007",
    models.PERIOD_PATTERN: "a period: a year (2025) or a financial year (2025/26)",
}


class PlaceError(YamlProblems):
    """A place file cannot be loaded. `problems` lists each one as 'FILE line N, field 'F': …'."""

    subject = "the place files have"


def load_place(path: Path, catalogue: Catalogue, geography: Geography) -> Place:
    """Read one place file into a validated Place.

    Raises PlaceError listing every problem found (YAML syntax, keys written twice, unknown or
    missing fields, values outside their allowed set, catalogue ids not in the catalogue, area
    codes unknown or not in the place's boundary vintage, a region or ICB the areas are not in,
    duplicate outcome, priority or measure ids, an id that is not the file name), each naming
    file, line and field.

    Non-fatal findings (a measure on a discontinued indicator with no successor) are returned in
    `Place.warnings`.
    """
    place, problems = _load(Path(path), catalogue, geography)
    if place is None:
        raise PlaceError(problems)
    return place


def load_places(folder: Path, catalogue: Catalogue, geography: Geography) -> list[Place]:
    """Every place under `folder/places/` (folder is the catalogue folder, as for load_catalogue),
    in file-name order; PlaceError lists the problems of every file together."""
    directory = Path(folder) / PLACES_DIR
    paths = sorted(directory.glob("*.yaml")) if directory.is_dir() else []
    if not paths:
        raise PlaceError([f"{_display(directory)}: no *.yaml place files found"])
    places: list[Place] = []
    problems: list[str] = []
    for path in paths:
        place, file_problems = _load(path, catalogue, geography)
        problems += file_problems
        if place is not None:
            places.append(place)
    if problems:
        raise PlaceError(problems)
    return places


def load_review_cycle(path: Path) -> ReviewCycle:
    """Only the review block of a place file, checked as the Place model checks it: what the
    review sensor reads often and cheaply, without the catalogue and geography a whole place is
    checked against (those checks run when the place's assets do). PlaceError names the file,
    line and field of each problem."""
    path = Path(path)
    display = _display(path)
    try:
        document = read_yaml(path, display)
    except UnreadableYaml as error:
        raise PlaceError([str(error)]) from error
    if not isinstance(document.data, dict) or "review" not in document.data:
        raise PlaceError([f"{display} line 1: expected a mapping of place fields with a review"])
    try:
        return ReviewCycle.model_validate(document.data["review"])
    except ValidationError as error:
        raise PlaceError(
            [
                located(display, document, ("review", *item["loc"]), _message(item, document))
                for item in error.errors()
            ]
        ) from error


def _display(path: Path) -> str:
    # Relative to the repository where it lies inside it: 'indicator_catalogue/places/leeds.yaml'.
    path = path.resolve()
    return (
        path.relative_to(PROJECT_ROOT).as_posix()
        if path.is_relative_to(PROJECT_ROOT)
        else str(path)
    )


def _load(path: Path, catalogue: Catalogue, geography: Geography) -> tuple[Place | None, list[str]]:
    """The place (None if invalid) and the file's problems."""
    display = _display(path)
    try:
        document = read_yaml(path, display)
    except UnreadableYaml as error:
        return None, [str(error)]

    problems = [
        f"{display} line {line}, field {field_label(key_path)!r}: "
        f"key written twice (first on line {first_line}); YAML would keep only the last"
        for key_path, line, first_line in document.duplicate_keys()
    ]
    if not isinstance(document.data, dict):
        return None, [*problems, f"{display} line 1: expected a mapping of place fields"]
    references = PlaceReferences(catalogue, geography, file_stem=path.stem)
    try:
        place = Place.model_validate(document.data, context=references)
    except ValidationError as error:
        return None, problems + [_describe(item, document, display) for item in error.errors()]
    if problems:
        return None, problems
    place._warnings = _warnings(place, catalogue, document, display)
    return place, []


def _describe(error: Any, document: YamlDocument, display: str) -> str:
    return located(display, document, tuple(error["loc"]), _message(error, document))


def _message(error: Any, document: YamlDocument) -> str:
    if (message := common_message(error, _KNOWN_KEYS)) is not None:
        return message
    kind, value, context = error["type"], error.get("input"), error.get("ctx", {})
    if kind == "string_pattern_mismatch" and context.get("pattern") in _PATTERN_MEANINGS:
        return f"{value!r} is not {_PATTERN_MEANINGS[context['pattern']]}"
    if kind == "duplicate_id":
        return f"{error['msg']} (first defined on line {document.line_of(context['first'])})"
    return fallback_message(error)


def _warnings(
    place: Place, catalogue: Catalogue, document: YamlDocument, display: str
) -> list[str]:
    warnings = []
    for placed in place.measures():
        indicator_id = placed.measure.indicator
        if indicator_id is None:
            continue
        indicator = catalogue.by_id(indicator_id)
        if indicator.status is Status.DISCONTINUED and indicator.replaced_by is None:
            location = (*placed.location, "indicator")
            warnings.append(
                located(
                    display,
                    document,
                    location,
                    f"measure {placed.measure.id!r} uses discontinued indicator {indicator_id!r}, "
                    "which has no successor (replaced_by)",
                )
            )
    return warnings
