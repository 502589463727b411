"""The warehouse files: a private working copy the pipeline writes, and the published file readers open.

The working copy (`.work/` beside the published file) is the durable store: it keeps everything,
raw responses included, and every asset writes it in one transaction. Readers (Power BI, Excel,
Metabase, the DuckDB CLI) open the published file, OUTCOMES_WAREHOUSE, which holds what BI reads
(see bi_file.py). The pipeline never writes it in place: publication writes a new BI file beside it
and renames it over the old one, which is atomic. A run that fails before or during publication
leaves the published file exactly as it was, and a reader holding it open keeps reading the file it
opened.

The working copy records its schema version (migrations.py). The first connection a run makes
creates a new file, or backs up and upgrades a file an older release laid out; a file a newer
release upgraded is refused.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from assets.warehouse.bi_file import write_bi_file
from assets.warehouse.connections import open_waiting_for_lock, roll_back
from assets.warehouse.dbt_build import create_model_relations
from assets.warehouse.migrations import (
    bring_up_to_date,
    code_version,
    refuse_newer,
    schema_version,
)
from assets.warehouse.sql_files import statement

# DEFAULT_MEMORY_LIMIT: DuckDB's memory for a write; beyond it, it spills to disk beside the
# working copy. A whole profile's download (the GP profile is ~1.7 GB) then loads on a small VM.
from pipelines.settings import DEFAULT_BI_STORAGE_VERSION, DEFAULT_MEMORY_LIMIT


class WarehouseCreationError(RuntimeError):
    pass


class Warehouse:
    def __init__(
        self,
        published_path: Path,
        memory_limit: str = DEFAULT_MEMORY_LIMIT,
        bi_storage_version: str = DEFAULT_BI_STORAGE_VERSION,
    ) -> None:
        self.published_path = published_path
        self.memory_limit = memory_limit
        self.bi_storage_version = bi_storage_version
        self.work_path = published_path.parent / ".work" / published_path.name

    @property
    def staging_folder(self) -> Path:
        """Where a new working copy is made before it is renamed into place: a folder of its own,
        so the file keeps its name (DuckDB names the database, and dbt's views refer to it, by
        the file's stem)."""
        return self.work_path.parent / ".creating"

    def _prepare_work_copy(self) -> None:
        """Make the working copy if there is none: built (or copied) whole in a folder of its
        own, checked, and only then renamed into place, so a run killed part-way leaves nothing
        a later run would mistake for a warehouse."""
        if self.work_path.exists():
            return
        staged = self.staging_folder / self.work_path.name
        shutil.rmtree(self.staging_folder, ignore_errors=True)
        self.staging_folder.mkdir(parents=True)
        if self._published_file_is_whole():
            # A site upgrading from a release that published the whole warehouse has its only
            # copy there: start from it, so refreshes stay incremental (upgraded on first open).
            shutil.copyfile(self.published_path, staged)
        else:
            connection = duckdb.connect(str(staged), config={"memory_limit": self.memory_limit})
            try:
                bring_up_to_date(connection)
            finally:
                connection.close()
            create_model_relations(staged, self.memory_limit)
        self._verify(staged)
        os.replace(staged, self.work_path)
        shutil.rmtree(self.staging_folder, ignore_errors=True)

    def _verify(self, staged: Path) -> None:
        """A made or copied working copy opens and holds a laid-out warehouse."""
        with duckdb.connect(str(staged), read_only=True) as connection:
            found = schema_version(connection)
        if found.version is None:
            raise WarehouseCreationError(
                f"the new working warehouse {staged} holds no tables after it was made; nothing "
                f"was put in place of {self.work_path}. Check the disk has room, then run again."
            )

    def _published_file_is_whole(self) -> bool:
        if not self.published_path.exists():
            return False
        with duckdb.connect(str(self.published_path), read_only=True) as connection:
            (count,) = connection.execute(
                statement("warehouse/count_schema"), {"schema": "raw"}
            ).fetchone()
        return count > 0

    def backup_path(self, version: int) -> Path:
        """Where the working copy is kept as it was before an upgrade from `version`."""
        return self.work_path.with_name(f"{self.work_path.name}.v{version}.bak")

    def _connect(self) -> duckdb.DuckDBPyConnection:
        return open_waiting_for_lock(self.work_path, {"memory_limit": self.memory_limit})

    def _open(self) -> duckdb.DuckDBPyConnection:
        """A connection to the working copy at this release's schema version. Checking costs two
        catalogue queries; creating or upgrading happens once, on the first open after a release."""
        self._prepare_work_copy()
        connection = self._connect()
        try:
            found = schema_version(connection)
            if found.version == code_version() and found.recorded:
                return connection
            refuse_newer(found, self.work_path)
            if found.version is None:
                bring_up_to_date(connection)
                return self._lay_out_models(connection)
            # Closing checkpoints the file, so the copy is the whole of it.
            connection.close()
            backup = self._back_up(found.version)
            connection = self._connect()
            applied = bring_up_to_date(connection)
            steps = "; ".join(f"{step.version}: {step.description}" for step in applied)
            dg.get_dagster_logger().warning(
                f"Upgraded the working warehouse {self.work_path} from schema version "
                f"{found.version} to {code_version()} ({steps}); the file as it was is kept in "
                f"{backup}"
            )
            return self._lay_out_models(connection)
        except BaseException:
            connection.close()
            raise

    def _lay_out_models(self, connection: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
        """After the layout Python writes, the dbt models' (dbt opens the file itself)."""
        connection.close()
        create_model_relations(self.work_path, self.memory_limit)
        return self._connect()

    def _back_up(self, version: int) -> Path:
        """Copy the (closed) working copy to its backup path; a copy cut short leaves no backup."""
        backup = self.backup_path(version)
        staged = backup.with_name(f".{backup.name}.copying")
        try:
            shutil.copyfile(self.work_path, staged)
            os.replace(staged, backup)
        finally:
            staged.unlink(missing_ok=True)
        return backup

    def prepare(self) -> Path:
        """Create or upgrade the working copy, and close it: for dbt, which opens it itself."""
        self._open().close()
        return self.work_path

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to the working copy inside one transaction: all of it commits, or none.

        A commit that fails (a full disk) has already rolled back: its own error is what is
        raised, never a second one from rolling back again."""
        connection = self._open()
        try:
            connection.begin()
            try:
                yield connection
            except BaseException:
                roll_back(connection)
                raise
            connection.commit()
        finally:
            connection.close()

    @contextmanager
    def reader(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection to the working copy (for checks and metadata)."""
        connection = open_waiting_for_lock(self.work_path, {}, read_only=True)
        try:
            yield connection
        finally:
            connection.close()

    def publish(self) -> Path:
        """Write the BI file from the working copy beside the published one and swap it in,
        atomically; if writing fails, the published file is left as it was."""
        self.published_path.parent.mkdir(parents=True, exist_ok=True)
        staged = self.published_path.with_name(f".{self.published_path.name}.publishing")
        leftovers = [staged, staged.with_name(f"{staged.name}.wal")]
        try:
            # The BI file is always written afresh; a publish killed part-way leaves these.
            for leftover in leftovers:
                leftover.unlink(missing_ok=True)
            write_bi_file(self.work_path, staged, self.bi_storage_version, self.memory_limit)
            os.replace(staged, self.published_path)
        finally:
            for leftover in leftovers:
                leftover.unlink(missing_ok=True)
        return self.published_path
