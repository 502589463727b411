"""Each source's expectation suite, run for real by Great Expectations inside its asset check
(the one module importing great-expectations: it takes seconds, once per session)."""

from __future__ import annotations

import json

import dagster as dg
import pytest

from tests.fixtures.extracts.harness import FILES, ExtractRig, fixture_sources, project_sources

FIRST = "quits_2022-23_2023-24.csv"


def _evaluation(result: dg.ExecuteInProcessResult, source_id: str) -> dg.AssetCheckEvaluation:
    (evaluation,) = [
        item
        for item in result.get_asset_check_evaluations()
        if item.check_name == "expectation_suite"
        and item.asset_key == dg.AssetKey(f"extract_{source_id}")
    ]
    return evaluation


def test_real_oflog_values_meet_the_generated_suite(tmp_path, shared_data):
    rig = ExtractRig(tmp_path)
    source = project_sources()["ascof_oflog_extract"]
    name = "oflog_adult_social_care_by_la_2015-16_to_2022-23.csv"
    rig.drop_file(source, name, shared_data / "other_sources" / name)
    result = rig.materialize([source], checks=("expectation_suite",))
    assert result.success

    evaluation = _evaluation(result, "ascof_oflog_extract")
    assert evaluation.passed
    assert evaluation.metadata["current_values"].value == 4251
    assert evaluation.metadata["failed_expectations"].value == 0
    reports = rig.drop / "reports" / "ascof_oflog_extract"
    latest = json.loads((reports / "latest.expectations.json").read_text(encoding="utf-8"))
    assert latest["success"] is True
    assert (
        latest["statistics"]["evaluated_expectations"] == evaluation.metadata["expectations"].value
    )
    assert "<html" in (reports / "latest.expectations.html").read_text(encoding="utf-8").lower()
    assert evaluation.metadata["data_docs"].value.startswith(str(reports))


def test_a_failing_expectation_names_the_file_and_row_and_stops_publication(tmp_path):
    rig = ExtractRig(tmp_path)
    source = fixture_sources()["lsoa_quits_expectations"]
    rig.drop_file(source, FIRST, FILES / FIRST)
    result = rig.materialize([source], checks=("expectation_suite",))

    evaluation = _evaluation(result, "lsoa_quits_expectations")
    assert not evaluation.passed
    assert evaluation.severity == dg.AssetCheckSeverity.ERROR
    failures = evaluation.metadata["failures"].value
    # Values over 31%: 14/41 (row 5) and 10/31 (row 6) of the 2023/24 rows.
    assert (
        "- expect_column_values_to_be_between {'column': 'value', 'max_value': 31.0}: 2 unexpected; "
        f"{FIRST} row 5: value={14 / 41 * 100}; {FIRST} row 6: value={10 / 31 * 100}"
    ) in failures
    assert (
        "- expect_column_mean_to_be_between {'column': 'denominator', 'min_value': 10, 'max_value': 100}"
    ) not in failures
    assert evaluation.metadata["failed_expectations"].value == 1
    report = json.loads(
        (rig.drop / "reports" / "lsoa_quits_expectations" / "latest.expectations.json").read_text(
            encoding="utf-8"
        )
    )
    assert report["success"] is False


def test_an_expectation_that_does_not_exist_fails_the_check_and_names_the_declaration(tmp_path):
    rig = ExtractRig(tmp_path)
    base = fixture_sources()["lsoa_quits"]
    from assets.extracts.declarations import ExtraExpectation

    declaration = base.declaration.model_copy(
        update={"extra_expectations": [ExtraExpectation(type="expect_values_to_be_lovely")]}
    )
    source = type(base)(declaration=declaration, yaml_path=base.yaml_path, measures=base.measures)
    rig.drop_file(source, FIRST, FILES / FIRST)
    result = rig.materialize([source], checks=("expectation_suite",))

    evaluation = _evaluation(result, "lsoa_quits")
    assert not evaluation.passed
    assert (
        "- expect_values_to_be_lovely {}: not a valid expectation (see lsoa_quits.yaml):"
        in evaluation.metadata["failures"].value
    )


@pytest.mark.parametrize(
    "source_id", ["croydon_lsoa_health_checks", "croydon_lsoa_blood_pressure_checks"]
)
def test_synthetic_lsoa_extracts_meet_their_suites(tmp_path, shared_data, source_id):
    from assets.reference.bundle import SHIPPED_REFERENCE_DIR, current_bundle
    from synthetic.lsoa_extracts import place_lsoas, synthetic_counts, write_extracts

    rig = ExtractRig(tmp_path)
    source = project_sources()[source_id]
    declaration = source.declaration
    lsoas = place_lsoas(
        current_bundle(SHIPPED_REFERENCE_DIR), declaration.geography, "E09000008", 40, 74
    )
    period = "2023/24" if declaration.period_format == "financial_year" else "2024-03-31"
    counts = synthetic_counts(lsoas, 1, 0.3, 0.6, seed=1)
    write_extracts(declaration, lsoas, [period], counts, 5, rig.drop / declaration.arrives.folder)
    result = rig.materialize(
        [source], checks=("expectation_suite", "one_value_per_key", "files_read_cleanly")
    )
    assert result.success
    assert [
        (e.check_name, e.passed, e.metadata)
        for e in result.get_asset_check_evaluations()
        if not e.passed
    ] == []
