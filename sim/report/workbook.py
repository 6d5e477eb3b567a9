"""results.xlsx: the run's numbers for planners who work in Excel (numbers stored as numbers,
headers in the report's language), an ABK sheet per case with live formulas, and charts.

The ABK sheets compute workload, officers needed, difference and EJ with formulas of the
sheet's own cells, so a planner can change the effective working hours (the marked input
cell) and see every need recomputed. openpyxl writes formulas without their results; the
:class:`Book` writes each of its formulas' values (known from the typed results) into the
saved file, so a reader that does not calculate (pandas, openpyxl ``data_only``) sees them.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO
from xml.etree import ElementTree
from xml.sax.saxutils import escape

import numpy as np
from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sim.decide.abk import Abk, Staffing, Task
from sim.decide.proposals import Proposal
from sim.decide.results import Summary
from sim.decide.summary import cumulative_band
from sim.model.runlog import REASONS
from sim.report.data import ReportData
from sim.report.i18n import fmt_int, fmt_pct, t
from sim.scenario import CHANNELS

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)


def _fill(rgb: str) -> PatternFill:
    """A solid fill (both colours set: a conditional format's fill shows the background)."""
    return PatternFill("solid", start_color=rgb, end_color=rgb)


INPUT = _fill("FFF2CC")  # the cells a planner may change
GREEN = _fill("C6EFCE")  # better than today
RED = _fill("FFC7CE")  # worse than today; short of officers
LINE = Border(bottom=Side(style="thin"))

COUNT = "#,##0"
DECIMAL = "#,##0.0"
MINUTES = "#,##0.0"
OFFICERS = "0.00"
PCT = "0.0%"
DATE = "yyyy-mm-dd"
SIGNED = "+#,##0;-#,##0;0"
SIGNED_DECIMAL = "+#,##0.0;-#,##0.0;0.0"
RUPIAH = "#,##0"

Cached = float | int | str | None


class Book(Workbook):
    """A workbook that remembers the value of each formula it holds and writes it as the
    formula's cached result when saved; it also asks Excel to recalculate on opening."""

    def __init__(self, stamp: dt.datetime | None = None) -> None:
        super().__init__()
        self.cached: dict[str, dict[str, Cached]] = {}
        self.calculation.fullCalcOnLoad = True
        self.stamp = stamp  # the run's time: the file's created/modified and entry times

    def formula(self, cell, formula: str, value: Cached, number_format: str | None) -> None:
        """Put ``formula`` (starting with "=") in ``cell``, its result being ``value``."""
        cell.value = formula
        if number_format:
            cell.number_format = number_format
        self.cached.setdefault(cell.parent.title, {})[cell.coordinate] = _plain(value)

    def save(self, filename: str | Path | IO[bytes]) -> None:
        """Write the workbook, each formula with its cached value, to a path or a stream."""
        buffer = io.BytesIO()
        super().save(buffer)
        data = with_cached(buffer.getvalue(), self.cached, self.stamp)
        if isinstance(filename, str | Path):
            Path(filename).write_bytes(data)
        else:
            filename.write(data)


def write(data: ReportData, stream: IO[bytes]) -> None:
    """results.xlsx of a run, written to ``stream``."""
    build(data).save(stream)


# --- cached values ----------------------------------------------------------------------------

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_FORMULA_CELL = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*)><f>([^<]*)</f>(?:<v\s*/>|<v></v>)</c>')


def with_cached(
    xlsx: bytes, cached: dict[str, dict[str, Cached]], stamp: dt.datetime | None = None
) -> bytes:
    """The workbook ``xlsx`` with the formula cells of ``cached`` (sheet title -> cell ->
    value) holding their value, as Excel stores them after calculating; with ``stamp``, the
    file's created and modified times and its entries' times are that moment (so the same
    run, with SOURCE_DATE_EPOCH, gives the same bytes)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        titles = _sheet_files(source)
        for info in source.infolist():
            data = source.read(info)
            values = cached.get(titles.get(info.filename, ""))
            data = _with_values(data, values) if values else data
            if stamp is not None:
                info, data = _stamped(info, data, stamp)
            target.writestr(info, data)
    return out.getvalue()


_CORE_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _stamped(info: zipfile.ZipInfo, data: bytes, stamp: dt.datetime) -> tuple:
    """An archive entry dated ``stamp``; docProps/core.xml's created and modified too."""
    utc = stamp.astimezone(dt.UTC) if stamp.tzinfo else stamp
    dated = zipfile.ZipInfo(info.filename, date_time=max(utc, _ZIP_EPOCH).timetuple()[:6])
    dated.compress_type, dated.external_attr = info.compress_type, info.external_attr
    if info.filename == "docProps/core.xml":
        iso = utc.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
        data = _CORE_TIMES.sub(lambda m: m.group(1) + iso + m.group(2), data)
    return dated, data


_ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)  # the earliest time a zip entry holds


def _sheet_files(book: zipfile.ZipFile) -> dict[str, str]:
    """Path in the archive -> title, of every sheet (read from workbook.xml and its rels)."""
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PKG}Relationship")}
    found = {}
    for sheet in ElementTree.fromstring(book.read("xl/workbook.xml")).iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        path = target[1:] if target.startswith("/") else f"xl/{target}"
        found[path] = sheet.get("name")
    return found


def _with_values(xml: bytes, values: dict[str, Cached]) -> bytes:
    """A sheet's XML with each ``<c r="REF"><f>..</f><v/></c>`` of ``values`` given its value."""

    def put(match: re.Match) -> bytes:
        ref, attributes, formula = match.groups()
        if ref.decode() not in values:
            return match.group(0)
        value = values[ref.decode()]
        if isinstance(value, float) and not math.isfinite(value):
            value = None  # no number Excel could store
        if isinstance(value, str) or value is None:
            attributes += b' t="str"'
            text = escape(value or "")
        else:
            text = repr(float(value)) if isinstance(value, float) else str(int(value))
        return b'<c r="%s"%s><f>%s</f><v>%s</v></c>' % (ref, attributes, formula, text.encode())

    return _FORMULA_CELL.sub(put, xml)


# --- summary.json keys ------------------------------------------------------------------------


def lookup(summary: dict, key: str):
    """The value at a dotted key of summary.json (list items by index)."""
    node = summary
    for part in key.split("."):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def summary_keys(summary: dict, lang: str) -> list[tuple[str, str]]:
    """(label, summary.json key) of every headline number."""
    rows = [
        (t(lang, "kpi.target"), "target"),
        (t(lang, "kpi.activated_at_start"), "activated_at_start"),
        (t(lang, "kpi.activations"), "activations.mean"),
        (t(lang, "kpi.activations_ci_low"), "activations.ci95.0"),
        (t(lang, "kpi.activations_ci_high"), "activations.ci95.1"),
        (t(lang, "kpi.activations_p10"), "activations.p10"),
        (t(lang, "kpi.activations_p90"), "activations.p90"),
        (t(lang, "kpi.p_reach"), "p_reach_target"),
        (t(lang, "kpi.p_reach_low"), "p_reach_target_ci95.0"),
        (t(lang, "kpi.p_reach_high"), "p_reach_target_ci95.1"),
    ]
    for ch in summary["by_channel"]:
        label = t(lang, f"channel.{ch}")
        rows.append((t(lang, "kpi.channel", channel=label), f"by_channel.{ch}.activations_mean"))
    for reason in REASONS:
        label = t(lang, f"reason.{reason}")
        rows.append((t(lang, "kpi.reason", reason=label), f"turned_away.{reason}"))
    for ch in summary["utilisation"]:
        label = t(lang, f"channel.{ch}")
        rows += [
            (t(lang, "kpi.util", channel=label), f"utilisation.{ch}"),
            (t(lang, "kpi.ikd_util", channel=label), f"ikd_utilisation.{ch}"),
            (t(lang, "kpi.wait", channel=label), f"wait_min.{ch}.mean"),
            (t(lang, "kpi.wait_p90", channel=label), f"wait_min.{ch}.p90"),
        ]
    rows.append((t(lang, "kpi.unserved"), "flow.unserved_end_mean"))
    return [(label, key) for label, key in rows if _has(summary, key)]


def _has(summary: dict, key: str) -> bool:
    try:
        return lookup(summary, key) is not None
    except (KeyError, IndexError, TypeError):
        return False


def _summary_format(key: str) -> str:
    """Shares and probabilities as percentages, waits in minutes, the rest as counts."""
    if key.startswith(("p_reach", "utilisation", "ikd_utilisation")):
        return PCT
    return MINUTES if key.startswith("wait_min") else COUNT


# --- cells and sheets -------------------------------------------------------------------------

_NOT_IN_NAMES = re.compile(r"[\[\]:*?/\\]")


def sheet_name(book: Workbook, name: str) -> str:
    """``name`` as a sheet name Excel accepts (at most 31 characters, none of []:*?/\\, no
    quote at either end) that no sheet of ``book`` has, case ignored."""
    base = _NOT_IN_NAMES.sub("_", name).strip("'")[:31] or "Sheet"
    taken = {title.lower() for title in book.sheetnames}
    found, n = base, 1
    while found.lower() in taken:
        n += 1
        suffix = f" ({n})"
        found = base[: 31 - len(suffix)] + suffix
    return found


def _sheet(
    book: Workbook,
    title: str,
    header: list[str],
    rows: Iterable[list],
    formats: list[str | None] | None = None,
) -> Worksheet:
    """A sheet of one bold, frozen header row and data rows, each column in its format."""
    sheet = book.create_sheet(sheet_name(book, title))
    _append(sheet, header)
    for cell in sheet[1]:
        cell.font = BOLD
    for row in rows:
        _append(sheet, [_plain(value) for value in row])
    for i, number_format in enumerate(formats or [], start=1):
        if number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = number_format
    sheet.freeze_panes = "A2"
    _fit(sheet, 1, sheet.max_row)
    return sheet


def _append(sheet: Worksheet, values: list) -> None:
    """One row; text is always text, so a name like "=HYPERLINK(...)" is never a formula."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def _put(cell, value, number_format: str | None = None) -> None:
    """A value in a cell; text is always text (see ``_append``)."""
    cell.value = _plain(value)
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"
    if number_format:
        cell.number_format = number_format


def _plain(value):
    """numpy scalars as Python numbers; lists as text."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return value


def _fit(sheet: Worksheet, first: int, last: int) -> None:
    """Column widths fitted to what rows ``first``..``last`` show (10 to 60 characters)."""
    widths: dict[int, int] = {}
    for row in sheet.iter_rows(min_row=first, max_row=last):
        for cell in row:
            widths[cell.column] = max(widths.get(cell.column, 0), _shown_length(cell))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = max(10, min(60, width + 2))


def _shown_length(cell) -> int:
    """About how many characters a cell shows."""
    value = cell.value
    if value is None:
        return 0
    if cell.data_type == "f":
        return 10
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, float):
        return len(f"{value:,.1f}")
    if isinstance(value, int):
        return len(f"{value:,}")
    return len(str(value))


# --- the data sheets --------------------------------------------------------------------------


def _summary_sheet(book: Workbook, data: ReportData) -> None:
    lang, s = data.lang, data.figures
    keys = summary_keys(s, lang)
    rows = [[label, lookup(s, key), key] for label, key in keys]
    header = [t(lang, "xl.indicator"), t(lang, "xl.value"), t(lang, "xl.key")]
    sheet = _sheet(book, t(lang, "sheet.summary"), header, rows)
    for i, (_, key) in enumerate(keys, start=2):
        sheet.cell(i, 2).number_format = _summary_format(key)


def _replication_sheet(book: Workbook, data: ReportData) -> None:
    lang = data.lang
    header = [
        t(lang, "xl.variant"),
        t(lang, "xl.replication"),
        t(lang, "xl.activations"),
        t(lang, "xl.new_activations"),
        t(lang, "xl.reached"),
        t(lang, "xl.reached_date"),
        t(lang, "xl.arrived"),
        t(lang, "xl.turned_away"),
        *[t(lang, f"channel.{ch}") for ch in CHANNELS],
        *[t(lang, f"reason.{r}") for r in REASONS],
    ]
    rows = []
    for name, kpi_rows in data.rows.items():
        start = data.scenarios[name].period.start
        for row in kpi_rows:
            day = row.reached_day
            when = None if day is None else start + dt.timedelta(days=day)
            rows.append(
                [
                    name,
                    row.replication,
                    row.activations,
                    row.new_activations,
                    t(lang, "yes" if row.reached else "no"),
                    when,
                    row.arrived,
                    row.left_without_activating,
                    *row.by_channel,
                    *row.by_reason,
                ]
            )
    formats = [None, "0", COUNT, COUNT, None, DATE, *[COUNT] * (len(header) - 6)]
    _sheet(book, t(lang, "sheet.replications"), header, rows, formats)


def _daily_sheet(book: Workbook, data: ReportData) -> Worksheet:
    lang, scenario = data.lang, data.scenario
    band = cumulative_band(data.reps[data.first], scenario)
    used = list(data.figures["by_channel"])
    header = [
        t(lang, "xl.date"),
        t(lang, "xl.target"),
        t(lang, "xl.cum_mean"),
        t(lang, "xl.cum_p10"),
        t(lang, "xl.cum_p90"),
        *[t(lang, "xl.daily_mean", channel=t(lang, f"channel.{ch}")) for ch in used],
    ]
    rows = []
    for d in range(scenario.period.days):
        rows.append(
            [
                scenario.period.start + dt.timedelta(days=d),
                scenario.target,
                float(band["mean"][d]),
                float(band["p10"][d]),
                float(band["p90"][d]),
                *[float(band["daily_mean"][d, CHANNELS.index(ch)]) for ch in used],
            ]
        )
    formats = [DATE, COUNT, COUNT, COUNT, COUNT, *[DECIMAL] * len(used)]
    return _sheet(book, t(lang, "sheet.daily"), header, rows, formats)


def _site_sheet(book: Workbook, data: ReportData) -> None:
    lang, s = data.lang, data.figures
    header = [
        t(lang, "xl.kind"),
        t(lang, "xl.units"),
        t(lang, "xl.officers"),
        t(lang, "xl.devices"),
        t(lang, "col.activations"),
        t(lang, "col.served"),
        t(lang, "col.util_all"),
        t(lang, "col.util_ikd"),
        t(lang, "col.wait_mean"),
        t(lang, "col.wait_p90"),
    ]
    rows = []
    for ch in s["utilisation"]:
        units, officers, devices = data.summary.staff_at_start[ch]
        wait = s["wait_min"][ch]
        rows.append(
            [
                t(lang, f"channel.{ch}"),
                units,
                officers,
                devices,
                s["by_channel"][ch]["activations_mean"],
                wait["served_mean"],
                s["utilisation"][ch],
                s["ikd_utilisation"][ch],
                wait["mean"],
                wait["p90"],
            ]
        )
    formats = [None, COUNT, COUNT, COUNT, COUNT, COUNT, PCT, PCT, MINUTES, MINUTES]
    _sheet(book, t(lang, "sheet.sites"), header, rows, formats)


def _inputs_sheet(book: Workbook, data: ReportData) -> None:
    lang = data.lang
    header = [t(lang, "col.key"), t(lang, "col.value"), t(lang, "col.set_in"), t(lang, "col.note")]
    rows = [
        [row.key, row.value, row.set_in or t(lang, "model_default"), row.note]
        for row in data.inputs
    ]
    _sheet(book, t(lang, "sheet.inputs"), header, rows)


def _metadata_sheet(book: Workbook, data: ReportData) -> None:
    lang = data.lang
    rows = [list(pair) for pair in data.provenance_rows()]
    for warning in data.summary.warnings:
        rows.append([t(lang, "sec.warnings"), t(lang, warning.code, years=warning.years)])
    _sheet(book, t(lang, "sheet.metadata"), [t(lang, "xl.item"), t(lang, "xl.value")], rows)


# --- the ABK sheets ---------------------------------------------------------------------------

ABK_HEADER_ROW = 6  # rows 1-4: title, the effective-hours input, the year share, effective time
HOURS_CELL, SHARE_CELL, EFFECTIVE_CELL = "E2", "E3", "E4"
EFFECTIVE_ABSOLUTE = "$E$4"  # what every need divides by

# (header text key, number format) of columns A, B, ... of an ABK sheet.
ABK_COLUMNS = (
    ("abk.col.site", None),  # A
    ("abk.col.position", None),  # B
    ("wb.abk.task", None),  # C uraian tugas
    ("abk.col.unit", None),  # D satuan hasil
    ("abk.col.volume", COUNT),  # E
    ("abk.col.volume_ci_low", COUNT),  # F
    ("abk.col.volume_ci_high", COUNT),  # G
    ("wb.abk.standard", MINUTES),  # H norma waktu
    ("abk.col.workload", MINUTES),  # I beban kerja = E × H
    ("abk.col.effective", MINUTES),  # J waktu kerja efektif = $E$4
    ("wb.abk.needed", OFFICERS),  # K kebutuhan = I ÷ J
    ("wb.abk.needed_whole", COUNT),  # L ROUNDUP(K, 0)
    ("abk.col.in_post", COUNT),  # M bezetting (with a device)
    ("wb.abk.without_device", COUNT),  # N not counted
    ("abk.col.difference", SIGNED),  # O selisih = M − L
    ("abk.col.ej", OFFICERS),  # P EJ = I ÷ (M × J)
    ("abk.col.grade", None),  # Q
    ("abk.col.util", PCT),  # R
    ("abk.col.wait", MINUTES),  # S
)
ABK_FORMAT = {get_column_letter(i): f for i, (_, f) in enumerate(ABK_COLUMNS, start=1)}


def abk_sheet_name(abk: Abk, lang: str) -> str:
    """The sheet name of an ABK case before it is made valid and unique."""
    if abk.case in ("today", "target"):
        return t(lang, f"wb.sheet.abk_{abk.case}")
    return t(lang, "wb.sheet.abk_plan") if abk.variant == "plan" else f"ABK {abk.variant}"


def _case_label(data: ReportData, abk: Abk) -> str:
    """What an ABK case is, for its sheet's title."""
    lang = data.lang
    if abk.case == "target":
        return t(lang, "wb.abk.case_target", n=fmt_int(abk.for_target.activations, lang))
    if abk.case == "today":
        today = t(lang, "wb.abk.case_today")
        return today if abk.variant == "baseline" else f"{today} ({abk.variant})"
    if abk.variant == "plan":
        return t(lang, "wb.abk.case_plan")
    description = data.descriptions.get(abk.variant, "")
    return f"{abk.variant}: {description}" if description else abk.variant


def _abk_sheets(book: Book, data: ReportData) -> None:
    """An ABK sheet for today, each proposal (or the search's plan) and the target."""
    cases = data.results.abk_cases or ((data.summary.abk,) if data.summary.abk else ())
    for abk in cases:
        _abk_sheet(book, data, abk)


def _abk_sheet(book: Book, data: ReportData, abk: Abk) -> None:
    """One case in the PermenPANRB 1/2020 layout: title, inputs, the table (shortfalls in
    red), the notes on grades and other work, and the approval block."""
    lang = data.lang
    sheet = book.create_sheet(sheet_name(book, abk_sheet_name(abk, lang)))
    _put(sheet["A1"], f"{t(lang, 'wb.abk.title')}: {_case_label(data, abk)}")
    sheet["A1"].font = TITLE
    _abk_inputs(book, sheet, abk, lang)
    if abk.case == "target":
        simulated = fmt_int(abk.for_target.simulated_activations, lang)
        n = fmt_int(abk.for_target.activations, lang)
        _put(sheet["A5"], t(lang, "wb.abk.target_note", n=n, simulated=simulated))
    for i, (key, _) in enumerate(ABK_COLUMNS, start=1):
        cell = sheet.cell(ABK_HEADER_ROW, i, t(lang, key))
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    last = _abk_rows(book, sheet, abk, lang)
    _fit(sheet, ABK_HEADER_ROW + 1, last)
    sheet.freeze_panes = f"A{ABK_HEADER_ROW + 1}"
    short = _compared_to("lessThan", "0", RED)
    sheet.conditional_formatting.add(f"O{ABK_HEADER_ROW + 1}:O{last}", short)
    notes = ["abk.grades", *(["abk.other_note"] if abk.has_other_work else [])]
    for i, key in enumerate(notes):
        _put(sheet.cell(last + 2 + i, 1), t(lang, key))
    _approval(sheet, last + 3 + len(notes), lang)


def _abk_inputs(book: Book, sheet: Worksheet, abk: Abk, lang: str) -> None:
    """Rows 2-4: the effective hours and the year share (inputs), the effective time."""
    rows = (
        ("wb.abk.hours", HOURS_CELL, COUNT),
        ("wb.abk.share", SHARE_CELL, PCT),
        ("wb.abk.effective", EFFECTIVE_CELL, MINUTES),
    )
    for key, ref, number_format in rows:
        row = int(ref[1:])
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        _put(sheet.cell(row, 1), t(lang, key))
        sheet.cell(row, 1).alignment = Alignment(horizontal="right")
        sheet.cell(row, 1).font = BOLD
        _put(sheet.cell(row, 6), t(lang, f"{key}_note"))
        sheet[ref].number_format = number_format
    for ref, value in ((HOURS_CELL, abk.effective_hours_per_year), (SHARE_CELL, abk.year_share)):
        _put(sheet[ref], value)
        sheet[ref].fill = INPUT
        sheet[ref].font = BOLD
        sheet[ref].border = Border(*(Side(style="medium"),) * 4)
    formula = f"={HOURS_CELL}*60*{SHARE_CELL}"
    book.formula(sheet[EFFECTIVE_CELL], formula, abk.effective_min, MINUTES)


def _abk_rows(book: Book, sheet: Worksheet, abk: Abk, lang: str) -> int:
    """The task, subtotal and total rows below the header; the last row's number."""
    r, tasks, subtotals = ABK_HEADER_ROW, [], []
    for row in abk.rows:
        r += 1
        if isinstance(row, Task):
            _abk_task(book, sheet, r, row, lang)
            tasks.append(r)
        elif row.row == "subtotal":
            workload = f"SUM(I{tasks[0]}:I{tasks[-1]})" if tasks else "0"
            _abk_staffing(book, sheet, r, row, abk, lang, workload, [])
            subtotals.append(r)
            tasks = []
        else:
            workload = "+".join(f"I{s}" for s in subtotals) or "0"
            _abk_staffing(book, sheet, r, row, abk, lang, workload, subtotals)
    return r


def _abk_task(book: Book, sheet: Worksheet, r: int, row: Task, lang: str) -> None:
    """A task row: volume × norm time = workload."""
    share = fmt_pct(row.other_work_share, lang)
    ci = row.volume_ci95 or (None, None)
    values = {
        "A": t(lang, f"channel.{row.channel}"),
        "B": t(lang, "abk.position"),
        "C": t(lang, f"abk.task.{row.task}", share=share),
        "D": t(lang, f"abk.unit.{row.task}"),
        "E": row.volume,
        "F": ci[0],
        "G": ci[1],
        "H": row.standard_min,
    }
    for column, value in values.items():
        _put(sheet[f"{column}{r}"], value, ABK_FORMAT[column])
    if row.volume is None or row.standard_min is None:
        _put(sheet[f"I{r}"], row.workload_min, ABK_FORMAT["I"])
    else:
        book.formula(sheet[f"I{r}"], f"=E{r}*H{r}", row.workload_min, ABK_FORMAT["I"])


def _grade_formula(ej: str) -> str:
    """The EJ grade (see ``sim.decide.abk.grade``) of the EJ in cell ``ej``."""
    return (
        f'=IF({ej}="","",IF({ej}>1,"A",IF({ej}>=0.9,"B",IF({ej}>=0.7,"C",IF({ej}>=0.5,"D","E")))))'
    )


def _abk_staffing(
    book: Book,
    sheet: Worksheet,
    r: int,
    row: Staffing,
    abk: Abk,
    lang: str,
    workload: str,
    parts: list[int],
) -> None:
    """A subtotal (``parts`` empty) or the total (the sum of the subtotal rows ``parts``):
    workload against effective time, officers needed, the difference to bezetting, EJ."""
    effective = abk.effective_min
    word = "abk.subtotal" if row.row == "subtotal" else "abk.total"
    _put(sheet[f"A{r}"], t(lang, f"channel.{row.channel}") if row.channel else t(lang, word))
    _put(sheet[f"C{r}"], t(lang, word) if row.channel else None)
    formulas = {
        "I": (f"={workload}", row.workload_min),
        "J": (f"={EFFECTIVE_ABSOLUTE}", effective),
        "K": (f"=I{r}/J{r}", row.officers_needed),
        "L": (f"=ROUNDUP(K{r},0)", row.officers_needed_whole),
        "O": (f"=M{r}-L{r}", row.difference),
        "P": (f'=IF(M{r}=0,"",I{r}/(M{r}*J{r}))', row.ej),
        "Q": (_grade_formula(f"P{r}"), row.grade),
    }
    if parts:
        formulas["M"] = ("=" + "+".join(f"M{p}" for p in parts), row.officers_in_post)
        formulas["N"] = ("=" + "+".join(f"N{p}" for p in parts), row.officers_without_device)
    else:
        _put(sheet[f"M{r}"], row.officers_in_post, ABK_FORMAT["M"])
        _put(sheet[f"N{r}"], row.officers_without_device, ABK_FORMAT["N"])
        _put(sheet[f"R{r}"], row.utilisation, ABK_FORMAT["R"])
        _put(sheet[f"S{r}"], row.wait_mean_min, ABK_FORMAT["S"])
    for column, (formula, value) in formulas.items():
        book.formula(sheet[f"{column}{r}"], formula, value, ABK_FORMAT[column])
    for cell in sheet[r]:
        cell.font = BOLD


def _approval(sheet: Worksheet, r: int, lang: str) -> None:
    """The block the officials sign: who prepared, checked and approved the ABK."""
    _put(sheet.cell(r, 1), t(lang, "wb.abk.approval"))
    sheet.cell(r, 1).font = BOLD
    for i, key in enumerate(("wb.abk.name", "wb.abk.nip", "wb.abk.date", "wb.abk.signature")):
        cell = sheet.cell(r + 1, 2 + i, t(lang, key))
        cell.font = BOLD
    for j, key in enumerate(("wb.abk.prepared", "wb.abk.checked", "wb.abk.approved")):
        row = r + 2 + j
        _put(sheet.cell(row, 1), t(lang, key))
        sheet.row_dimensions[row].height = 30
        for column in range(2, 6):
            sheet.cell(row, column).border = LINE
        sheet.cell(row, 4).number_format = DATE


# --- the comparison ---------------------------------------------------------------------------

COMPARED_COLUMNS = ("activations", "main_office_wait_min", "left_without_activating")

# (header text key, number format, which difference is better: 1 higher, -1 lower, 0 neither)
COMPARISON_COLUMNS = (
    ("col.variant", None, 0),
    ("col.description", None, 0),
    ("col.activations", COUNT, 0),
    ("col.p", PCT, 0),
    ("col.diff", SIGNED_DECIMAL, 1),
    ("col.diff_ci_low", SIGNED_DECIMAL, 0),
    ("col.diff_ci_high", SIGNED_DECIMAL, 0),
    ("col.verdict", None, 0),
    ("col.diff_wait", SIGNED_DECIMAL, -1),
    ("col.diff_left", SIGNED_DECIMAL, -1),
    ("wb.cmp.officers_added", SIGNED, 0),
    ("wb.cmp.devices_added", SIGNED, 0),
    ("wb.cmp.starts", DATE, 0),
    ("wb.cmp.cost", RUPIAH, 0),
)


def _comparison_sheet(book: Workbook, data: ReportData) -> Worksheet:
    """Every variant by its code name and its description: its results, its differences to
    today (coloured green when better, red when worse) and what it adds at what cost."""
    lang = data.lang
    proposals = {p.name: p for p in data.results.proposals}
    if data.results.brief is not None:
        proposals.setdefault(data.first, data.results.brief.today)
    rows = [
        _comparison_row(data, name, summary, proposals.get(name))
        for name, summary in data.summaries.items()
    ]
    header = [t(lang, key) for key, _, _ in COMPARISON_COLUMNS]
    formats = [number_format for _, number_format, _ in COMPARISON_COLUMNS]
    sheet = _sheet(book, t(lang, "sheet.comparison"), header, rows, formats)
    _colour_comparison(sheet)
    return sheet


def _colour_comparison(sheet: Worksheet) -> None:
    """Differences to today green when better and red when worse (more activations, less
    waiting, fewer residents leaving without activating), and so the chance of the target
    against today's (the first row)."""
    last = sheet.max_row
    for i, (_, _, better) in enumerate(COMPARISON_COLUMNS, start=1):
        if better and last > 1:
            column = get_column_letter(i)
            high, low = (GREEN, RED) if better > 0 else (RED, GREEN)
            area = f"{column}2:{column}{last}"
            sheet.conditional_formatting.add(area, _compared_to("greaterThan", "0", high))
            sheet.conditional_formatting.add(area, _compared_to("lessThan", "0", low))
    if last > 2:
        keys = [key for key, _, _ in COMPARISON_COLUMNS]
        p = get_column_letter(keys.index("col.p") + 1)
        for sign, fill in ((">", GREEN), ("<", RED)):
            rule = FormulaRule(formula=[f"AND(ISNUMBER({p}3),{p}3{sign}${p}$2)"], fill=fill)
            sheet.conditional_formatting.add(f"{p}3:{p}{last}", rule)


def _compared_to(operator: str, value: str, fill: PatternFill) -> CellIsRule:
    return CellIsRule(operator=operator, formula=[value], fill=fill)


def _comparison_row(
    data: ReportData, name: str, summary: Summary, proposal: Proposal | None
) -> list:
    """One variant: results, differences to today, and what the proposal adds."""
    lang = data.lang
    diff = (data.comparison.of(name) if data.comparison else None) or {}
    act, wait, left = (diff.get(kpi) for kpi in COMPARED_COLUMNS)
    ci = act.ci95 if act and act.ci95 else [None, None]
    added = (
        [proposal.officers_added, proposal.devices_added, proposal.starts, proposal.cost]
        if proposal is not None
        else [None] * 4
    )
    return [
        name,
        data.descriptions.get(name, ""),
        summary.figures["activations"]["mean"],
        summary.figures["p_reach_target"],
        act.mean if act else None,
        ci[0],
        ci[1],
        t(lang, "yes" if act.significant else "no") if act else None,
        wait.mean if wait else None,
        left.mean if left else None,
        *added,
    ]


# --- charts -----------------------------------------------------------------------------------


def _cumulative_chart(book: Workbook, daily: Worksheet, data: ReportData) -> None:
    """A chart sheet: the mean cumulative activations, P10 and P90, and the target, drawn
    from the daily sheet's cells."""
    lang, days = data.lang, data.scenario.period.days
    chart = LineChart()
    chart.title = t(lang, "wb.chart.cumulative")
    chart.y_axis.title = t(lang, "wb.chart.residents")
    chart.x_axis.title = t(lang, "xl.date")
    chart.x_axis.number_format = DATE
    values = Reference(daily, min_col=2, max_col=5, min_row=1, max_row=days + 1)
    chart.add_data(values, titles_from_data=True)
    chart.set_categories(Reference(daily, min_col=1, min_row=2, max_row=days + 1))
    for series, (colour, dash) in zip(chart.series, _LINES, strict=True):
        series.smooth = False
        series.graphicalProperties.line.solidFill = colour
        series.graphicalProperties.line.dashStyle = dash
    chart.x_axis.delete = chart.y_axis.delete = False
    book.create_chartsheet(sheet_name(book, t(lang, "wb.sheet.chart_cumulative"))).add_chart(chart)


# target, mean, P10, P90: (colour, dash) of each line
_LINES = (("C00000", "dash"), ("1F4E79", "solid"), ("7F7F7F", "sysDot"), ("7F7F7F", "sysDot"))


def _proposals_chart(book: Workbook, compared: Worksheet, data: ReportData) -> None:
    """A chart sheet: each variant's mean activations, from the comparison sheet's cells."""
    lang, last = data.lang, compared.max_row
    chart = BarChart()
    chart.type = "bar"
    chart.title = t(lang, "wb.chart.proposals")
    chart.legend = None
    chart.add_data(Reference(compared, min_col=3, min_row=1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(compared, min_col=1, min_row=2, max_row=last))
    chart.y_axis.number_format = COUNT
    chart.x_axis.delete = chart.y_axis.delete = False
    book.create_chartsheet(sheet_name(book, t(lang, "wb.sheet.chart_proposals"))).add_chart(chart)


# --- the workbook -----------------------------------------------------------------------------


def build(data: ReportData) -> Book:
    """The workbook of a run (its ``save`` writes each formula's value with it)."""
    book = Book(data.created)
    book.remove(book.active)
    _summary_sheet(book, data)
    _replication_sheet(book, data)
    daily = _daily_sheet(book, data)
    _site_sheet(book, data)
    _abk_sheets(book, data)
    _inputs_sheet(book, data)
    _metadata_sheet(book, data)
    compared = _comparison_sheet(book, data) if data.comparison is not None else None
    _uncertain_sheets(book, data)
    _cumulative_chart(book, daily, data)
    if compared is not None and compared.max_row > 1:
        _proposals_chart(book, compared, data)
    return book


def _uncertain_sheets(book: Workbook, data: ReportData) -> None:
    """The parameter sets of a run with uncertain inputs, and a calibration's posterior."""
    lang, results = data.lang, data.results
    if results.uncertainty is not None:
        sets = results.uncertainty.sets
        keys = list(sets[0].values) if sets else []
        header = [t(lang, "xl.parameter_set"), *keys, t(lang, "xl.activations_mean")]
        rows = [[row.index, *row.values.values(), row.activations_mean] for row in sets]
        formats = ["0", *[None] * len(keys), COUNT]
        _sheet(book, t(lang, "sheet.parameter_sets"), header, rows, formats)
    done = results.calibrated or (results.backtest.calibrated if results.backtest else None)
    if done is not None:
        cal = done.calibration
        header = [t(lang, "col.input"), t(lang, "col.key"), *t(lang, "xl.posterior").split("|")]
        rows = [
            [cal.labels[i], cal.keys[i], *cal.prior_interval(i), cal.mean(i), *cal.interval(i)]
            for i in range(len(cal.names))
        ]
        _sheet(book, t(lang, "sheet.calibration"), header, rows)
