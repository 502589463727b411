"""Checks what `make demo` printed and wrote on a plain copy: a published file with every example
place's review, Core20 values, reports and workbooks. Run by .ci/run with the copy's own Python."""

import json
import re
import subprocess
import sys
from pathlib import Path

repository, log = Path(sys.argv[1]), Path(sys.argv[2]).read_text(encoding="utf-8")
published = re.search(r"^Published (.+)$", log, re.MULTILINE)
assert published, "the demo did not print 'Published <file>'"
warehouse = Path(published.group(1))
assert warehouse.is_file(), f"{warehouse} does not exist"
reports = [Path(path) for path in re.findall(r"^  report    (.+)$", log, re.MULTILINE)]
workbooks = [Path(path) for path in re.findall(r"^  workbook  (.+)$", log, re.MULTILINE)]
assert len(reports) >= 3 and len(workbooks) == len(reports), (reports, workbooks)
for path in reports + workbooks:
    assert path.is_file() and path.stat().st_size > 0, f"{path} is missing or empty"

QUERY = """
SELECT place_id, count(*) FILTER (WHERE latest_value IS NOT NULL),
       count(*) FILTER (WHERE core20_value IS NOT NULL), count(*)
FROM marts.review_trend GROUP BY place_id ORDER BY place_id
"""
python = repository / ".venv" / "bin" / "python"
script = (
    "import duckdb, json, sys; "
    f"print(json.dumps(duckdb.connect(sys.argv[1], read_only=True).execute({QUERY!r}).fetchall()))"
)
rows = json.loads(subprocess.check_output([python, "-c", script, str(warehouse)], text=True))
EXAMPLES = {"croydon", "leeds", "trafford"}
places = {place for place, *_ in rows}
assert EXAMPLES <= places, rows
for place, values, core20_values, _ in rows:
    assert values > 0, f"{place}: its review shows no values"
    # Each example place declares a synthetic LSOA source for a Core20 measure.
    assert core20_values > 0 or place not in EXAMPLES, f"{place}: its review has no Core20 value"
size = warehouse.stat().st_size
assert size < 64 * 2**20, f"{warehouse} is {size:,} bytes: over 64 MB"
# A board prints the report: at most 2 A4 pages per 8 measures, plus the overview (a table of
# about 25 measures a page), printed by the headless Chromium the report tests use.
measures = {place: count for place, *_, count in rows}
PRINT = "import sys; from tests.print_check import print_to_pdf; print(print_to_pdf(*sys.argv[1:]))"
for report in reports:
    place = report.parent.parent.name
    budget = -(-2 * measures[place] // 8) + -(-measures[place] // 25)
    pdf = report.with_suffix(".pdf")
    pages = int(subprocess.check_output([python, "-c", PRINT, report, pdf], cwd=repository))
    assert pages <= budget, f"{report} prints to {pages} pages: over its {budget}"
    print(f"plain-copy demo: {place}'s report prints to {pages} A4 pages (budget {budget})")
print(f"plain-copy demo: (place, measures with values, with Core20 values, measures): {rows}")
print(f"plain-copy demo: {len(reports)} reports and workbooks; {warehouse} is {size:,} bytes")
