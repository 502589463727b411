"""`outcomes`: the command line for the common jobs (demo, refresh, ad hoc ingest, snapshots)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import click
import dagster as dg
import duckdb

from assets.catalogue import CatalogueError
from assets.extracts.declared_sources import place_ids
from assets.places import PlaceError
from assets.places.rows import measure_rows
from assets.places.succession import place_area_types
from assets.reference.bundle import ReferenceBundleError
from assets.reviews.cadence import Review
from assets.warehouse.schema_docs import schema_markdown
from pipelines import cli_reviews
from pipelines.cli_doctor import doctor
from pipelines.cli_places import place
from pipelines.cli_reference import reference
from pipelines.progress import step_lines, warning_lines
from pipelines.resources import PlacesResource
from pipelines.runner import RunRequest, failures, run_pipeline
from pipelines.settings import Settings, parse_area_type_pairs
from synthetic.demo import DemoError, prepare_demo


def _indicator_ids(text: str) -> list[int]:
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise click.BadParameter(
            f"{text!r} is not a comma-separated list of indicator ids"
        ) from error


def _run(
    settings: Settings,
    request: RunRequest,
    place_ids: Sequence[str] = (),
    reviews: Sequence[Review] = (),
    record_dir: Path | None = None,
    dagster_instance: dg.DagsterInstance | None = None,
) -> None:
    if place_ids:
        click.echo(f"Places: {', '.join(place_ids)}")
    result = run_pipeline(
        settings,
        request,
        place_ids=place_ids,
        reviews=reviews,
        record_dir=record_dir,
        dagster_instance=dagster_instance,
        on_run=_print_progress,
        on_notice=lambda text: click.echo(text, err=True),
    )
    if result.published:
        _print_summary(settings.warehouse)
    if not result.success:
        for message in failures(result):
            click.echo(f"error in {message}", err=True)
        if result.published:
            click.echo("Everything else was loaded and published.", err=True)
        else:
            click.echo(
                f"The published warehouse {settings.warehouse} was left as it was.", err=True
            )
        sys.exit(1)
    for review in reviews:
        folder = settings.output_dir / review.place_id / review.review_id
        click.echo(f"{review.label} of {review.place_id}:")
        click.echo(f"  report    {folder / 'report.html'}")
        click.echo(f"  workbook  {folder / 'workbook.xlsx'}")


def _print_progress(run: dg.ExecuteInProcessResult, instance: dg.DagsterInstance) -> None:
    for line in step_lines(run):
        click.echo(line)
    for line in warning_lines(run, instance):
        click.echo(line, err=True)


def _print_summary(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        tables = connection.execute(
            "SELECT schema_name || '.' || table_name, estimated_size FROM duckdb_tables() "
            "WHERE schema_name IN ('conformed', 'marts') ORDER BY 1"
        ).fetchall()
    click.echo(f"Published {warehouse}")
    for name, rows in tables:
        click.echo(f"  {name:45} {rows:>10,} rows")


@click.group()
def main() -> None:
    """Shared outcomes warehouse: Fingertips and local data into one DuckDB file."""


@main.command()
@click.option(
    "--place",
    "place_ids",
    multiple=True,
    help="A place id (its file name); repeat for more. Default: every place file.",
)
def demo(place_ids: tuple[str, ...]) -> None:
    """Build places end to end from SYNTHETIC data under demo/ (OUTCOMES_DEMO_DIR): no network."""
    try:
        run = prepare_demo(Settings.from_env(), place_ids, date.today(), click.echo)
    except (DemoError, ReferenceBundleError) as error:
        raise click.ClickException(str(error)) from error
    # Its runs stay out of DAGSTER_HOME too: the live instance's materialisations and partitions
    # (what `dagster dev` shows and the review sensor waits on) describe the live warehouse.
    _run(
        run.settings,
        run.request,
        run.place_ids,
        run.reviews,
        dagster_instance=dg.DagsterInstance.ephemeral(),
    )


def _all_places(settings: Settings) -> list[str]:
    return sorted(place_ids(settings.catalogue_dir))


@main.command()
@click.option("--force", is_flag=True, help="Download every indicator, changed or not.")
@click.option(
    "--accept-removals",
    is_flag=True,
    help="Let downloads take values away (an indicator with fewer rows, or none).",
)
def refresh(force: bool, accept_removals: bool) -> None:
    """Incremental refresh: changed Fingertips indicators, waiting extracts, every place; publish."""
    settings = Settings.from_env()
    request = RunRequest(force=force, accept_removals=accept_removals, read_extracts=True)
    _run(settings, request, _all_places(settings))


@reference.command("load")
def reference_load() -> None:
    """Load the newest reference bundle (IMD, LSOA lookups, populations) into the warehouse."""
    settings = Settings.from_env()
    _run(settings, RunRequest(load_reference=True, pull_fingertips=False))


@main.command("run")
@click.option("--place", "place_id", required=True, help="The place id (its file name).")
@click.option("--force", is_flag=True, help="Download even if nothing changed.")
def run_place(place_id: str, force: bool) -> None:
    """Pull one place's indicators and rebuild only that place's assets, then publish."""
    settings = Settings.from_env()
    try:
        places = PlacesResource.from_settings(settings)
        catalogue = places.catalogue()
        place = places.load(place_id, catalogue, places.geography())
    except (KeyError, PlaceError, CatalogueError, ReferenceBundleError) as error:
        raise click.ClickException(str(error)) from error
    indicator_ids = sorted(
        {
            row["fingertips_indicator_id"]
            for row in measure_rows(place, catalogue)
            if row["fingertips_indicator_id"] is not None
        }
    )
    area_types = ",".join(f"{area_type}:6" for area_type in place_area_types(place))
    _run(settings, RunRequest(indicator_ids, area_types, force=force), [place_id])


@main.command()
@click.option("--indicators", required=True, help="Comma-separated Fingertips indicator ids.")
@click.option("--area-type", "area_type", type=int, help="Child area type id, e.g. 502.")
@click.option(
    "--parent-area-type",
    type=int,
    default=6,
    show_default=True,
    help="Parent area type id to compare with (6 = regions, 15 = England).",
)
@click.option(
    "--every-area-type", is_flag=True, help="Pull every area type the indicators are published for."
)
@click.option("--force", is_flag=True, help="Download even if nothing changed.")
@click.option(
    "--accept-removals",
    is_flag=True,
    help="Let downloads take values away (an indicator with fewer rows, or none).",
)
def ingest(
    indicators: str,
    area_type: int | None,
    parent_area_type: int,
    every_area_type: bool,
    force: bool,
    accept_removals: bool,
) -> None:
    """Ad hoc pull of any Fingertips indicators into the warehouse."""
    area_types = f"{area_type}:{parent_area_type}" if area_type else ""
    if area_types:
        parse_area_type_pairs(area_types)
    _run(
        Settings.from_env(),
        RunRequest(_indicator_ids(indicators), area_types, every_area_type, force, accept_removals),
    )


@main.group()
def snapshot() -> None:
    """Record a run's raw responses, to replay later with FINGERTIPS_SNAPSHOT=DIR."""


@snapshot.command("record")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--indicators", default="", help="Comma-separated ids (default: the catalogue's).")
def snapshot_record(folder: Path, indicators: str) -> None:
    """Run a full (forced) refresh against the live API, saving every response in FOLDER."""
    settings = Settings.from_env()
    if settings.fingertips.snapshot_dir is not None:
        raise click.UsageError("unset FINGERTIPS_SNAPSHOT to record from the live API")
    _run(settings, RunRequest(_indicator_ids(indicators), force=True), record_dir=folder)
    click.echo(
        f"Recorded the run's responses in {folder}; replay with FINGERTIPS_SNAPSHOT={folder}"
    )


main.add_command(place)
main.add_command(cli_reviews.review)
main.add_command(reference)
main.add_command(doctor)


@main.group()
def docs() -> None:
    """Documentation generated from the project's own descriptions."""


@docs.command("schema")
def docs_schema() -> None:
    """Print the warehouse schema (tables BI tools read) as Markdown, for the README."""
    click.echo(schema_markdown())
