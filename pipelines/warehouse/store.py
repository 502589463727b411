"""The warehouse files: a private working copy the pipeline writes, and the published copy readers open.

Readers (Power BI, Excel, Metabase, the DuckDB CLI) open the published file, OUTCOMES_WAREHOUSE.
The pipeline never writes it in place: every asset writes the working copy in one transaction,
and the publication asset copies the working copy beside the published file and renames it over
the old one, which is atomic. A run that fails before publication leaves the published file
exactly as it was, and a reader holding it open keeps reading the copy it opened.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from pipelines.warehouse.sql_files import ddl_statements

# DuckDB's memory for a write; beyond it, it spills to disk beside the working copy. A whole
# profile's download (the GP profile is ~1.7 GB) then loads on a small VM.
DEFAULT_MEMORY_LIMIT = "2GB"


class Warehouse:
    def __init__(self, published_path: Path, memory_limit: str = DEFAULT_MEMORY_LIMIT) -> None:
        self.published_path = published_path
        self.memory_limit = memory_limit
        self.work_path = published_path.parent / ".work" / published_path.name

    def _prepare_work_copy(self) -> None:
        if self.work_path.exists():
            return
        self.work_path.parent.mkdir(parents=True, exist_ok=True)
        if self.published_path.exists():
            # A new machine or a cleaned work folder starts from the last published warehouse,
            # so refreshes stay incremental.
            shutil.copyfile(self.published_path, self.work_path)

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to the working copy inside one transaction: all of it commits, or none."""
        self._prepare_work_copy()
        connection = duckdb.connect(str(self.work_path), config={"memory_limit": self.memory_limit})
        try:
            connection.begin()
            for ddl in ddl_statements():
                connection.execute(ddl)
            yield connection
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
        finally:
            connection.close()

    @contextmanager
    def reader(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection to the working copy (for checks and metadata)."""
        connection = duckdb.connect(str(self.work_path), read_only=True)
        try:
            yield connection
        finally:
            connection.close()

    def publish(self) -> Path:
        """Swap the working copy in as the published warehouse, atomically."""
        with duckdb.connect(str(self.work_path)) as connection:
            connection.execute("CHECKPOINT")
        self.published_path.parent.mkdir(parents=True, exist_ok=True)
        staged = self.published_path.with_name(f".{self.published_path.name}.publishing")
        shutil.copyfile(self.work_path, staged)
        os.replace(staged, self.published_path)
        return self.published_path
