"""Write the input workbook of a resolved scenario (``run_sim.py --template``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from sim import fields
from sim.keypath import item_label
from sim.origins import Origin
from sim.scenario import FIXED_KINDS, Scenario, full_tree

from .cells import WHOLE_FLOAT, flat, to_cell
from .layout import (
    KEY,
    KEY_COL,
    NOTE,
    NOTE_COL,
    OTHER,
    PROPOSALS,
    README,
    TABLES,
    VALUE_COL,
    VALUES,
    WORDS,
    Table,
    in_words,
    sheet_name,
)

INPUT = PatternFill("solid", fgColor="FFF2CC")  # the cells a planner fills in
HEAD = PatternFill("solid", fgColor="DDEBF7")
GREY = Font(name="Calibri", color="808080", italic=True, size=9)
BOLD = Font(name="Calibri", bold=True)
BOOLEAN = '"TRUE";"TRUE";"FALSE"'  # shown as TRUE/FALSE where a program would show 1/0


def write_template(scenario: Scenario, found: dict[str, Origin], path: Path, lang: str) -> None:
    """The workbook of ``scenario``: every key on one sheet, sources from ``found``."""
    book = Workbook()
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
        _table_sheet(sheet, table, rows, lang)
        _validations(sheet, scenario, lang)
    _values_sheet(book.create_sheet(sheet_name(OTHER, lang)), rest, found, lang)
    _proposals(book.create_sheet(PROPOSALS[lang != "id"]), scenario, lang)
    _readme(book.active, book.worksheets[1:], lang)
    book.save(path)


def _readme(sheet: Worksheet, sheets: list[Worksheet], lang: str) -> None:
    """How to use the workbook, then every table column with its label, key and help."""
    words = WORDS[lang]
    sheet.title = README[lang != "id"]
    lines = words["readme"]
    for row, line in enumerate(lines, start=1):
        sheet.cell(row, 1, line)
    top = len(lines) + 2
    sheet.cell(top, 1, words["fields"]).font = BOLD
    heads = [words["sheet"], words["label"], words["key"], words["help"]]
    for col, text in enumerate(heads, start=1):
        sheet.cell(top + 1, col, text).font = BOLD
    listed = [
        (other.title, head.value, key, head.comment.text)
        for other in sheets
        for head, key in zip(other[1], (c.value for c in other[2]), strict=True)
        if key and key != NOTE and head.comment is not None
    ]
    for row, texts in enumerate(listed, start=top + 2):
        for col, text in enumerate(texts, start=1):
            cell = _put(sheet, row, col, text, fill=False)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        lines_ = (_lines(text, width) for text, width in zip(texts, LIST_WIDTHS, strict=True))
        sheet.row_dimensions[row].height = 15.0 * max(lines_)
    _widths(sheet, list(LIST_WIDTHS))


LIST_WIDTHS = (20, 44, 30, 100)  # the list of columns: sheet, label, key, help


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


def _head(sheet: Worksheet, labels: list[str], keys: list[str], helps: list[str]) -> None:
    """Labels in row 1 (each with its help as a note), technical keys in row 2."""
    for col, (text, key, help_) in enumerate(zip(labels, keys, helps, strict=True), start=1):
        top, below = sheet.cell(1, col, text), sheet.cell(2, col, key)
        top.font, top.fill, below.font = BOLD, HEAD, GREY
        top.alignment = Alignment(wrap_text=True, vertical="top")
        if help_:
            top.comment = Comment(help_, "IKD", width=320, height=110)


def _put(sheet: Worksheet, row: int, col: int, value: Any, fill: bool = True):
    """A value written as data: text stays text even when it starts with '='."""
    cell = sheet.cell(row, col, to_cell(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"
    if isinstance(value, bool):
        cell.number_format = BOOLEAN
    elif isinstance(value, dt.date):
        cell.number_format = "dd/mm/yyyy"
    elif isinstance(value, float) and value.is_integer():
        cell.number_format = WHOLE_FLOAT  # Excel stores 1.0 as 1: the format keeps it a float
    elif isinstance(value, int) and abs(value) >= 10_000:
        cell.number_format = "#,##0"  # 850,000 (850.000 where the separator is a point)
    if fill:
        cell.fill = INPUT
    return cell


def _values_sheet(sheet: Worksheet, values: dict, found: dict[str, Origin], lang: str) -> None:
    """Label, value, help, key, source: one row per single value."""
    words = WORDS[lang]
    heads = [words["label"], words["value"], words["help"], words["key"], words["note"]]
    _head(sheet, heads, [""] * 5, [""] * 5)
    sheet.delete_rows(2)
    widths = [34, 30, 60, 40, 70]
    for row, (key, value) in enumerate(values.items(), start=2):
        said = fields.shown(key, lang)
        texts = {1: said.label, VALUE_COL: value, 3: said.help, KEY_COL: key}
        texts[NOTE_COL] = _source(found.get(key))
        for col, text in texts.items():
            cell = _put(sheet, row, col, text, fill=col == VALUE_COL)
            cell.alignment = Alignment(wrap_text=isinstance(text, str), vertical="top")
        sheet.cell(row, KEY_COL).font = GREY
        lines = [_lines(text, widths[col - 1]) for col, text in texts.items()]
        sheet.row_dimensions[row].height = 15.0 * max(lines)
    _widths(sheet, widths)
    sheet.freeze_panes = "B2"


def _source(origin: Origin | None) -> str:
    if origin is None:
        return ""
    where = f"{origin.file}:{origin.line}"
    return f"{origin.comment} ({where})" if origin.comment else f"({where})"


def _table_sheet(sheet: Worksheet, table: Table, rows: list[dict], lang: str) -> None:
    """Labels (with their help) over keys, then one row per item."""
    keys = [*dict.fromkeys(k for row in rows for k in row if k != NOTE), NOTE]
    if not rows:  # no items yet: the columns of one, and rows ready to fill in
        keys = [*([KEY] if table.shape != "list" else []), *fields.item_keys(table.path), NOTE]
        rows = [dict.fromkeys(keys[:-1], None)] * EMPTY_ROWS
    said = [_column_words(table, k, lang) for k in keys]
    _head(sheet, [w.label for w in said], keys, [w.help for w in said])
    for r, row in enumerate(rows, start=3):
        for c, key in enumerate(keys, start=1):
            if key in row:
                _put(sheet, r, c, in_words(table.path, key, row[key], lang), fill=key != NOTE)
    _widths(sheet, [22 if k != NOTE else 80 for k in keys])
    sheet.row_dimensions[1].height = 15.0 * max(_lines(w.label, 22) for w in said)
    sheet.freeze_panes = "B3"


EMPTY_ROWS = 10  # input rows offered by a table with no items


def _lines(text: object, width: int) -> int:
    """Lines a text takes wrapped in a column ``width`` characters wide (rows are sized
    here: spreadsheet programs do not size the rows of a file openpyxl wrote)."""
    return max(1, -(-len(str(text or "")) // max(1, width - 2)))


def _column_words(table: Table, key: str, lang: str) -> fields.Words:
    """The label and help of a table's column (a mapping's key column: the table's own)."""
    if key == NOTE:
        return fields.Words(WORDS[lang]["note"], "")
    if key == KEY:
        return fields.shown(table.path, lang, within=table.path.rsplit(".", 1)[0])
    item = {"list": "0", "mapping": "x", "grouped": "x.0"}[table.shape]
    return fields.shown(f"{table.path}.{item}.{key}", lang, within=table.path)


def _widths(sheet: Worksheet, widths: list[int]) -> None:
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width


def _validations(sheet: Worksheet, scenario: Scenario, lang: str) -> None:
    """Lists for kinds, sites and weekdays' events; ranges for counts and shares; dates."""
    kinds = list(scenario.outreach.event_kinds)
    sites = [site.name for site in scenario.sites]
    for col in range(1, sheet.max_column + 1):
        key = sheet.cell(2, col).value or ""
        rule = _rule(sheet.title, key, kinds, sites, lang)
        if rule is not None:
            letter = get_column_letter(col)
            rule.add(f"{letter}3:{letter}{max(sheet.max_row, 3) + 50}")
            sheet.add_data_validation(rule)


def _rule(
    sheet: str, key: str, kinds: list[str], sites: list[str], lang: str
) -> DataValidation | None:
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
        return _choices([in_words("sites", key, code, lang) for code in FIXED_KINDS])
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
        cell = sheet.cell(row, 1, key)
        cell.data_type = "s"
        said = fields.words(key, lang)
        if said:
            cell.comment = Comment(f"{said.label}: {said.help}", "IKD", width=320, height=110)
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
