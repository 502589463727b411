"""How Fingertips benchmarks each indicator, as its group roots say: the comparator method (-1 none,
1 confidence intervals, 15 quintiles, …) and the confidence level of the comparison.

Neither `indicator_metadata/by_indicator_id` nor the metadata CSV carries the method: Fingertips
keeps it per grouping (an indicator in a profile's domain at one area type). Endpoints and shapes
are those of OHID's fingertips-open, PholioVisualisationWS:
- `grouproot_summaries/by_indicator_id?indicator_ids=` (ServicesWeb/Controllers/DataController.cs)
  answers `[{IID, IndicatorName, Sex, Age, GroupId, StateSex, StateAge, Unit}]`
  (PholioObjects/GroupRootSummary.cs): the domains (group ids) each indicator is in.
- `profile_group_roots?group_id=&area_type_id=` (same controller) answers one root per indicator,
  sex and age of the domain at that area type (DataConstruction/GroupRootBuilder.cs):
  `[{IID, Sex{Id, Name}, Age{Id, Name, Sequence}, StateSex, StateAge, YearRange, PolarityId,
  ComparatorMethodId, RecentTrends, Sequence, DateChanges, Data: [], Grouping: [{GroupingId,
  GroupId, SexId, AgeId, AreaTypeId, ComparatorId, IndicatorId, PolarityId, ComparatorMethodId,
  SigLevel, ComparatorTargetId, Sequence, Baseline…, DataPoint…, YearRange, Period,
  ComparatorData}]}]` (PholioObjects/RootBase.cs, GroupRoot.cs, Grouping.cs at the newest commit;
  older builds named the grouping's method "MethodId", so the root's ComparatorMethodId is read).
  SigLevel is the comparison's confidence, 95 or 99.8; ComparatorId 4 is England, 1 the
  subnational parent (PholioObjects/Constants.cs `ComparatorIds`, `ComparatorMethodIds`).

The answers are kept in raw beside the indicator metadata; conformed.dim_indicator reads each
indicator's method and confidence from them.
"""

from __future__ import annotations

from collections import defaultdict

from assets.fingertips.api import MAX_IDS_PER_CALL, group_root_summaries, profile_group_roots
from assets.fingertips.source import FetchedJson, FingertipsSource


def fetch_benchmarking(
    source: FingertipsSource, indicator_ids: list[int], area_type_ids: list[int]
) -> list[FetchedJson]:
    """The summaries of these indicators and, for each area type, the group roots of enough of
    their domains to cover every indicator published there. Domains holding more of the
    indicators are asked first, so a catalogue spread over a few domains costs a few requests."""
    summaries = [
        group_root_summaries(source, indicator_ids[start : start + MAX_IDS_PER_CALL])
        for start in range(0, len(indicator_ids), MAX_IDS_PER_CALL)
    ]
    wanted = set(indicator_ids)
    in_group: dict[int, set[int]] = defaultdict(set)
    for answer in summaries:
        for summary in answer.payload:
            if summary.get("IID") in wanted and isinstance(summary.get("GroupId"), int):
                in_group[summary["GroupId"]].add(summary["IID"])
    order = sorted(in_group, key=lambda group_id: (-len(in_group[group_id]), group_id))
    fetched = list(summaries)
    for area_type_id in sorted(set(area_type_ids)):
        covered: set[int] = set()
        for group_id in order:
            if in_group[group_id] <= covered:
                continue
            roots = profile_group_roots(source, group_id, area_type_id)
            fetched.append(roots)
            covered |= {root.get("IID") for root in roots.payload} & wanted
    return fetched
