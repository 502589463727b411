"""A new place file from the national defaults: one shared outcome per PHOF domain."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import yaml

from assets.catalogue.models import Catalogue, Framework, Indicator
from assets.geography import AreaType, Geography
from assets.places.models import Cadence, ImdVersion, NeighbourSource, Role

# PHOF's domains (the first letter of an indicator's code) and the objective each sets out.
PHOF_DOMAINS = {
    "A": (
        "phof-a-overarching",
        "Overarching indicators",
        (
            "Increased healthy life expectancy, and reduced differences in life expectancy and "
            "healthy life expectancy between communities"
        ),
    ),
    "B": (
        "phof-b-wider-determinants",
        "Wider determinants of health",
        (
            "Improvements against wider factors which affect health and wellbeing, and health "
            "inequalities"
        ),
    ),
    "C": (
        "phof-c-health-improvement",
        "Health improvement",
        (
            "People are helped to live healthy lifestyles, make healthy choices and reduce health "
            "inequalities"
        ),
    ),
    "D": (
        "phof-d-health-protection",
        "Health protection",
        (
            "The population's health is protected from major incidents and other threats, whilst "
            "reducing health inequalities"
        ),
    ),
    "E": (
        "phof-e-healthcare-premature-mortality",
        "Healthcare and premature mortality",
        (
            "Reduced numbers of people living with preventable ill health and people dying "
            "prematurely, whilst reducing the gap between communities"
        ),
    ),
}

# An annual review in October follows PHOF's August update; the trajectory spans a 5-year plan.
DEFAULT_REVIEW = {"cadence": Cadence.ANNUAL.value, "month": 10, "trajectory_years": 5}
DEFAULT_IMD = ImdVersion.IMD2025


def place_slug(name: str) -> str:
    """'Bournemouth, Christchurch and Poole' → 'bournemouth-christchurch-and-poole'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_name.lower()))


def scaffold_place(
    code: str,
    name: str,
    catalogue: Catalogue,
    geography: Geography,
    vintage: int = AreaType.COUNTIES_UAS_APRIL_2023,
    place_id: str | None = None,
) -> str:
    """YAML text of a new place for the County & UA `code`: region and ICB from the geography,
    England, region and (where Oflog has them) nearest neighbours as comparators, an annual
    review in October, and one shared outcome per PHOF domain holding every live PHOF indicator
    of the catalogue as an outcome measure. The id is `place_id`, or a slug of the name.

    Raises ValueError if the code is not a County & UA in the vintage, or has no region or ICB.
    """
    area_type = AreaType(vintage)
    if code not in geography.codes_in_vintage(area_type):
        raise ValueError(
            f"{code} is not a County & UA in Fingertips area type {area_type.value} "
            f"({area_type.boundaries})"
        )
    region, icb = geography.region_of(code), geography.icb_of(code)
    if region is None or icb is None:
        raise ValueError(f"the geography knows no region or ICB for {code}")

    comparators: dict[str, Any] = {"england": True, "region": True}
    if geography.nearest_neighbours(code):
        comparators["nearest_neighbours"] = NeighbourSource.OFLOG.value
    by_domain, left_out = _phof_by_domain(catalogue)
    place = {
        "id": place_id or place_slug(name),
        "name": name,
        "areas": [{"code": code, "fingertips_area_type": area_type.value}],
        "icb": {"code": icb, "name": geography.name(icb)},
        "region": {"code": region, "name": geography.name(region)},
        "comparators": comparators,
        "review": DEFAULT_REVIEW,
        "imd_version": DEFAULT_IMD.value,
        "shared_outcomes": [
            {
                "id": outcome_id,
                "name": f"{letter}: {domain}",
                "priorities": [
                    {
                        "id": f"{outcome_id}-objective",
                        "name": objective,
                        "measures": [_measure(indicator) for indicator in by_domain[letter]],
                    }
                ],
            }
            for letter, (outcome_id, domain, objective) in PHOF_DOMAINS.items()
            if by_domain[letter]
        ],
    }
    return _header(name, code, left_out) + yaml.dump(
        place, Dumper=_IndentedDumper, sort_keys=False, allow_unicode=True, width=100
    )


def _phof_by_domain(catalogue: Catalogue) -> tuple[dict[str, list[Indicator]], list[Indicator]]:
    """Live PHOF indicators by domain letter, in code order, and those with no PHOF code."""
    by_domain: dict[str, list[Indicator]] = {letter: [] for letter in PHOF_DOMAINS}
    left_out = []
    coded = []
    for indicator in catalogue.in_framework(Framework.PHOF):
        if not indicator.is_live:
            continue
        code = next(
            (p.code for p in indicator.publications() if p.framework is Framework.PHOF), None
        )
        if code is not None and code[0] in by_domain:
            coded.append((code, indicator))
        else:
            left_out.append(indicator)
    for code, indicator in sorted(coded, key=lambda item: (item[0], item[1].id)):
        by_domain[code[0]].append(indicator)
    return by_domain, left_out


def _measure(indicator: Indicator) -> dict[str, str]:
    # PHOF is an outcomes framework: every measure starts as an outcome measure.
    return {
        "id": indicator.id,
        "name": indicator.name,
        "indicator": indicator.id,
        "role": Role.OUTCOME.value,
    }


SCHEMA_SUMMARY = """\
# Place file schema (assets/places/models.py has the full description):
#   id (= file name), name, areas [{code, fingertips_area_type: 102|202|302|402|502}], icb {code,
#   name}, region {code, name}, comparators {england, region, nearest_neighbours: oflog | [codes]},
#   review {cadence: 6-monthly|annual, month: 1-12, trajectory_years: 3-5}, imd_version
#   (imd2019|imd2025), core20 {deciles, plus_groups} (optional), and shared_outcomes [{id, name,
#   priorities [{id, name, measures [{id, name, indicator: <catalogue id> | local: {name, unit,
#   polarity, source, nearest_indicator}, role: outcome|process, sex, age, core20, target {value,
#   by, direction}, trajectory [{by, value}], notes}]}]}].
"""


def _header(name: str, code: str, left_out: list[Indicator]) -> str:
    lines = [
        f"# {name} ({code}): scaffolded by `outcomes place new` from the national defaults, one",
        "# shared outcome per PHOF domain holding the catalogue's live PHOF indicators. Edit it",
        "# into the place's own framework; every measure starts as an outcome measure, so mark",
        "# the process ones `role: process`.",
    ]
    if left_out:
        lines.append("# Live PHOF indicators left out because the catalogue gives no PHOF code")
        lines.append("# (so no domain):")
        lines += [f"#   - {indicator.id}" for indicator in left_out]
    return "\n".join(lines) + "\n#\n" + SCHEMA_SUMMARY


class _IndentedDumper(yaml.SafeDumper):
    # Lists indented under their key, as in the hand-written place files.
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)
