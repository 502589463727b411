"""Render every place's review in the trend frames into output_dir/<place_id>/<review_id>/.

Each review's folder is written whole in a sibling temporary folder and then swapped in, so a
re-render replaces it (no file of an earlier render lingers) and a failed one leaves the last
good render in place.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from assets.reviews.reports.contract import (
    REVIEW_KEY,
    TRAJECTORIES_SCHEMA,
    is_synthetic,
    validate_review_frames,
)
from assets.reviews.reports.exports import write_csv
from assets.reviews.reports.page import render_page
from assets.reviews.reports.workbook import write_workbook

# Ids become folder names: one path segment, nothing a shell or a URL would need to escape.
_SAFE_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class ReviewFiles:
    """The files written for one place's review."""

    place_id: str
    review_id: str
    directory: Path
    report_html: Path
    workbook: Path
    measures_csv: Path
    series_csv: Path
    measures_parquet: Path
    series_parquet: Path

    @classmethod
    def in_directory(cls, place_id: str, review_id: str, directory: Path) -> ReviewFiles:
        return cls(
            place_id=place_id,
            review_id=review_id,
            directory=directory,
            report_html=directory / "report.html",
            workbook=directory / "workbook.xlsx",
            measures_csv=directory / "measures.csv",
            series_csv=directory / "series.csv",
            measures_parquet=directory / "measures.parquet",
            series_parquet=directory / "series.parquet",
        )

    @property
    def paths(self) -> tuple[Path, ...]:
        return (
            self.report_html,
            self.workbook,
            self.measures_csv,
            self.series_csv,
            self.measures_parquet,
            self.series_parquet,
        )


@dataclass(frozen=True)
class ReviewOutputs:
    """Everything `render_review` wrote, review by review."""

    reviews: tuple[ReviewFiles, ...]

    @property
    def paths(self) -> tuple[Path, ...]:
        return tuple(path for review in self.reviews for path in review.paths)

    def for_review(self, place_id: str, review_id: str) -> ReviewFiles:
        for review in self.reviews:
            if (review.place_id, review.review_id) == (place_id, review_id):
                return review
        raise KeyError(f"no review {review_id!r} of place {place_id!r} was rendered")


def _of_review(frame: pl.DataFrame, place_id: str, review_id: str) -> pl.DataFrame:
    return frame.filter((pl.col("place_id") == place_id) & (pl.col("review_id") == review_id))


def _checked_segment(kind: str, value: str) -> str:
    if not _SAFE_SEGMENT.match(value or ""):
        raise ValueError(
            f"{kind} {value!r} cannot name a folder: use letters, digits, '.', '_', '-'"
        )
    return value


def _write_files(
    files: ReviewFiles,
    measures: pl.DataFrame,
    series: pl.DataFrame,
    outcomes: pl.DataFrame,
    trajectories: pl.DataFrame,
    generated_on: date,
) -> None:
    """Write one review's files into `files.directory`, which exists and is empty."""
    synthetic = is_synthetic(measures, series, outcomes)
    measures.write_parquet(files.measures_parquet)
    series.write_parquet(files.series_parquet)
    write_csv(measures, files.measures_csv)
    write_csv(series, files.series_csv)
    write_workbook(
        files.workbook, measures, series, outcomes, trajectories=trajectories, synthetic=synthetic
    )
    page = render_page(
        measures,
        series,
        outcomes,
        trajectories=trajectories,
        synthetic=synthetic,
        generated_on=generated_on,
        # The page links to the other files beside it.
        file_names=[path.name for path in files.paths if path != files.report_html],
    )
    files.report_html.write_text(page, encoding="utf-8")


def _render_one_review(
    output_dir: Path,
    place_id: str,
    review_id: str,
    frames: tuple[pl.DataFrame, ...],
    generated_on: date,
) -> ReviewFiles:
    """Write one review in a staging folder beside its own, then swap it in."""
    directory = output_dir / _checked_segment("place_id", place_id)
    directory /= _checked_segment("review_id", review_id)
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{review_id}-", dir=directory.parent))
    # mkdtemp makes the folder private; a report folder is for everyone who reads the reports.
    staging.chmod(0o755)
    try:
        _write_files(
            ReviewFiles.in_directory(place_id, review_id, staging),
            *(_of_review(frame, place_id, review_id) for frame in frames),
            generated_on,
        )
        if directory.exists():
            shutil.rmtree(directory)
        staging.rename(directory)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return ReviewFiles.in_directory(place_id, review_id, directory)


def render_review(
    measures: pl.DataFrame,
    series: pl.DataFrame,
    outcomes: pl.DataFrame,
    output_dir: Path,
    *,
    trajectories: pl.DataFrame | None = None,
    generated_on: date | None = None,
) -> ReviewOutputs:
    """Write the report, workbook, CSV and Parquet files of every (place, review) in `measures`.

    `trajectories` (optional) holds the places' trajectory milestones. `generated_on` (default
    today) is printed on the page; pass it to make renders repeatable.
    """
    validate_review_frames(measures, series, outcomes)
    if trajectories is None:
        trajectories = pl.DataFrame(schema=TRAJECTORIES_SCHEMA)
    reviews = measures.select(REVIEW_KEY).unique(maintain_order=True).iter_rows()
    return ReviewOutputs(
        tuple(
            _render_one_review(
                Path(output_dir),
                place_id,
                review_id,
                (measures, series, outcomes, trajectories),
                generated_on or date.today(),
            )
            for place_id, review_id in reviews
        )
    )
