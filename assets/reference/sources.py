"""`reference/sources.yaml`: the official files a bundle is built from, and their headers.

Which datasets exist, and the canonical columns each must provide, is fixed here (the builder
derives the bundle's tables from them); where each comes from and what its headers are called is
the YAML's, so a new release of a lookup is an edit to the YAML, not to code.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlparse

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assets.reference import arcgis
from pipelines.settings import PROJECT_ROOT

SHIPPED_SOURCES = PROJECT_ROOT / "reference" / "sources.yaml"

# `arcgis`: an ArcGIS feature layer (…/FeatureServer/0), read page by page into a CSV file.
FORMATS = ("csv", "csv.gz", "zip", "xlsx", "json", "arcgis")

# Dataset → the canonical columns it must map (the single years of age of the population file
# are found by their own names, "0" … "89" and "90+").
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "imd2019_lsoa11": ("lsoa_code", "lad_code", "lad_name", "imd_rank", "imd_decile"),
    "imd2025_lsoa21": ("lsoa_code", "imd_rank", "imd_decile"),
    "lsoa11_nhs_lookup": ("lsoa_code", "lsoa_name", "sub_icb_code", "icb_code", "ltla_code"),
    "lsoa21_ltla_lookup": ("lsoa_code", "lsoa_name", "ltla_code", "ltla_name"),
    "lsoa21_nhs_lookup": ("lsoa_code", "sub_icb_code", "icb_code", "icb_name"),
    "ltla22_ltla23": ("ltla_code", "successor_code"),
    "ltla23_utla23": ("ltla_code", "ltla_name", "utla_code", "utla_name"),
    "ltla21_utla21": ("ltla_code", "ltla_name", "utla_code", "utla_name"),
    "ltla_region": ("ltla_code", "ltla_name", "region_code", "region_name"),
    "lsoa11_lsoa21": ("lsoa11_code", "lsoa21_code", "change_code", "ltla22_code"),
    "lsoa11_utla19": ("lsoa_code", "utla_code", "utla_name"),
    "lsoa11_lad20": ("lsoa_code", "lad_code", "lad_name"),
    "ltla18_ltla20": ("ltla_code", "ltla_name", "successor_code"),
    "la_all_codes": ("la_code", "la_name", "current_code", "region_code"),
    "utla_all_codes": ("utla_code", "utla_name", "region_code"),
    "population_lsoa11": ("lsoa_code", "all_ages"),
    "nearest_neighbours": (),
}

# Columns a dataset may map when its file has them (the converted IoD2025 file has no LA).
OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "imd2025_lsoa21": ("lad_code", "lad_name"),
}

# The columns whose values must be unique in a dataset (after keeping English rows).
KEYS: dict[str, tuple[str, ...]] = {
    "imd2019_lsoa11": ("lsoa_code",),
    "imd2025_lsoa21": ("lsoa_code",),
    "lsoa11_nhs_lookup": ("lsoa_code",),
    "lsoa21_ltla_lookup": ("lsoa_code",),
    "lsoa21_nhs_lookup": ("lsoa_code",),
    "ltla22_ltla23": ("ltla_code",),
    "ltla23_utla23": ("ltla_code",),
    "ltla21_utla21": ("ltla_code",),
    "ltla_region": ("ltla_code",),
    "lsoa11_lsoa21": ("lsoa11_code", "lsoa21_code"),
    "lsoa11_utla19": ("lsoa_code",),
    "lsoa11_lad20": ("lsoa_code",),
    "ltla18_ltla20": ("ltla_code",),
    "la_all_codes": ("la_code",),
    "utla_all_codes": ("utla_code",),
    "population_lsoa11": ("lsoa_code",),
    "nearest_neighbours": (),
}


class SourcesError(ValueError):
    pass


class DatasetSource(BaseModel):
    """One official file: where it is, what it is, and which header holds each column."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    publisher: str
    publication: str
    url: str
    # The publisher's own URL when `url` points at a copy (a mirror or a local file): the manifest
    # records this one.
    official_url: str | None = None
    page: str | None = None
    licence: str
    release: str
    format: str | None = None
    sheet: str | None = None
    header_row: int = Field(1, ge=1)
    member: str | None = None
    boundary_year: int | None = None
    year: int | None = None
    columns: dict[str, list[str]] = Field(default_factory=dict)

    @field_validator("columns", mode="before")
    @classmethod
    def _one_header_is_a_list(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: [v] if isinstance(v, str) else v for k, v in value.items()}
        return value

    @property
    def file_format(self) -> str:
        """The declared format, else `arcgis` for a feature layer's URL, else the URL's ending."""
        if self.format is not None:
            return self.format
        if arcgis.is_layer(self.url):
            return "arcgis"
        name = PurePosixPath(urlparse(self.url).path).name.lower()
        for suffix in ("csv.gz", "csv", "zip", "xlsx", "json"):
            if name.endswith("." + suffix):
                return suffix
        raise SourcesError(f"{self.url}: give a format ({', '.join(FORMATS)})")


class Sources(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    datasets: dict[str, DatasetSource]


def load_sources(path: Path) -> Sources:
    """Read and check a sources file: every dataset present, each mapping its columns."""
    path = Path(path)
    try:
        sources = Sources.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError) as error:
        raise SourcesError(f"{path}: {error}") from error
    except ValidationError as error:
        problem = error.errors()[0]
        field = ".".join(str(part) for part in problem["loc"])
        raise SourcesError(f"{path}, field '{field}': {problem['msg']}") from error
    missing = sorted(set(REQUIRED_COLUMNS) - set(sources.datasets))
    unknown = sorted(set(sources.datasets) - set(REQUIRED_COLUMNS))
    if missing or unknown:
        raise SourcesError(
            f"{path}: datasets missing: {', '.join(missing) or 'none'}; "
            f"unknown: {', '.join(unknown) or 'none'}"
        )
    for name, source in sources.datasets.items():
        allowed = set(REQUIRED_COLUMNS[name]) | set(OPTIONAL_COLUMNS.get(name, ()))
        absent = [column for column in REQUIRED_COLUMNS[name] if column not in source.columns]
        extra = sorted(set(source.columns) - allowed)
        if absent or extra:
            raise SourcesError(
                f"{path}, dataset {name}, field 'columns': "
                + (f"map {', '.join(absent)}" if absent else f"unknown {', '.join(extra)}")
            )
        if source.file_format not in FORMATS:
            raise SourcesError(
                f"{path}, dataset {name}, field 'format': {source.file_format!r} is not one of "
                f"{', '.join(FORMATS)}"
            )
        if source.file_format == "arcgis" and not arcgis.is_layer(source.url):
            raise SourcesError(
                f"{path}, dataset {name}, field 'url': {source.url} is not an ArcGIS feature layer "
                "(https://…/rest/services/<service>/FeatureServer/<layer>, no query: the builder "
                "asks for the rows page by page itself)"
            )
    return sources


def default_sources(reference_dir: Path) -> Path:
    """`<reference_dir>/sources.yaml`, else the one shipped in the repository."""
    candidate = Path(reference_dir) / "sources.yaml"
    return candidate if candidate.is_file() else SHIPPED_SOURCES
