"""SYNTHETIC LSOA-level extracts for a place: counts and denominators by LSOA, real-shaped.

The denominators are real: each LSOA's ONS mid-2020 population in the declared age band, from the
reference bundle (LSOA 2011; for LSOA 2021 each 2011 LSOA's people are shared equally among the 2021 LSOAs it became).
The counts are made up: a binomial draw at a rate that runs from --rate-most-deprived (IMD decile
1) to --rate-least-deprived (decile 10), with some LSOA-to-LSOA noise, using IMD2019 deciles for
LSOA 2011 and IoD2025 for LSOA 2021. Small counts are suppressed the way NHS extracts do.

Every file is labelled synthetic three ways: its name starts SYNTHETIC_, a `Data status` column
says so on every row (and Excel title rows above the header), and the declaration it is written
for must say `synthetic: true`, which flags every value loaded from it in the warehouse.

    python -m synthetic.lsoa_extracts --declaration croydon_lsoa_health_checks \\
        --local-authority E09000008 --ages 40-74 --periods 2021/22 2022/23 2023/24

writes into the source's drop folder (under OUTCOMES_DROP_DIR), where the sensor picks it up.
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import openpyxl
import polars as pl

from assets.catalogue import load_catalogue
from assets.extracts.declarations import FileType, SourceDeclaration
from assets.extracts.declared_sources import load_sources, sources_folder
from assets.geography import LSOA_LEVELS, AreaLevel
from assets.periods import PeriodFormat, parse_period
from assets.reference.bundle import ReferenceBundle, current_bundle
from assets.reference.tables import AGE_BANDS, ALL_AGES
from pipelines.settings import PROJECT_ROOT, Settings

DATA_STATUS = "Data status"
DATA_STATUS_TEXT = "SYNTHETIC - generated, not real activity"
FILE_PREFIX = "SYNTHETIC_"
# How much one LSOA's rate varies around its decile's (standard deviation of a log-normal factor).
LSOA_NOISE = 0.15


@dataclass(frozen=True)
class SyntheticLsoa:
    lsoa_code: str
    imd_decile: int
    population: float


def _population_in_band(
    bundle: ReferenceBundle, youngest: int, oldest: int | None
) -> dict[str, float]:
    """Each LSOA 2011's mid-year population aged youngest..oldest (oldest None: and over), summed
    from the bundle's age bands; an age that splits a band is refused rather than guessed."""
    bands = bundle.frame("lsoa_population").filter(pl.col("age_band") != ALL_AGES)
    lowers = set(bands["age_lower"].unique().to_list())
    uppers = set(bands["age_upper"].drop_nulls().unique().to_list())
    if youngest not in lowers or (oldest is not None and oldest not in uppers):
        raise ValueError(
            f"ages {youngest}-{oldest if oldest is not None else ''} do not fall on the reference "
            f"bundle's age bands ({', '.join(label for label, _, _ in AGE_BANDS)})"
        )
    in_band = pl.col("age_lower") >= youngest
    if oldest is not None:
        in_band &= pl.col("age_upper") <= oldest
    sums = bands.filter(in_band).group_by("lsoa_code").agg(pl.col("population").sum())
    return {code: float(total) for code, total in sums.iter_rows()}


def place_lsoas(
    bundle: ReferenceBundle,
    vintage: AreaLevel | str,
    local_authority: str,
    youngest: int,
    oldest: int | None,
) -> list[SyntheticLsoa]:
    """The place's LSOAs of `vintage` with their IMD decile and population in the age band."""
    population = _population_in_band(bundle, youngest, oldest)
    deprivation = bundle.frame("lsoa_deprivation")
    if AreaLevel(vintage) is AreaLevel.LSOA2011:
        # IMD 2019 lists each LSOA 2011 under its LAD 2019.
        rows = deprivation.filter(
            (pl.col("imd_version") == "imd2019") & (pl.col("lad_code") == local_authority)
        ).select("lsoa_code", "imd_decile")
        return [SyntheticLsoa(code, decile, population[code]) for code, decile in rows.iter_rows()]
    in_place = set(
        bundle.frame("lsoa_geography")
        .filter((pl.col("lsoa_vintage") == "2021") & (pl.col("ltla_code") == local_authority))[
            "lsoa_code"
        ]
        .to_list()
    )
    successors: dict[str, list[str]] = defaultdict(list)
    for lsoa11, lsoa21 in (
        bundle.frame("lsoa_bridge_2011_2021").select("lsoa11_code", "lsoa21_code").iter_rows()
    ):
        successors[lsoa11].append(lsoa21)
    shared_population: dict[str, float] = defaultdict(float)
    for lsoa11, lsoa21s in successors.items():
        for lsoa21 in lsoa21s:
            shared_population[lsoa21] += population.get(lsoa11, 0.0) / len(lsoa21s)
    rows = deprivation.filter(pl.col("imd_version") == "imd2025").select("lsoa_code", "imd_decile")
    return [
        SyntheticLsoa(code, decile, float(round(shared_population[code])))
        for code, decile in rows.iter_rows()
        if code in in_place
    ]


def synthetic_counts(
    lsoas: list[SyntheticLsoa],
    periods: int,
    rate_most_deprived: float,
    rate_least_deprived: float,
    seed: int,
) -> list[list[int]]:
    """For each period, each LSOA's made-up count: binomial at its decile's rate, with noise."""
    generator = np.random.default_rng(seed)
    deciles = np.array([lsoa.imd_decile for lsoa in lsoas])
    rates = rate_most_deprived + (deciles - 1) / 9 * (rate_least_deprived - rate_most_deprived)
    lsoa_factor = generator.lognormal(0.0, LSOA_NOISE, len(lsoas))
    denominators = np.array([round(lsoa.population) for lsoa in lsoas], dtype=np.int64)
    return [
        generator.binomial(denominators, np.clip(rates * lsoa_factor, 0.0, 1.0)).tolist()
        for _ in range(periods)
    ]


def check_writable(declaration: SourceDeclaration) -> None:
    """Made-up data only for a source declared synthetic, at LSOA level."""
    if not declaration.synthetic:
        raise ValueError(
            f"{declaration.id} is not declared synthetic: true; refusing to write made-up data for it"
        )
    if declaration.geography not in LSOA_LEVELS:
        raise ValueError(
            f"{declaration.id} is not an LSOA-level source (geography {declaration.geography})"
        )


def write_extracts(
    declaration: SourceDeclaration,
    lsoas: list[SyntheticLsoa],
    periods: list[str],
    counts: list[list[int]],
    suppress_below: int,
    out_dir: Path,
) -> list[Path]:
    """One file per period, in the declared format and columns; returns the paths written."""
    check_writable(declaration)
    columns = declaration.columns
    header = [
        columns.area_code,
        columns.period,
        columns.numerator,
        columns.denominator,
        DATA_STATUS,
    ]
    marker = declaration.suppressed[0]
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for label, period_counts in zip(periods, counts):
        rows = [
            [
                lsoa.lsoa_code,
                _period_cell(label, declaration),
                marker if 0 < count < suppress_below else count,
                round(lsoa.population),
                DATA_STATUS_TEXT,
            ]
            for lsoa, count in zip(lsoas, period_counts)
        ]
        name = f"{FILE_PREFIX}{declaration.id}_{label.replace('/', '-')}"
        if declaration.format.type is FileType.EXCEL:
            path = out_dir / f"{name}.xlsx"
            _write_workbook(path, declaration, header, rows)
        else:
            path = out_dir / f"{name}.csv"
            with path.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, delimiter=declaration.format.delimiter)
                writer.writerow(header)
                writer.writerows(rows)
        written.append(path)
    return written


def _period_cell(label: str, declaration: SourceDeclaration) -> str | date:
    # A date-format period goes into Excel as a real date cell, as analysts' workbooks have it.
    if declaration.format.type is FileType.EXCEL and declaration.period_format is PeriodFormat.DATE:
        return parse_period(label, PeriodFormat.DATE).start
    return label


def _write_workbook(
    path: Path, declaration: SourceDeclaration, header: list[str], rows: list[list]
) -> None:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(declaration.format.sheet or "Sheet1")
    sheet.append([f"{declaration.title} - {DATA_STATUS_TEXT}"])
    sheet.append([f"Written by synthetic.lsoa_extracts for the declared source {declaration.id}"])
    sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def _age_band(text: str) -> tuple[int, int | None]:
    if text.endswith("+"):
        return int(text[:-1]), None
    youngest, _, oldest = text.partition("-")
    return int(youngest), int(oldest)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--declaration", required=True, help="source id under indicator_catalogue/sources/"
    )
    parser.add_argument(
        "--local-authority",
        required=True,
        help="LAD code: LAD 2019 (LSOA 2011) or LTLA 2024 (LSOA 2021)",
    )
    parser.add_argument(
        "--periods", nargs="+", required=True, help="period labels as the files should show them"
    )
    parser.add_argument("--ages", default="0+", help="age band of the denominator: 40-74, 40+, …")
    parser.add_argument("--rate-most-deprived", type=float, default=0.35)
    parser.add_argument("--rate-least-deprived", type=float, default=0.55)
    parser.add_argument(
        "--suppress-below",
        type=int,
        default=5,
        help="counts from 1 to this less one are suppressed",
    )
    parser.add_argument("--seed", type=int, default=20250401)
    parser.add_argument(
        "--reference-dir",
        type=Path,
        default=None,
        help="folder of reference bundles; the newest is read (default: OUTCOMES_REFERENCE_DIR, "
        "else the bundle shipped in the repository)",
    )
    parser.add_argument("--catalogue", type=Path, default=PROJECT_ROOT / "indicator_catalogue")
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="default: the source's drop folder in OUTCOMES_DROP_DIR",
    )
    arguments = parser.parse_args(argv)
    for path in write_synthetic_extract(
        arguments.declaration,
        arguments.local_authority,
        arguments.periods,
        ages=arguments.ages,
        rates=(arguments.rate_most_deprived, arguments.rate_least_deprived),
        suppress_below=arguments.suppress_below,
        seed=arguments.seed,
        bundle=current_bundle(arguments.reference_dir or Settings.from_env().reference_dir),
        catalogue=arguments.catalogue,
        out=arguments.out,
    ):
        print(f"wrote {path} (synthetic)")


def write_synthetic_extract(
    declaration_id: str,
    local_authority: str,
    periods: list[str],
    *,
    ages: str,
    rates: tuple[float, float],
    suppress_below: int,
    seed: int,
    bundle: ReferenceBundle,
    catalogue: Path,
    out: Path | None = None,
) -> list[Path]:
    """Write a declared LSOA source's synthetic files (default: into its drop folder)."""
    sources = {
        source.id: source
        for source in load_sources(sources_folder(catalogue), load_catalogue(catalogue))
    }
    declaration = sources[declaration_id].declaration
    check_writable(declaration)
    youngest, oldest = _age_band(ages)
    lsoas = place_lsoas(bundle, AreaLevel(declaration.geography), local_authority, youngest, oldest)
    counts = synthetic_counts(lsoas, len(periods), rates[0], rates[1], seed)
    folder = out or Settings.from_env().drop_dir / declaration.arrives.folder
    return write_extracts(declaration, lsoas, periods, counts, suppress_below, folder)
