"""YAML as scenario files are read: PyYAML's safe loader, refusing what it would accept
silently or crash on.

- A key written twice in one mapping is refused with both line numbers (PyYAML keeps the
  last one, so a planner's first value would vanish without a word).
- A date that is not on the calendar (2023-02-29, 2023-13-01, 0000-01-01) is refused with its
  line and column (PyYAML raises a bare ValueError from inside its constructor).
"""

from __future__ import annotations

import unicodedata
from typing import Any

import yaml

MERGE = "tag:yaml.org,2002:merge"


class YamlProblem(yaml.MarkedYAMLError):
    """A problem found while constructing the data: a message code, its values, and where."""

    def __init__(self, code: str, mark: yaml.Mark, **params: Any) -> None:
        super().__init__(problem=code, problem_mark=mark)
        self.code, self.params = code, params


class ScenarioLoader(yaml.SafeLoader):
    """The safe loader with duplicate keys and impossible dates refused."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            if key_node.tag == MERGE or not isinstance(key_node, yaml.ScalarNode):
                continue
            key = self.construct_object(key_node, deep=True)
            first = seen.setdefault(key, key_node)
            if first is not key_node:
                raise YamlProblem(
                    "duplicate_key",
                    key_node.start_mark,
                    name=str(key),
                    first=first.start_mark.line + 1,
                    second=key_node.start_mark.line + 1,
                )
        return super().construct_mapping(node, deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            raise YamlProblem("bad_date", node.start_mark, value=node.value) from None


ScenarioLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", ScenarioLoader.construct_yaml_timestamp
)


def read(text: str) -> Any:
    """The data of a YAML text (one document), read with :class:`ScenarioLoader`."""
    return yaml.load(text, Loader=ScenarioLoader)


MAX_NODES = 1_000_000  # values once aliases are expanded: a region file holds ~3,000


def expanded_size(data: Any, limit: int) -> int:
    """How many values ``data`` holds with every alias expanded (shared objects counted each
    time they are reached, as validation will copy them), counting no further than just
    past ``limit``: an alias bomb is stopped before it is expanded."""
    count, todo = 0, [data]
    while todo and count <= limit:
        node = todo.pop()
        count += 1
        if isinstance(node, dict):
            todo += [*node.keys(), *node.values()]
        elif isinstance(node, list):
            todo += node
    return count


ALLOWED_CONTROLS = frozenset("\n\t")


def control_text(data: Any) -> tuple[str, str] | None:
    """The dotted path and code point ("U+0001") of the first text in ``data`` holding a
    control character (other than a newline or a tab), which would reach the terminal raw
    and break the workbook; None when there is none."""
    todo: list[tuple[str, Any]] = [("", data)]
    while todo:
        path, node = todo.pop()
        if isinstance(node, dict):
            todo += [(f"{path}.{k}" if path else str(k), v) for k, v in node.items()]
            todo += [(path, k) for k in node if isinstance(k, str)]
        elif isinstance(node, list):
            todo += [(f"{path}.{i}", v) for i, v in enumerate(node)]
        elif isinstance(node, str):
            bad = next((c for c in node if _is_control(c)), None)
            if bad is not None:
                return path, f"U+{ord(bad):04X}"
    return None


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc" and char not in ALLOWED_CONTROLS


def where(exc: yaml.MarkedYAMLError) -> str:
    """ "line 3, column 7: " for a problem with a mark, else ""."""
    mark = exc.problem_mark
    return f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
