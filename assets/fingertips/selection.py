"""Which indicators and area types a run pulls: the run's own choice, else the catalogue's."""

from dataclasses import dataclass
from pathlib import Path

import dagster as dg
from pydantic import Field

from assets.catalogue.loader import load_catalogue
from assets.fingertips.download_guard import DEFAULT_SHRINK_TOLERANCE, RemovalPolicy
from pipelines.resources import CatalogueResource, FingertipsResource
from pipelines.settings import parse_area_type_pairs


class FingertipsSelection(dg.Config):
    """Run config shared by the metadata and download assets (`outcomes ingest` sets it)."""

    indicator_ids: list[int] = Field(default_factory=list)
    # "CHILD:PARENT,…" area type pairs; empty means FINGERTIPS_AREA_TYPES.
    area_types: str = ""
    # Pull every area type an indicator is published for (all_data/csv/for_one_indicator).
    every_area_type: bool = False
    # Download even when LastUploadedAt says nothing changed.
    force: bool = False
    # An indicator whose new download has lost more than this share of its rows (all of them: no
    # rows, or missing from the download) is refused and keeps its last good values ...
    shrink_tolerance: float = Field(default=DEFAULT_SHRINK_TOLERANCE, ge=0, le=1)
    # ... unless this run is told the removals are wanted (`--accept-removals`).
    accept_removals: bool = False

    def removal_policy(self) -> RemovalPolicy:
        return RemovalPolicy(self.shrink_tolerance, self.accept_removals)


@dataclass(frozen=True)
class ResolvedSelection:
    indicator_ids: list[int]
    area_type_pairs: list[tuple[int, int]]
    every_area_type: bool
    force: bool


def area_type_pairs(
    config: FingertipsSelection, fingertips: FingertipsResource
) -> list[tuple[int, int]]:
    return (
        parse_area_type_pairs(config.area_types)
        if config.area_types
        else fingertips.area_type_pairs()
    )


def resolve(
    config: FingertipsSelection, fingertips: FingertipsResource, catalogue: CatalogueResource
) -> ResolvedSelection:
    indicator_ids = (
        sorted(set(config.indicator_ids))
        or load_catalogue(Path(catalogue.folder)).fingertips_indicator_ids()
    )
    return ResolvedSelection(
        indicator_ids, area_type_pairs(config, fingertips), config.every_area_type, config.force
    )
