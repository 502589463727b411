"""`outcomes review`: publish a place's review (frozen) with its report and workbook, or withdraw
one published by mistake.

Heavy libraries (Dagster, the warehouse) are imported inside the commands, so `outcomes --help`
and the other commands start quickly.
"""

from __future__ import annotations

import getpass
from datetime import date

import click

from pipelines.cli_errors import place_id_option
from pipelines.cli_runs import run_and_report
from pipelines.settings import Settings


@click.group()
def review() -> None:
    """Place reviews: publish the trend table (frozen) and its report and workbook; withdraw."""


def _chosen_review(settings: Settings, place_id: str, month: str | None):
    from assets.places.loader import PLACES_DIR
    from assets.reviews.cadence import Review, due_review

    if month is None:
        place_file = settings.catalogue_dir / PLACES_DIR / f"{place_id}.yaml"
        return due_review(place_file, date.today())
    try:
        return Review.from_partition_key(f"{place_id}|{month}")
    except ValueError as error:
        raise click.BadParameter(
            f"{month!r} is not a month like 2026-10", param_hint="--month"
        ) from error


@review.command("publish")
@place_id_option
@click.option(
    "--month",
    help="The review month, YYYY-MM (default: the place's latest review due by today).",
)
@click.option(
    "--off-cadence",
    is_flag=True,
    help="Publish a month that is not one of the place's review months (it becomes the next "
    "review's previous review).",
)
@click.option(
    "--no-new-data",
    is_flag=True,
    help="Publish although no measure has data newer than the previous review's.",
)
def review_publish(place_id: str, month: str | None, off_cadence: bool, no_new_data: bool) -> None:
    """Publish a place's review from the warehouse as it is; already published: files only.

    A month in the future or before the place's first published review is refused."""
    from pipelines.runner import RunRequest

    settings = Settings.from_env()
    chosen = _chosen_review(settings, place_id, month)
    request = RunRequest(pull_fingertips=False, off_cadence=off_cadence, no_new_data=no_new_data)
    run_and_report(settings, request, reviews=[chosen])


@review.command("withdraw")
@place_id_option
@click.option("--month", required=True, help="The published review's month, YYYY-MM.")
@click.option("--reason", required=True, help="Why it is withdrawn (kept with the review).")
@click.option(
    "--by",
    "withdrawn_by",
    default=getpass.getuser,
    show_default="your user name",
    help="Who withdraws it.",
)
def review_withdraw(place_id: str, month: str, reason: str, withdrawn_by: str) -> None:
    """Withdraw a published review: it is kept as published, marked withdrawn (who, why, when),
    and is never a later review's previous review. Its report is written again, marked."""
    from assets.reviews.publication import withdraw
    from assets.warehouse.store import Warehouse
    from pipelines.runner import RunRequest

    settings = Settings.from_env()
    chosen = _chosen_review(settings, place_id, month)
    try:
        with Warehouse(settings.warehouse).transaction() as connection:
            withdrawn_at = withdraw(connection, chosen, withdrawn_by, reason)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"Withdrew {place_id}'s {chosen.label} on {withdrawn_at:%d %B %Y %H:%M} UTC "
        f"(by {withdrawn_by}: {reason}); it is kept, marked withdrawn."
    )
    # The report, workbook and BI file say so too. Forced: the withdrawal was written outside a
    # Dagster run, so nothing the refresh observes (pipelines.night_plan) shows it.
    run_and_report(settings, RunRequest(pull_fingertips=False, force=True), reviews=[chosen])
