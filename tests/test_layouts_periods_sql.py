"""Small pieces users rely on: CSV header layouts, period dates, SQL files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from assets.fingertips.csv_layouts import ALL_DATA_COLUMNS, all_data_layout
from assets.fingertips.errors import CsvHeaderError
from assets.periods import FingertipsPeriod, parse_fingertips_period
from assets.warehouse.schema_docs import schema_docs
from pipelines.settings import PROJECT_ROOT

HEADER_27 = [text for _, text in ALL_DATA_COLUMNS]


def _write_header(tmp_path: Path, header: list[str]) -> Path:
    path = tmp_path / "download.csv"
    path.write_text(",".join(header) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "column_23",
    [
        "Compared to Region value or percentiles",
        "Compared to percentiles",
        "Column not used",
        "Compared to subnational parent value or percentiles",
        "Compared to ICB value or percentiles",
    ],
)
def test_every_column_23_variant_is_accepted(tmp_path, column_23):
    header = HEADER_27.copy()
    header[22] = column_23
    layout = all_data_layout(_write_header(tmp_path, header), "test")
    assert layout.parent_comparison_label == column_23
    assert len(layout.columns) == 27 and not layout.resaved_by_r


def test_26_column_header_has_no_time_period_range(tmp_path):
    header = HEADER_27[:26]
    header[22] = "Compared to Region value or percentiles"
    assert (
        all_data_layout(_write_header(tmp_path, header), "test").columns[-1] == "compared_to_goal"
    )


def test_a_stray_column_23_is_refused(tmp_path):
    header = HEADER_27.copy()
    header[22] = "Compared with goal"
    with pytest.raises(CsvHeaderError) as raised:
        all_data_layout(_write_header(tmp_path, header), "a.csv")
    assert str(raised.value) == (
        "a.csv: header column 23 is 'Compared with goal', expected 'Compared to <parent> value or "
        "percentiles' (the all_data CSV layout has changed)"
    )


@pytest.mark.parametrize(
    ("label", "year_type", "expected"),
    [
        (
            "2015",
            "Calendar",
            FingertipsPeriod("calendar year", date(2015, 1, 1), date(2015, 12, 31)),
        ),
        (
            "2015/16",
            "Financial",
            FingertipsPeriod("financial year", date(2015, 4, 1), date(2016, 3, 31)),
        ),
        (
            "2018/19",
            "Academic",
            FingertipsPeriod("academic year", date(2018, 9, 1), date(2019, 8, 31)),
        ),
        (
            "2018 - 20",
            "Calendar",
            FingertipsPeriod("calendar years", date(2018, 1, 1), date(2020, 12, 31)),
        ),
        (
            "2016/17 - 18/19",
            "Financial",
            FingertipsPeriod("financial years", date(2016, 4, 1), date(2019, 3, 31)),
        ),
        (
            "2019/20 Q4",
            "Financial",
            FingertipsPeriod("financial quarter", date(2020, 1, 1), date(2020, 3, 31)),
        ),
        (
            "2020 Q2",
            "Calendar",
            FingertipsPeriod("calendar quarter", date(2020, 4, 1), date(2020, 6, 30)),
        ),
        ("Mar 2020", "", FingertipsPeriod("month", date(2020, 3, 1), date(2020, 3, 31))),
        (
            "1999/00",
            "Financial",
            FingertipsPeriod("financial year", date(1999, 4, 1), date(2000, 3, 31)),
        ),
        ("Winter 2019", "", FingertipsPeriod("unparsed", None, None)),
    ],
)
def test_period_labels_to_dates(label, year_type, expected):
    assert parse_fingertips_period(label, year_type) == expected


def test_every_sql_file_python_runs_holds_one_statement():
    # The dbt project's models under sql/ are Jinja templates dbt compiles; these are run as is.
    files = sorted((PROJECT_ROOT / "assets").rglob("*.sql"))
    assert len(files) > 30
    for path in files:
        statements = duckdb.extract_statements(path.read_text(encoding="utf-8"))
        assert len(statements) == 1, f"{path} holds {len(statements)} statements"


def test_readme_documents_every_table_and_column_in_schema_docs():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for table, doc in schema_docs().items():
        assert f"`{table}`" in readme, table
        for column in doc["columns"]:
            assert f"`{column}`" in readme, f"{table}.{column}"
