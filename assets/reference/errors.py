"""The one error a reference build raises for bad data: it names dataset, file, row and field."""

from __future__ import annotations


class ReferenceDataError(ValueError):
    def __init__(
        self, dataset: str, file: str, message: str, row: int | None = None, field: str = ""
    ) -> None:
        self.dataset, self.file, self.row, self.field = dataset, file, row, field
        where = f"dataset {dataset}, file {file}"
        if row is not None:
            where += f", row {row}"
        if field:
            where += f", field '{field}'"
        super().__init__(f"{where}: {message}")
