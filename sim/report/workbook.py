"""results.xlsx: the run's numbers for planners who work in Excel (numbers stored as numbers,
headers in the report's language)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from sim.decide.abk import Task
from sim.decide.summary import cumulative_band
from sim.model.runlog import REASONS
from sim.report.data import ReportData
from sim.report.i18n import fmt_pct, t
from sim.scenario import CHANNELS

BOLD = Font(bold=True)


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


# --- sheets -----------------------------------------------------------------------------------


def _sheet(book: Workbook, title: str, header: list[str], rows: Iterable[list]) -> None:
    sheet = book.create_sheet(title[:31])
    _append(sheet, header)
    for cell in sheet[1]:
        cell.font = BOLD
    for row in rows:
        _append(sheet, [_plain(value) for value in row])
    sheet.freeze_panes = "A2"
    for i, text in enumerate(header, start=1):
        width = max(10, min(60, len(str(text)) + 2))
        sheet.column_dimensions[get_column_letter(i)].width = width


def _append(sheet, values: list) -> None:
    """One row; text is always text, so a name like "=HYPERLINK(...)" is never a formula."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def _plain(value):
    """numpy scalars as Python numbers; lists as text."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return value


def _summary_sheet(book: Workbook, data: ReportData) -> None:
    lang, s = data.lang, data.figures
    rows = [[label, lookup(s, key), key] for label, key in summary_keys(s, lang)]
    header = [t(lang, "xl.indicator"), t(lang, "xl.value"), t(lang, "xl.key")]
    _sheet(book, t(lang, "sheet.summary"), header, rows)
    book[t(lang, "sheet.summary")[:31]].column_dimensions["A"].width = 60


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
    _sheet(book, t(lang, "sheet.replications"), header, rows)


def _daily_sheet(book: Workbook, data: ReportData) -> None:
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
    _sheet(book, t(lang, "sheet.daily"), header, rows)


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
    _sheet(book, t(lang, "sheet.sites"), header, rows)


ABK_FIELDS = (
    "volume",
    "standard_min",
    "workload_min",
    "officers_needed",
    "officers_needed_whole",
    "officers_in_post",
    "difference",
    "ej",
    "grade",
    "utilisation",
    "wait_mean_min",
)


def _abk_sheet(book: Workbook, data: ReportData) -> None:
    lang, abk = data.lang, data.summary.abk
    header = [
        t(lang, "abk.col.site"),
        t(lang, "abk.col.position"),
        t(lang, "abk.col.task"),
        t(lang, "abk.col.unit"),
        t(lang, "abk.col.volume"),
        t(lang, "abk.col.volume_ci_low"),
        t(lang, "abk.col.volume_ci_high"),
        t(lang, "abk.col.standard"),
        t(lang, "abk.col.workload"),
        t(lang, "abk.col.needed"),
        t(lang, "abk.col.needed_whole"),
        t(lang, "abk.col.in_post"),
        t(lang, "abk.col.difference"),
        t(lang, "abk.col.ej"),
        t(lang, "abk.col.grade"),
        t(lang, "abk.col.util"),
        t(lang, "abk.col.wait"),
        t(lang, "abk.col.effective"),
    ]
    rows = []
    for row in abk.rows:
        if isinstance(row, Task):
            share = fmt_pct(row.other_work_share, lang)
            label, position = t(lang, f"channel.{row.channel}"), t(lang, "abk.position")
            task = t(lang, f"abk.task.{row.task}", share=share)
            unit = t(lang, f"abk.unit.{row.task}")
            effective = None
        else:
            word = "abk.subtotal" if row.row == "subtotal" else "abk.total"
            label = t(lang, f"channel.{row.channel}") if row.channel else t(lang, word)
            position, task, unit = "", t(lang, word), ""
            effective = abk.effective_min
        volume, *rest = [getattr(row, f, None) for f in ABK_FIELDS]
        ci = getattr(row, "volume_ci95", None) or [None, None]
        rows.append([label, position, task, unit, volume, *ci, *rest, effective])
    _sheet(book, t(lang, "sheet.abk"), header, rows)


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


COMPARED_COLUMNS = ("activations", "main_office_wait_min", "left_without_activating")


def _comparison_sheet(book: Workbook, data: ReportData) -> None:
    lang = data.lang
    header = [
        t(lang, "col.variant"),
        t(lang, "col.description"),
        t(lang, "col.activations"),
        t(lang, "col.p"),
        t(lang, "col.diff"),
        t(lang, "col.diff_ci_low"),
        t(lang, "col.diff_ci_high"),
        t(lang, "col.verdict"),
        t(lang, "col.diff_wait"),
        t(lang, "col.diff_left"),
    ]
    rows = []
    for name, summary in data.summaries.items():
        diff = (data.comparison.of(name) if data.comparison else None) or {}
        act, wait, left = (diff.get(kpi) for kpi in COMPARED_COLUMNS)
        ci = act.ci95 if act and act.ci95 else [None, None]
        rows.append(
            [
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
            ]
        )
    _sheet(book, t(lang, "sheet.comparison"), header, rows)


def build(data: ReportData) -> Workbook:
    """The workbook of a run."""
    book = Workbook()
    book.remove(book.active)
    _summary_sheet(book, data)
    _replication_sheet(book, data)
    _daily_sheet(book, data)
    _site_sheet(book, data)
    _abk_sheet(book, data)
    _inputs_sheet(book, data)
    _metadata_sheet(book, data)
    if data.comparison is not None:
        _comparison_sheet(book, data)
    _uncertain_sheets(book, data)
    return book


def _uncertain_sheets(book: Workbook, data: ReportData) -> None:
    """The parameter sets of a run with uncertain inputs, and a calibration's posterior."""
    lang, results = data.lang, data.results
    if results.uncertainty is not None:
        sets = results.uncertainty.sets
        keys = list(sets[0].values) if sets else []
        header = [t(lang, "xl.parameter_set"), *keys, t(lang, "xl.activations_mean")]
        rows = [[row.index, *row.values.values(), row.activations_mean] for row in sets]
        _sheet(book, t(lang, "sheet.parameter_sets"), header, rows)
    done = results.calibrated or (results.backtest.calibrated if results.backtest else None)
    if done is not None:
        cal = done.calibration
        header = [t(lang, "col.input"), t(lang, "col.key"), *t(lang, "xl.posterior").split("|")]
        rows = [
            [cal.labels[i], cal.keys[i], *cal.prior_interval(i), cal.mean(i), *cal.interval(i)]
            for i in range(len(cal.names))
        ]
        _sheet(book, t(lang, "sheet.calibration"), header, rows)
