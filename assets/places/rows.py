"""A validated place as warehouse rows: the place itself and one row per measure."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from assets.catalogue import Catalogue
from assets.periods import parse_fingertips_period
from assets.places.models import Place


def place_row(place: Place, path: Path, nearest_neighbours: list[str]) -> dict[str, Any]:
    core20_deciles = place.core20.deciles if place.core20 else [1, 2]
    return {
        "place_id": place.id,
        "place_name": place.name,
        "area_codes": place.area_codes,
        "area_type_id": int(place.area_type),
        "region_code": place.region.code,
        "region_name": place.region.name,
        "icb_code": place.icb.code,
        "icb_name": place.icb.name,
        "nearest_neighbours": nearest_neighbours,
        "review_cadence": str(place.review.cadence),
        "review_month": place.review.month,
        "trajectory_years": place.review.trajectory_years,
        "imd_version": str(place.imd_version),
        "core20_deciles": core20_deciles,
        "file_sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
    }


def measure_rows(place: Place, catalogue: Catalogue) -> list[dict[str, Any]]:
    rows = []
    for order, placed in enumerate(place.measures(), start=1):
        measure = placed.measure
        indicator = catalogue.by_id(measure.indicator) if measure.indicator else None
        local = measure.local
        target = measure.target
        rows.append(
            {
                "place_id": place.id,
                "outcome_id": placed.outcome.id,
                "outcome_name": placed.outcome.name,
                "priority_id": placed.priority.id,
                "priority_name": placed.priority.name,
                "measure_id": measure.id,
                "measure_name": measure.name
                or (indicator.name if indicator else local.name if local else measure.id),
                "measure_order": order,
                "role": str(measure.role),
                "catalogue_indicator_id": indicator.id if indicator else None,
                "fingertips_indicator_id": indicator.fingertips_id if indicator else None,
                "framework": str(indicator.framework) if indicator else None,
                "framework_code": indicator.framework_code if indicator else None,
                "is_local": local is not None,
                "unit": indicator.unit if indicator else local.unit if local else None,
                "value_type": str(indicator.value_type) if indicator else None,
                "frequency": str(indicator.frequency) if indicator else None,
                "polarity": str(indicator.polarity if indicator else local.polarity),
                "indicator_status": str(indicator.status) if indicator else None,
                "replaced_by": indicator.replaced_by if indicator else None,
                "sex": str(measure.sex) if measure.sex else None,
                "age": measure.age,
                "core20": measure.core20,
                "target_value": target.value if target else None,
                "target_by": target.by if target else None,
                "target_direction": str(target.direction) if target else None,
            }
        )
    return rows


def trajectory_rows(place: Place) -> list[dict[str, Any]]:
    """One row per milestone of each measure's trajectory, dated by its period's end (a split
    year such as 2025/26 read as Fingertips reads one: a financial year)."""
    return [
        {
            "place_id": place.id,
            "measure_id": placed.measure.id,
            "milestone_order": order,
            "trajectory_by": milestone.by,
            "trajectory_period_end": parse_fingertips_period(milestone.by).period_end,
            "trajectory_value": milestone.value,
        }
        for placed in place.measures()
        for order, milestone in enumerate(placed.measure.trajectory, start=1)
    ]
