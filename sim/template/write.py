"""Write the input workbook of a resolved scenario (``run_sim.py --template``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, get_args

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from sim.keypath import item_label
from sim.origins import Origin
from sim.scenario import FixedSite, Scenario, full_tree

from .cells import WHOLE_FLOAT, flat, to_cell
from .layout import KEY, NOTE, OTHER, PROPOSALS, README, TABLES, VALUES, WORDS, label, sheet_name

INPUT = PatternFill("solid", fgColor="FFF2CC")  # the cells a planner fills in
HEAD = PatternFill("solid", fgColor="DDEBF7")
GREY = Font(color="808080", italic=True, size=9)
BOLD = Font(bold=True)


def write_template(scenario: Scenario, found: dict[str, Origin], path: Path, lang: str) -> None:
    """The workbook of ``scenario``: every key on one sheet, sources from ``found``."""
    book = Workbook()
    _readme(book.active, lang)
    tree = full_tree(scenario)
    tables = {table.path: _take(tree, table.path) for table in TABLES}
    rest = flat(tree)
    for values in VALUES:
        mine = {k: v for k, v in rest.items() if _under(k, values.prefixes)}
        _values_sheet(book.create_sheet(sheet_name(values, lang)), mine, found, lang)
        rest = {k: v for k, v in rest.items() if k not in mine}
    for table in TABLES:
        rows = _rows(table.path, table.shape, tables[table.path], found)
        sheet = book.create_sheet(sheet_name(table, lang))
        _table_sheet(sheet, rows, lang)
        _validations(sheet, scenario)
    _values_sheet(book.create_sheet(sheet_name(OTHER, lang)), rest, found, lang)
    _proposals(book.create_sheet(PROPOSALS[lang != "id"]), scenario, lang)
    book.save(path)


def _readme(sheet: Worksheet, lang: str) -> None:
    sheet.title = README[lang != "id"]
    for row, line in enumerate(WORDS[lang]["readme"], start=1):
        sheet.cell(row, 1, line)
    sheet.column_dimensions["A"].width = 100


def _under(key: str, prefixes: tuple[str, ...]) -> bool:
    return any(key == p or key.startswith(f"{p}.") for p in prefixes)


def _take(tree: dict, path: str) -> Any:
    """Remove and return the value at a dotted ``path`` of ``tree``."""
    *parents, last = path.split(".")
    node = tree
    for part in parents:
        node = node[part]
    return node.pop(last)


def _rows(path: str, shape: str, value: Any, found: dict[str, Origin]) -> list[dict]:
    """One flat row per item, each with its note (the sources of the item and its keys)."""
    if shape == "list":
        keyed = [(f"{path}.{item_label(item, i)}", {}, item) for i, item in enumerate(value)]
    elif shape == "mapping":
        keyed = [(f"{path}.{k}", {KEY: k}, item) for k, item in value.items()]
    else:  # grouped: key -> list of items; a key with no items is a row with the key alone
        keyed = [
            (f"{path}.{k}.{item_label(item, i)}", {KEY: k}, item)
            for k, items in value.items()
            for i, item in enumerate(items or [None])
        ]
    return [
        head | flat(item or {}) | {NOTE: _note(where, item or {}, found)}
        for where, head, item in keyed
    ]


def _note(where: str, item: dict, found: dict[str, Origin]) -> str:
    """The comment of an item and of each of its keys that has its own."""
    own = found.get(where)
    parts = [own.comment] if own and own.comment else []
    for key in flat(item):
        origin = found.get(f"{where}.{key}")
        if origin and origin.comment and origin.comment not in parts:
            parts.append(f"{key}: {origin.comment}")
    return " · ".join(parts)


def _head(sheet: Worksheet, labels: list[str], keys: list[str]) -> None:
    for col, (text, key) in enumerate(zip(labels, keys, strict=True), start=1):
        top, below = sheet.cell(1, col, text), sheet.cell(2, col, key)
        top.font, top.fill, below.font = BOLD, HEAD, GREY


def _put(sheet: Worksheet, row: int, col: int, value: Any, fill: bool = True):
    """A value written as data: text stays text even when it starts with '='."""
    cell = sheet.cell(row, col, to_cell(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"
    if isinstance(value, dt.date):
        cell.number_format = "dd/mm/yyyy"
    elif isinstance(value, float) and value.is_integer():
        cell.number_format = WHOLE_FLOAT  # Excel stores 1.0 as 1: the format keeps it a float
    if fill:
        cell.fill = INPUT
    return cell


def _values_sheet(sheet: Worksheet, values: dict, found: dict[str, Origin], lang: str) -> None:
    """Label, value, key, source: one row per single value."""
    words = WORDS[lang]
    _head(sheet, [words["label"], words["value"], words["key"], words["note"]], ["", "", "", ""])
    sheet.delete_rows(2)
    for row, (key, value) in enumerate(values.items(), start=2):
        origin = found.get(key)
        sheet.cell(row, 1, label(key, lang))
        _put(sheet, row, 2, value)
        sheet.cell(row, 3, key).font = GREY
        _put(sheet, row, 4, _source(origin), fill=False)
    _widths(sheet, [34, 22, 44, 90])
    sheet.freeze_panes = "B2"


def _source(origin: Origin | None) -> str:
    if origin is None:
        return ""
    where = f"{origin.file}:{origin.line}"
    return f"{origin.comment} ({where})" if origin.comment else f"({where})"


def _table_sheet(sheet: Worksheet, rows: list[dict], lang: str) -> None:
    """Labels over keys, then one row per item."""
    keys = [*dict.fromkeys(k for row in rows for k in row if k != NOTE), NOTE]
    words = WORDS[lang]
    labels = [words["note"] if k == NOTE else label(k, lang) if k != KEY else "" for k in keys]
    _head(sheet, labels, keys)
    for r, row in enumerate(rows, start=3):
        for c, key in enumerate(keys, start=1):
            if key in row:
                _put(sheet, r, c, row[key], fill=key != NOTE)
    _widths(sheet, [22 if k != NOTE else 80 for k in keys])
    sheet.freeze_panes = "B3"


def _widths(sheet: Worksheet, widths: list[int]) -> None:
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width


def _validations(sheet: Worksheet, scenario: Scenario) -> None:
    """Lists for kinds, sites and weekdays' events; ranges for counts and shares; dates."""
    kinds = list(scenario.outreach.event_kinds)
    sites = [site.name for site in scenario.sites]
    for col in range(1, sheet.max_column + 1):
        key = sheet.cell(2, col).value or ""
        rule = _rule(sheet.title, key, kinds, sites)
        if rule is not None:
            letter = get_column_letter(col)
            rule.add(f"{letter}3:{letter}{max(sheet.max_row, 3) + 50}")
            sheet.add_data_validation(rule)


def _rule(sheet: str, key: str, kinds: list[str], sites: list[str]) -> DataValidation | None:
    last = key.rsplit(".", 1)[-1]
    if last in ("officers", "devices", "count"):
        return _between("whole", 0, 1000)
    if last.endswith(("_share", "_prob")) or last == "share":
        return _between("decimal", 0, 1)
    if last in ("from", "until", "opens_on"):
        return DataValidation("date", operator="greaterThan", formula1="1", allow_blank=True)
    if key.startswith("weekly."):
        return _choices(kinds)
    if key == "kind" and sheet in ("Lokasi", "Sites"):
        return _choices(list(get_args(FixedSite.model_fields["kind"].annotation)))
    if key == "site":
        return _choices(sites)
    return None


def _between(kind: str, low: float, high: float) -> DataValidation:
    rule = DataValidation(kind, operator="between", formula1=str(low), formula2=str(high))
    rule.allow_blank, rule.showErrorMessage = True, True
    return rule


def _choices(options: list[str]) -> DataValidation | None:
    text = ",".join(options)
    if not options or len(text) > 250 or any("," in o or '"' in o for o in options):
        return None  # Excel's list rule holds 255 characters and no commas
    return DataValidation("list", formula1=f'"{text}"', allow_blank=True, showErrorMessage=True)


def _proposals(sheet: Worksheet, scenario: Scenario, lang: str) -> None:
    """One column per proposal, one row per key it changes."""
    words, variants = WORDS[lang], scenario.variants
    keys = list(dict.fromkeys(k for v in variants.values() for k in v.changes))
    sheet.cell(1, 1, words["proposal_key"]).font = BOLD
    sheet.cell(2, 1, "description").font = GREY
    sheet.cell(3, 1, "description_id").font = GREY
    for row, key in enumerate(keys, start=4):
        sheet.cell(row, 1, key).data_type = "s"
    for col, (name, variant) in enumerate(variants.items(), start=2):
        _put(sheet, 1, col, name).font = BOLD
        _put(sheet, 2, col, variant.description)
        _put(sheet, 3, col, variant.description_id)
        for row, key in enumerate(keys, start=4):
            if key in variant.changes:
                _put(sheet, row, col, _change(variant.changes[key]))
    _widths(sheet, [44, *[40] * len(variants)])
    sheet.freeze_panes = "B4"


def _change(value: Any) -> Any:
    """A proposal's value: None as the text 'null' (an empty cell means 'not changed')."""
    return "null" if value is None else value
