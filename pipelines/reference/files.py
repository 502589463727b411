"""Where each reference dataset comes from: a local path, or an https URL streamed to disk first."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg

from pipelines.reference.download import download

# Each dataset's file inside the reference folder, laid out as ../shared/data is.
FILES_IN_REFERENCE_DIR = {
    "imd2019_lsoa11": "deprivation/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz",
    "imd2025_lsoa21": "deprivation/imd2025_england_lsoa21__humaniverse_IMD.csv",
    "lsoa11_ltla22_icb22": (
        "geography/lookup_lsoa11_sicbl22_icb22_ltla22__humaniverse_geographr.csv"
    ),
    "lsoa21_ltla24": "geography/lookup_lsoa21_ward24_ltla24__humaniverse_geographr.csv",
    "lsoa21_icb24": "geography/lookup_lsoa21_icb24__humaniverse_geographr.csv",
    "ltla22_ltla23": "geography/lookup_ltla22_ltla23__humaniverse_geographr.csv",
    "ltla23_utla23": "geography/lookup_ltla23_utla23__humaniverse_geographr.csv",
    "ltla24_region24": "geography/lookup_ltla24_region24__humaniverse_geographr.csv",
    "lsoa11_lsoa21": "geography/lookup_lsoa11_lsoa21_ltla22__humaniverse_geographr.csv",
    "population_lsoa11": "population/population20_lsoa11__humaniverse_demographr.csv",
}


class ReferenceFiles(dg.ConfigurableResource):
    """Each reference dataset's location: a local path, or an https URL (TLS always verified)."""

    imd2019_lsoa11: str
    imd2025_lsoa21: str
    lsoa11_ltla22_icb22: str
    lsoa21_ltla24: str
    lsoa21_icb24: str
    ltla22_ltla23: str
    ltla23_utla23: str
    ltla24_region24: str
    lsoa11_lsoa21: str
    population_lsoa11: str
    # The mid-year that population_lsoa11 estimates: the file itself does not say.
    population_lsoa11_year: int = 2020
    connect_timeout: float = 10.0
    read_timeout: float = 300.0

    def location(self, dataset: str) -> str:
        if dataset not in FILES_IN_REFERENCE_DIR:
            raise KeyError(f"{dataset!r} is not a reference dataset")
        return getattr(self, dataset)

    @contextmanager
    def local_files(self, *datasets: str) -> Iterator[dict[str, Path]]:
        """Each dataset as a local file; downloads live only until the block ends."""
        with tempfile.TemporaryDirectory(prefix="reference-") as folder:
            yield {dataset: self._local_file(dataset, Path(folder)) for dataset in datasets}

    def _local_file(self, dataset: str, download_folder: Path) -> Path:
        location = self.location(dataset)
        if "://" in location:
            # One subfolder per dataset: two URLs may end in the same file name.
            folder = download_folder / dataset
            folder.mkdir()
            return download(location, folder, (self.connect_timeout, self.read_timeout))
        path = Path(location)
        if not path.is_file():
            raise FileNotFoundError(
                f"reference dataset {dataset}: {path} does not exist (set OUTCOMES_REFERENCE_DIR, "
                f"or configure the reference_files resource's {dataset} with a path or https URL)"
            )
        return path


def reference_files_in(directory: Path, **locations: str) -> ReferenceFiles:
    """Every dataset read from `directory` (laid out as ../shared/data is) unless `locations`
    names another path or URL for it."""
    in_directory = {
        dataset: str(directory / name) for dataset, name in FILES_IN_REFERENCE_DIR.items()
    }
    return ReferenceFiles(**(in_directory | locations))
