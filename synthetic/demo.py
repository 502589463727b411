"""The demo: any place built end to end from synthetic data, with no network, in a world of its own.

`outcomes demo [--place ID ...]` runs the whole pipeline for place files of the catalogue (all of
them by default) against a SYNTHETIC Fingertips snapshot (`synthetic.fingertips_snapshot`,
generated on first use) and synthetic LSOA extracts for each place's Core20 measures. Everything it
writes lives under Settings.demo_dir (OUTCOMES_DEMO_DIR, default demo/): its own warehouse, outputs,
drop folders and snapshot, so synthetic reviews never reach the live warehouse.
"""

from __future__ import annotations

import dataclasses
import re
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from assets.catalogue import load_catalogue
from assets.catalogue.models import Catalogue, Polarity
from assets.extracts.declarations import SourceDeclaration
from assets.extracts.declared_sources import DeclaredSource, load_sources, sources_folder
from assets.extracts.locations import DropFolders
from assets.fingertips.snapshot import snapshot_indicator_ids
from assets.geography import LSOA_LEVELS
from assets.periods import PeriodFormat
from assets.places import OnsGeography, Place, PlaceError, load_places
from assets.places.loader import PLACES_DIR
from assets.reference.bundle import ReferenceBundle, current_bundle
from assets.reviews.cadence import Review, latest_due_review
from pipelines.runner import RunRequest
from pipelines.settings import Settings
from synthetic.fingertips_snapshot import (
    AREA_TYPE_PAIRS,
    NEW_TYPE_ID,
    OLD_TYPE_ID,
    DemoArea,
    ensure_demo_snapshot,
)
from synthetic.indicators import DemoIndicator, demo_indicators
from synthetic.lsoa_extracts import write_synthetic_extract

# The synthetic LSOA extracts' periods: the five financial (or calendar) years to 2024/25.
EXTRACT_YEARS = range(2020, 2025)
# How much worse the most deprived decile fares than England's level, and how much better the
# least deprived, in the synthetic LSOA extracts (a made-up gradient of the usual direction).
MOST_DEPRIVED_FACTOR = 1.3
LEAST_DEPRIVED_FACTOR = 0.8
# A local measure's level when its declaration gives no value range: a share of a half.
LOCAL_SHARE = 0.5
SUPPRESS_BELOW = 5


class DemoError(ValueError):
    """A demo that cannot run as asked (an unknown place, a period format it cannot write)."""


@dataclass(frozen=True)
class DemoRun:
    """What `outcomes demo` runs: the demo world's settings, the pull, the places, the reviews."""

    settings: Settings
    request: RunRequest
    place_ids: list[str]
    reviews: list[Review]


def demo_world(settings: Settings) -> Settings:
    """The settings of the demo's own world under demo_dir; the catalogue and the reference data
    stay the user's (the shipped reference bundle when OUTCOMES_REFERENCE_DIR has none)."""
    world = settings.demo_dir
    return dataclasses.replace(
        settings,
        warehouse=world / "warehouse" / "outcomes.duckdb",
        output_dir=world / "outputs",
        drop_dir=world / "drop",
        area_types=",".join(f"{child}:{parent}" for child, parent in AREA_TYPE_PAIRS),
    )


def demo_areas(bundle: ReferenceBundle) -> list[DemoArea]:
    """The Counties & UAs of April 2023 (502) and April 2021 (402) with their regions."""
    return [
        DemoArea(**row)
        for row in bundle.frame("upper_tier_areas")
        .filter(pl.col("area_type").is_in([NEW_TYPE_ID, OLD_TYPE_ID]))
        .select(
            "area_type",
            code="area_code",
            name="area_name",
            region_code="region_code",
            region_name="region_name",
        )
        .sort("area_type", "code")
        .iter_rows(named=True)
    ]


def load_demo_places(catalogue_dir: Path, bundle: ReferenceBundle) -> tuple[Catalogue, list[Place]]:
    """The catalogue and every place file, checked as every run checks them."""
    catalogue = load_catalogue(catalogue_dir)
    try:
        places = load_places(catalogue_dir, catalogue, OnsGeography.from_bundle(bundle))
    except PlaceError as error:
        raise DemoError(f"{error}\n`outcomes place validate` checks a place file") from error
    return catalogue, places


def prepare_demo(
    settings: Settings,
    chosen: Sequence[str],
    today: date,
    say: Callable[[str], None] = print,
) -> DemoRun:
    """Generate (or reuse) the demo snapshot, write the places' synthetic extracts, and say what
    to run: every place file, or the ones chosen."""
    world = demo_world(settings)
    bundle = current_bundle(world.reference_dir)
    catalogue, every_place = load_demo_places(settings.catalogue_dir, bundle)
    by_id = {place.id: place for place in every_place}
    unknown = [place_id for place_id in chosen if place_id not in by_id]
    if unknown:
        folder = settings.catalogue_dir / PLACES_DIR
        raise DemoError(
            f"no place file {', '.join(str(folder / f'{p}.yaml') for p in unknown)}; "
            "`outcomes place new --code CODE --name NAME` writes one"
        )
    places = [by_id[place_id] for place_id in sorted(set(chosen) or by_id)]
    indicators = demo_indicators(catalogue, every_place)
    # A new snapshot (a changed catalogue, place file or generator) keeps the synthetic upload
    # dates, so the incremental pull must be told to take it whole.
    snapshot, fresh = ensure_demo_snapshot(
        settings.demo_dir / "snapshot", indicators, demo_areas(bundle)
    )
    say(f"Replaying the SYNTHETIC demo snapshot in {snapshot} (made-up values, not real data)")
    world = dataclasses.replace(
        world, fingertips=dataclasses.replace(world.fingertips, snapshot_dir=snapshot)
    )
    sources = load_sources(sources_folder(settings.catalogue_dir), catalogue, set(by_id))
    for place in places:
        for path in write_core20_extracts(world, bundle, place, catalogue, sources, indicators):
            say(f"Wrote the synthetic LSOA extract {path}")
    request = RunRequest(
        snapshot_indicator_ids(snapshot),
        world.area_types,
        force=fresh,
        # The reference files take most of a run to load: once, when the demo world is new.
        load_reference=not world.warehouse.exists(),
        read_extracts=True,
    )
    reviews = [
        latest_due_review(place.id, place.review.cadence, place.review.month, today)
        for place in places
    ]
    return DemoRun(world, request, [place.id for place in places], reviews)


def _core20_measures(place: Place) -> dict[str, Polarity | None]:
    """The indicator key ("<catalogue id>" or "<place>:<measure>" for a local measure) of each
    measure marked core20, with the local measure's polarity (None: a catalogue indicator's)."""
    return {
        placed.measure.indicator_key(place.id): (
            placed.measure.local.polarity if placed.measure.local else None
        )
        for placed in place.measures()
        if placed.measure.core20
    }


def write_core20_extracts(
    world: Settings,
    bundle: ReferenceBundle,
    place: Place,
    catalogue: Catalogue,
    sources: Sequence[DeclaredSource],
    indicators: Mapping[int, DemoIndicator],
) -> list[Path]:
    """Synthetic LSOA files for each Core20 measure of the place that a synthetic LSOA source is
    declared for, into the demo's drop folders; none for a source the demo has already read."""
    measures = _core20_measures(place)
    drop = DropFolders(world.drop_dir)
    written = []
    for source in sources:
        declaration = source.declaration
        indicator = declaration.fixed.indicator
        if not (
            declaration.place == place.id
            and declaration.synthetic
            and declaration.geography in LSOA_LEVELS
            and indicator in measures
        ):
            continue
        incoming = drop.incoming(declaration.arrives.folder)
        if any(drop.archive(declaration.id).glob("*")) or any(incoming.glob("*")):
            continue  # already read (or waiting): a second demo run adds nothing
        if measures[indicator] is None:
            share, higher_is_better = _catalogue_level(catalogue, indicators, indicator)
        else:
            share = _local_level(declaration)
            higher_is_better = measures[indicator] is Polarity.HIGHER_IS_BETTER
        worse, better = share * MOST_DEPRIVED_FACTOR, share * LEAST_DEPRIVED_FACTOR
        written += write_synthetic_extract(
            declaration.id,
            place.area_codes[0],
            _periods(declaration),
            ages=_age_band(declaration.fixed.age),
            rates=(better, worse) if higher_is_better else (worse, better),
            suppress_below=SUPPRESS_BELOW,
            # A seed per source, stable across runs and Python processes.
            seed=zlib.crc32(declaration.id.encode()),
            bundle=bundle,
            catalogue=world.catalogue_dir,
            out=incoming,
        )
    return written


def _catalogue_level(
    catalogue: Catalogue, indicators: Mapping[int, DemoIndicator], indicator_id: str
) -> tuple[float, bool]:
    """England's latest synthetic level of a catalogue indicator, as a share, and its polarity."""
    entry = catalogue.by_id(indicator_id)
    demo = indicators[entry.fingertips_id]
    level = demo.england[0] + demo.slope * (len(demo.periods) - 1)
    return min(max(level / demo.unit_value, 0.0), 1.0), entry.polarity is Polarity.HIGHER_IS_BETTER


def _local_level(declaration: SourceDeclaration) -> float:
    """The middle of a local measure's declared value range, as a share."""
    bounds = declaration.value_range
    if bounds is None or None in (bounds.min, bounds.max, declaration.value_per):
        return LOCAL_SHARE
    return (bounds.min + bounds.max) / 2 / declaration.value_per


def _periods(declaration: SourceDeclaration) -> list[str]:
    if declaration.period_format is PeriodFormat.CALENDAR_YEAR:
        return [str(year) for year in EXTRACT_YEARS]
    if declaration.period_format in (PeriodFormat.FINANCIAL_YEAR, PeriodFormat.ACADEMIC_YEAR):
        return [f"{year}/{(year + 1) % 100:02d}" for year in EXTRACT_YEARS]
    raise DemoError(
        f"the demo writes synthetic files for yearly periods only; {declaration.id} has "
        f"period_format {declaration.period_format.value}"
    )


def _age_band(age: str | None) -> str:
    """A Fingertips age label ("18+ yrs", "40-74 yrs", "All ages") as the extract writer's band."""
    match = re.match(r"(\d+)(\+|-\d+)", age or "")
    return f"{match[1]}{match[2]}" if match else "0+"
