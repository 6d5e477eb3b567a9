"""Read an input workbook into a scenario (``run_sim.py FILE.xlsx``).

The workbook gives the same raw mapping a YAML file would; it is validated by the same
model, and a problem is reported at the cell it comes from: ``FILE.xlsx: 'Lokasi'!D5: ...``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from sim.keypath import item_label
from sim.origins import Origin, nearest
from sim.scenario import MAX_FILE_BYTES, Scenario, ScenarioError, load, origins_of, validate

from .cells import WHOLE_FLOAT, CellProblem, from_cell, nested
from .layout import (
    KEY,
    KEY_COL,
    NOTE,
    NOTE_COL,
    OTHER,
    PROPOSALS,
    TABLES,
    VALUE_COL,
    VALUES,
    Table,
    Values,
    from_words,
)

Cells = dict[str, str]  # key path -> "'Sheet'!B7"


def load_any(path: str | Path) -> tuple[Scenario, dict[str, Origin]]:
    """A scenario and where each key was written, from a YAML file or an input workbook."""
    if Path(path).suffix.lower() == ".xlsx":
        return load_template(path)
    return load(path), origins_of(path)


def load_template(path: str | Path) -> tuple[Scenario, dict[str, Origin]]:
    """Validate the scenario a workbook holds; a problem names its sheet and cell."""
    raw, cells, found = read_template(path)
    try:
        return validate(raw, str(path)), found
    except ScenarioError as exc:
        where = nearest(cells, exc.key) if exc.key else None  # the key's cell, or its item's
        if where is None:
            raise
        raise ScenarioError(f"{path}: {where}", exc.key, exc.code, **exc.params) from None


def read_template(path: str | Path) -> tuple[dict, Cells, dict[str, Origin]]:
    """The raw scenario mapping of a workbook, each key's cell, and each key's origin."""
    book = _open(Path(path))
    reader = _Reader(Path(path), {}, {})
    pairs: list[tuple[str, Any]] = []
    for values in [*VALUES, OTHER]:
        pairs += reader.values(_sheet(book, path, values.sheet_id, values.sheet_en), values)
    raw = reader.nest(pairs, "")
    for table in TABLES:
        sheet = _sheet(book, path, table.sheet_id, table.sheet_en)
        _place(raw, table.path, reader.table(sheet, table))
    raw["variants"] = reader.proposals(_sheet(book, path, *PROPOSALS))
    return raw, reader.cells, reader.found


def _open(path: Path) -> Workbook:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ScenarioError(
                str(path), "", "file_too_large", size=path.stat().st_size, limit=MAX_FILE_BYTES
            )
        return load_workbook(path, data_only=True)
    except OSError as exc:
        raise ScenarioError(str(path), "", "cannot_read", reason=exc.strerror) from None
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError):
        raise ScenarioError(str(path), "", "not_a_workbook") from None


def _sheet(book: Workbook, path: str | Path, name_id: str, name_en: str) -> Worksheet:
    for name in (name_id, name_en):
        if name in book.sheetnames:
            return book[name]
    raise ScenarioError(str(path), "", "sheet_missing", sheet=name_id)


def _place(raw: dict, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    node = raw
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value


class _Reader:
    """Reads sheets, remembering each key's cell and origin."""

    def __init__(self, path: Path, cells: Cells, found: dict[str, Origin]) -> None:
        self.path, self.cells, self.found = path, cells, found

    def _mark(self, key: str, sheet: Worksheet, row: int, col: int, note: str = "") -> None:
        letter = sheet.cell(row, col).column_letter
        self.cells[key] = f"'{sheet.title}'!{letter}{row}"
        self.found[key] = Origin(f"{self.path.name} [{sheet.title}]", row, note, str(self.path))

    def _value(self, sheet: Worksheet, row: int, col: int) -> Any:
        cell = sheet.cell(row, col)
        value = cell.value
        if type(value) is int and cell.number_format == WHOLE_FLOAT:
            value = float(value)  # written as 1.0 (Excel keeps no difference from 1)
        try:
            return from_cell(value)
        except CellProblem as exc:
            where = f"{self.path}: '{sheet.title}'!{sheet.cell(row, col).coordinate}"
            raise ScenarioError(where, "", exc.code, **exc.params) from None

    def nest(self, pairs: list[tuple[str, Any]], where: str) -> dict:
        try:
            return nested(pairs)
        except CellProblem as exc:
            raise ScenarioError(f"{self.path}{where}", "", exc.code, **exc.params) from None

    def values(self, sheet: Worksheet, values: Values) -> list[tuple[str, Any]]:
        """(key, value) of a key-value sheet: the value in column B, the key in column D."""
        pairs = []
        for row in range(2, sheet.max_row + 1):
            key = sheet.cell(row, KEY_COL).value
            if not isinstance(key, str) or not key.strip():
                continue
            key = key.strip()
            self._mark(key, sheet, row, VALUE_COL, str(sheet.cell(row, NOTE_COL).value or ""))
            pairs.append((key, self._value(sheet, row, VALUE_COL)))
        return pairs

    def table(self, sheet: Worksheet, table: Table) -> Any:
        """The list or mapping of a table sheet: keys in row 2, one item per row below."""
        keys = [sheet.cell(2, c).value for c in range(1, sheet.max_column + 1)]
        out: Any = [] if table.shape == "list" else {}
        for row in range(3, sheet.max_row + 1):
            cells = self._row(sheet, row, keys, table.path)
            if cells:
                self._item(out, table, sheet, row, cells)
        return out

    def _row(self, sheet: Worksheet, row: int, keys: list, path: str) -> dict[str, tuple]:
        """key -> (column, value) of a row's filled cells (the note column left out; words
        of a worded column read as their code)."""
        cells = {}
        for col, key in enumerate(keys, start=1):
            if isinstance(key, str) and key.strip() and key != NOTE:
                value = self._value(sheet, row, col)
                if value is not None:
                    cells[key.strip()] = (col, from_words(path, key.strip(), value))
        return cells

    def _item(self, out: Any, table: Table, sheet: Worksheet, row: int, cells: dict) -> None:
        head = cells.pop(KEY, None)
        if table.shape != "list" and head is None:
            raise ScenarioError(f"{self.path}: '{sheet.title}'!A{row}", "", "cell_key_missing")
        where = f": '{sheet.title}'!{row}:{row}"
        item = self.nest([(k, v) for k, (_, v) in cells.items()], where)
        if table.shape == "list":
            base = f"{table.path}.{item_label(item, len(out))}"
            out.append(item)
        elif table.shape == "mapping":
            base = f"{table.path}.{head[1]}"
            out[str(head[1])] = item
        else:
            group = out.setdefault(str(head[1]), [])
            base = f"{table.path}.{head[1]}.{item_label(item, len(group))}"
            if item:
                group.append(item)
        self._mark(base, sheet, row, 1, self._note(sheet, row))
        for key, (col, _) in cells.items():
            self._mark(f"{base}.{key}", sheet, row, col)

    def _note(self, sheet: Worksheet, row: int) -> str:
        for col in range(1, sheet.max_column + 1):
            if sheet.cell(2, col).value == NOTE:
                return str(sheet.cell(row, col).value or "")
        return ""

    def proposals(self, sheet: Worksheet) -> dict:
        """One proposal per column: its name in row 1, descriptions, then its changes."""
        variants = {}
        for col in range(2, sheet.max_column + 1):
            name = self._value(sheet, 1, col)
            if name is None:
                continue
            changes = {}
            for row in range(4, sheet.max_row + 1):
                key, value = sheet.cell(row, 1).value, self._value(sheet, row, col)
                if isinstance(key, str) and key.strip() and value is not None:
                    changes[key.strip()] = None if value == "null" else value
                    self._mark(f"variants.{name}.changes.{key.strip()}", sheet, row, col)
            self._mark(f"variants.{name}", sheet, 1, col)
            variants[str(name)] = {
                "description": self._value(sheet, 2, col) or "",
                "description_id": self._value(sheet, 3, col) or "",
                "changes": changes,
            }
        return variants
