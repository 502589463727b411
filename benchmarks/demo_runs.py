"""Whole runs on the synthetic demo world, for a small and a larger number of places: a full
refresh against one with nothing changed, and the time a place (with its review) adds, from the
two full refreshes, projected to all 153 Counties & UAs (measured, with `--places 15,153`).

    .venv/bin/python -m benchmarks.demo_runs [--places 3,6]

Each world is new (its own catalogue copy, demo folder and Dagster instance, kept across its runs as
DAGSTER_HOME's is by `outcomes refresh`); its places are the
catalogue's own files plus `place new` files for further Counties & UAs. The synthetic snapshot is
generated before the clock starts (the demo's first-use cost is not a refresh's). Goals (issue 14):
a no-change night ≤ 5% of a full refresh in time and ≤ 1% in bytes fetched; 153 places with their
reviews in ≤ 10 minutes, growing linearly.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.measure import figure, in_child, ratio

ALL_PLACES = 153
GOAL_NO_CHANGE_TIME = 0.05
GOAL_NO_CHANGE_BYTES = 0.01
GOAL_ALL_PLACES_SECONDS = 600


def _world(folder: Path, place_count: int) -> Path:
    """A catalogue copy with `place_count` places: the shipped ones, then `place new` files for
    the first further Counties & UAs by code."""
    from assets.catalogue import load_catalogue
    from assets.places import AreaType, OnsGeography, load_places, scaffold_place
    from assets.places.loader import PLACES_DIR
    from assets.places.scaffold import place_slug
    from assets.reference.bundle import current_bundle
    from pipelines.settings import PROJECT_ROOT

    catalogue_dir = folder / "catalogue"
    shutil.copytree(PROJECT_ROOT / "indicator_catalogue", catalogue_dir)
    places = catalogue_dir / PLACES_DIR
    catalogue = load_catalogue(catalogue_dir)
    geography = OnsGeography.from_bundle(current_bundle(PROJECT_ROOT / "reference"))
    vintage = AreaType.COUNTIES_UAS_APRIL_2023.value
    existing = load_places(catalogue_dir, catalogue, geography)
    taken = {area.code for place in existing for area in place.areas}
    codes = sorted(geography.codes_in_vintage(vintage) - taken)
    for code in codes[: max(0, place_count - len(existing))]:
        name = geography.name(code) or code
        slug = place_slug(name)
        text = scaffold_place(code, name, catalogue, geography, vintage=vintage, place_id=slug)
        (places / f"{slug}.yaml").write_text(text, encoding="utf-8")
    return catalogue_dir


def demo_runs(folder: str, place_count: int, passes: int) -> dict:
    """`passes` demo runs of a new world with `place_count` places: per run, its seconds, the
    all_data bytes fetched, the steps run and the Dagster runs made."""
    import dagster as dg

    from pipelines.runner import run_pipeline
    from pipelines.settings import Settings
    from synthetic.demo import prepare_demo

    root = Path(folder)
    catalogue_dir = _world(root, place_count)
    os.environ["OUTCOMES_CATALOGUE"] = str(catalogue_dir)
    os.environ["OUTCOMES_DEMO_DIR"] = str(root / "demo")
    settings = Settings.from_env()
    prepare_demo(settings, (), date.today(), lambda _: None)  # the snapshot, before the clock
    # One instance for every pass, as the live command line's (DAGSTER_HOME): its event log is
    # what tells a refresh that what it would build from the downloads is already built.
    instance = dg.DagsterInstance.ephemeral()
    results = []
    for _ in range(passes):
        started = time.perf_counter()
        run = prepare_demo(settings, (), date.today(), lambda _: None)
        finished: list[dg.ExecuteInProcessResult] = []
        result = run_pipeline(
            run.settings,
            run.request,
            run.place_ids,
            run.reviews,
            dagster_instance=instance,
            on_run=lambda dagster_run, _, done=finished: done.append(dagster_run),
        )
        if not result.success:
            raise RuntimeError(
                f"a demo run failed: {[r.job_def.name for r in result.runs if not r.success]}"
            )
        fetched = 0
        steps = 0
        for dagster_run in finished:
            for event in dagster_run.get_asset_materialization_events():
                steps += 1
                value = event.materialization.metadata.get("bytes_downloaded")
                fetched += int(value.value) if value is not None else 0
        results.append(
            {
                "seconds": time.perf_counter() - started,
                "bytes": fetched,
                "materializations": steps,
                "dagster_runs": len(result.runs),
            }
        )
    return {"places": len(run.place_ids), "runs": results}


def _no_change(count: int, full: dict, unchanged: dict) -> None:
    time_ratio = unchanged["seconds"] / full["seconds"]
    figure(
        f"no-change refresh ({count} places)",
        f"{unchanged['seconds']:.1f} s  {ratio(unchanged['seconds'], full['seconds'])}",
        f"{'meets' if time_ratio <= GOAL_NO_CHANGE_TIME else 'MISSES'} ≤ {GOAL_NO_CHANGE_TIME:.0%}; "
        f"{unchanged['dagster_runs']} Dagster runs, {unchanged['materializations']} materialisations",
    )
    byte_ratio = unchanged["bytes"] / full["bytes"] if full["bytes"] else 0.0
    figure(
        f"no-change bytes fetched ({count} places)",
        f"{unchanged['bytes']:,}  {byte_ratio:.2%}",
        f"{'meets' if byte_ratio <= GOAL_NO_CHANGE_BYTES else 'MISSES'} ≤ {GOAL_NO_CHANGE_BYTES:.0%}",
    )


def report(place_counts: list[int]) -> None:
    small, large = place_counts
    print(
        f"Demo world: a full refresh, then one with nothing changed, of {small} and {large} places"
    )
    with tempfile.TemporaryDirectory(prefix="bench-demo-") as folder:
        world = in_child("benchmarks.demo_runs.demo_runs", folder, small, 2)
    full, unchanged = world.extra["runs"]
    figure(
        "full refresh (demo)",
        f"{full['seconds']:.0f} s",
        f"{full['bytes']:,} bytes of all_data, {full['materializations']} materialisations, peak RSS {world.rss_mb:,.0f} MB",
    )
    _no_change(world.extra["places"], full, unchanged)
    with tempfile.TemporaryDirectory(prefix="bench-demo-") as folder:
        bigger = in_child("benchmarks.demo_runs.demo_runs", folder, large, 2)
    big, big_unchanged = bigger.extra["runs"]
    _no_change(bigger.extra["places"], big, big_unchanged)
    # What a place adds (its runs, its review, its share of the runs places share), from the two
    # worlds' full refreshes: the rest of a refresh is the same in both.
    small_count, large_count = world.extra["places"], bigger.extra["places"]
    per_place = (big["seconds"] - full["seconds"]) / (large_count - small_count)
    fixed = full["seconds"] - small_count * per_place
    for run, count in ((full, small_count), (big, large_count)):
        figure(
            f"{count} places",
            f"{run['seconds']:.0f} s",
            f"{run['dagster_runs']} Dagster runs; {per_place:.1f} s a place with its review, "
            f"{fixed:.0f} s for the rest",
        )
    projected = fixed + ALL_PLACES * per_place
    label = (
        "" if large_count == ALL_PLACES else f" (projected from {small_count} and {large_count})"
    )
    figure(
        f"{ALL_PLACES} places{label}",
        f"{projected / 60:.1f} min",
        f"{'meets' if projected <= GOAL_ALL_PLACES_SECONDS else 'MISSES'} ≤ "
        f"{GOAL_ALL_PLACES_SECONDS / 60:.0f} min; peak RSS {bigger.rss_mb:,.0f} MB",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", default="3,6", help="the small and the larger number of places")
    counts = [int(part) for part in parser.parse_args().places.split(",")]
    report(counts)


if __name__ == "__main__":
    main()
