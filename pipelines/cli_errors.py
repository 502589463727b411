"""How the command line fails: the first lines say what went wrong and what to do; tracebacks go
to the log (settings.command_log_path, or Dagster's run log for a step), and --verbose prints them.
Also the checks on arguments every command shares (place ids)."""

from __future__ import annotations

import re
import traceback
from datetime import datetime

import click

from assets.places.models import PLACE_ID_PATTERN, PLACE_ID_RULE
from pipelines.settings import SettingsError, command_log_path


def verbose() -> bool:
    """Whether `outcomes --verbose` was given (False outside a command)."""
    context = click.get_current_context(silent=True)
    return bool(context and context.find_root().params.get("verbose"))


def check_place_id(
    _context: click.Context, parameter: click.Parameter, value: str | tuple[str, ...] | None
) -> str | tuple[str, ...] | None:
    """A click callback: each place id given matches PLACE_ID_PATTERN, which keeps it a file name
    inside the places folder (no "../", no "/")."""
    for place_id in (value,) if isinstance(value, str) else value or ():
        if not re.fullmatch(PLACE_ID_PATTERN, place_id):
            raise click.BadParameter(
                f"{place_id!r} is not a place id (a place file's name without .yaml): "
                f"{PLACE_ID_RULE}",
                param=parameter,
            )
    return value


# `--place ID`, for a command about one place.
place_id_option = click.option(
    "--place",
    "place_id",
    required=True,
    callback=check_place_id,
    help="The place id (its file name).",
)

# Errors our own packages raise carry messages written for users; others keep their type's name.
OUR_PACKAGES = ("assets.", "pipelines.", "synthetic.")


class CommandGroup(click.Group):
    """The `outcomes` group: an error that escapes a command becomes its cause and the next step,
    not a traceback (which goes to the log, and with --verbose after them)."""

    def invoke(self, context: click.Context) -> object:
        try:
            return super().invoke(context)
        except SettingsError as error:
            raise click.ClickException(
                f"{error}. Correct it (or unset it for the default) and run the command again."
            ) from error
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as error:  # noqa: BLE001 (anything else: the log keeps its traceback)
            _report_unexpected(error, context)
            context.exit(1)


def _report_unexpected(error: Exception, context: click.Context) -> None:
    text = "".join(traceback.format_exception(error))
    log = command_log_path()
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as handle:
            when = datetime.now().isoformat(timespec="seconds")
            handle.write(f"{when} {context.command_path} {context.invoked_subcommand}\n{text}")
    except OSError as log_error:
        where = f"could not be written to {log} ({log_error})"
    else:
        where = f"is in {log}"
    message = str(error).strip() or "(no message)"
    if not type(error).__module__.startswith(OUR_PACKAGES):
        message = f"{type(error).__module__}.{type(error).__name__}: {message}"
    click.echo(f"Error: {message}", err=True)
    if verbose():
        click.echo(text, err=True, nl=False)
        click.echo(f"The traceback {where}.", err=True)
    else:
        click.echo(f"The traceback {where}; run again with --verbose to print it.", err=True)
