"""YAML read with its node tree kept, so that a value can be traced back to its line."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML document: the plain Python data and the node tree it came from."""

    data: Any
    root: Node | None

    def line_of(self, location: Sequence[str | int]) -> int:
        """1-based line of the value at `location` (keys and list indexes from the root).

        Where the path stops existing (a missing key), the line of the deepest node that does
        exist: for a missing field, the start of the mapping that lacks it.
        """
        node = self.root
        if node is None:
            return 1
        for step in location:
            child = _child(node, step)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1

    def duplicate_keys(self) -> Iterator[tuple[list[str | int], int, int]]:
        """(path of the mapping, line of the repeated key, line of its first occurrence) for every
        key written twice in one mapping: PyYAML silently keeps only the last."""
        if self.root is not None:
            yield from _duplicates(self.root, [])


def parse_yaml(text: str) -> YamlDocument:
    """Parse one YAML document with the safe loader; raises yaml.YAMLError (with a mark) if bad."""
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return YamlDocument(data=data, root=root)


def _child(node: Node, step: str | int) -> Node | None:
    if isinstance(node, MappingNode) and isinstance(step, str):
        # The last occurrence wins, as in the constructed data.
        matches = [value for key, value in node.value if _key(key) == step]
        return matches[-1] if matches else None
    if isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step]
    return None


def _key(node: Node) -> str | None:
    return node.value if isinstance(node, ScalarNode) else None


def _duplicates(node: Node, path: list[str | int]) -> Iterator[tuple[list[str | int], int, int]]:
    if isinstance(node, MappingNode):
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = _key(key_node)
            if key is None:
                continue
            line = key_node.start_mark.line + 1
            if key in first_seen:
                yield [*path, key], line, first_seen[key]
            else:
                first_seen[key] = line
            yield from _duplicates(value_node, [*path, key])
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            yield from _duplicates(item, [*path, index])
