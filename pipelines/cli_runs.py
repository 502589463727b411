"""Running the pipeline from a command and reporting it: each run's steps as they finish, then the
published tables, or each failure in one line with what to do next. The command groups share it
(`outcomes refresh`, `outcomes reference load`, `outcomes review publish`, ...)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from pipelines.cli_errors import verbose
from pipelines.settings import Settings, command_log_path

if TYPE_CHECKING:
    import dagster as dg

    from assets.reviews.cadence import Review
    from pipelines.runner import RunRequest


def run_and_report(
    settings: Settings,
    request: RunRequest,
    place_ids: Sequence[str] = (),
    reviews: Sequence[Review] = (),
    record_dir: Path | None = None,
    dagster_instance: dg.DagsterInstance | None = None,
) -> None:
    """Run the pipeline (pipelines.runner) and print what it did; exit 1 if a step failed."""
    # Imported here: Dagster and the asset graph load only for the commands that run them.
    from pipelines.runner import failure_tracebacks, failures, run_pipeline

    if place_ids:
        click.echo(f"Places: {', '.join(place_ids)}")
    _keep_dagster_notices_in_the_log(settings.warehouse)
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
        if verbose():
            for traceback in failure_tracebacks(result):
                click.echo(traceback, err=True)
        else:
            runs = ", ".join(run.run_id for run in result.runs if not run.success)
            if runs:
                click.echo(
                    f"The tracebacks are in the run log (Dagster run {runs}); run again with "
                    "--verbose to print them.",
                    err=True,
                )
        sys.exit(1)
    for review in reviews:
        folder = settings.output_dir / review.place_id / review.review_id
        click.echo(f"{review.label} of {review.place_id}:")
        click.echo(f"  report    {folder / 'report.html'}")
        click.echo(f"  workbook  {folder / 'workbook.xlsx'}")


class _LogFile(logging.FileHandler):
    """A log file created (with its folder) only when something is written to it."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, encoding="utf-8", delay=True)
        self.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))

    def _open(self) -> TextIO:
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()


def _keep_dagster_notices_in_the_log(warehouse: Path) -> None:
    """Dagster's own notices that reach Python's logging unhandled (e.g. that a blocking dbt test
    emitted no result because its model was skipped, as it is when nothing changed) go to the
    log beside the warehouse being built, not between the progress lines."""
    engine = logging.getLogger("dagster._core")
    for handler in [h for h in engine.handlers if isinstance(h, _LogFile)]:
        engine.removeHandler(handler)
        handler.close()
    engine.addHandler(_LogFile(command_log_path(warehouse)))


def _print_progress(run: dg.ExecuteInProcessResult, instance: dg.DagsterInstance) -> None:
    from pipelines.progress import step_lines, warning_lines

    for line in step_lines(run):
        click.echo(line)
    for line in warning_lines(run, instance):
        click.echo(line, err=True)


def _print_summary(warehouse: Path) -> None:
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as connection:
        tables = connection.execute(
            "SELECT schema_name || '.' || table_name, estimated_size FROM duckdb_tables() "
            "WHERE schema_name IN ('conformed', 'marts') ORDER BY 1"
        ).fetchall()
    click.echo(f"Published {warehouse}")
    for name, rows in tables:
        click.echo(f"  {name:45} {rows:>10,} rows")
