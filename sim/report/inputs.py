"""Every scenario input with where it was set and the comment that gives its source.

The scenario files' comments are their citations ("§8", "ASSUMPTION: ..."), so the report
lists each input with the comment on its line or on the lines just above it (the origins
recorded by :mod:`sim.origins` when the scenario was loaded).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sim.distributions import KINDS
from sim.keypath import item_label, named
from sim.origins import Origin
from sim.report.i18n import fmt_date
from sim.scenario import CHANNELS, WEEKDAYS, Scenario, full_tree


@dataclass(frozen=True)
class Input:
    """One row of the assumptions table."""

    key: str
    value: str
    set_in: str  # "file.yaml:12", a variant, --set, or "" for the model's default
    note: str
    inherited: bool  # the note is the comment of an enclosing key


# --- the resolved scenario as rows ----------------------------------------------------------


_DATA_KEYS = {*WEEKDAYS, *CHANNELS}  # mappings keyed by data, not by field names


def is_distribution(value: Any) -> bool:
    return isinstance(value, dict) and value.get("kind") in KINDS


def _is_leaf(value: Any) -> bool:
    """A value shown on one row: a scalar, a list of scalars, a distribution, or a mapping
    keyed by data (opening hours per weekday, shares per kind of site, weights per hour)."""
    if isinstance(value, dict):
        data_keyed = all(isinstance(k, int) or k in _DATA_KEYS for k in value)
        scalars = all(not isinstance(v, dict | list) for v in value.values())
        return is_distribution(value) or (bool(value) and data_keyed and scalars)
    if isinstance(value, list):
        return all(not isinstance(v, dict | list) for v in value)
    return True


WORDS = {
    "id": {
        "triangular": "segitiga {low}–{mode}–{high}",
        "uniform": "seragam {low}–{high}",
        "lognormal": "lognormal, median {median}, sigma {sigma}",
        "exponential": "eksponensial, rata-rata {mean}",
        "empirical": "empiris: {values}",
        True: "ya",
        False: "tidak",
        "min": "menit",
    },
    "en": {
        "triangular": "triangular {low}–{mode}–{high}",
        "uniform": "uniform {low}–{high}",
        "lognormal": "lognormal, median {median}, sigma {sigma}",
        "exponential": "exponential, mean {mean}",
        "empirical": "empirical: {values}",
        True: "yes",
        False: "no",
        "min": "minutes",
    },
}


def shown_value(value: Any, lang: str = "en", key: str = "") -> str:
    """A value as a planner reads it: distributions in words with their unit ("segitiga
    2–4–10 menit"), yes/no, dates in words, decimals in the language's convention."""
    words = WORDS[lang]
    unit = f" {words['min']}" if key.endswith("_min") else ""
    if isinstance(value, dict):
        if value.get("kind") == "fixed":
            return shown_value(value["value"], lang, key)
        if is_distribution(value):
            params = {k: shown_value(v, lang) for k, v in value.items() if k != "kind"}
            return words[value["kind"]].format(**params) + unit
        return ", ".join(f"{k}: {shown_value(v, lang)}" for k, v in value.items() if v is not None)
    if isinstance(value, list):
        return ", ".join(shown_value(v, lang) for v in value) or "–"
    if isinstance(value, bool):
        return words[value]
    if isinstance(value, float):
        text = f"{value:g}"
        return (text.replace(".", ",") if lang == "id" else text) + unit
    if isinstance(value, dt.date):
        return fmt_date(value, lang)
    if isinstance(value, int):
        return f"{value}{unit}"
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


def _uncertain_shown(tree: dict) -> None:
    """The uncertain block as the list shows it: absent when nothing is declared, and a
    joint sample by its keys and source (its rows are in the scenario file)."""
    block = tree.get("uncertain", {})
    if not block.get("inputs") and block.get("joint") is None:
        tree.pop("uncertain", None)
    elif block.get("joint") is not None:
        block["joint"] = {k: v for k, v in block["joint"].items() if k in ("keys", "source")}


def inputs(
    scenario: Scenario, found: dict[str, Origin], changes: dict[str, str], lang: str = "en"
) -> list[Input]:
    """Every input of the resolved scenario, with where it was set and its comment.

    ``changes`` maps dotted keys changed on top of the file (by a variant or ``--set``) to
    who changed them; ``found`` is where each key of the file was written.
    """
    rows: list[tuple[str, Any]] = []
    tree = full_tree(scenario)
    changes = {named(tree, key): who for key, who in changes.items()}
    tree.pop("sensitivity", None)
    _uncertain_shown(tree)
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
        out.append(
            Input(key, shown_value(value, lang, key), set_in, shown, inherited and bool(shown))
        )
    return out


def _enclosing_comment(key: str, found: dict[str, Origin]) -> str:
    parts = key.split(".")
    for depth in range(len(parts) - 1, 0, -1):
        origin = found.get(".".join(parts[:depth]))
        if origin and origin.comment:
            return origin.comment
    return ""
