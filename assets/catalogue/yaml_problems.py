"""How every YAML file the project reads (catalogue, places, extract declarations) reports a
problem: 'FILE line N, field 'F': what is wrong', all problems at once."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from assets.catalogue.yaml_lines import YamlDocument, parse_yaml


class YamlProblems(ValueError):
    """Files that cannot be used. `problems` lists each as 'FILE line N, field 'F': …'."""

    # The first words of the message: "the place files have", "the indicator catalogue has".
    subject = "the files have"

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        super().__init__(
            f"{self.subject} {count} problem{'s' if count != 1 else ''}:\n"
            + "\n".join(f"  - {problem}" for problem in self.problems)
        )


def field_label(path: Sequence[str | int]) -> str:
    """('measures', 2, 'indicator') → 'measures[2].indicator'."""
    label = ""
    for step in path:
        label += f"[{step}]" if isinstance(step, int) else (f".{step}" if label else str(step))
    return label


def located(
    display: str,
    document: YamlDocument,
    location: Sequence[str | int],
    message: str,
    label: str | None = None,
) -> str:
    """The problem at `location`, named by its line and field (`label` overrides the field)."""
    line = document.line_of(tuple(location))
    field = label if label is not None else field_label(location)
    if not field:
        return f"{display} line {line}: {message}"
    return f"{display} line {line}, field {field!r}: {message}"


def common_message(error: Any, known_keys: Sequence[str]) -> str | None:
    """Plain words for pydantic's structural errors, or None for the caller's own kinds."""
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        guess = difflib.get_close_matches(str(error["loc"][-1]), known_keys, n=1)
        return "unknown field" + (f"; did you mean {guess[0]!r}?" if guess else "")
    if kind == "enum":
        expected = error["ctx"]["expected"]
        allowed = re.findall(r"'([^']*)'", expected) or re.findall(r"\d+", expected)
        return f"{value!r} is not one of {', '.join(allowed)}"
    if kind == "model_type":
        return f"expected a mapping of fields (got {value!r})"
    return None


def fallback_message(error: Any) -> str:
    """Pydantic's own message, saying what it got where it does not ('Input should be …')."""
    value = error.get("input")
    text = str(error["msg"])
    if text.startswith("Input should") and isinstance(value, (str, int, float, bool)):
        return f"{text} (got {value!r})"
    return text


class UnreadableYaml(ValueError):
    """A file that is not UTF-8 text or not YAML; its message is the problem to report."""


def read_yaml(path: Path, display: str) -> YamlDocument:
    """The file as a line-tracking YAML document; UnreadableYaml says why it cannot be read."""
    try:
        return parse_yaml(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise UnreadableYaml(
            f"{display}: not UTF-8 text ({error.reason} at byte {error.start})"
        ) from error
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise UnreadableYaml(f"{display} line {line}: not valid YAML: {error.problem}") from error
