"""Every scenario input with where it was set and the comment that gives its source.

The scenario files' comments are their citations ("§8", "ASSUMPTION: ..."), so the report
lists each input with the comment on its line or on the lines just above it. PyYAML drops
comments, but its composed node tree keeps every key's line, from which the comments are read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sim.distributions import KINDS
from sim.keypath import item_label, named
from sim.scenario import CHANNELS, WEEKDAYS, Scenario, base_chain, full_tree


@dataclass(frozen=True)
class Origin:
    """Where a key was written: the file, its line and the comment there."""

    file: str
    line: int
    comment: str


@dataclass(frozen=True)
class Input:
    """One row of the assumptions table."""

    key: str
    value: str
    set_in: str  # "file.yaml:12", a variant, --set, or "" for the model's default
    note: str
    inherited: bool  # the note is the comment of an enclosing key


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


def _walk(node: yaml.Node, path: str, lines: list[str], found: _Found, name: str) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = f"{path}.{key.value}" if path else str(key.value)
            found.origins[child] = Origin(name, key.start_mark.line + 1, _note(lines, key, value))
            _walk(value, child, lines, found, name)
    elif isinstance(node, yaml.SequenceNode):
        found.lists.add(path)
        for i, item in enumerate(node.value):
            child = f"{path}.{_item_label(item, i)}"
            note = _item_note(lines, item)
            found.origins[child] = Origin(name, item.start_mark.line + 1, note)
            _walk(item, child, lines, found, name)


def origins(path: str | Path) -> dict[str, Origin]:
    """Dotted key -> origin, for a scenario file and the files it is based on (a file wins
    over its base, and its lists replace the base's, as when it is loaded)."""
    found: dict[str, Origin] = {}
    for file, _ in base_chain(path):
        text = file.read_text(encoding="utf-8")
        root = yaml.compose(text)
        if not isinstance(root, yaml.MappingNode):
            continue
        own = _Found({}, set())
        _walk(root, "", text.splitlines(), own, file.name)
        kept = {
            key: origin
            for key, origin in found.items()
            if not any(key.startswith(f"{lst}.") for lst in own.lists)
        }
        found = kept | own.origins
    return found


# --- the resolved scenario as rows ----------------------------------------------------------


_DATA_KEYS = {*WEEKDAYS, *CHANNELS}  # mappings keyed by data, not by field names


def _is_distribution(value: Any) -> bool:
    return isinstance(value, dict) and value.get("kind") in KINDS


def _is_leaf(value: Any) -> bool:
    """A value shown on one row: a scalar, a list of scalars, a distribution, or a mapping
    keyed by data (opening hours per weekday, shares per kind of site, weights per hour)."""
    if isinstance(value, dict):
        data_keyed = all(isinstance(k, int) or k in _DATA_KEYS for k in value)
        scalars = all(not isinstance(v, dict | list) for v in value.values())
        return _is_distribution(value) or (bool(value) and data_keyed and scalars)
    if isinstance(value, list):
        return all(not isinstance(v, dict | list) for v in value)
    return True


def _show(value: Any) -> str:
    if isinstance(value, dict):
        if value.get("kind") == "fixed":
            return _show(value["value"])
        if _is_distribution(value):
            params = ", ".join(f"{k} {_show(v)}" for k, v in value.items() if k != "kind")
            return f"{value['kind']}({params})"
        return ", ".join(f"{k}: {_show(v)}" for k, v in value.items() if v is not None)
    if isinstance(value, list):
        return ", ".join(_show(v) for v in value) or "–"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _empty(value: Any) -> bool:
    if isinstance(value, dict):
        return all(v is None for v in value.values())
    return value is None or value == []


def _flatten(value: Any, path: str, out: list[tuple[str, Any]]) -> None:
    if _is_leaf(value):
        if not _empty(value) and not path.endswith(".name"):
            out.append((path, value))
        return
    if isinstance(value, dict):
        for key, child in value.items():
            _flatten(child, f"{path}.{key}" if path else str(key), out)
    else:
        for i, item in enumerate(value):
            _flatten(item, f"{path}.{item_label(item, i)}", out)


def _changed_by(key: str, changes: dict[str, str], in_files: bool) -> str | None:
    """The variant or --set that set this key (a change of an enclosing key counts; an
    appended list item claims only keys the files do not have)."""
    for path, who in changes.items():
        if path.endswith(".+"):
            if key.startswith(path[:-1]) and not in_files:
                return who
        elif key == path or key.startswith(f"{path}.") or path.startswith(f"{key}."):
            return who
    return None


def inputs(scenario: Scenario, source: str | Path, changes: dict[str, str]) -> list[Input]:
    """Every input of the resolved scenario, with where it was set and its comment.

    ``changes`` maps dotted keys changed on top of the file (by a variant or ``--set``) to
    who changed them.
    """
    found = origins(source)
    rows: list[tuple[str, Any]] = []
    tree = full_tree(scenario)
    changes = {named(tree, key): who for key, who in changes.items()}
    tree.pop("sensitivity", None)
    _flatten(tree, "", rows)
    out, last_note = [], ""
    for key, value in rows:
        origin = found.get(key)
        own = origin.comment if origin else ""
        note, inherited = own, False
        if not own:
            note, inherited = _enclosing_comment(key, found), True
        by = _changed_by(key, changes, key in found)
        set_in = by or (f"{origin.file}:{origin.line}" if origin else "")
        shown = "" if inherited and note == last_note else note
        last_note = note
        out.append(Input(key, _show(value), set_in, shown, inherited and bool(shown)))
    return out


def _enclosing_comment(key: str, found: dict[str, Origin]) -> str:
    parts = key.split(".")
    for depth in range(len(parts) - 1, 0, -1):
        origin = found.get(".".join(parts[:depth]))
        if origin and origin.comment:
            return origin.comment
    return ""
