"""`outcomes`: the command line for the common jobs (demo, refresh, ad hoc ingest, snapshots).

It answers `--help` and argument errors at once: this module and the command groups it adds
(cli_places, cli_reference, cli_doctor, ...) import only click, the settings and the place models
at the top; Dagster, dbt, Polars, matplotlib and the asset graph load inside the commands that
run them. A group in a module of its own plugs in with `main.add_command` below, and runs the
pipeline through `pipelines.cli_runs.run_and_report`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from pipelines.cli_doctor import doctor
from pipelines.cli_errors import CommandGroup, check_place_id, place_id_option
from pipelines.cli_places import place
from pipelines.cli_reference import reference
from pipelines.cli_reviews import review
from pipelines.cli_runs import run_and_report
from pipelines.settings import Settings


def _indicator_ids(_context: click.Context, _parameter: click.Parameter, text: str) -> list[int]:
    """A click callback: "93356,90366" → [93356, 90366]."""
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise click.BadParameter(
            f"{text!r} is not a comma-separated list of indicator ids"
        ) from error


@click.group(cls=CommandGroup)
@click.option(
    "--verbose",
    is_flag=True,
    help="On failure, print the tracebacks too (they are always kept in the log).",
)
def main(verbose: bool) -> None:
    """Shared outcomes warehouse: Fingertips and local data into one DuckDB file."""


@main.command()
@click.option(
    "--place",
    "place_ids",
    multiple=True,
    callback=check_place_id,
    help="A place id (its file name); repeat for more. Default: every place file.",
)
def demo(place_ids: tuple[str, ...]) -> None:
    """Build places end to end from SYNTHETIC data under demo/ (OUTCOMES_DEMO_DIR): no network."""
    import dagster as dg

    from assets.reference.bundle import ReferenceBundleError
    from synthetic.demo import DemoError, prepare_demo

    try:
        run = prepare_demo(Settings.from_env(), place_ids, date.today(), click.echo)
    except (DemoError, ReferenceBundleError) as error:
        raise click.ClickException(str(error)) from error
    # Its runs stay out of DAGSTER_HOME too: the live instance's materialisations and partitions
    # (what `dagster dev` shows and the review sensor waits on) describe the live warehouse.
    run_and_report(
        run.settings,
        run.request,
        run.place_ids,
        run.reviews,
        dagster_instance=dg.DagsterInstance.ephemeral(),
    )


def _all_places(settings: Settings) -> list[str]:
    from assets.extracts.declared_sources import place_ids

    return sorted(place_ids(settings.catalogue_dir))


@main.command()
@click.option(
    "--force", is_flag=True, help="Download every indicator and rebuild everything, changed or not."
)
@click.option(
    "--accept-removals",
    is_flag=True,
    help="Let downloads take values away (an indicator with fewer rows, or none).",
)
def refresh(force: bool, accept_removals: bool) -> None:
    """Incremental refresh: changed Fingertips indicators, waiting extracts, the places they
    change; publish. With nothing changed, nothing runs."""
    from pipelines.runner import RunRequest

    settings = Settings.from_env()
    request = RunRequest(force=force, accept_removals=accept_removals, read_extracts=True)
    run_and_report(settings, request, _all_places(settings))


@main.command("run")
@place_id_option
@click.option("--force", is_flag=True, help="Download even if nothing changed.")
def run_place(place_id: str, force: bool) -> None:
    """Pull one place's indicators and rebuild only that place's assets, then publish."""
    from assets.catalogue import CatalogueError
    from assets.places import PlaceError
    from assets.places.rows import measure_rows
    from assets.places.succession import place_area_types
    from assets.reference.bundle import ReferenceBundleError
    from pipelines.resources import PlacesResource
    from pipelines.runner import RunRequest

    settings = Settings.from_env()
    try:
        places = PlacesResource.from_settings(settings)
        catalogue = places.catalogue()
        place = places.load(place_id, catalogue, places.geography())
    except (PlaceError, CatalogueError, ReferenceBundleError) as error:
        raise click.ClickException(str(error)) from error
    except KeyError as error:
        # No such place file: the message names the folder looked in.
        raise click.ClickException(error.args[0]) from error
    indicator_ids = sorted(
        {
            row["fingertips_indicator_id"]
            for row in measure_rows(place, catalogue)
            if row["fingertips_indicator_id"] is not None
        }
    )
    area_types = ",".join(f"{area_type}:6" for area_type in place_area_types(place))
    run_and_report(settings, RunRequest(indicator_ids, area_types, force=force), [place_id])


@main.command()
@click.option(
    "--indicators",
    "indicator_ids",
    required=True,
    callback=_indicator_ids,
    help="Comma-separated Fingertips indicator ids.",
)
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
    indicator_ids: list[int],
    area_type: int | None,
    parent_area_type: int,
    every_area_type: bool,
    force: bool,
    accept_removals: bool,
) -> None:
    """Ad hoc pull of any Fingertips indicators into the warehouse."""
    from pipelines.runner import RunRequest

    area_types = f"{area_type}:{parent_area_type}" if area_type else ""
    request = RunRequest(indicator_ids, area_types, every_area_type, force, accept_removals)
    run_and_report(Settings.from_env(), request)


@main.group()
def snapshot() -> None:
    """Record a run's raw responses, to replay later with FINGERTIPS_SNAPSHOT=DIR."""


@snapshot.command("record")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--indicators",
    "indicator_ids",
    default="",
    callback=_indicator_ids,
    help="Comma-separated ids (default: the catalogue's).",
)
def snapshot_record(folder: Path, indicator_ids: list[int]) -> None:
    """Run a full (forced) refresh against the live API, saving every response in FOLDER."""
    from pipelines.runner import RunRequest

    settings = Settings.from_env()
    if settings.fingertips.snapshot_dir is not None:
        raise click.UsageError("unset FINGERTIPS_SNAPSHOT to record from the live API")
    run_and_report(settings, RunRequest(indicator_ids, force=True), record_dir=folder)
    click.echo(
        f"Recorded the run's responses in {folder}; replay with FINGERTIPS_SNAPSHOT={folder}"
    )


@main.group()
def docs() -> None:
    """Documentation generated from the project's own descriptions."""


@docs.command("schema")
def docs_schema() -> None:
    """Print the warehouse schema (tables BI tools read) as Markdown, for the README."""
    from assets.warehouse.schema_docs import schema_markdown

    click.echo(schema_markdown())


main.add_command(place)
main.add_command(reference)
main.add_command(doctor)
main.add_command(review)
