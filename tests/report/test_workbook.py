"""results.xlsx: the sheets a planner expects, numbers stored as numbers and equal to
summary.json, one row per replication and per day, headers in the report's language.

"Equal" is exact up to how openpyxl stores a float (16 significant digits, see
``support.as_stored``): no rounding for display happens in the workbook. The ABK sheets
compute with formulas; their values here are the formulas' cached results (see
test_workbook_formulas.py for the formulas themselves)."""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections import defaultdict
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sim.model.runlog import REASONS
from sim.report.i18n import TEXT
from sim.report.workbook import ABK_HEADER_ROW

from .support import Sheet, as_stored, lookup, mojokerto, read_json, sheets

# The ABK sheets: today's, each compared proposal's (named by its code), the target's.
ABK_TODAY = {"id": "ABK sekarang", "en": "ABK today"}
ABK_TARGET = {"id": "ABK untuk target", "en": "ABK for the target"}
PROPOSALS = ("pppk_jemput_bola", "pos_kecamatan_2_petugas", "hanya_14_kecamatan", "wajib_ikd")
SHEETS = {
    "id": [
        *("Ringkasan", "Per replikasi", "Harian", "Per lokasi"),
        *(ABK_TODAY["id"], ABK_TARGET["id"], "Asumsi", "Metadata"),
    ],
    "en": [
        *("Summary", "Per replication", "Daily", "By site"),
        *(ABK_TODAY["en"], ABK_TARGET["en"], "Assumptions", "Metadata"),
    ],
}
CHARTS = {"id": ["Grafik aktivasi"], "en": ["Activations chart"]}
COMPARISON = {"id": "Perbandingan", "en": "Comparison"}
PROPOSALS_CHART = {"id": "Grafik usulan", "en": "Proposals chart"}
REPS = 2
VARIANTS = 5  # baseline and the four proposals of scenarios/mojokerto_2023.yaml

# The same word in both languages (Indonesian has borrowed it) or a code.
SAME_IN_BOTH = {"ABK", "EJ", "P(target)", "Target", "Input", "Seed", "Metadata"}

NUMERIC_SHEETS = (
    "sheet.summary",
    "sheet.replications",
    "sheet.daily",
    "sheet.sites",
    "wb.sheet.abk_today",
)


def tables(path: Path, data_only: bool = False) -> dict[str, Sheet]:
    """Every worksheet as its header row and the rows below it; an ABK sheet's table
    starts at its header row, below the title and the input cells."""
    book = load_workbook(path, data_only=data_only)
    found = {}
    for ws in book.worksheets:
        first = ABK_HEADER_ROW if ws.title.startswith("ABK ") else 1
        rows = [list(row) for row in ws.iter_rows(min_row=first, values_only=True)]
        found[ws.title] = Sheet(rows[0], rows[1:])
    return found


def is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def column(sheet, lang: str, key: str, **values) -> int:
    """Index of the column headed by the text of ``key`` in ``lang``."""
    return sheet.header.index(TEXT[lang][key].format(**values))


@pytest.fixture(scope="module", params=["id", "en"])
def plain(request, tmp_path_factory) -> tuple[str, Path]:
    return request.param, mojokerto(tmp_path_factory, "--lang", request.param)


@pytest.fixture(scope="module", params=["id", "en"])
def compared(request, tmp_path_factory) -> tuple[str, Path]:
    return request.param, mojokerto(tmp_path_factory, "--lang", request.param, "--compare")


def test_sheet_names(plain, compared):
    """The data sheets, an ABK sheet per case, then the chart sheets."""
    lang, out = plain
    book = load_workbook(out / "results.xlsx")
    assert [ws.title for ws in book.worksheets] == SHEETS[lang]
    assert [cs.title for cs in book.chartsheets] == CHARTS[lang]
    lang, out = compared
    book = load_workbook(out / "results.xlsx")
    want = [*SHEETS[lang], COMPARISON[lang]]
    want[5:5] = [f"ABK {name}" for name in PROPOSALS]  # after today's ABK
    assert [ws.title for ws in book.worksheets] == want
    assert [cs.title for cs in book.chartsheets] == [*CHARTS[lang], PROPOSALS_CHART[lang]]


def test_summary_sheet_values_are_summary_json_exactly(plain):
    lang, out = plain
    summary = read_json(out / "summary.json")
    sheet = sheets(out / "results.xlsx")[SHEETS[lang][0]]
    assert sheet.header == [TEXT[lang][k] for k in ("xl.indicator", "xl.value", "xl.key")]
    keys = [row[2] for row in sheet.rows]
    assert len(keys) == len(set(keys)) >= 30
    for label, value, key in sheet.rows:
        assert isinstance(label, str) and label, key
        assert is_number(value), (key, value)
        assert value == as_stored(lookup(summary, key)), key
    assert {
        "target",
        "activations.mean",
        "activations.ci95.0",
        "activations.ci95.1",
        "p_reach_target",
        *(f"by_channel.{ch}.activations_mean" for ch in summary["by_channel"]),
        *(f"turned_away.{r}" for r in REASONS),
    } <= set(keys)


def test_replication_sheet_one_row_per_variant_and_replication(compared):
    lang, out = compared
    summary = read_json(out / "summary.json")
    comparison = read_json(out / "comparison.json")["variants"]
    sheet = sheets(out / "results.xlsx")[TEXT[lang]["sheet.replications"]]
    variant, rep = column(sheet, lang, "xl.variant"), column(sheet, lang, "xl.replication")
    assert [(row[variant], row[rep]) for row in sheet.rows] == [
        (name, r) for name in comparison for r in range(REPS)
    ]
    assert len(sheet.rows) == VARIANTS * REPS
    act = column(sheet, lang, "xl.activations")
    for name, entry in comparison.items():
        values = [row[act] for row in sheet.rows if row[variant] == name]
        assert all(isinstance(v, int) for v in values)
        assert math.isclose(sum(values) / REPS, entry["summary"]["activations"]["mean"])
    baseline = [row[act] for row in sheet.rows if row[variant] == "baseline"]
    assert math.isclose(sum(baseline) / REPS, summary["activations"]["mean"])


def test_replication_sheet_agrees_with_daily_csv(plain):
    """Each replication's new activations, by channel and in total, are those of daily.csv,
    and its reasons for leaving add up to its residents who left."""
    lang, out = plain
    summary = read_json(out / "summary.json")
    sheet = sheets(out / "results.xlsx")[SHEETS[lang][1]]
    totals: dict[tuple[int, str], int] = defaultdict(int)
    with (out / "daily.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            totals[(int(row["replication"]), row["channel"])] += int(row["activations"])
    rep = column(sheet, lang, "xl.replication")
    new = column(sheet, lang, "xl.new_activations")
    act = column(sheet, lang, "xl.activations")
    left = column(sheet, lang, "xl.turned_away")
    reasons = [column(sheet, lang, f"reason.{r}") for r in REASONS]
    for row in sheet.rows:
        r = row[rep]
        assert row[new] == sum(v for (k, _), v in totals.items() if k == r)
        assert row[act] == summary["activated_at_start"] + row[new]
        for ch in summary["by_channel"]:
            assert row[column(sheet, lang, f"channel.{ch}")] == totals[(r, ch)], ch
        assert row[left] == sum(row[i] for i in reasons)
    arrived = column(sheet, lang, "xl.arrived")
    mean = sum(row[arrived] for row in sheet.rows) / len(sheet.rows)
    assert math.isclose(mean, summary["flow"]["arrived_mean"])


def test_daily_sheet_one_row_per_day_with_dates(plain):
    lang, out = plain
    summary = read_json(out / "summary.json")
    sheet = sheets(out / "results.xlsx")[SHEETS[lang][2]]
    start = dt.date.fromisoformat(summary["period"]["start"])
    end = dt.date.fromisoformat(summary["period"]["end"])
    assert len(sheet.rows) == (end - start).days + 1 == 31
    for d, row in enumerate(sheet.rows):
        assert isinstance(row[0], dt.datetime), row[0]
        assert row[0].date() == start + dt.timedelta(days=d)
        assert all(is_number(v) for v in row[1:]), row
    mean = column(sheet, lang, "xl.cum_mean")
    assert math.isclose(sheet.rows[-1][mean], summary["activations"]["mean"], abs_tol=1e-6)
    assert sheet.rows[-1][column(sheet, lang, "xl.target")] == summary["target"]
    p10, p90 = column(sheet, lang, "xl.cum_p10"), column(sheet, lang, "xl.cum_p90")
    assert all(row[p10] <= row[mean] <= row[p90] for row in sheet.rows)
    series = [row[mean] for row in sheet.rows]
    assert series == sorted(series)  # cumulative


def test_site_sheet_values_are_summary_json(plain):
    lang, out = plain
    summary = read_json(out / "summary.json")
    sheet = sheets(out / "results.xlsx")[SHEETS[lang][3]]
    assert [row[0] for row in sheet.rows] == [
        TEXT[lang][f"channel.{ch}"] for ch in summary["utilisation"]
    ]
    for row, ch in zip(sheet.rows, summary["utilisation"], strict=True):
        assert row[column(sheet, lang, "col.util_all")] == as_stored(summary["utilisation"][ch])
        assert row[column(sheet, lang, "col.util_ikd")] == as_stored(summary["ikd_utilisation"][ch])
        assert row[column(sheet, lang, "col.wait_mean")] == as_stored(
            summary["wait_min"][ch]["mean"]
        )
        assert row[column(sheet, lang, "col.activations")] == as_stored(
            summary["by_channel"][ch]["activations_mean"]
        )


ABK_COLUMNS = {
    "abk.col.volume": "volume",
    "wb.abk.standard": "standard_min",
    "abk.col.workload": "workload_min",
    "wb.abk.needed": "officers_needed",
    "wb.abk.needed_whole": "officers_needed_whole",
    "abk.col.in_post": "officers_in_post",
    "wb.abk.without_device": "officers_without_device",
    "abk.col.difference": "difference",
    "abk.col.ej": "ej",
    "abk.col.grade": "grade",
    "abk.col.util": "utilisation",
    "abk.col.wait": "wait_mean_min",
}


def same(got, want) -> bool:
    """A cell's value against summary.json's: floats to 1e-9 relative (a formula's
    result is computed again by the workbook), anything else exactly."""
    if isinstance(want, float) and is_number(got):
        return math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12)
    return got == as_stored(want)


def test_abk_sheet_is_the_summary_abk_table(plain):
    """Today's ABK sheet (the values its formulas hold) is summary.json's table."""
    lang, out = plain
    abk = read_json(out / "summary.json")["abk"]
    sheet = tables(out / "results.xlsx", data_only=True)[ABK_TODAY[lang]]
    rows = sheet.rows[: len(abk["rows"])]
    assert len(rows) == len(abk["rows"]) and sheet.rows[len(rows)][0] is None
    effective = column(sheet, lang, "abk.col.effective")
    for row, want in zip(rows, abk["rows"], strict=True):
        for label, name in ABK_COLUMNS.items():
            got = row[column(sheet, lang, label)]
            assert same(got, want.get(name)), (want["row"], want["channel"], name, got)
            if want.get(name) is not None and name != "grade":
                assert is_number(got), (name, got)
        ci = want.get("volume_ci95") or [None, None]
        for i, label in enumerate(("abk.col.volume_ci_low", "abk.col.volume_ci_high")):
            assert row[column(sheet, lang, label)] == as_stored(ci[i])
        position = row[column(sheet, lang, "abk.col.position")]
        assert (position == TEXT[lang]["abk.position"]) == (want["row"] == "task")
        if want["row"] == "task":
            assert row[effective] is None
        else:
            assert same(row[effective], abk["effective_min"])
    kinds = [row["row"] for row in abk["rows"]]
    assert kinds[-1] == "total" and kinds.count("total") == 1
    assert kinds.count("subtotal") == 4


def test_no_number_is_stored_as_text_in_the_data_sheets(plain):
    """Values as a reader that does not calculate sees them (formulas by their results)."""
    lang, out = plain
    book = tables(out / "results.xlsx", data_only=True)
    for key in NUMERIC_SHEETS:
        for row in book[TEXT[lang][key]].rows:
            for value in row:
                if isinstance(value, str):
                    with pytest.raises(ValueError):
                        float(value.replace(",", "").replace(".", "").replace("%", ""))


def test_headers_are_in_the_report_language(tmp_path_factory):
    """Side by side, the id and en workbooks have no header in common but codes."""
    book = {
        lang: tables(mojokerto(tmp_path_factory, "--lang", lang, "--compare") / "results.xlsx")
        for lang in ("id", "en")
    }
    names = {lang: list(found) for lang, found in book.items()}
    assert [a for a, b in zip(names["id"], names["en"], strict=True) if a == b] == [
        *(f"ABK {name}" for name in PROPOSALS),  # a proposal's sheet is named by its code
        "Metadata",
    ]
    for id_name, en_name in zip(names["id"], names["en"], strict=True):
        id_header, en_header = book["id"][id_name].header, book["en"][en_name].header
        assert len(id_header) == len(en_header), id_name
        for a, b in zip(id_header, en_header, strict=True):
            assert isinstance(a, str) and isinstance(b, str) and a and b
            if a == b:
                assert a in SAME_IN_BOTH, (id_name, a)
    indonesian = {h for sheet in book["id"].values() for h in sheet.header} - SAME_IN_BOTH
    english = {h for sheet in book["en"].values() for h in sheet.header} - SAME_IN_BOTH
    assert not indonesian & english
    assert {"Kunci (summary.json)", "Tanggal", "Replikasi", "Bezetting"} <= indonesian
    assert {"Key (summary.json)", "Date", "Replication", "In post"} <= english


def test_comparison_sheet_is_comparison_json(compared):
    lang, out = compared
    comparison = read_json(out / "comparison.json")["variants"]
    sheet = sheets(out / "results.xlsx")[COMPARISON[lang]]
    assert [row[0] for row in sheet.rows] == list(comparison)
    for row, (name, entry) in zip(sheet.rows, comparison.items(), strict=True):
        assert row[column(sheet, lang, "col.activations")] == as_stored(
            entry["summary"]["activations"]["mean"]
        )
        assert row[column(sheet, lang, "col.p")] == as_stored(entry["summary"]["p_reach_target"])
        diff = entry["difference_vs_baseline"]
        got = row[column(sheet, lang, "col.diff")]
        assert got == (as_stored(diff["activations"]["mean"]) if diff else None), name


def test_comparison_sheet_ci_columns_mean_what_their_headers_say(compared):
    """The CI of the paired difference has headers of its own, and no header the summary
    sheet uses for the CI of end-of-period activations."""
    lang, out = compared
    book = sheets(out / "results.xlsx")
    labels = {row[2]: row[0] for row in book[SHEETS[lang][0]].rows}
    comparison = read_json(out / "comparison.json")["variants"]
    sheet = book[COMPARISON[lang]]
    assert labels["activations.ci95.0"] not in sheet.header
    assert labels["activations.ci95.1"] not in sheet.header
    for i, key in enumerate(("col.diff_ci_low", "col.diff_ci_high")):
        col = column(sheet, lang, key)
        for row, entry in zip(sheet.rows, comparison.values(), strict=True):
            diff = entry["difference_vs_baseline"]
            want = as_stored(diff["activations"]["ci95"][i]) if diff else None
            assert row[col] == want


def test_metadata_numbers_are_numbers(plain):
    lang, out = plain
    prov = read_json(out / "summary.json")["provenance"]
    rows = {row[0]: row[1] for row in sheets(out / "results.xlsx")["Metadata"].rows}
    assert rows[TEXT[lang]["prov.seed"]] == prov["seed"]
    assert rows[TEXT[lang]["prov.replications"]] == prov["replications"]
