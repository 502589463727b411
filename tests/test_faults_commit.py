"""A commit that fails for want of disk keeps its own error: the run says why ("File too large",
"No space left on device"), not "cannot rollback - no transaction is active"."""

from __future__ import annotations

import subprocess
import sys

from pipelines.settings import PROJECT_ROOT

# Runs in a process of its own: it limits the size of the files it may write (RLIMIT_FSIZE), so
# the commit's write-ahead log cannot be written, as on a full disk.
FULL_DISK_COMMIT = """
import resource, signal, sys
from pathlib import Path
import duckdb
from assets.warehouse.migrations import bring_up_to_date
from assets.warehouse.store import Warehouse

store = Warehouse(Path(sys.argv[1]))
store.work_path.parent.mkdir(parents=True)
with duckdb.connect(str(store.work_path)) as connection:
    bring_up_to_date(connection)
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
size = store.work_path.stat().st_size
resource.setrlimit(resource.RLIMIT_FSIZE, (size, resource.RLIM_INFINITY))
with store.transaction() as connection:
    connection.execute("CREATE TABLE raw.scratch AS SELECT range AS i FROM range(100000)")
"""


def test_a_failed_commit_raises_its_own_error(tmp_path):
    ran = subprocess.run(
        [sys.executable, "-c", FULL_DISK_COMMIT, str(tmp_path / "outcomes.duckdb")],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.returncode == 1
    last_line = ran.stderr.strip().splitlines()[-1]
    work = tmp_path / ".work" / "outcomes.duckdb"
    assert last_line == (
        "_duckdb.TransactionException: TransactionContext Error: Failed to commit: Could not "
        f'write file "{work}.wal": File too large'
    )
    assert "cannot rollback" not in ran.stderr
