"""The national indicator catalogue: real content, lookups, and one test per validation error."""

from __future__ import annotations

import csv
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from assets.catalogue import (
    Catalogue,
    CatalogueError,
    Framework,
    Polarity,
    Status,
    load_catalogue,
)
from tests.conftest import require_shared

REPO = Path(__file__).resolve().parents[1]
CATALOGUE_DIR = REPO / "indicator_catalogue"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "catalogue"

CSV_FRAMEWORKS = {"PHOF": Framework.PHOF, "ASCOF": Framework.ASCOF, "NHS OF": Framework.NHSOF}
# A framework code as the reference CSV writes it when it is a plain code: A01b, 2D, 2.3.i, 1I(2).
PLAIN_CODE = re.compile(r"^[A-Za-z0-9.]+(?:\(\d\))?$")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(CATALOGUE_DIR)


@pytest.fixture(scope="module")
def reference_rows() -> list[dict[str, str]]:
    with require_shared("docs/reference_indicators.csv").open(
        newline="", encoding="utf-8"
    ) as handle:
        return list(csv.DictReader(handle))


def load_fixture(case: str) -> Catalogue:
    return load_catalogue(FIXTURES / case)


def problems_of(case: str) -> list[str]:
    with pytest.raises(CatalogueError) as raised:
        load_fixture(case)
    return raised.value.problems


# --- The real catalogue ---------------------------------------------------------------------


def test_real_catalogue_loads_with_every_framework(catalogue: Catalogue) -> None:
    per_framework = Counter(indicator.framework for indicator in catalogue.indicators)
    assert len(catalogue.indicators) >= 60
    assert per_framework[Framework.PHOF] >= 40
    assert per_framework[Framework.ASCOF] >= 15
    assert per_framework[Framework.NHSOF] >= 5


def test_life_expectancy_at_birth(catalogue: Catalogue) -> None:
    indicator = catalogue.by_fingertips_id(90366)
    assert indicator.id == "phof-a01b-life-expectancy-birth"
    assert indicator.framework is Framework.PHOF
    assert indicator.framework_code == "A01b"
    assert indicator.polarity is Polarity.HIGHER_IS_BETTER
    assert indicator.status is Status.LIVE


def test_one_framework_code_covers_several_fingertips_ids(catalogue: Catalogue) -> None:
    assert {i.fingertips_id for i in catalogue.in_framework("PHOF", "A01b")} == {90366, 91102}


def test_children_in_low_income_families_replaced_by_absolute_low_income(
    catalogue: Catalogue,
) -> None:
    old = catalogue.by_fingertips_id(10101)
    successor = catalogue.by_fingertips_id(93701)
    assert old.status is Status.REPLACED
    assert old.replaced_by == successor.id == "phof-b01b-children-absolute-low-income"
    assert successor.status is Status.LIVE


def test_healthy_life_expectancy_polarity_is_not_fingertipsnext_s(catalogue: Catalogue) -> None:
    # FingertipsNext lists 90362 as 'Low is good', which is wrong.
    assert catalogue.by_fingertips_id(90362).polarity is Polarity.HIGHER_IS_BETTER


def test_nhs_outcomes_framework_indicators_reached_through_phof(catalogue: Catalogue) -> None:
    expected = {"1.1": 40401, "1.4": 40501, "1.6.i": 92196, "2.6.i": 92949, "3b": 41101}
    for code, fingertips_id in expected.items():
        [indicator] = catalogue.in_framework("NHSOF", code)
        assert indicator.fingertips_id == fingertips_id
        assert indicator.framework is Framework.PHOF
    archived = {2521: "2.3.i", 2520: "2.3.ii", 2503: "3a", 2504: "3.2"}
    for fingertips_id, code in archived.items():
        indicator = catalogue.by_fingertips_id(fingertips_id)
        assert (indicator.framework, indicator.framework_code) == (Framework.NHSOF, code)


def test_ascof_social_contact_is_phof_b18a(catalogue: Catalogue) -> None:
    indicator = catalogue.by_fingertips_id(90280)
    assert indicator.framework is Framework.ASCOF
    assert "1I(1)" in indicator.former_codes
    assert [(p.framework, p.code) for p in indicator.also_in] == [(Framework.PHOF, "B18a")]


def test_ascof_client_level_data_series_break(catalogue: Catalogue) -> None:
    for code in ("2A", "2B", "2C", "2E", "3D(1)", "3D(2)"):
        [indicator] = catalogue.in_framework("ASCOF", code)
        assert [b.from_ for b in indicator.series_breaks] == [date(2024, 4, 1)], code


def test_ascof_renumbering_keeps_former_codes(catalogue: Catalogue) -> None:
    former = {"2A": "2D", "2B": "2A(1)", "2C": "2A(2)", "2E": "1G", "3D(1)": "1C(1)"}
    for code, old_code in former.items():
        [indicator] = catalogue.in_framework("ASCOF", code)
        assert old_code in indicator.former_codes


def test_reablement_91_days_ends_with_salt_and_points_to_2d(catalogue: Catalogue) -> None:
    old = catalogue.by_fingertips_id(90584)
    assert old.status is Status.DISCONTINUED
    assert catalogue.by_id(old.replaced_by).framework_code == "2D(1)"


def test_delayed_transfers_of_care_discontinued_without_successor(catalogue: Catalogue) -> None:
    [indicator] = catalogue.in_framework("ASCOF", "2C(2)")
    assert indicator.status is Status.DISCONTINUED and indicator.replaced_by is None
    assert any(f"{indicator.id!r} has no successor" in warning for warning in catalogue.warnings)


def test_fingertips_indicator_ids(catalogue: Catalogue) -> None:
    live = catalogue.fingertips_indicator_ids()
    everything = catalogue.fingertips_indicator_ids(include_discontinued=True)
    assert live == sorted(set(live))
    assert everything == sorted(set(everything))
    assert 93701 in live and 10101 not in live and 90584 not in live
    assert {10101, 90584, 90585, 93701} <= set(everything)
    assert set(live) < set(everything)


def test_lookups_raise_key_error_for_unknown_ids(catalogue: Catalogue) -> None:
    with pytest.raises(KeyError, match="no catalogue entry has id 'phof-nothing'"):
        catalogue.by_id("phof-nothing")
    with pytest.raises(KeyError, match="no catalogue entry has Fingertips id 1"):
        catalogue.by_fingertips_id(1)


def test_every_unverified_fact_is_explained(catalogue: Catalogue) -> None:
    for indicator in catalogue.indicators:
        if indicator.unverified:
            assert indicator.notes, f"{indicator.id} lists unverified fields without notes"


def test_catalogue_built_directly_rejects_duplicate_ids(catalogue: Catalogue) -> None:
    twice = [catalogue.indicators[0], catalogue.indicators[0]]
    with pytest.raises(ValueError, match="duplicate catalogue id"):
        Catalogue(indicators=twice)


# --- Agreement with shared/docs/reference_indicators.csv ------------------------------------


def verified_fingertips_id(row: dict[str, str]) -> int | None:
    """The row's Fingertips id when its confidence column says it is verified."""
    match = re.match(r"\d+", row["fingertips_indicator_id"])
    if match and row["fingertips_id_confidence"].startswith("verified"):
        return int(match.group())
    return None


def csv_polarity(text: str) -> Polarity | None:
    """The CSV's polarity when it states one plainly: not 'check …' and not 'x or y'."""
    stated = text.split("(")[0].strip()
    if "check" in text or " or " in stated:
        return None
    return {
        "higher is better": Polarity.HIGHER_IS_BETTER,
        "lower is better": Polarity.LOWER_IS_BETTER,
        "not applicable": Polarity.NO_JUDGEMENT,
    }.get(stated)


def confirmed_codes(row: dict[str, str]) -> list[tuple[Framework, str]]:
    """(framework, code) pairs whose code the CSV marks confirmed and writes as a plain code."""
    frameworks = [name.strip() for name in row["framework"].split(";")]
    pairs = []
    for name in frameworks:
        if name not in CSV_FRAMEWORKS:
            continue
        if len(frameworks) == 1:
            code_text, confidence = row["framework_code"], row["framework_code_confidence"]
        else:
            # Rows of several frameworks prefix each part: 'PHOF E04a; NHS OF 1.1'.
            prefix = f"{name} "
            code_text = next(
                (
                    part.strip().removeprefix(prefix)
                    for part in row["framework_code"].split(";")
                    if part.strip().startswith(prefix)
                ),
                "",
            )
            confidence = next(
                (
                    part.strip().removeprefix(prefix)
                    for part in row["framework_code_confidence"].split(";")
                    if part.strip().startswith(prefix)
                ),
                "",
            )
        code = code_text.split(" ")[0]
        if confidence.startswith("confirmed") and PLAIN_CODE.match(code):
            pairs.append((CSV_FRAMEWORKS[name], code))
    return pairs


def test_verified_fingertips_ids_and_polarities_agree_with_reference_csv(
    catalogue: Catalogue, reference_rows: list[dict[str, str]]
) -> None:
    checked = 0
    for row in reference_rows:
        fingertips_id = verified_fingertips_id(row)
        if fingertips_id is None:
            continue
        indicator = catalogue.by_fingertips_id(fingertips_id)
        polarity = csv_polarity(row["polarity"])
        if polarity is not None:
            assert indicator.polarity is polarity, f"{fingertips_id} {row['indicator_name']}"
            checked += 1
    assert checked >= 40


def test_confirmed_framework_codes_agree_with_reference_csv(
    catalogue: Catalogue, reference_rows: list[dict[str, str]]
) -> None:
    checked = 0
    for row in reference_rows:
        for framework, code in confirmed_codes(row):
            fingertips_id = verified_fingertips_id(row)
            candidates = (
                [catalogue.by_fingertips_id(fingertips_id)]
                if fingertips_id is not None
                else catalogue.indicators
            )
            published = {
                known
                for indicator in candidates
                for known in [p.code for p in indicator.publications() if p.framework is framework]
                + (indicator.former_codes if indicator.framework is framework else [])
            }
            # A code the CSV gives whole (2D) may be split into parts here (2D(1), 2D(2)).
            assert code in published or any(c.startswith(f"{code}(") for c in published), (
                f"{framework} {code} ({row['indicator_name']})"
            )
            checked += 1
    assert checked >= 15


# --- Validation errors: each names file, line and field -------------------------------------


def test_unknown_enum_value() -> None:
    assert problems_of("unknown_enum") == [
        (
            "unknown_enum/indicators/phof.yaml line 9, field 'polarity': 'higer_is_better' is not one"
            " of higher_is_better, lower_is_better, no_judgement"
        )
    ]


def test_missing_required_field() -> None:
    assert problems_of("missing_field") == [
        "missing_field/indicators/phof.yaml line 3, field 'unit': required field is missing"
    ]


def test_duplicate_catalogue_id_names_both_files() -> None:
    assert problems_of("duplicate_id") == [
        (
            "duplicate_id/indicators/phof.yaml line 13, field 'id': duplicate catalogue id"
            " 'shared-social-contact' (first defined at duplicate_id/indicators/ascof.yaml line 3)"
        )
    ]


def test_duplicate_fingertips_id_names_both_entries() -> None:
    assert problems_of("duplicate_fingertips_id") == [
        (
            "duplicate_fingertips_id/indicators/phof.yaml line 5, field 'fingertips_id': Fingertips"
            " id 40401 is already catalogue entry 'nhsof-1-1-cvd-mortality-under-75'"
            " (duplicate_fingertips_id/indicators/nhsof.yaml line 5); list the other framework's code"
            " under also_in instead"
        )
    ]


def test_replaced_by_unknown_catalogue_id() -> None:
    assert problems_of("unknown_successor") == [
        (
            "unknown_successor/indicators/phof.yaml line 12, field 'replaced_by':"
            " 'phof-b01b-children-in-absolute-low-income' is not a catalogue id"
        )
    ]


def test_replaced_without_replaced_by() -> None:
    assert problems_of("replaced_without_successor") == [
        (
            "replaced_without_successor/indicators/phof.yaml line 3, field 'replaced_by': status is"
            " replaced, so replaced_by must name the successor"
        )
    ]


def test_live_indicator_with_a_successor() -> None:
    assert problems_of("live_with_successor") == [
        (
            "live_with_successor/indicators/phof.yaml line 12, field 'replaced_by': a live indicator"
            " has no successor: remove replaced_by or change status"
        )
    ]


def test_bad_slug() -> None:
    assert problems_of("bad_slug") == [
        (
            "bad_slug/indicators/phof.yaml line 3, field 'id': 'PHOF_A01b life expectancy' is not a"
            " valid catalogue id: use lowercase letters and digits, in words joined by single hyphens"
        )
    ]


def test_misspelt_field_suggests_the_intended_one() -> None:
    assert problems_of("unknown_field") == [
        (
            "unknown_field/indicators/phof.yaml line 13, field 'replaced_bye': unknown field; did you"
            " mean 'replaced_by'?"
        )
    ]


def test_key_written_twice() -> None:
    assert problems_of("duplicate_key") == [
        (
            "duplicate_key/indicators/phof.yaml line 12, field 'polarity': key written twice (first"
            " on line 9); YAML would keep only the last"
        )
    ]


def test_fingertips_source_needs_a_fingertips_id() -> None:
    assert problems_of("fingertips_source_without_id") == [
        (
            "fingertips_source_without_id/indicators/phof.yaml line 11, field 'sources': fingertips"
            " is a source, so fingertips_id is required"
        )
    ]


def test_yaml_syntax_error_names_the_line() -> None:
    assert problems_of("yaml_syntax") == [
        "yaml_syntax/indicators/phof.yaml line 6: not valid YAML: expected ',' or ']', but got ':'"
    ]


def test_every_problem_of_every_file_in_one_error() -> None:
    with pytest.raises(CatalogueError) as raised:
        load_fixture("several_problems")
    file = "several_problems/indicators"
    assert raised.value.problems == [
        (
            f"{file}/nhsof.yaml line 1, field 'framework': 'NHS OF' is not one of PHOF, ASCOF,"
            " NHSOF, OTHER"
        ),
        (
            f"{file}/nhsof.yaml line 2, field 'indicators': List should have at least 1 item after"
            " validation, not 0"
        ),
        (
            f"{file}/phof.yaml line 5, field 'fingertips_id': Input should be a valid integer"
            " (got '92254')"
        ),
        (
            f"{file}/phof.yaml line 10, field 'frequency': 'yearly' is not one of annual, biennial,"
            " quarterly, monthly, 3-year pooled, 5-year pooled, periodic"
        ),
        (
            f"{file}/phof.yaml line 13, field 'series_breaks[0].from': Input should be a valid date"
            " or datetime, invalid character in year (got 'not a date')"
        ),
        f"{file}/phof.yaml line 15, field 'sources': a source is listed more than once",
        (
            f"{file}/phof.yaml line 16, field 'unverified': 'colour' is not one of also_in, ci_method,"
            " fingertips_id, former_codes, framework_code, frequency, name, polarity, replaced_by,"
            " series_breaks, sources, status, unit, value_type"
        ),
    ]
    assert str(raised.value).startswith("the indicator catalogue has 7 problems:\n  - ")
    assert isinstance(raised.value, ValueError)


def test_missing_folder() -> None:
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(FIXTURES / "no_such_catalogue")
    assert raised.value.problems == [
        "no_such_catalogue/indicators: no *.yaml catalogue files found"
    ]


def test_discontinued_without_successor_is_a_warning_not_an_error() -> None:
    catalogue = load_fixture("discontinued_without_successor")
    assert catalogue.warnings == [
        (
            "discontinued_without_successor/indicators/ascof.yaml line 10, field 'status':"
            " discontinued indicator 'ascof-2c2-delayed-transfers-attributable-to-social-care' has no"
            " successor (replaced_by)"
        )
    ]
    assert catalogue.fingertips_indicator_ids(include_discontinued=True) == []
