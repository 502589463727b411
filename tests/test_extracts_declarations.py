"""Extract declarations: the project's own load and name real catalogue entries; a broken one is
reported by file, line and field, every problem at once."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assets.catalogue import load_catalogue
from assets.extracts.declared_sources import SourceDeclarationError, load_sources
from assets.extracts.expectations import generated_expectations
from tests.fixtures.extracts.harness import CATALOGUE_DIR, project_sources

CATALOGUE = load_catalogue(CATALOGUE_DIR)
VALID = {
    "id": "croydon_quits",
    "place": "croydon",
    "title": "Smoking quits",
    "arrives": {"folder": "croydon/quits", "pattern": "*.csv"},
    "format": {"type": "csv"},
    "columns": {"area_code": "LSOA code", "period": "Year", "value": "Rate"},
    "fixed": {"indicator": "croydon:smoking-quits"},
    "period_format": "financial_year",
    "geography": "lsoa2011",
}


def _problems(
    tmp_path: Path, *declarations: dict | str, names: list[str] | None = None
) -> list[str]:
    for index, declaration in enumerate(declarations):
        name = (
            names[index]
            if names
            else (declaration["id"] if isinstance(declaration, dict) else "broken")
        )
        text = (
            declaration
            if isinstance(declaration, str)
            else yaml.safe_dump(declaration, sort_keys=False)
        )
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SourceDeclarationError) as raised:
        load_sources(tmp_path, CATALOGUE)
    return raised.value.problems


def test_the_project_declarations_load():
    sources = project_sources()
    assert sorted(sources) == [
        "ascof_nhs_england",
        "ascof_oflog_extract",
        "croydon_lsoa_blood_pressure_checks",
        "croydon_lsoa_health_checks",
        "croydon_lsoa_hypertension_diagnosed",
        "leeds_lsoa_frailty_emergency_admissions",
        "nhsof_ons_tidy_series",
        "trafford_lsoa_health_checks",
    ]
    # A place's own LSOA sources are the demo's synthetic ones; the national files are real.
    assert {name for name in sources if sources[name].declaration.synthetic} == {
        name for name in sources if sources[name].declaration.place != "national"
    }


def test_a_valid_declaration_loads(tmp_path):
    (source,) = load_sources(_write(tmp_path, VALID), CATALOGUE)
    assert source.id == "croydon_quits"
    assert source.measures.fixed.indicator == "croydon:smoking-quits"


def _write(folder: Path, declaration: dict) -> Path:
    (folder / f"{declaration['id']}.yaml").write_text(yaml.safe_dump(declaration), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("change", "written", "problem"),
    [
        ({"colums": {}}, "colums:", "field 'colums': unknown field"),
        ({"arrives": None}, "arrives:", "field 'arrives': Input should be a valid dictionary"),
        (
            {"geography": "lsoa2031"},
            "geography:",
            (
                "field 'geography': Input should be 'lsoa2011', "
                "'lsoa2021', 'ward', 'lad', 'utla', 'icb', 'region', 'england' or 'by_code' (got 'lsoa2031')"
            ),
        ),
        (
            {"fixed": {"indicator": "ascof-9z-made-up"}},
            "  indicator:",
            (
                "field 'fixed.indicator': 'ascof-9z-made-up' is not a catalogue id (a place's own measure is "
                "written <place>:<measure>)"
            ),
        ),
        (
            {"fixed": {"indicator": "leeds:smoking-quits"}},
            "  indicator:",
            (
                "field 'fixed.indicator': local measure 'leeds:smoking-quits' must start with this source's "
                "place (croydon:)"
            ),
        ),
        (
            {"period_from_file_name": "(\\d{4})"},
            "period_format:",
            "field 'period_format': give exactly one of columns.period, fixed.period and period_from_file_name",
        ),
        # A problem with a whole mapping is reported at its first line.
        (
            {"columns": {"area_code": "LSOA code", "period": "Year"}},
            "  area_code:",
            "field 'columns': no value: map columns.value, or compute it with value_per",
        ),
        (
            {"ignore_rows": [{"field": "area_code", "pattern": "E01(?!0)", "reason": "x"}]},
            "  pattern: E01",
            "field 'ignore_rows.0.pattern': not a regular expression DuckDB (RE2) accepts",
        ),
        (
            {"ignore_rows": [{"field": "sex", "pattern": "x", "reason": "x"}]},
            "- field:",
            "field 'ignore_rows.0.field': 'sex' is not read from the file",
        ),
        (
            {"format": {"type": "csv", "encoding": "windows-1999"}},
            "  encoding:",
            "field 'format.encoding': 'windows-1999' is not an encoding Python knows",
        ),
        (
            {"format": {"type": "excel", "delimiter": ";"}},
            "  type: excel",
            "field 'format': encoding and delimiter apply to CSV files only",
        ),
        (
            {"arrives": {"folder": "../elsewhere"}},
            "  folder:",
            "field 'arrives.folder': must be a folder inside OUTCOMES_DROP_DIR",
        ),
        ({"id": "Croydon-Quits"}, "id:", "field 'id': String should match pattern"),
    ],
)
def test_each_problem_names_file_line_and_field(tmp_path, change, written, problem):
    text = yaml.safe_dump({**VALID, **change}, sort_keys=False)
    line = next(
        number
        for number, content in enumerate(text.splitlines(), start=1)
        if content.startswith(written)
    )
    problems = _problems(tmp_path, text, names=["croydon_quits"])
    expected = f"{tmp_path.name}/croydon_quits.yaml line {line}, {problem}"
    assert any(found.startswith(expected) for found in problems), (expected, problems)


def test_a_source_names_a_declared_place(tmp_path):
    text = yaml.safe_dump(
        {**VALID, "place": "croyden", "fixed": {"indicator": "croyden:quits"}}, sort_keys=False
    )
    with pytest.raises(SourceDeclarationError) as raised:
        load_sources(_write_text(tmp_path, text), CATALOGUE, places={"croydon", "leeds"})
    assert raised.value.problems == [
        (
            f"{tmp_path.name}/croydon_quits.yaml line 2, field 'place': 'croyden' is not a place "
            "(places/) or national"
        )
    ]


def _write_text(folder: Path, text: str) -> Path:
    (folder / "croydon_quits.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_framework_match_and_a_map_together_is_one_problem(tmp_path):
    declaration = {
        **VALID,
        "place": "national",
        "fixed": {},
        "columns": {**VALID["columns"], "measure": "Code"},
        "measures": {
            "map": {"1A": "ascof-1a-social-care-quality-of-life"},
            "match_framework": {"framework": "ASCOF"},
        },
    }
    text = yaml.safe_dump(declaration, sort_keys=False)
    line = text.splitlines().index("measures:") + 2
    assert _problems(tmp_path, text, names=["croydon_quits"]) == [
        (
            f"{tmp_path.name}/croydon_quits.yaml line {line}, field 'measures': give exactly one of 'map' "
            "and 'match_framework'"
        )
    ]


def test_every_problem_of_every_file_is_listed(tmp_path):
    second = {**VALID, "id": "croydon_quits_again", "fixed": {"indicator": "croydon:smoking-quits"}}
    problems = _problems(
        tmp_path,
        VALID,
        second,
        "id: [unclosed\n",
        names=["croydon_quits", "croydon_quits_again", "broken"],
    )
    assert problems == [
        f"{tmp_path.name}/broken.yaml line 2: not valid YAML: expected ',' or ']', but got '<stream end>'",
        (
            "croydon_quits_again.yaml: field 'arrives': files croydon/quits/*.csv may also be read by "
            "croydon_quits.yaml (croydon/quits/*.csv)"
        ),
    ]


def test_the_generated_suite_follows_the_declaration():
    suite = generated_expectations(project_sources()["croydon_lsoa_health_checks"])
    by_type = {}
    for expectation in suite:
        by_type.setdefault(expectation["type"], []).append(expectation["kwargs"])
    assert by_type["expect_column_values_to_match_regex"] == [
        {
            "column": "area_code",
            "regex": "^(?:E01)\\d{6}$",
            "row_condition": 'area_level=="lsoa2011"',
            "condition_parser": "pandas",
        },
    ]
    assert by_type["expect_column_pair_values_a_to_be_greater_than_b"] == [
        {
            "column_A": "denominator",
            "column_B": "numerator",
            "or_equal": True,
            "ignore_row_if": "either_value_is_missing",
        },
    ]
    assert {"column": "numerator", "min_value": 0} in by_type["expect_column_values_to_be_between"]
    assert {
        "column": "value",
        "min_value": 0.0,
        "max_value": 100.0,
        "row_condition": 'catalogue_indicator_id=="croydon:nhs-health-checks-received"',
        "condition_parser": "pandas",
    } in by_type["expect_column_values_to_be_between"]
    assert by_type["expect_compound_columns_to_be_unique"] == [
        {
            "column_list": [
                "catalogue_indicator_id",
                "area_code",
                "area_level",
                "sex",
                "age",
                "breakdown",
                "period_label",
            ]
        }
    ]
    assert by_type["expect_column_values_to_not_be_null"] == [
        {"column": column}
        for column in ("catalogue_indicator_id", "area_code", "period_start", "period_end")
    ]
