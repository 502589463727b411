"""Columns in and out of the statistics: Polars Series, numpy arrays or scalars to numpy, and back.

Every statistic takes whole columns and returns whole columns. Inside, the arithmetic runs on
float64 numpy arrays where a missing value is NaN; outside, results are Polars Series where an
undefined result is null, Polars' missing value.
"""

from __future__ import annotations

import numpy as np
import polars as pl

ColumnLike = pl.Series | np.ndarray | float | int


def as_floats(*columns: ColumnLike) -> list[np.ndarray]:
    """The columns as float64 arrays broadcast to one length, nulls as NaN."""
    arrays = [
        column.cast(pl.Float64).to_numpy()
        if isinstance(column, pl.Series)
        else np.asarray(column, dtype=np.float64)
        for column in columns
    ]
    return [np.atleast_1d(array) for array in np.broadcast_arrays(*arrays)]


def to_series(name: str, values: np.ndarray) -> pl.Series:
    """A Float64 Series in which NaN (an undefined result) becomes null."""
    return pl.Series(name, values, dtype=pl.Float64).fill_nan(None)


def confidence_suffix(confidence: float) -> str:
    """The suffix naming a confidence level in column names: 0.95 → "95", 0.998 → "99_8"."""
    return f"{confidence * 100:g}".replace(".", "_")
