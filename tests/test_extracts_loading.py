"""Declared extracts through the real assets: loaded once per content, revised not overwritten,
and every bad file quarantined with its rows and fields named, the warehouse as it was."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from assets.extracts.file_keeping import archive_published_files
from assets.warehouse.store import Warehouse
from tests.fixtures.extracts.harness import FILES, ExtractRig, fixture_sources

SOURCES = fixture_sources()
QUITS = SOURCES["lsoa_quits"]
GOOD_ROWS = SOURCES["lsoa_quits_good_rows"]
CP1252 = SOURCES["lsoa_quits_cp1252"]
SHEETS = SOURCES["sheet_checks"]
SHEETS_FILLED = SOURCES["sheet_checks_filled"]
PARQUET = SOURCES["parquet_rates"]
FIRST = "quits_2022-23_2023-24.csv"
RESENT = "quits_resent_2023-24_with_2024-25.csv"


@pytest.fixture
def rig(tmp_path) -> ExtractRig:
    return ExtractRig(tmp_path)


def _values(rig: ExtractRig, source_id: str, current_only: bool = True) -> list[tuple]:
    return rig.query(
        "SELECT area_code, period_label, numerator, denominator, value, value_note, revision, "
        "is_current, source_row FROM conformed.fact_extract_value WHERE source_id = ? "
        + ("AND is_current " if current_only else "")
        + "ORDER BY period_label, area_code, revision",
        [source_id],
    )


# --- Loading, idempotence and revisions ------------------------------------------------------


def test_a_file_loads_every_row_with_its_provenance(rig):
    arrived = rig.drop_file(QUITS, FIRST, FILES / FIRST)
    result = rig.materialize([QUITS])
    assert result.success

    assert rig.files("lsoa_quits") == [(FIRST, "loaded", 6, 6, 0, 0, 6)]
    assert _values(rig, "lsoa_quits") == [
        ("E01000975", "2022/23", 12.0, 40.0, 30.0, None, 1, True, 2),
        ("E01000976", "2022/23", 9.0, 30.0, 30.0, None, 1, True, 3),
        ("E01000977", "2022/23", 15.0, 50.0, 30.0, None, 1, True, 4),
        ("E01000975", "2023/24", 14.0, 41.0, 14 / 41 * 100, None, 1, True, 5),
        ("E01000976", "2023/24", 10.0, 31.0, 10 / 31 * 100, None, 1, True, 6),
        ("E01000977", "2023/24", 16.0, 52.0, 16 / 52 * 100, None, 1, True, 7),
    ]
    (fact,) = rig.query(
        "SELECT DISTINCT catalogue_indicator_id, area_level, sex, age, breakdown, period_start, "
        "period_end, place, is_synthetic, file_sha256 FROM conformed.fact_extract_value "
        "WHERE period_label = '2022/23'"
    )
    (file_row,) = rig.query("SELECT file_sha256, path, kept_at, bytes FROM raw.extract_files")
    assert fact == (
        "testplace:smoking-quits",
        "lsoa2011",
        "Persons",
        "",
        "",
        date(2022, 4, 1),
        date(2023, 3, 31),
        "testplace",
        False,
        file_row[0],
    )
    assert file_row[1] == str(arrived)
    # The file waits in the drop folder until its values are published (read again, it changes
    # nothing), then leaves it for the archive, byte for byte.
    assert arrived.exists()
    assert rig.materialize([QUITS]).success
    assert rig.files("lsoa_quits") == [(FIRST, "loaded", 6, 6, 0, 0, 6)]
    with Warehouse(rig.warehouse_path).reader() as connection:
        archive_published_files(connection)
    assert not arrived.exists()
    assert (rig.drop / "archive" / "lsoa_quits" / f"{file_row[0][:12]}_{FIRST}").read_bytes() == (
        FILES / FIRST
    ).read_bytes()
    metadata = result.asset_materializations_for_node("extract_lsoa_quits")[0].metadata
    assert metadata["dagster/row_count"].value == 6
    assert metadata["files_loaded"].value == 1


def test_the_same_file_again_changes_nothing(rig):
    rig.drop_file(QUITS, FIRST, FILES / FIRST)
    assert rig.materialize([QUITS]).success
    before = _values(rig, "lsoa_quits", current_only=False)

    rig.drop_file(QUITS, "same bytes, new name.csv", FILES / FIRST)
    assert rig.materialize([QUITS]).success

    assert _values(rig, "lsoa_quits", current_only=False) == before
    assert rig.files("lsoa_quits") == [
        (FIRST, "loaded", 6, 6, 0, 0, 6),
        ("same bytes, new name.csv", "duplicate", None, 0, 0, 0, 0),
    ]
    assert rig.query("SELECT duplicate_of FROM raw.extract_files WHERE status = 'duplicate'") == [
        (1,)
    ]


def test_a_newer_file_for_the_same_period_is_a_recorded_revision(rig):
    rig.drop_file(QUITS, FIRST, FILES / FIRST)
    assert rig.materialize([QUITS]).success
    rig.drop_file(QUITS, RESENT, FILES / RESENT)
    assert rig.materialize([QUITS], models=True).success

    # 2022/23 is untouched; 2023/24 (spelt 2023-24 in the new file) is revision 2; 2024/25 is new.
    assert [row[:4] + row[6:8] for row in _values(rig, "lsoa_quits", current_only=False)] == [
        ("E01000975", "2022/23", 12.0, 40.0, 1, True),
        ("E01000976", "2022/23", 9.0, 30.0, 1, True),
        ("E01000977", "2022/23", 15.0, 50.0, 1, True),
        ("E01000975", "2023/24", 14.0, 41.0, 1, False),
        ("E01000975", "2023/24", 15.0, 41.0, 2, True),
        ("E01000976", "2023/24", 10.0, 31.0, 1, False),
        ("E01000976", "2023/24", 11.0, 31.0, 2, True),
        ("E01000977", "2023/24", 16.0, 52.0, 1, False),
        ("E01000977", "2023/24", 16.0, 52.0, 2, True),
        ("E01000978", "2024/25", 7.0, 20.0, 1, True),
    ]
    first_sha, resent_sha = (
        row[0] for row in rig.query("SELECT file_sha256 FROM raw.extract_files ORDER BY file_id")
    )
    assert rig.query(
        "SELECT DISTINCT superseded_by FROM conformed.fact_extract_value WHERE NOT is_current"
    ) == [(resent_sha,)]
    assert rig.query("SELECT file_name, superseded_by FROM raw.extract_files ORDER BY file_id") == [
        (FIRST, resent_sha),
        (RESENT, None),
    ]
    assert rig.query("SELECT count(*) FROM conformed.fact_extract_value_current") == [(7,)]
    assert first_sha != resent_sha


# --- Bad input: quarantined, reported by row and field, nothing loaded ----------------------

QUARANTINED = {
    "renamed_column.csv": [
        (
            1,
            None,
            "the header holds 4 column(s): 'LSOA code', 'Financial year', 'Quits', 'Quit dates'",
        ),
        (1, "Quit dates set", "column 'Quit dates set' is missing; did it become 'Quit dates'?"),
    ],
    "semicolon_delimited.csv": [
        (
            1,
            None,
            (
                "the header holds 1 column(s): 'LSOA code;Financial year;Quits;Quit dates set'; "
                "the file looks ';'-delimited but the declaration says ',' (format.delimiter)"
            ),
        ),
        (1, "Financial year", "column 'Financial year' is missing"),
        (1, "LSOA code", "column 'LSOA code' is missing"),
        (1, "Quit dates set", "column 'Quit dates set' is missing"),
        (1, "Quits", "column 'Quits' is missing"),
    ],
    "text_in_numbers.csv": [
        (3, "Quits", "'n/a' is not a number"),
        (4, "Quit dates set", "'5O' is not a number"),
    ],
    "lsoa_2021_code_in_2011_file.csv": [
        (
            3,
            "LSOA code",
            (
                "'E01035001' is an LSOA 2021 code (every code from E01033769 was new in "
                "2021), but this source is declared lsoa2011"
            ),
        ),
    ],
    "duplicated_row.csv": [
        (2, None, "has the same indicator, area, sex, age, breakdown and period as row 4"),
        (4, None, "has the same indicator, area, sex, age, breakdown and period as row 2"),
    ],
    "empty.csv": [(None, None, "is empty (0 bytes)")],
    "header_only.csv": [(1, None, "has a header but no data rows")],
    "extra_field_in_row.csv": [
        (3, None, "TOO MANY COLUMNS: Expected Number of Columns: 4 Found: 5"),
    ],
}


def test_each_bad_file_is_quarantined_with_its_rows_and_fields_named(rig):
    rig.drop_file(QUITS, FIRST, FILES / FIRST)
    assert rig.materialize([QUITS]).success
    loaded = _values(rig, "lsoa_quits", current_only=False)
    for name in QUARANTINED:
        rig.drop_file(QUITS, name, FILES / name)

    assert rig.materialize([QUITS]).success

    for name, problems in QUARANTINED.items():
        assert rig.rejected(name) == problems, name
        (status, rows_loaded, problem) = rig.query(
            "SELECT status, rows_loaded, problem FROM raw.extract_files WHERE file_name = ?", [name]
        )[0]
        assert (status, rows_loaded) == ("quarantined", 0), name
        row, field, reason = problems[0]
        where = ([f"row {row}"] if row else []) + ([f"field {field!r}"] if field else [])
        assert problem == f"{name}: {', '.join(where)}{': ' if where else ''}{reason}"
    # The warehouse's values are exactly as they were.
    assert _values(rig, "lsoa_quits", current_only=False) == loaded
    quarantine = rig.drop / "quarantine" / "lsoa_quits"
    assert sorted(path.name.split("_", 2)[2] for path in quarantine.glob("*.csv")) == sorted(
        QUARANTINED
    )
    # Only the good file, loaded earlier, waits in the drop folder: for a publication to archive it.
    assert [path.name for path in (rig.drop / QUITS.declaration.arrives.folder).iterdir()] == [
        FIRST
    ]


def test_the_quarantine_report_names_each_failing_row_and_field(rig):
    rig.drop_file(QUITS, "text_in_numbers.csv", FILES / "text_in_numbers.csv")
    assert rig.materialize([QUITS]).success

    (kept,) = (rig.drop / "quarantine" / "lsoa_quits").glob("*text_in_numbers.csv")
    assert kept.read_bytes() == (FILES / "text_in_numbers.csv").read_bytes()
    text = kept.with_name(kept.name + ".report.txt").read_text(encoding="utf-8")
    assert "text_in_numbers.csv: row 3, field 'Quits': 'n/a' is not a number" in text
    assert "text_in_numbers.csv: row 4, field 'Quit dates set': '5O' is not a number" in text
    report = json.loads(kept.with_name(kept.name + ".report.json").read_text(encoding="utf-8"))
    assert report["problems"] == [
        {"row": 3, "field": "Quits", "reason": "'n/a' is not a number"},
        {"row": 4, "field": "Quit dates set", "reason": "'5O' is not a number"},
    ]
    assert rig.query(
        "SELECT source_row, row_text FROM staging.extract_rejected_rows ORDER BY source_row"
    ) == [
        (
            3,
            '{"LSOA code":"E01000976","Financial year":"2022/23","Quits":"n/a","Quit dates set":"30"}',
        ),
        (
            4,
            '{"LSOA code":"E01000977","Financial year":"2022/23","Quits":"15","Quit dates set":"5O"}',
        ),
    ]


def test_a_quarantined_file_fixed_by_its_declaration_loads_when_dropped_again(rig):
    # Byte 0x96 is an en dash in cp1252 and invalid in UTF-8: the UTF-8 source quarantines it.
    rig.drop_file(QUITS, "ethnic_groups_cp1252.csv", FILES / "ethnic_groups_cp1252.csv")
    rig.drop_file(CP1252, "ethnic_groups_cp1252.csv", FILES / "ethnic_groups_cp1252.csv")
    assert rig.materialize([QUITS, CP1252]).success

    assert rig.rejected("ethnic_groups_cp1252.csv")[0] == (
        2,
        None,
        (
            "not utf-8 text: byte b'\\x96' at offset 84 (invalid start byte) in "
            "'E01000975,2022/23,White \ufffd Irish,3,10\\r'; in cp1252 (Windows) that byte is '–': "
            "if the file was saved from Excel or an NHS system, declare format.encoding: cp1252"
        ),
    )
    assert rig.query(
        "SELECT area_code, breakdown, numerator, denominator, source_row FROM conformed.fact_extract_value "
        "WHERE source_id = 'lsoa_quits_cp1252' ORDER BY source_row"
    ) == [
        ("E01000975", "White – Irish", 3.0, 10.0, 2),
        ("E01000975", "Asian – Pakistani", 4.0, 12.0, 3),
        ("E01000976", "White – Irish", 2.0, 9.0, 4),
    ]


def test_suppressed_values_load_as_suppressed(rig):
    rig.drop_file(QUITS, "suppressed_values.csv", FILES / "suppressed_values.csv")
    assert rig.materialize([QUITS]).success
    assert [row[:6] for row in _values(rig, "lsoa_quits")] == [
        ("E01000975", "2022/23", None, 40.0, None, "suppressed"),
        ("E01000976", "2022/23", None, 30.0, None, "suppressed"),
        ("E01000977", "2022/23", None, 50.0, None, "suppressed"),
        ("E01000978", "2022/23", 6.0, 20.0, 30.0, None),
    ]


# --- Policy: load the good rows, keep the bad ones ------------------------------------------


def test_good_rows_load_and_bad_rows_are_kept_with_their_reasons(rig):
    rig.drop_file(GOOD_ROWS, "inconsistent_rows.csv", FILES / "inconsistent_rows.csv")
    rig.drop_file(GOOD_ROWS, "extra_field_in_row.csv", FILES / "extra_field_in_row.csv")
    assert rig.materialize([GOOD_ROWS]).success

    # Files are read oldest first.
    assert rig.files("lsoa_quits_good_rows") == [
        ("inconsistent_rows.csv", "loaded", 7, 2, 5, 0, 2),
        ("extra_field_in_row.csv", "loaded", 3, 2, 1, 0, 2),
    ]
    assert rig.rejected("inconsistent_rows.csv") == [
        (2, "Quits", "the numerator 45 is greater than the denominator 40"),
        (2, "value", "the value 112.5 is outside the declared range 0.0 to 100.0"),
        (3, "Quits", "'-3' is negative: a count cannot be"),
        (3, "value", "the value -10.0 is outside the declared range 0.0 to 100.0"),
        (4, "LSOA code", "'W01000001' is not an LSOA code (E01 and 6 digits)"),
        (
            6,
            "Financial year",
            ("'2022/2023x' is not a financial year such as 2019/20, 2019-20, 2019-2020 or 201920"),
        ),
        (7, "LSOA code", "is empty"),
    ]
    assert rig.rejected("extra_field_in_row.csv") == [
        (3, None, "TOO MANY COLUMNS: Expected Number of Columns: 4 Found: 5"),
    ]
    assert rig.query(
        "SELECT DISTINCT file_name, row_text FROM staging.extract_rejected_rows WHERE source_row = 3 "
        "ORDER BY file_name"
    ) == [
        ("extra_field_in_row.csv", "E01000976,2022/23,9,30,extra"),
        (
            "inconsistent_rows.csv",
            (
                '{"LSOA code":"E01000976","Financial year":"2022/23","Quits":"-3",'
                '"Quit dates set":"30"}'
            ),
        ),
    ]
    # Rows after a line that could not be split keep their own row numbers.
    assert rig.query(
        "SELECT files.file_name, area_code, numerator, source_row FROM conformed.fact_extract_value "
        "JOIN raw.extract_files AS files USING (file_id) ORDER BY files.file_name, source_row"
    ) == [
        ("extra_field_in_row.csv", "E01000975", 12.0, 2),
        ("extra_field_in_row.csv", "E01000977", 15.0, 4),
        ("inconsistent_rows.csv", "E01000977", 5.0, 5),
        ("inconsistent_rows.csv", "E01000979", 5.0, 8),
    ]


# --- Excel and Parquet ------------------------------------------------------------------------


def _workbook(path, rows_below_header: list[list], merge: str | None = None) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "LSOA data"
    sheet.append(["Blood pressure checks by LSOA, people aged 40 and over"])
    sheet.merge_cells("A1:D1")
    sheet.append(["Source: practice systems, extracted 2 April 2024"])
    sheet.append([])
    sheet.append(["LSOA 2021 code", "Snapshot date", "Checked", "Registered 40+"])
    for row in rows_below_header:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    workbook.create_sheet("Notes").append(["Suppression: none"])
    workbook.save(path)


def test_an_excel_sheet_with_title_rows_and_merged_cells(rig, tmp_path):
    rows = [
        ["E01033800", date(2024, 3, 31), 310, 500.0],
        ["E01033801", None, 220, 400],
        ["E01033802", None, 150, 300],
        [],
        ["E01033803", "31/03/2024", 80, 100],
    ]
    # The snapshot date is merged down B5:B7, as people lay sheets out: one value for three rows.
    _workbook(tmp_path / "merged.xlsx", rows, merge="B5:B7")
    rig.drop_file(SHEETS, "merged.xlsx", tmp_path / "merged.xlsx")
    rig.drop_file(SHEETS_FILLED, "merged.xlsx", tmp_path / "merged.xlsx")
    assert rig.materialize([SHEETS, SHEETS_FILLED]).success

    assert rig.rejected("merged.xlsx") == [
        (
            5,
            "Snapshot date",
            (
                "merged cells B5:B7: the value is in one row only (rows 5-7); unmerge "
                "them, or declare format.merged_cells: fill to copy it into every row"
            ),
        ),
    ]
    assert rig.files("sheet_checks")[0][:2] == ("merged.xlsx", "quarantined")
    # Filled: each row of the range gets the date; the blank row 8 is skipped, row numbers kept.
    assert rig.query(
        "SELECT area_code, area_level, period_label, period_start, numerator, denominator, value, "
        "source_row FROM conformed.fact_extract_value WHERE source_id = 'sheet_checks_filled' "
        "ORDER BY source_row"
    ) == [
        ("E01033800", "lsoa2021", "2024-03-31", date(2024, 3, 31), 310.0, 500.0, 62.0, 5),
        (
            "E01033801",
            "lsoa2021",
            "2024-03-31",
            date(2024, 3, 31),
            220.0,
            400.0,
            220 / 400 * 100,
            6,
        ),
        ("E01033802", "lsoa2021", "2024-03-31", date(2024, 3, 31), 150.0, 300.0, 50.0, 7),
        ("E01033803", "lsoa2021", "2024-03-31", date(2024, 3, 31), 80.0, 100.0, 80.0, 9),
    ]


def test_a_workbook_without_the_sheet_or_header_is_quarantined(rig, tmp_path):
    _workbook(tmp_path / "no_header.xlsx", [["E01033800", "31/03/2024", 1, 2]])
    workbook = openpyxl.load_workbook(tmp_path / "no_header.xlsx")
    workbook["LSOA data"]["D4"] = "Registered"
    workbook.save(tmp_path / "no_header.xlsx")
    workbook["LSOA data"].title = "Data"
    workbook.save(tmp_path / "wrong_sheet.xlsx")
    (tmp_path / "not_a_workbook.xlsx").write_bytes(b"LSOA 2021 code,Snapshot date\n")
    for name in ("no_header.xlsx", "wrong_sheet.xlsx", "not_a_workbook.xlsx"):
        rig.drop_file(SHEETS, name, tmp_path / name)
    assert rig.materialize([SHEETS]).success

    assert rig.rejected("no_header.xlsx") == [
        (
            None,
            None,
            (
                "sheet 'LSOA data' has no header in the first 5 rows: expected a row holding "
                "'LSOA 2021 code', 'Snapshot date', 'Checked', 'Registered 40+'"
            ),
        ),
    ]
    assert rig.rejected("wrong_sheet.xlsx") == [
        (None, None, "has no sheet 'LSOA data' (sheets: Data, Notes)")
    ]
    ((_, _, reason),) = rig.rejected("not_a_workbook.xlsx")
    assert reason.startswith("is not an Excel .xlsx workbook (") and reason.endswith(
        "save it as .xlsx"
    )


def test_lsoa_codes_are_checked_against_the_vintage_code_list_when_loaded(rig, tmp_path):
    # The reference assets load each vintage's LSOA codes into raw (conformed.lsoa_geography is
    # built from them); two 2021 codes and a 2011 one stand in for them here.
    store = rig.resources()["warehouse"].store()
    with store.transaction() as connection:
        for code, vintage in (("E01033800", "2021"), ("E01033801", "2021"), ("E01000010", "2011")):
            connection.execute(
                "INSERT INTO raw.reference_lsoa_geography BY NAME SELECT ? AS lsoa_code, "
                "? AS lsoa_vintage, 'test' AS lsoa_name, 'x' AS ltla_code, 'x' AS utla_code, "
                "'x' AS region_code, 'x' AS sub_icb_code, 'x' AS icb_code, "
                "2023 AS local_authority_year, 2024 AS nhs_year, 'test' AS source_location, "
                "'test' AS reference_version, now() AS loaded_at",
                [code, vintage],
            )
    _workbook(
        tmp_path / "codes.xlsx",
        [
            ["E01033800", "31/03/2024", 1, 2],
            ["E01000010", "31/03/2024", 1, 2],
            ["E01099999", "31/03/2024", 1, 2],
        ],
    )
    rig.drop_file(SHEETS, "codes.xlsx", tmp_path / "codes.xlsx")
    assert rig.materialize([SHEETS]).success
    assert rig.rejected("codes.xlsx") == [
        (
            6,
            "LSOA 2021 code",
            (
                "'E01000010' is not an LSOA 2021 code (it is an LSOA 2011 code: check "
                "the source's declared geography)"
            ),
        ),
        (
            7,
            "LSOA 2021 code",
            "'E01099999' is not an LSOA 2021 code (not in conformed.lsoa_geography)",
        ),
    ]


def test_a_parquet_file_loads_and_its_bad_rows_are_kept(rig, tmp_path):
    table = pa.table(
        {
            "area": ["E92000001", "E12000007", "E09000008", "E07000001", "X1"],
            "year": [2023, 2023, 2023, 2023, 2023],
            "rate": [101.5, 99.0, None, 80.25, 1.0],
            "admissions": [56000, 9000, 250, 80, 1],
            "population": [55_000_000, 9_000_000, 390_000, 100_000, 10],
            "note": ["", "", "", "", ""],
        }
    )
    pq.write_table(table, tmp_path / "rates.parquet")
    rig.drop_file(PARQUET, "rates.parquet", tmp_path / "rates.parquet")
    assert rig.materialize([PARQUET]).success

    assert rig.query(
        "SELECT area_code, area_level, period_label, value, value_note, numerator, source_row "
        "FROM conformed.fact_extract_value ORDER BY source_row"
    ) == [
        ("E92000001", "england", "2023", 101.5, None, 56000.0, 1),
        ("E12000007", "region", "2023", 99.0, None, 9000.0, 2),
        ("E09000008", "utla", "2023", None, "missing", 250.0, 3),
        ("E07000001", "lad", "2023", 80.25, None, 80.0, 4),
    ]
    assert rig.query(
        "SELECT source_row, field, reason, row_text FROM staging.extract_rejected_rows"
    ) == [
        (
            5,
            "area",
            (
                "'X1' is not an English area code of a known level (E92 England, E12 region, E54 "
                "ICB, E05 ward, E06/E08/E09/E10 upper-tier or E07 district council)"
            ),
            '{"area":"X1","year":2023,"rate":1.0,"admissions":1,"population":10,"note":""}',
        ),
    ]
