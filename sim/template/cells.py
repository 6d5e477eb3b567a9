"""Values to cells and back, and nested mappings to dotted keys and back."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import yaml

from sim import yaml_reader

WHOLE_FLOAT = "0.0"  # the number format of a whole number that is a float in the scenario


class CellProblem(ValueError):
    """A cell that cannot be read: a message code of :mod:`sim.problems` and its values
    (the reader adds the sheet, row and column)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def flat(data: dict, prefix: str = "") -> dict[str, Any]:
    """Dotted key -> value for every leaf of a nested mapping (a non-empty mapping is not a
    leaf; a list, an empty mapping and None are)."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            out |= flat(value, f"{path}.")
        else:
            out[path] = value
    return out


def nested(pairs: list[tuple[str, Any]]) -> dict:
    """The nested mapping of (dotted key, value) pairs; a key both a value and a parent of
    other keys is refused."""
    root: dict = {}
    for key, value in pairs:
        *parents, last = key.split(".")
        node = root
        for part in parents:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise CellProblem("cell_key_conflict", key=key, part=part)
        if last in node:
            raise CellProblem("cell_key_twice", key=key)
        node[last] = value
    return root


def to_cell(value: Any) -> Any:
    """What a cell holds for a scenario value: numbers, dates, booleans and text as
    themselves, a list or mapping as YAML flow text, None as an empty cell."""
    if isinstance(value, list | dict):
        return yaml.safe_dump(
            value, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10**6
        )[:-1].removesuffix("\n...")
    return value


def from_cell(value: Any) -> Any:
    """The scenario value of a cell: flow text ``[...]``/``{...}`` read as YAML, a date-time
    at midnight as a date, whole floats kept as Excel gives them."""
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time(0) else value
    if isinstance(value, float) and not math.isfinite(value):
        raise CellProblem("not_finite")
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text:
        return None
    if text.startswith(("[", "{")):
        try:
            return yaml_reader.read(text)
        except yaml.YAMLError:
            raise CellProblem("cell_flow_unreadable") from None
    return text
