"""`outcomes reference`: the reference bundle in use, building a new one, loading it. What each
command needs is imported when it runs, so `outcomes --help` never waits for it."""

from __future__ import annotations

from pathlib import Path

import click

from pipelines.cli_runs import run_and_report
from pipelines.settings import Settings


@click.group(invoke_without_command=True)
@click.pass_context
def reference(context: click.Context) -> None:
    """Reference data (IMD, ONS LSOA and council lookups, populations, nearest neighbours): one
    versioned bundle; with no subcommand, say which bundle is in use and what it holds."""
    if context.invoked_subcommand is not None:
        return
    from assets.reference.bundle import ReferenceBundleError, current_bundle

    try:
        bundle = current_bundle(Settings.from_env().reference_dir)
    except ReferenceBundleError as error:
        raise click.ClickException(str(error)) from error
    manifest = bundle.manifest
    click.echo(f"Reference bundle {bundle.version} ({bundle.folder}), built {manifest['built_at']}")
    for table, entry in manifest["tables"].items():
        click.echo(f"  {table:24} {entry['rows']:>9,} rows")
    for name, dataset in manifest["datasets"].items():
        click.echo(f"  {name:24} {dataset['publication']} ({dataset['release']})")


@reference.command("update")
@click.option(
    "--sources",
    "sources_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="The sources file (default: <OUTCOMES_REFERENCE_DIR>/sources.yaml, else the shipped one).",
)
@click.option("--version", help="The new bundle's version (default: YYYY.MM.N, the next one).")
def reference_update(sources_file: Path | None, version: str | None) -> None:
    """Download the official files in the sources file, check them, and write a new bundle
    (nothing is written unless every check passes; the previous bundle stays)."""
    from assets.reference.builder import BuildOptions, build_bundle
    from assets.reference.download import ReferenceDownloadError
    from assets.reference.errors import ReferenceDataError
    from assets.reference.sources import SourcesError, default_sources

    settings = Settings.from_env()
    sources_file = sources_file or default_sources(settings.reference_dir)
    options = BuildOptions(
        connect_timeout=settings.fingertips.connect_timeout,
        read_timeout=settings.fingertips.read_timeout,
        version=version,
        progress=click.echo,
    )
    try:
        bundle = build_bundle(sources_file, settings.reference_dir, options)
    except (
        ReferenceDownloadError,
        ReferenceDataError,
        SourcesError,
        FileExistsError,
    ) as error:
        raise click.ClickException(f"{error}. No bundle was written.") from error
    click.echo(f"Wrote reference bundle {bundle.version} in {bundle.folder}")
    click.echo("Load it into the warehouse with `outcomes reference load`.")


@reference.command("load")
def reference_load() -> None:
    """Load the newest reference bundle (IMD, LSOA lookups, populations) into the warehouse."""
    from pipelines.runner import RunRequest

    run_and_report(Settings.from_env(), RunRequest(load_reference=True, pull_fingertips=False))
