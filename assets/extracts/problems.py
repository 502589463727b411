"""Problems found in an extract file, each naming the row and field it is in."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileProblem:
    """One problem: `row` as a spreadsheet shows it (None for the file as a whole), `field` as the
    file's own header text (None for the row as a whole), and the row itself where known."""

    row: int | None
    field: str | None
    reason: str
    row_text: str | None = None

    def described(self, file_name: str) -> str:
        where = ([f"row {self.row}"] if self.row is not None else []) + (
            [f"field {self.field!r}"] if self.field else []
        )
        return f"{file_name}: {', '.join(where)}{': ' if where else ''}{self.reason}"


class UnreadableFile(Exception):
    """The file as a whole cannot be read as declared: it is quarantined and loads nothing."""

    def __init__(self, problems: list[FileProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(problem.reason for problem in problems))
