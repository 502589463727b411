"""Places: the shipped examples, one test per validation error, the geography and the scaffold."""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from assets.catalogue import Catalogue, Framework, load_catalogue
from assets.places import (
    AreaType,
    Measure,
    NeighbourSource,
    OnsGeography,
    Place,
    PlaceError,
    Role,
    load_place,
    load_places,
    scaffold_place,
)
from assets.places.frameworks import REFERENCE_NOT_LOADED
from assets.places.rows import trajectory_rows
from assets.reference.bundle import SHIPPED_REFERENCE_DIR, current_bundle
from pipelines.cli_places import place
from tests.conftest import require_shared
from tests.pipeline_harness import load_place_file, settings_for

REPO = Path(__file__).resolve().parents[1]
CATALOGUE_DIR = REPO / "indicator_catalogue"
PLACES = CATALOGUE_DIR / "places"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "places"

L5_WARNING = (
    "indicator_catalogue/places/croydon.yaml line 159, field"
    " 'shared_outcomes[0].priorities[1].measures[4].indicator': measure 'L5' uses discontinued"
    " indicator 'ascof-2c2-delayed-transfers-attributable-to-social-care', which has no"
    " successor (replaced_by)"
)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(CATALOGUE_DIR)


@pytest.fixture(scope="module")
def geography() -> OnsGeography:
    # The bundle shipped in the repository: what a plain clone reads.
    return OnsGeography.from_bundle(current_bundle(SHIPPED_REFERENCE_DIR))


@pytest.fixture(scope="module")
def croydon(catalogue: Catalogue, geography: OnsGeography) -> Place:
    return load_place(PLACES / "croydon.yaml", catalogue, geography)


@pytest.fixture(scope="module")
def croydon_rows() -> list[dict[str, str]]:
    path = require_shared("docs/reference_croydon_framework.csv")
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def measures_by_id(loaded: Place) -> dict[str, Measure]:
    return {placed.measure.id: placed.measure for placed in loaded.measures()}


def problems_of(case: str, catalogue: Catalogue, geography: OnsGeography) -> list[str]:
    with pytest.raises(PlaceError) as raised:
        load_place(FIXTURES / f"{case}.yaml", catalogue, geography)
    return raised.value.problems


# --- The shipped places ---------------------------------------------------------------------


def test_every_shipped_place_loads(catalogue: Catalogue, geography: OnsGeography) -> None:
    places = load_places(CATALOGUE_DIR, catalogue, geography)
    assert [loaded.id for loaded in places] == ["croydon", "leeds", "trafford"]


def test_croydon_has_every_reference_row_with_its_own_wording(
    croydon: Place, croydon_rows: list[dict[str, str]]
) -> None:
    measures = measures_by_id(croydon)
    # PP3, PP6 and PP9 are not in the reference CSV, and so not in the file.
    assert sorted(measures) == sorted(row["croydon_code"] for row in croydon_rows)
    for row in croydon_rows:
        assert measures[row["croydon_code"]].name == row["croydon_indicator"]


def test_croydon_indicators_carry_the_reference_fingertips_ids(
    croydon: Place, croydon_rows: list[dict[str, str]], catalogue: Catalogue
) -> None:
    measures = measures_by_id(croydon)
    checked = []
    for row in croydon_rows:
        measure = measures[row["croydon_code"]]
        fingertips_id = row["fingertips_indicator_id"]
        exact = row["match_type"].startswith("exact")
        if re.fullmatch(r"\d+", fingertips_id) and exact:
            assert measure.indicator is not None, row["croydon_code"]
            assert catalogue.by_id(measure.indicator).fingertips_id == int(fingertips_id)
            checked.append(row["croydon_code"])
        if row["fingertips_id_confidence"] == "verified":
            assert exact and measure.indicator is not None, row["croydon_code"]
    assert checked == ["PP1", "PP5", "PP7", "PP8", "PP10", "L1", "L3", "L6"]


def test_croydon_measures_without_a_national_source_are_local(croydon: Place) -> None:
    measures = measures_by_id(croydon)
    local = {code for code, measure in measures.items() if measure.local is not None}
    assert local == {"PP2", "PP4", "PP11", "L2"}
    # A proxy is named, never used for values: C28a counts the other tail of the scale.
    assert measures["PP2"].local.nearest_indicator == "phof-c28a-low-life-satisfaction"
    assert measures["L4"].indicator == "ascof-1b-control-over-daily-life"


def test_croydon_l5_is_discontinued_without_successor(croydon: Place) -> None:
    assert croydon.warnings == [L5_WARNING]


def test_croydon_filters_roles_and_core20(croydon: Place) -> None:
    measures = measures_by_id(croydon)
    assert measures["PP10"].age == "80+ yrs"
    assert measures["L3"].age == "65+ yrs"
    assert measures["PP4"].role is Role.PROCESS
    assert [code for code, measure in measures.items() if measure.core20] == ["PP11"]
    assert croydon.area_codes == ["E09000008"]
    assert croydon.area_type is AreaType.COUNTIES_UAS_APRIL_2023
    assert croydon.icb.code == "E54000031"
    assert croydon.comparators.nearest_neighbours is NeighbourSource.OFLOG


def test_leeds_frailty_board_keeps_its_published_outcomes(
    catalogue: Catalogue, geography: OnsGeography
) -> None:
    leeds = load_place(PLACES / "leeds.yaml", catalogue, geography)
    assert [outcome.name for outcome in leeds.shared_outcomes] == [
        "Live and age well defined by 'what matters to me'",
        "Be identified, supported and have their needs assessed",
        "Reducing avoidable disruption to people's lives as a result of contact with services",
    ]
    assert leeds.core20 is not None and leeds.core20.deciles == [1]
    assert leeds.warnings == []
    dementia = measures_by_id(leeds)["dementia-diagnosis-rate"]
    assert dementia.target is not None and dementia.target.value == 66.7


def test_trafford_is_built_from_the_phof_defaults(
    catalogue: Catalogue, geography: OnsGeography
) -> None:
    trafford = load_place(PLACES / "trafford.yaml", catalogue, geography)
    assert len(trafford.shared_outcomes) == 5
    for placed in trafford.measures():
        indicator = catalogue.by_id(placed.measure.indicator)
        assert indicator.is_live
        assert any(p.framework is Framework.PHOF for p in indicator.publications())


# --- One test per validation problem --------------------------------------------------------

MEASURE_0 = "shared_outcomes[0].priorities[0].measures[0]"


def test_valid_fixture_loads_with_target_and_trajectory(
    catalogue: Catalogue, geography: OnsGeography
) -> None:
    loaded = load_place(FIXTURES / "valid.yaml", catalogue, geography)
    measure = measures_by_id(loaded)["M2"]
    assert [milestone.by for milestone in measure.trajectory] == ["2024/25", "2025/26"]
    assert loaded.warnings == []
    # One warehouse row per milestone, dated by the end of its (financial) year.
    assert trajectory_rows(loaded) == [
        {
            "place_id": loaded.id,
            "measure_id": "M2",
            "milestone_order": 1,
            "trajectory_by": "2024/25",
            "trajectory_period_end": date(2025, 3, 31),
            "trajectory_value": 64.0,
        },
        {
            "place_id": loaded.id,
            "measure_id": "M2",
            "milestone_order": 2,
            "trajectory_by": "2025/26",
            "trajectory_period_end": date(2026, 3, 31),
            "trajectory_value": 66.7,
        },
    ]


def test_unknown_indicator(catalogue: Catalogue, geography: OnsGeography) -> None:
    assert problems_of("unknown-indicator", catalogue, geography) == [
        (
            f"tests/fixtures/places/unknown-indicator.yaml line 29, field '{MEASURE_0}.indicator':"
            " 'phof-x' is not in the indicator catalogue"
        )
    ]


def test_duplicate_priority_and_measure_ids(catalogue: Catalogue, geography: OnsGeography) -> None:
    assert problems_of("duplicate-ids", catalogue, geography) == [
        (
            "tests/fixtures/places/duplicate-ids.yaml line 39, field"
            " 'shared_outcomes[0].priorities[1].id': duplicate priority id 'prevention'"
            " (first defined on line 25)"
        ),
        (
            "tests/fixtures/places/duplicate-ids.yaml line 42, field"
            " 'shared_outcomes[0].priorities[1].measures[0].id': duplicate measure id 'M1'"
            " (first defined on line 28)"
        ),
    ]


def test_unknown_area_code(catalogue: Catalogue, geography: OnsGeography) -> None:
    assert problems_of("unknown-area-code", catalogue, geography) == [
        (
            "tests/fixtures/places/unknown-area-code.yaml line 4, field 'areas[0].code':"
            " 'E09999999' is not a known area code"
        )
    ]


def test_code_not_in_the_chosen_vintage(catalogue: Catalogue, geography: OnsGeography) -> None:
    assert problems_of("not-in-vintage", catalogue, geography) == [
        (
            "tests/fixtures/places/not-in-vintage.yaml line 4, field 'areas[0].code': 'E10000021'"
            " (Northamptonshire) is not a County & UA in Fingertips area type 502 (April 2023"
            " boundaries); it is one in area types 102, 202, 302"
        )
    ]


def test_bad_cadence_and_month(catalogue: Catalogue, geography: OnsGeography) -> None:
    assert problems_of("bad-cadence", catalogue, geography) == [
        (
            "tests/fixtures/places/bad-cadence.yaml line 17, field 'review.cadence': 'quarterly' is"
            " not one of 6-monthly, annual"
        ),
        (
            "tests/fixtures/places/bad-cadence.yaml line 18, field 'review.month': Input should be"
            " less than or equal to 12 (got 13)"
        ),
    ]


def test_id_not_matching_file_name(catalogue: Catalogue, geography: OnsGeography) -> None:
    assert problems_of("id-not-file-name", catalogue, geography) == [
        (
            "tests/fixtures/places/id-not-file-name.yaml line 1, field 'id': the place id 'croydon'"
            " must equal the file name (id-not-file-name.yaml)"
        )
    ]


def test_unknown_nearest_neighbour_source(catalogue: Catalogue, geography: OnsGeography) -> None:
    assert problems_of("unknown-neighbour-source", catalogue, geography) == [
        (
            "tests/fixtures/places/unknown-neighbour-source.yaml line 15, field"
            " 'comparators.nearest_neighbours': 'cipfa' is not a nearest-neighbour source:"
            " use oflog, or a list of area codes"
        )
    ]


def test_listed_neighbour_not_in_the_vintage(catalogue: Catalogue, geography: OnsGeography) -> None:
    assert problems_of("neighbour-not-in-vintage", catalogue, geography) == [
        (
            "tests/fixtures/places/neighbour-not-in-vintage.yaml line 15, field"
            " 'comparators.nearest_neighbours[1]': 'E10000021' is not a County & UA in Fingertips"
            " area type 502, the place's vintage"
        )
    ]


def test_region_the_area_is_not_in(catalogue: Catalogue, geography: OnsGeography) -> None:
    assert problems_of("wrong-region", catalogue, geography) == [
        (
            "tests/fixtures/places/wrong-region.yaml line 10, field 'region.code': the region of"
            " E09000008 (Croydon) is E12000007 (London), not E12000008"
        )
    ]


def test_areas_in_two_vintages(catalogue: Catalogue, geography: OnsGeography) -> None:
    assert problems_of("mixed-vintages", catalogue, geography) == [
        (
            "tests/fixtures/places/mixed-vintages.yaml line 7, field"
            " 'areas[1].fingertips_area_type': every area of a place is in one boundary vintage:"
            " areas[0] is in area type 502"
        )
    ]


def test_measure_needs_exactly_one_of_indicator_and_local(
    catalogue: Catalogue, geography: OnsGeography
) -> None:
    message = (
        "a measure names either indicator (a catalogue id) or local (its own definition):"
        " give exactly one"
    )
    assert problems_of("indicator-or-local", catalogue, geography) == [
        (
            f"tests/fixtures/places/indicator-or-local.yaml line 30, field '{MEASURE_0}.local':"
            f" {message}"
        ),
        (
            "tests/fixtures/places/indicator-or-local.yaml line 32, field"
            f" 'shared_outcomes[0].priorities[0].measures[1].local': {message}"
        ),
    ]


def test_trajectory_out_of_order(catalogue: Catalogue, geography: OnsGeography) -> None:
    assert problems_of("trajectory-order", catalogue, geography) == [
        (
            "tests/fixtures/places/trajectory-order.yaml line 37, field"
            " 'shared_outcomes[0].priorities[0].measures[1].trajectory': list trajectory milestones"
            " once each, in period order"
        )
    ]


def test_misspelt_field_suggests_the_intended_one(
    catalogue: Catalogue, geography: OnsGeography
) -> None:
    assert problems_of("unknown-field", catalogue, geography) == [
        (
            "tests/fixtures/places/unknown-field.yaml line 17, field 'review.cadence':"
            " required field is missing"
        ),
        (
            "tests/fixtures/places/unknown-field.yaml line 17, field 'review.cadance':"
            " unknown field; did you mean 'cadence'?"
        ),
    ]


def test_key_written_twice(catalogue: Catalogue, geography: OnsGeography) -> None:
    assert problems_of("duplicate-key", catalogue, geography) == [
        (
            f"tests/fixtures/places/duplicate-key.yaml line 31, field '{MEASURE_0}.role':"
            " key written twice (first on line 30); YAML would keep only the last"
        )
    ]


def test_yaml_syntax_error(catalogue: Catalogue, geography: OnsGeography) -> None:
    assert problems_of("yaml-syntax", catalogue, geography) == [
        (
            "tests/fixtures/places/yaml-syntax.yaml line 3: not valid YAML:"
            " expected ',' or ']', but got ':'"
        )
    ]


def test_discontinued_indicator_without_successor_warns(
    catalogue: Catalogue, geography: OnsGeography
) -> None:
    loaded = load_place(FIXTURES / "discontinued-indicator.yaml", catalogue, geography)
    assert loaded.warnings == [
        (
            "tests/fixtures/places/discontinued-indicator.yaml line 29, field"
            f" '{MEASURE_0}.indicator': measure 'M1' uses discontinued indicator"
            " 'ascof-2c2-delayed-transfers-attributable-to-social-care', which has no successor"
            " (replaced_by)"
        )
    ]


def test_places_are_validated_against_references_only() -> None:
    with pytest.raises(TypeError, match="load_place"):
        Place.model_validate({"id": "x"})


# --- Geography ------------------------------------------------------------------------------


def test_vintages_have_the_expected_number_of_counties_and_uas(geography: OnsGeography) -> None:
    counts = {t.value: len(geography.codes_in_vintage(t)) for t in AreaType}
    # 152 before April 2019 less Dorset County Council, whose code no lookup here names.
    assert counts == {102: 151, 202: 151, 302: 151, 402: 152, 502: 153}
    assert geography.name("E10000009") is None


def test_boundary_changes_between_vintages(geography: OnsGeography) -> None:
    def added(old: int, new: int) -> set[str]:
        return geography.codes_in_vintage(new) - geography.codes_in_vintage(old)

    assert added(102, 202) == {
        "E06000058",
        "E06000059",
    }  # Bournemouth, Christchurch and Poole; Dorset
    assert added(202, 302) == {"E06000060"}  # Buckinghamshire
    assert added(302, 402) == {"E06000061", "E06000062"}  # North and West Northamptonshire
    assert added(402, 502) == {"E06000063", "E06000064", "E06000065", "E06000066"}


def test_region_icb_and_neighbours(geography: OnsGeography) -> None:
    assert geography.region_of("E09000008") == "E12000007"
    assert geography.icb_of("E09000008") == "E54000031"
    assert geography.name("E54000031") == "NHS South West London Integrated Care Board"
    # An abolished county reaches its ICB through its districts' successors.
    assert geography.icb_of("E10000021") == "E54000059"
    neighbours = geography.nearest_neighbours("E09000008")
    assert len(neighbours) == 15 and "E09000008" not in neighbours
    assert geography.nearest_neighbours("E06000063") == []


# --- Scaffold and command line --------------------------------------------------------------


def phof_defaults(catalogue: Catalogue) -> Iterator[str]:
    """Catalogue ids of the live PHOF indicators whose PHOF code gives their domain."""
    for indicator in catalogue.in_framework(Framework.PHOF):
        codes = [p.code for p in indicator.publications() if p.framework is Framework.PHOF]
        if indicator.is_live and codes and codes[0][0] in "ABCDE":
            yield indicator.id


def test_scaffold_for_leeds_validates(
    tmp_path: Path, catalogue: Catalogue, geography: OnsGeography
) -> None:
    path = tmp_path / "leeds.yaml"
    path.write_text(scaffold_place("E08000035", "Leeds", catalogue, geography), encoding="utf-8")
    leeds = load_place(path, catalogue, geography)
    assert [outcome.id for outcome in leeds.shared_outcomes] == [
        "phof-a-overarching",
        "phof-b-wider-determinants",
        "phof-c-health-improvement",
        "phof-d-health-protection",
        "phof-e-healthcare-premature-mortality",
    ]
    measure_ids = [placed.measure.indicator for placed in leeds.measures()]
    # Every live PHOF indicator with a code, once: 55 with the catalogue as it stands.
    assert sorted(measure_ids) == sorted(phof_defaults(catalogue))
    assert (leeds.region.code, leeds.icb.code) == ("E12000003", "E54000054")
    assert leeds.comparators.nearest_neighbours is NeighbourSource.OFLOG
    assert (leeds.review.cadence.value, leeds.review.month) == ("annual", 10)
    assert leeds.warnings == []


def test_every_county_and_ua_of_2023_scaffolds_a_place_that_validates(
    tmp_path: Path, catalogue: Catalogue, geography: OnsGeography
) -> None:
    """`outcomes place new --code <any Counties & UAs code>`: all 153, from the shipped bundle."""
    codes = sorted(geography.codes_in_vintage(502))
    assert len(codes) == 153
    for code in codes:
        path = tmp_path / "place.yaml"
        path.write_text(
            scaffold_place(code, geography.name(code), catalogue, geography, place_id="place"),
            encoding="utf-8",
        )
        place = load_place(path, catalogue, geography)
        assert (place.areas[0].code, place.region.code) == (code, geography.region_of(code))


def test_scaffold_refuses_a_code_outside_the_vintage(
    catalogue: Catalogue, geography: OnsGeography
) -> None:
    with pytest.raises(
        ValueError, match="E10000021 is not a County & UA in Fingertips area type 502"
    ):
        scaffold_place("E10000021", "Northamptonshire", catalogue, geography)


def test_place_new_writes_once_and_refuses_to_overwrite(tmp_path: Path) -> None:
    output = tmp_path / "leeds.yaml"
    arguments = [
        "new",
        "--code",
        "E08000035",
        "--name",
        "Leeds",
        "--output",
        str(output),
    ]
    runner = CliRunner()
    first = runner.invoke(place, arguments)
    assert first.exit_code == 0, first.output
    assert first.stdout.splitlines()[-1] == str(output)
    written = output.read_text(encoding="utf-8")

    second = runner.invoke(place, arguments)
    assert second.exit_code == 1
    assert f"{output} already exists; not overwritten" in second.stderr
    assert output.read_text(encoding="utf-8") == written


def test_place_validate_reports_problems() -> None:
    result = CliRunner().invoke(
        place,
        ["validate", str(FIXTURES / "unknown-indicator.yaml")],
    )
    assert result.exit_code == 1
    assert "'phof-x' is not in the indicator catalogue" in result.stderr


def test_place_new_refuses_a_file_name_that_is_not_a_place_id(
    tmp_path: Path,
) -> None:
    result = CliRunner().invoke(
        place,
        [
            "new",
            "--code",
            "E08000035",
            "--name",
            "Leeds",
            "--output",
            str(tmp_path / "Leeds.yaml"),
        ],
    )
    assert result.exit_code == 2
    assert "the file name 'Leeds.yaml' is the place id" in result.stderr
    assert not (tmp_path / "Leeds.yaml").exists()


def test_place_validate_checks_every_shipped_place() -> None:
    result = CliRunner().invoke(place, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "croydon: 1 shared outcomes, 14 measures",
        "leeds: 3 shared outcomes, 12 measures",
        "trafford: 5 shared outcomes, 55 measures",
    ]
    assert result.stderr == f"  warning: {L5_WARNING}\n"


def test_a_place_built_on_a_warehouse_without_the_reference_bundle_says_to_load_it(tmp_path):
    """A new warehouse, or one just upgraded to schema version 3, holds no bundle: the place's
    Core20 cut would count every LSOA as unmatched, so the run says what to do."""
    result, instance = load_place_file(settings_for("http://127.0.0.1:9/api/", tmp_path), "croydon")

    assert result.success
    warnings = [
        entry.user_message
        for entry in instance.all_logs(result.run_id)
        if entry.dagster_event is None and entry.level == logging.WARNING
    ]
    assert warnings.count(REFERENCE_NOT_LOADED) == 1
