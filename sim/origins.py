"""Where each key of a scenario was written: its file, line and comment.

PyYAML drops comments, but its composed node tree keeps every key's line, from which the
comments are read. The scenario files' comments are their citations ("§8", "ASSUMPTION: ..."),
so the report lists them beside each input, and a validation error names the line it is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml

T = TypeVar("T")  # what a key maps to: an Origin, or a workbook cell


@dataclass(frozen=True)
class Origin:
    """Where a key was written: the file, its line and the comment there."""

    file: str  # the file's name, as the assumptions table shows it
    line: int
    comment: str
    path: str = ""  # the file's path, as an error message names it


def _comment_after(line: str, column: int) -> str:
    """The comment that follows position ``column`` on a line, if the rest is only a comment."""
    rest = line[column:].lstrip().removeprefix(":").lstrip()
    return rest[1:].strip() if rest.startswith("#") else ""


def _comments_above(lines: list[str], index: int) -> list[str]:
    """The block of whole-line comments directly above line ``index``."""
    found = []
    k = index - 1
    while k >= 0 and lines[k].lstrip().startswith("#"):
        found.append(lines[k].lstrip()[1:].strip())
        k -= 1
    return found[::-1]


def _item_label(node: yaml.Node, index: int) -> str:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "name" and isinstance(value, yaml.ScalarNode):
                return value.value
    return str(index)


def _line(lines: list[str], index: int) -> str:
    return lines[index] if index < len(lines) else ""


def _note(lines: list[str], key: yaml.Node, value: yaml.Node) -> str:
    """The comments above a key's line and the one ending the line its value ends on."""
    if isinstance(value, yaml.ScalarNode) and value.style in ("|", ">"):
        # a block scalar ends where the next key starts: only "key: >-  # comment" counts
        rest = _line(lines, key.end_mark.line)[key.end_mark.column :].lstrip(" :")
        after = _comment_after(rest.lstrip("|>+-0123456789"), 0)
    elif isinstance(value, yaml.ScalarNode) or value.flow_style:
        after = _comment_after(_line(lines, value.end_mark.line), value.end_mark.column)
    else:  # a block mapping or list: the comment after "key:"
        after = _comment_after(_line(lines, key.end_mark.line), key.end_mark.column)
    return " ".join([*_comments_above(lines, key.start_mark.line), after]).strip()


def _item_note(lines: list[str], item: yaml.Node) -> str:
    """A list item's comment: the block above its dash and the comment ending its
    ``- name: ...`` line."""
    if isinstance(item, yaml.MappingNode) and item.value:
        key, value = item.value[0]
        if key.value == "name":
            return _note(lines, key, value)
    return " ".join(_comments_above(lines, item.start_mark.line))


@dataclass
class _Found:
    """The keys of one file, and which of them hold lists."""

    origins: dict[str, Origin]
    lists: set[str]


def _walk(node: yaml.Node, path: str, lines: list[str], found: _Found, file: Path) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = f"{path}.{key.value}" if path else str(key.value)
            note = _note(lines, key, value)
            found.origins[child] = Origin(file.name, key.start_mark.line + 1, note, str(file))
            _walk(value, child, lines, found, file)
    elif isinstance(node, yaml.SequenceNode):
        found.lists.add(path)
        for i, item in enumerate(node.value):
            child = f"{path}.{_item_label(item, i)}"
            note = _item_note(lines, item)
            found.origins[child] = Origin(file.name, item.start_mark.line + 1, note, str(file))
            _walk(item, child, lines, found, file)


def origins(files: list[Path]) -> dict[str, Origin]:
    """Dotted key -> origin, for a scenario file's base chain, deepest base first (a file
    wins over its base, and its lists replace the base's, as when it is loaded)."""
    found: dict[str, Origin] = {}
    for file in files:
        text = file.read_text(encoding="utf-8")
        root = yaml.compose(text)
        if not isinstance(root, yaml.MappingNode):
            continue
        own = _Found({}, set())
        _walk(root, "", text.splitlines(), own, file)
        kept = {
            key: origin
            for key, origin in found.items()
            if not any(key.startswith(f"{lst}.") for lst in own.lists)
        }
        found = kept | own.origins
    return found


def nearest(found: dict[str, T], key: str) -> T | None:
    """The origin of ``key`` or, when it was not written (a default), of its nearest
    enclosing key that was."""
    parts = key.split(".")
    for depth in range(len(parts), 0, -1):
        origin = found.get(".".join(parts[:depth]))
        if origin is not None:
            return origin
    return None
