"""Dotted key paths into scenario data, and the ``base:`` merge: one set of rules for
variants, ``--set``, sensitivity, the staffing search, error messages and the inputs list.

A path is dotted keys (``sites.Kantor Dinas.officers``); inside a list a segment is an
index or the ``name`` of an item, and a final ``+`` appends to the list (``sites.+``).
"""

from __future__ import annotations

from typing import Any


def item_label(item: Any, index: int) -> str:
    """How a list item is named in a path: its ``name``, or its index when it has none."""
    name = item.get("name") if isinstance(item, dict) else None
    return str(name) if name else str(index)


def child(node: Any, part: str) -> tuple[Any, Any]:
    """(container key, child) for one path segment, or KeyError."""
    if isinstance(node, dict) and part in node:
        return part, node[part]
    if isinstance(node, list):
        if part.isdigit() and int(part) < len(node):
            return int(part), node[int(part)]
        for i, item in enumerate(node):
            if isinstance(item, dict) and item.get("name") == part:
                return i, item
    raise KeyError(part)


def set_path(tree: dict, dotted: str, value: Any) -> None:
    """Set ``value`` at a dotted path whose every segment already exists in ``tree`` (or
    append it to a list with a final ``+``); KeyError names the first missing prefix."""
    parts = dotted.split(".")
    node = tree
    for depth, part in enumerate(parts):
        if part == "+" and depth == len(parts) - 1 and isinstance(node, list):
            node.append(value)
            return
        try:
            key, found = child(node, part)
        except KeyError:
            raise KeyError(".".join(parts[: depth + 1])) from None
        if depth == len(parts) - 1:
            node[key] = value
        node = found


def named(tree: Any, dotted: str) -> str:
    """The path with list indices replaced by the names of the items they point at."""
    parts, node = [], tree
    for part in dotted.split("."):
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
            parts.append(item_label(node, int(part)))
        else:
            node = node.get(part) if isinstance(node, dict) else None
            parts.append(part)
    return ".".join(parts)


def merge(base: dict, top: dict) -> dict:
    """``top`` over ``base``: mappings merge key by key, lists and values replace."""
    merged = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def get_path(tree: Any, dotted: str) -> Any:
    """The value at a dotted path, or KeyError naming the first missing prefix."""
    parts, node = dotted.split("."), tree
    for depth, part in enumerate(parts):
        try:
            node = child(node, part)[1]
        except KeyError:
            raise KeyError(".".join(parts[: depth + 1])) from None
    return node
