"""`outcomes review`: publish a place's review (frozen) with its report and workbook.

Heavy libraries (Dagster, the warehouse) are imported inside the commands, so `outcomes --help`
and the other commands start quickly.
"""

from __future__ import annotations

from datetime import date

import click

from pipelines.settings import Settings


@click.group()
def review() -> None:
    """Place reviews: publish the trend table (frozen) and its report and workbook."""


@review.command("publish")
@click.option("--place", "place_id", required=True, help="The place id (its file name).")
@click.option(
    "--month",
    help="The review month, YYYY-MM (default: the place's latest review due by today).",
)
def review_publish(place_id: str, month: str | None) -> None:
    """Publish a place's review from the warehouse as it is; already published: files only."""
    from assets.places.loader import PLACES_DIR
    from assets.reviews.cadence import Review, due_review
    from pipelines.cli import _run
    from pipelines.runner import RunRequest

    settings = Settings.from_env()
    if month:
        try:
            chosen = Review.from_partition_key(f"{place_id}|{month}")
        except ValueError as error:
            raise click.BadParameter(f"{month!r} is not a month like 2026-10") from error
    else:
        chosen = due_review(settings.catalogue_dir / PLACES_DIR / f"{place_id}.yaml", date.today())
    _run(settings, RunRequest(pull_fingertips=False), reviews=[chosen])
