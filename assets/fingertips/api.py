"""The Fingertips endpoints the pipeline uses, named, with their documented parameters."""

from __future__ import annotations

from pathlib import Path

from assets.fingertips.source import FetchedFile, FetchedJson, FingertipsSource

# The API accepts at most 100 indicator ids a call.
MAX_IDS_PER_CALL = 100


def _ids(indicator_ids: list[int]) -> str:
    if not 0 < len(indicator_ids) <= MAX_IDS_PER_CALL:
        raise ValueError(
            f"between 1 and {MAX_IDS_PER_CALL} indicator ids a call, got {len(indicator_ids)}"
        )
    return ",".join(str(indicator_id) for indicator_id in sorted(indicator_ids))


def profiles(source: FingertipsSource) -> FetchedJson:
    return source.get_json("profiles", {}, list)


def area_types(source: FingertipsSource) -> FetchedJson:
    return source.get_json("area_types", {}, list)


def areas_by_area_type(source: FingertipsSource, area_type_id: int) -> FetchedJson:
    return source.get_json("areas/by_area_type", {"area_type_id": area_type_id}, list)


def parent_to_child_areas(
    source: FingertipsSource, child_area_type_id: int, parent_area_type_id: int
) -> FetchedJson:
    return source.get_json(
        "parent_to_child_areas",
        {"child_area_type_id": child_area_type_id, "parent_area_type_id": parent_area_type_id},
        dict,
    )


def category_types(source: FingertipsSource) -> FetchedJson:
    return source.get_json("category_types", {}, list)


def indicator_metadata(source: FingertipsSource, indicator_ids: list[int]) -> FetchedJson:
    return source.get_json(
        "indicator_metadata/by_indicator_id", {"indicator_ids": _ids(indicator_ids)}, dict
    )


def indicator_metadata_csv(
    source: FingertipsSource, indicator_ids: list[int], destination: Path
) -> FetchedFile:
    return source.download(
        "indicator_metadata/csv/by_indicator_id",
        {"indicator_ids": _ids(indicator_ids)},
        destination,
    )


def all_data_by_indicator_ids(
    source: FingertipsSource,
    indicator_ids: list[int],
    child_area_type_id: int,
    parent_area_type_id: int,
    destination: Path,
) -> FetchedFile:
    """Every row of up to 100 indicators for one child area type, with their parents and England."""
    return source.download(
        "all_data/csv/by_indicator_id",
        {
            "indicator_ids": _ids(indicator_ids),
            "child_area_type_id": child_area_type_id,
            "parent_area_type_id": parent_area_type_id,
        },
        destination,
    )


def all_data_for_one_indicator(
    source: FingertipsSource, indicator_id: int, destination: Path
) -> FetchedFile:
    """Every row of one indicator at every area type it is published for."""
    return source.download(
        "all_data/csv/for_one_indicator", {"indicator_id": indicator_id}, destination
    )


def group_root_summaries(source: FingertipsSource, indicator_ids: list[int]) -> FetchedJson:
    """The domains (group ids) each indicator is in (see assets/fingertips/group_roots.py)."""
    return source.get_json(
        "grouproot_summaries/by_indicator_id", {"indicator_ids": _ids(indicator_ids)}, list
    )


def profile_group_roots(source: FingertipsSource, group_id: int, area_type_id: int) -> FetchedJson:
    """One domain's indicators at one area type, with their benchmarking settings."""
    return source.get_json(
        "profile_group_roots", {"group_id": group_id, "area_type_id": area_type_id}, list
    )
