"""A review's measures and series as CSV for analysts and spreadsheets, with flat columns.

CSV cannot hold a list (Parquet, written beside it, keeps every type), so list columns (a
measure's flags) are joined with "; ", which reads well in a spreadsheet; no flags is an empty
field.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

LIST_SEPARATOR = "; "


def flatten_lists(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with each list-of-strings column joined into one string per row."""
    return frame.with_columns(
        pl.col(name).list.join(LIST_SEPARATOR)
        for name, dtype in frame.schema.items()
        if isinstance(dtype, pl.List)
    )


def write_csv(frame: pl.DataFrame, path: Path) -> None:
    """The frame as CSV at `path`, list columns joined."""
    flatten_lists(frame).write_csv(path)
