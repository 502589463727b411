"""National sources outside Fingertips, declared in indicator_catalogue/sources/: the real Oflog
adult social care extract and ONS tidy series (../shared/data/other_sources), and the NHS England
ASCOF CSV layout (hand-made fixtures), each value arriving as it is in the file."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from tests.fixtures.extracts.harness import FIXTURES, ExtractRig, project_sources

SOURCES = project_sources()
OFLOG_FILE = "oflog_adult_social_care_by_la_2015-16_to_2022-23.csv"
ONS_FILES = (
    "adult-obesity-prevalence.csv",
    "cancer-diagnosis-at-stage-1-and-2.csv",
    "healthy-life-expectancy.csv",
)
OFLOG_INDICATORS = {
    "ASC1": "ascof-1d-carer-quality-of-life",
    "ASC3": "ascof-3a-users-find-information-easy",
    "ASC4": "ascof-3b-carers-find-information-easy",
    "ASC5": "ascof-2a-short-term-support-no-further-request",
    "ASC7": "ascof-6a-workforce-turnover",
}


def _csv_rows(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def national(shared_data, tmp_path_factory) -> ExtractRig:
    rig = ExtractRig(tmp_path_factory.mktemp("national"))
    other_sources = shared_data / "other_sources"
    rig.drop_file(SOURCES["ascof_oflog_extract"], OFLOG_FILE, other_sources / OFLOG_FILE)
    for name in ONS_FILES:
        rig.drop_file(SOURCES["nhsof_ons_tidy_series"], name, other_sources / name)
    ascof = SOURCES["ascof_nhs_england"]
    for name in sorted((FIXTURES / "ascof").glob("*.csv")):
        rig.drop_file(ascof, name.name, name)
    result = rig.materialize(
        [SOURCES["ascof_oflog_extract"], SOURCES["nhsof_ons_tidy_series"], ascof],
        checks=("one_value_per_key", "files_read_cleanly"),
    )
    assert result.success
    assert all(check.passed for check in result.get_asset_check_evaluations())
    return rig


def test_every_oflog_value_arrives_unchanged(national, shared_data):
    rows = _csv_rows(shared_data / "other_sources" / OFLOG_FILE)
    kept = [row for row in rows if row["Code"] in OFLOG_INDICATORS]
    assert national.files("ascof_oflog_extract") == [
        (OFLOG_FILE, "loaded", 6376, 4251, 0, 2125, 4251)
    ]
    assert (len(rows), len(kept)) == (6376, 4251)
    expected = {
        (
            OFLOG_INDICATORS[row["Code"]],
            row["Local authority code"],
            row["Financial year"].replace("-", "/"),
        ): (float(row["Value"]) if row["Value"] else None)
        for row in kept
    }
    loaded = {
        (indicator, area, period): value
        for indicator, area, period, value in national.query(
            "SELECT catalogue_indicator_id, area_code, period_label, value "
            "FROM conformed.fact_extract_value WHERE source_id = 'ascof_oflog_extract'"
        )
    }
    assert loaded == expected
    assert national.query(
        "SELECT count(DISTINCT area_code), count(*) FILTER (WHERE value_note = 'missing'), "
        "min(period_start), max(period_end), min(area_level), max(area_level) "
        "FROM conformed.fact_extract_value WHERE source_id = 'ascof_oflog_extract'"
    ) == [
        (
            157,
            sum(1 for row in kept if not row["Value"]),
            date(2015, 4, 1),
            date(2023, 3, 31),
            "utla",
            "utla",
        )
    ]


@pytest.mark.parametrize(
    ("file_name", "rows", "ignored", "indicator"),
    [
        # Combined authorities (E47) left out on purpose.
        ("adult-obesity-prevalence.csv", 3510, 100, "national:adult-obesity-prevalence"),
        # Combined authorities and the combined Cornwall and Isles of Scilly value (E67).
        (
            "cancer-diagnosis-at-stage-1-and-2.csv",
            3360,
            110,
            "national:cancer-diagnosed-at-stage-1-or-2",
        ),
        # The UK, Scotland, Wales, Northern Ireland and combined authorities.
        ("healthy-life-expectancy.csv", 5814, 1950, "phof-a01a-healthy-life-expectancy-birth"),
    ],
)
def test_every_ons_tidy_value_in_england_arrives_unchanged(
    national, shared_data, file_name, rows, ignored, indicator
):
    source_rows = _csv_rows(shared_data / "other_sources" / file_name)
    english = [
        row
        for row in source_rows
        if row["areacd"][:3] in ("E92", "E12", "E06", "E07", "E08", "E09", "E10")
    ]
    assert (len(source_rows), len(source_rows) - len(english)) == (rows, ignored)
    assert [row[1:] for row in national.files("nhsof_ons_tidy_series") if row[0] == file_name] == [
        ("loaded", rows, rows - ignored, 0, ignored, rows - ignored)
    ]

    def number(text: str) -> float | None:
        return float(text) if text else None

    expected = {
        (
            row["areacd"],
            row["period"],
            row["indicator"].split()[0] if "healthy" in row["indicator"] else "Persons",
        ): (
            number(row["observation"]),
            number(row["lci_95"]),
            number(row["uci_95"]),
            row["status"] or None,
        )
        for row in english
    }
    loaded = national.query(
        "SELECT area_code, period_label, sex, value, lower_ci_95, upper_ci_95, value_note "
        "FROM conformed.fact_extract_value WHERE catalogue_indicator_id = ?",
        [indicator],
    )
    assert {
        (area, period, sex): (value, lower, upper, None if note == "missing" else note)
        for area, period, sex, value, lower, upper, note in loaded
    } == expected


def test_ons_areas_get_their_level_from_their_code(national):
    assert national.query(
        "SELECT area_level, min(left(area_code, 3)), max(left(area_code, 3)), count(*) "
        "FROM conformed.fact_extract_value WHERE source_id = 'nhsof_ons_tidy_series' "
        "AND catalogue_indicator_id = 'national:adult-obesity-prevalence' GROUP BY 1 ORDER BY 1"
    ) == [
        ("england", "E92", "E92", 10),
        ("lad", "E07", "E07", 1759),
        ("region", "E12", "E12", 90),
        ("utla", "E06", "E10", 1551),
    ]
    assert national.query(
        "SELECT DISTINCT period_label, period_start, period_end FROM conformed.fact_extract_value "
        "WHERE area_code = 'E92000001' AND catalogue_indicator_id LIKE 'phof-a01a%' "
        "AND period_label LIKE '2020%'"
    ) == [("2020-01-01/P3Y", date(2020, 1, 1), date(2022, 12, 31))]


def test_ascof_codes_are_matched_by_the_framework_edition_of_their_year(national):
    assert national.files("ascof_nhs_england") == [
        # 4 rows of the 2022-23 file, all loaded.
        ("meas-from-asc-of-eng-2223-open-data-csv.csv", "loaded", 4, 4, 0, 0, 4),
        # 16 rows: Base and Margin of Error rows and the council-type total are left out.
        ("meas-from-asc-of-eng-2324-open-data-csv.csv", "loaded", 16, 13, 0, 3, 7),
    ]
    assert national.query(
        "SELECT period_label, catalogue_indicator_id, area_code, area_level, breakdown, numerator, "
        "denominator, value, source_row FROM conformed.fact_extract_value "
        "WHERE source_id = 'ascof_nhs_england' ORDER BY period_label, area_code, catalogue_indicator_id"
    ) == [
        (
            "2022/23",
            "ascof-1a-social-care-quality-of-life",
            "E09000008",
            "utla",
            "",
            None,
            None,
            18.7,
            2,
        ),
        # Old 2D is today's 2A; old 3D(1) (information) is today's 3A, not today's 3D(1).
        (
            "2022/23",
            "ascof-2a-short-term-support-no-further-request",
            "E09000008",
            "utla",
            "",
            None,
            None,
            80.1,
            3,
        ),
        (
            "2022/23",
            "ascof-3a-users-find-information-easy",
            "E09000008",
            "utla",
            "",
            None,
            None,
            60.2,
            4,
        ),
        (
            "2022/23",
            "ascof-1a-social-care-quality-of-life",
            "E92000001",
            "england",
            "",
            None,
            None,
            19.0,
            5,
        ),
        (
            "2023/24",
            "ascof-1a-social-care-quality-of-life",
            "E09000008",
            "utla",
            "",
            None,
            None,
            18.9,
            2,
        ),
        (
            "2023/24",
            "ascof-2a-short-term-support-no-further-request",
            "E09000008",
            "utla",
            "",
            820.0,
            1000.0,
            82.0,
            5,
        ),
        (
            "2023/24",
            "ascof-2b-care-home-admissions-18-64",
            "E09000008",
            "utla",
            "18-64",
            20.0,
            250000.0,
            8.0,
            8,
        ),
        (
            "2023/24",
            "ascof-3d1-self-directed-support",
            "E09000008",
            "utla",
            "",
            None,
            None,
            35.5,
            11,
        ),
        (
            "2023/24",
            "ascof-1a-social-care-quality-of-life",
            "E12000007",
            "region",
            "",
            None,
            None,
            19.1,
            12,
        ),
        (
            "2023/24",
            "ascof-1a-social-care-quality-of-life",
            "E92000001",
            "england",
            "",
            None,
            None,
            19.2,
            14,
        ),
        (
            "2023/24",
            "ascof-2a-short-term-support-no-further-request",
            "E92000001",
            "england",
            "",
            77500.0,
            100000.0,
            77.5,
            15,
        ),
    ]
