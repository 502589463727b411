"""The official reference files as ../shared/data holds them, as a sources file the builder reads.

IoD2019 File 1 and ONS lookups 195 and 219 are in the publishers' own layout; the others are
conversions with renamed headers (values unchanged), which the shipped sources.yaml also accepts.
`python -m tests.reference_sources VERSION` builds the shipped bundle from them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import yaml

from assets.reference.sources import SHIPPED_SOURCES

SHARED_FILES = {
    "imd2019_lsoa11": "deprivation/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz",
    "imd2025_lsoa21": "deprivation/imd2025_england_lsoa21__humaniverse_IMD.csv",
    "lsoa11_nhs_lookup": "geography/lookup_lsoa11_sicbl22_icb22_ltla22__humaniverse_geographr.csv",
    "lsoa21_ltla_lookup": "geography/lookup_lsoa21_ward24_ltla24__humaniverse_geographr.csv",
    "lsoa21_nhs_lookup": "geography/lookup_lsoa21_icb24__humaniverse_geographr.csv",
    "ltla22_ltla23": "geography/lookup_ltla22_ltla23__humaniverse_geographr.csv",
    "ltla23_utla23": "geography/lookup_ltla23_utla23__humaniverse_geographr.csv",
    "ltla21_utla21": "geography/lookup_ltla21_utla21__humaniverse_geographr.csv",
    "ltla_region": "geography/lookup_ltla24_region24__humaniverse_geographr.csv",
    "lsoa11_lsoa21": "geography/lookup_lsoa11_lsoa21_ltla22__humaniverse_geographr.csv",
    "lsoa11_utla19": "geography/lsoa11_utla19__ons_lookup_195.csv",
    "lsoa11_lad20": "geography/lsoa11_ccg20_lad20__ons_lookup_219.csv",
    "ltla18_ltla20": "geography/lookup_ltla_ltla__humaniverse_geographr.csv",
    "la_all_codes": "geography/la_all_codes.csv",
    "utla_all_codes": "geography/utla_all_codes.csv",
    "population_lsoa11": "population/population20_lsoa11__humaniverse_demographr.csv",
    "nearest_neighbours": "other_sources/oflog_nearest_neighbours.json",
}


def shared_sources(
    destination: Path, location: Callable[[str, str], str], shipped: Path = SHIPPED_SOURCES
) -> Path:
    """The shipped sources file with each dataset read from `location(dataset, shared path)`
    (a local path or a loopback URL): CSV copies, so format, sheet and header row are the files'."""
    data = yaml.safe_load(shipped.read_text(encoding="utf-8"))
    for name, source in data["datasets"].items():
        source["official_url"] = source["url"]
        source["url"] = location(name, SHARED_FILES[name])
        for key in ("format", "sheet", "header_row"):
            source.pop(key, None)
    destination.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return destination


def main(version: str) -> None:
    import tempfile

    from assets.reference.builder import BuildOptions, build_bundle
    from assets.reference.bundle import SHIPPED_REFERENCE_DIR
    from tests.conftest import SHARED

    with tempfile.TemporaryDirectory() as folder:
        sources = shared_sources(
            Path(folder) / "sources.yaml", lambda name, path: str(SHARED / "data" / path)
        )
        bundle = build_bundle(
            sources, SHIPPED_REFERENCE_DIR, BuildOptions(version=version, progress=print)
        )
    print(f"wrote {bundle.folder}")


if __name__ == "__main__":
    main(sys.argv[1])
