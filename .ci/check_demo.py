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
       count(*) FILTER (WHERE core20_value IS NOT NULL)
FROM marts.review_trend GROUP BY place_id ORDER BY place_id
"""
python = repository / ".venv" / "bin" / "python"
script = (
    "import duckdb, json, sys; "
    f"print(json.dumps(duckdb.connect(sys.argv[1], read_only=True).execute({QUERY!r}).fetchall()))"
)
rows = json.loads(subprocess.check_output([python, "-c", script, str(warehouse)], text=True))
EXAMPLES = {"croydon", "leeds", "trafford"}
places = {place for place, _, _ in rows}
assert EXAMPLES <= places, rows
for place, values, core20_values in rows:
    assert values > 0, f"{place}: its review shows no values"
    # Each example place declares a synthetic LSOA source for a Core20 measure.
    assert core20_values > 0 or place not in EXAMPLES, f"{place}: its review has no Core20 value"
size = warehouse.stat().st_size
assert size < 64 * 2**20, f"{warehouse} is {size:,} bytes: over 64 MB"
print(f"plain-copy demo: (place, measures with values, with Core20 values): {rows}")
print(f"plain-copy demo: {len(reports)} reports and workbooks; {warehouse} is {size:,} bytes")
