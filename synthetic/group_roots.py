"""Fingertips group-root answers written by hand, in the shapes of OHID's fingertips-open
(see assets/fingertips/group_roots.py): the demo snapshot and the tests' stand-in API use them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# PholioObjects/Constants.cs: ComparatorIds, PolarityIds, ComparatorMethodIds.
SUBNATIONAL, ENGLAND = 1, 4
POLARITY_IDS = {
    "Not applicable": -1,
    "RAG - Low is good": 0,
    "RAG - High is good": 1,
    "BOB - Blue orange blue": 99,
}
NO_COMPARISON, CONFIDENCE_INTERVALS, QUINTILES = -1, 1, 15
PERSONS = {"Id": 4, "Name": "Persons"}
ALL_AGES = {"Id": 1, "Name": "All ages", "Sequence": 1.0}


@dataclass(frozen=True)
class Benchmarking:
    """One indicator's grouping in one domain: how Fingertips compares it."""

    indicator_id: int
    name: str
    group_id: int
    polarity: str
    method_id: int = CONFIDENCE_INTERVALS
    sig_level: float = 95.0


def summary(entry: Benchmarking) -> dict[str, Any]:
    """One row of grouproot_summaries/by_indicator_id."""
    return {
        "IndicatorName": entry.name,
        "IID": entry.indicator_id,
        "Sex": PERSONS,
        "Age": ALL_AGES,
        "GroupId": entry.group_id,
        "StateSex": False,
        "StateAge": False,
        "Unit": {"Id": 5, "Value": 100.0, "Label": "%"},
    }


def group_root(entry: Benchmarking, area_type_id: int, sequence: int) -> dict[str, Any]:
    """One root of profile_group_roots: a grouping per comparator (parent, England), no data."""
    polarity_id = POLARITY_IDS[entry.polarity]
    groupings = [
        {
            "GroupingId": entry.indicator_id * 10 + comparator_id,
            "GroupId": entry.group_id,
            "SexId": PERSONS["Id"],
            "AgeId": ALL_AGES["Id"],
            "AreaTypeId": area_type_id,
            "ComparatorId": comparator_id,
            "IndicatorId": entry.indicator_id,
            "PolarityId": polarity_id,
            "ComparatorMethodId": entry.method_id,
            "SigLevel": entry.sig_level,
            "ComparatorTargetId": None,
            "Sequence": sequence,
            "BaselineYear": 2016,
            "BaselineQuarter": -1,
            "BaselineMonth": -1,
            "DataPointYear": 2022,
            "DataPointQuarter": -1,
            "DataPointMonth": -1,
            "YearRange": 1,
            "Period": "2022",
            "ComparatorData": None,
        }
        for comparator_id in (SUBNATIONAL, ENGLAND)
    ]
    return {
        "IID": entry.indicator_id,
        "Sex": PERSONS,
        "Age": ALL_AGES,
        "StateSex": False,
        "StateAge": False,
        "YearRange": 1,
        "PolarityId": polarity_id,
        "ComparatorMethodId": entry.method_id,
        "RecentTrends": {},
        "Sequence": sequence,
        "DateChanges": None,
        "Data": [],
        "Grouping": groupings,
    }


def summaries_of(entries: list[Benchmarking], indicator_ids: list[int]) -> list[dict[str, Any]]:
    wanted = set(indicator_ids)
    return [summary(entry) for entry in entries if entry.indicator_id in wanted]


def roots_of(entries: list[Benchmarking], group_id: int, area_type_id: int) -> list[dict[str, Any]]:
    in_group = [entry for entry in entries if entry.group_id == group_id]
    return [
        group_root(entry, area_type_id, sequence)
        for sequence, entry in enumerate(in_group, start=1)
    ]
