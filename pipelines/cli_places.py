"""`outcomes place`: scaffold a new place file and validate place files."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from assets.catalogue import Catalogue, CatalogueError, load_catalogue
from assets.places import (
    AreaType,
    OnsGeography,
    Place,
    PlaceError,
    load_place,
    load_places,
    scaffold_place,
)
from assets.places.loader import PLACES_DIR
from assets.places.models import PLACE_ID_PATTERN, PLACE_ID_RULE
from assets.places.scaffold import place_slug
from pipelines.settings import Settings

_reference_dir = click.option(
    "--reference-dir",
    default=lambda: Settings.from_env().reference_dir,
    show_default="OUTCOMES_REFERENCE_DIR, else reference/",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder whose bundles/ holds the reference bundles; the newest is read (the one shipped "
    "in the repository when there is none).",
)


def _references(reference_dir: Path) -> tuple[Catalogue, OnsGeography]:
    # Imported here: the bundle brings Polars and DuckDB, which `outcomes --help` need not wait for.
    from assets.reference.bundle import ReferenceBundleError, current_bundle

    try:
        catalogue = load_catalogue(Settings.from_env().catalogue_dir)
        geography = OnsGeography.from_bundle(current_bundle(reference_dir))
    except (CatalogueError, ReferenceBundleError) as error:
        raise click.ClickException(str(error)) from error
    return catalogue, geography


@click.group()
def place() -> None:
    """Places: one YAML file each, with its shared outcomes framework."""


@place.command("new")
@click.option("--code", required=True, help="County & UA area code, e.g. E08000035.")
@click.option("--name", required=True, help="The place's name, e.g. Leeds.")
@click.option(
    "--vintage",
    type=click.Choice([str(t.value) for t in AreaType]),
    default=str(AreaType.COUNTIES_UAS_APRIL_2023.value),
    show_default=True,
    help="Fingertips area type (boundary vintage) of the code.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: <catalogue>/places/<slug of name>.yaml); its name is the id.",
)
@_reference_dir
def place_new(code: str, name: str, vintage: str, output: Path | None, reference_dir: Path) -> None:
    """Write a new place file from the national defaults (PHOF domains), refusing to overwrite."""
    if output is None:
        output = Settings.from_env().catalogue_dir / PLACES_DIR / f"{place_slug(name)}.yaml"
    if not re.fullmatch(PLACE_ID_PATTERN, output.stem):
        raise click.UsageError(f"the file name {output.name!r} is the place id: {PLACE_ID_RULE}")
    catalogue, geography = _references(reference_dir)
    try:
        text = scaffold_place(
            code, name, catalogue, geography, vintage=int(vintage), place_id=output.stem
        )
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        # "x": create only, so an existing place file is never overwritten.
        with output.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise click.ClickException(f"{output} already exists; not overwritten") from None
    _report([load_place(output, catalogue, geography)])
    click.echo(str(output))


@place.command("validate")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_reference_dir
def place_validate(files: tuple[Path, ...], reference_dir: Path) -> None:
    """Validate place files (default: every file in <catalogue>/places/); exit 1 on problems."""
    catalogue, geography = _references(reference_dir)
    places: list[Place] = []
    problems: list[str] = []
    if files:
        for file in files:
            try:
                places.append(load_place(file, catalogue, geography))
            except PlaceError as error:
                problems += error.problems
    else:
        try:
            places = load_places(Settings.from_env().catalogue_dir, catalogue, geography)
        except PlaceError as error:
            problems = error.problems
    _report(places)
    if problems:
        click.echo(str(PlaceError(problems)), err=True)
        sys.exit(1)


def _report(places: list[Place]) -> None:
    for loaded in places:
        measures = sum(1 for _ in loaded.measures())
        click.echo(
            f"{loaded.id}: {len(loaded.shared_outcomes)} shared outcomes, {measures} measures"
        )
        for warning in loaded.warnings:
            click.echo(f"  warning: {warning}", err=True)
