"""The synthetic LSOA extract generator: real populations and deprivation, made-up counts, always
labelled synthetic, loading through the declared sources it is written for."""

from __future__ import annotations

import csv
import gzip
from statistics import mean

import openpyxl
import pytest

from synthetic.lsoa_extracts import DATA_STATUS, DATA_STATUS_TEXT, main
from tests.fixtures.extracts.harness import CATALOGUE_DIR, ExtractRig, project_sources

CROYDON = "E09000008"


@pytest.fixture(scope="module")
def generated(shared_data, tmp_path_factory) -> ExtractRig:
    rig = ExtractRig(tmp_path_factory.mktemp("synthetic"))
    main(
        [
            "--declaration",
            "croydon_lsoa_health_checks",
            "--local-authority",
            CROYDON,
            "--ages",
            "40-74",
            "--periods",
            "2022/23",
            "2023/24",
            "--rate-most-deprived",
            "0.08",
            "--rate-least-deprived",
            "0.16",
            "--catalogue",
            str(CATALOGUE_DIR),
            "--out",
            str(rig.drop / "croydon" / "health_checks"),
        ]
    )
    main(
        [
            "--declaration",
            "croydon_lsoa_blood_pressure_checks",
            "--local-authority",
            CROYDON,
            "--ages",
            "40+",
            "--periods",
            "2024-03-31",
            "--catalogue",
            str(CATALOGUE_DIR),
            "--out",
            str(rig.drop / "croydon" / "blood_pressure_checks"),
        ]
    )
    return rig


def _csv(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_files_are_labelled_synthetic_in_name_and_rows(generated):
    csvs = sorted((generated.drop / "croydon" / "health_checks").iterdir())
    assert [path.name for path in csvs] == [
        "SYNTHETIC_croydon_lsoa_health_checks_2022-23.csv",
        "SYNTHETIC_croydon_lsoa_health_checks_2023-24.csv",
    ]
    assert {row[DATA_STATUS] for path in csvs for row in _csv(path)} == {DATA_STATUS_TEXT}
    (workbook_path,) = (generated.drop / "croydon" / "blood_pressure_checks").iterdir()
    assert workbook_path.name == "SYNTHETIC_croydon_lsoa_blood_pressure_checks_2024-03-31.xlsx"
    sheet = openpyxl.load_workbook(workbook_path, read_only=True)["LSOA data"]
    rows = list(sheet.iter_rows(values_only=True))
    assert DATA_STATUS_TEXT in rows[0][0]
    assert rows[3] == (
        "LSOA 2021 code",
        "Snapshot date",
        "Blood pressure checked",
        "Registered population 40+",
        DATA_STATUS,
    )


def test_denominators_are_real_populations_and_counts_follow_deprivation(generated, shared_data):
    rows = _csv(
        generated.drop
        / "croydon"
        / "health_checks"
        / "SYNTHETIC_croydon_lsoa_health_checks_2023-24.csv"
    )
    with gzip.open(
        shared_data / "deprivation" / "File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz",
        "rt",
        encoding="utf-8-sig",
    ) as handle:
        deciles = {
            row["LSOA code (2011)"]: int(row["Index of Multiple Deprivation (IMD) Decile"])
            for row in csv.DictReader(handle)
            if row["Local Authority District code (2019)"] == CROYDON
        }
    with (shared_data / "population" / "population20_lsoa11__humaniverse_demographr.csv").open(
        encoding="utf-8"
    ) as handle:
        aged_40_to_74 = {
            row["lsoa11_code"]: sum(int(row[str(age)]) for age in range(40, 75))
            for row in csv.DictReader(handle)
            if row["lsoa11_code"] in deciles
        }
    assert {row["LSOA code"]: int(row["Eligible population"]) for row in rows} == aged_40_to_74
    assert len(rows) == 220

    def rate(selected: set[int]) -> float:
        return mean(
            int(row["Health checks received"]) / int(row["Eligible population"])
            for row in rows
            if deciles[row["LSOA code"]] in selected and row["Health checks received"] != "*"
        )

    assert rate({1, 2}) < rate({9, 10})
    assert 0.07 < rate({1, 2}) < 0.11


def test_the_same_seed_writes_the_same_files(generated, shared_data, tmp_path):
    main(
        [
            "--declaration",
            "croydon_lsoa_health_checks",
            "--local-authority",
            CROYDON,
            "--ages",
            "40-74",
            "--periods",
            "2022/23",
            "2023/24",
            "--rate-most-deprived",
            "0.08",
            "--rate-least-deprived",
            "0.16",
            "--catalogue",
            str(CATALOGUE_DIR),
            "--out",
            str(tmp_path),
        ]
    )
    for path in tmp_path.iterdir():
        assert (
            path.read_bytes()
            == (generated.drop / "croydon" / "health_checks" / path.name).read_bytes()
        )


def test_generated_files_load_flagged_synthetic(generated):
    sources = project_sources()
    result = generated.materialize(
        [sources["croydon_lsoa_health_checks"], sources["croydon_lsoa_blood_pressure_checks"]]
    )
    assert result.success
    assert generated.query(
        "SELECT source_id, area_level, count(*), count(DISTINCT period_label), bool_and(is_synthetic), "
        "count(*) FILTER (WHERE value_note = 'suppressed') = count(*) FILTER (WHERE numerator IS NULL) "
        "FROM conformed.fact_extract_value GROUP BY ALL ORDER BY 1"
    ) == [
        ("croydon_lsoa_blood_pressure_checks", "lsoa2021", 229, 1, True, True),
        ("croydon_lsoa_health_checks", "lsoa2011", 440, 2, True, True),
    ]
    assert generated.query("SELECT DISTINCT status, is_synthetic FROM raw.extract_files") == [
        ("loaded", True)
    ]


def test_a_source_not_declared_synthetic_is_refused(shared_data, tmp_path):
    with pytest.raises(ValueError, match="ascof_oflog_extract is not declared synthetic: true"):
        main(
            [
                "--declaration",
                "ascof_oflog_extract",
                "--local-authority",
                CROYDON,
                "--periods",
                "2022/23",
                "--catalogue",
                str(CATALOGUE_DIR),
                "--out",
                str(tmp_path),
            ]
        )
