"""results.xlsx for planners who work in Excel: the ABK sheets compute with live formulas
whose cached results are the typed results' numbers, an independent evaluator of those
formulas gets the same numbers (and new ones when the effective hours change), every sheet
has number formats, a bold frozen header and fitted widths, the charts are chart sheets
drawn from the workbook's cells, the comparison is coloured, and no user text is a formula."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries

from sim.cli import parser, request_of
from sim.decide import study
from sim.decide.abk import Abk, ForTarget, Staffing, Task, for_the_target
from sim.report import workbook
from sim.report.data import ReportData
from sim.report.i18n import TEXT
from sim.report.workbook import ABK_HEADER_ROW, sheet_name

from .support import MMC, cli, mojokerto, read_json

FIRST_ROW = ABK_HEADER_ROW + 1
STAFFING_FORMULAS = "IJKLOPQ"  # workload, effective time, needed, rounded, difference, EJ, grade

# --- a tiny evaluator of the formulas the ABK sheets use ---------------------------------------

TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+(?:\.\d+)?(?:E[-+]?\d+)?)|(?P<text>\"[^\"]*\")"
    r"|(?P<range>\$?[A-Z]{1,3}\$?\d+:\$?[A-Z]{1,3}\$?\d+)|(?P<ref>\$?[A-Z]{1,3}\$?\d+)"
    r"|(?P<call>[A-Z]+)\(|(?P<op><=|>=|<>|[-+*/(),=<>]))"
)
COMPARE = {
    "=": lambda a, b: a == b,
    "<>": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
}
ARITHMETIC = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
}


def tokens(formula: str) -> list[tuple[str, str]]:
    found, at = [], 0
    while at < len(formula.rstrip()):
        match = TOKEN.match(formula, at)
        assert match and match.end() > at, (formula, at)
        found.append(next((k, v) for k, v in match.groupdict().items() if v is not None))
        at = match.end()
    return found


class Parser:
    """Formula text -> a tree of tuples: ("num", x), ("text", s), ("ref", "A1"),
    ("range", "A1:B2"), ("op", op, left, right), ("neg", x), ("call", NAME, [args])."""

    def __init__(self, formula: str) -> None:
        self.tokens, self.at = tokens(formula), 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        self.at += 1
        return self.tokens[self.at - 1]

    def tree(self) -> tuple:
        node = self.comparison()
        assert self.peek() is None, self.tokens[self.at :]
        return node

    def comparison(self) -> tuple:
        node = self.binary(self.sum_of, ("+", "-"))
        if self.peek() and self.peek()[1] in COMPARE:
            node = ("op", self.take()[1], node, self.binary(self.sum_of, ("+", "-")))
        return node

    def sum_of(self) -> tuple:
        return self.binary(self.unary, ("*", "/"))

    def binary(self, operand, ops: tuple[str, ...]) -> tuple:
        node = operand()
        while self.peek() and self.peek() in [("op", op) for op in ops]:
            node = ("op", self.take()[1], node, operand())
        return node

    def unary(self) -> tuple:
        if self.peek() == ("op", "-"):
            self.take()
            return ("neg", self.unary())
        return self.primary()

    def primary(self) -> tuple:
        kind, text = self.take()
        if kind == "number":
            return ("num", float(text))
        if kind == "text":
            return ("text", text[1:-1])
        if kind in ("ref", "range"):
            return (kind, text.replace("$", ""))
        if kind == "call":
            args = [self.comparison()]
            while self.take() == ("op", ","):
                args.append(self.comparison())
            return ("call", text, args)
        assert (kind, text) == ("op", "("), text
        node = self.comparison()
        assert self.take() == ("op", ")")
        return node


class Evaluator:
    """The value of any cell of a sheet, formulas evaluated from the cells they reference;
    ``inputs`` replaces the value of some cells (what a planner types in)."""

    def __init__(self, sheet, inputs: dict[str, float] | None = None) -> None:
        self.sheet, self.values = sheet, dict(inputs or {})

    def __getitem__(self, ref: str):
        if ref not in self.values:
            cell = self.sheet[ref]
            formula = cell.data_type == "f"
            self.values[ref] = self.eval(Parser(cell.value[1:]).tree()) if formula else cell.value
        return self.values[ref]

    def eval(self, node: tuple):
        kind = node[0]
        if kind in ("num", "text"):
            return node[1]
        if kind == "ref":
            return self[node[1]]
        if kind == "neg":
            return -number(self.eval(node[1]))
        if kind == "call":
            return self.call(node[1], node[2])
        op, left, right = node[1], self.eval(node[2]), self.eval(node[3])
        if op in ARITHMETIC:
            return ARITHMETIC[op](number(left), number(right))
        if isinstance(left, str) or isinstance(right, str):  # a blank cell equals ""
            return COMPARE[op](*("" if v is None else v for v in (left, right)))
        return COMPARE[op](number(left), number(right))

    def call(self, name: str, args: list[tuple]):
        if name == "IF":
            return self.eval(args[1] if self.eval(args[0]) else args[2])
        if name == "ROUNDUP":
            x, digits = number(self.eval(args[0])), int(self.eval(args[1]))
            scale = 10**digits
            return math.copysign(math.ceil(abs(x) * scale) / scale, x)
        assert name == "SUM" and args[0][0] == "range", (name, args)
        low_col, low_row, high_col, high_row = range_boundaries(args[0][1])
        return sum(
            number(self[f"{get_column_letter(c)}{r}"])
            for r in range(low_row, high_row + 1)
            for c in range(low_col, high_col + 1)
        )


def number(value) -> float:
    """A cell's value in arithmetic: a blank cell is 0."""
    return 0.0 if value is None else value


def test_the_evaluator_knows_the_arithmetic():
    from openpyxl import Workbook

    sheet = Workbook().active
    sheet["A1"], sheet["A2"], sheet["A3"] = 2, 3.5, "=A1*A2-1"
    sheet["B1"] = '=IF(A4=0,"",A3/A4)'
    sheet["B2"] = "=ROUNDUP(SUM(A1:A3)/4,0)+ROUNDUP(-1.2,0)"
    sheet["B3"] = '=IF(B1="","blank",IF(A3>=6,"six","less"))'
    values = Evaluator(sheet)
    assert values["A3"] == 6.0 and values["B1"] == "" and values["B3"] == "blank"
    assert values["B2"] == math.ceil(11.5 / 4) - 2
    assert Evaluator(sheet, {"A4": 4})["B1"] == 1.5


# --- the runs ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> Path:
    return mojokerto(tmp_path_factory, "--lang", "id")


@pytest.fixture(scope="module")
def compared(tmp_path_factory) -> Path:
    return mojokerto(tmp_path_factory, "--lang", "en", "--compare")


@pytest.fixture(scope="module")
def counter(tmp_path_factory) -> ReportData:
    """The M/M/c counter for two weeks, run in this process: typed results to hand-make
    cases from (the staffing search's plan, results without cases)."""
    out = tmp_path_factory.mktemp("counter")
    args = [str(MMC), "-n", "2", "--seed", "5", "--set", "period.end=2023-01-13"]
    args += ["--workers", "1", "--quiet", "--out", str(out), "--lang", "en"]
    request = request_of(parser().parse_args(args))
    return ReportData(lang="en", results=study.run(study.prepare(request)))


def written(data: ReportData, folder: Path) -> Path:
    """results.xlsx of ``data``, written by ``workbook.write``."""
    path = folder / "results.xlsx"
    with path.open("wb") as stream:
        workbook.write(data, stream)
    return path


def abk_of(data: dict) -> Abk:
    """summary.json's ABK table as the typed result it was written from."""
    rows = []
    for row in data["rows"]:
        if row["row"] == "task":
            fields = {k: v for k, v in row.items() if k != "row"}
            ci = fields.get("volume_ci95")
            rows.append(Task(**{**fields, "volume_ci95": tuple(ci) if ci else None}))
        else:
            rows.append(Staffing(**row))
    target = ForTarget(**{"minutes_per_activation": None, **data["for_target"]})
    names = ("effective_hours_per_year", "year_share", "effective_min")
    return Abk(*(data[k] for k in names), tuple(rows), target, data["case"], data["variant"])


def cases(out: Path, lang: str) -> dict[str, Abk]:
    """Sheet name -> the ABK case it shows: today's, each compared variant's (from
    comparison.json) and the target's (computed here from today's typed table)."""
    today = abk_of(read_json(out / "summary.json")["abk"])
    found = {TEXT[lang]["wb.sheet.abk_today"]: today}
    if (out / "comparison.json").exists():
        variants = read_json(out / "comparison.json")["variants"]
        for name, entry in list(variants.items())[1:]:
            found[f"ABK {name}"] = abk_of(entry["summary"]["abk"])
    found[TEXT[lang]["wb.sheet.abk_target"]] = for_the_target(today)
    return found


def books(out: Path) -> tuple:
    """The workbook with its formulas, and as a reader that does not calculate sees it."""
    path = out / "results.xlsx"
    return load_workbook(path), load_workbook(path, data_only=True)


def close(got, want) -> bool:
    if isinstance(want, float) or isinstance(got, float):
        return math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12)
    return got == want


# --- the ABK sheets ------------------------------------------------------------------------------


def expected_cells(abk: Abk) -> dict[str, object]:
    """Cell -> the typed result's number for each formula cell of an ABK case's sheet."""
    found: dict[str, object] = {"E4": abk.effective_min}
    for r, row in enumerate(abk.rows, start=FIRST_ROW):
        if isinstance(row, Task):
            found[f"I{r}"] = row.workload_min
            continue
        values = (
            row.workload_min,
            abk.effective_min,
            row.officers_needed,
            row.officers_needed_whole,
            row.difference,
            row.ej,
            row.grade,
        )
        found |= {f"{c}{r}": v for c, v in zip(STAFFING_FORMULAS, values, strict=True)}
        if row.row == "total":
            found |= {f"M{r}": row.officers_in_post, f"N{r}": row.officers_without_device}
    return found


@pytest.mark.parametrize("run, lang", [("plain", "id"), ("compared", "en")])
def test_abk_cells_are_formulas_holding_the_typed_numbers(run, lang, request):
    out = request.getfixturevalue(run)
    formulas, values = books(out)
    want = cases(out, lang)
    assert [ws.title for ws in formulas.worksheets if ws.title.startswith("ABK ")] == list(want)
    assert len(want) == (6 if run == "compared" else 2)
    for title, abk in want.items():
        sheet, cached = formulas[title], values[title]
        assert (cached["E2"].value, cached["E3"].value) == (
            abk.effective_hours_per_year,
            abk.year_share,
        )
        for ref, number_ in expected_cells(abk).items():
            assert sheet[ref].data_type == "f", (title, ref, sheet[ref].value)
            got = cached[ref].value
            assert close(got, number_) if number_ is not None else got is None, (title, ref)
        for r, row in enumerate(abk.rows, start=FIRST_ROW):
            if isinstance(row, Staffing) and row.row == "subtotal":
                assert cached[f"M{r}"].value == row.officers_in_post
                assert cached[f"N{r}"].value == row.officers_without_device


def test_the_target_case_scales_todays_ikd_volumes(plain):
    today, target = list(cases(plain, "id").values())
    _, values = books(plain)
    sheet = values[TEXT["id"]["wb.sheet.abk_target"]]
    scale = target.for_target.activations / target.for_target.simulated_activations
    for r, (now, then) in enumerate(zip(today.rows, target.rows, strict=True), start=FIRST_ROW):
        if isinstance(now, Task) and now.task == "ikd":
            assert math.isclose(sheet[f"E{r}"].value, now.volume * scale, rel_tol=1e-9)
            assert math.isclose(sheet[f"I{r}"].value, then.workload_min, rel_tol=1e-9)


def abk_sheets(out: Path):
    formulas, values = books(out)
    for ws in formulas.worksheets:
        if ws.title.startswith("ABK "):
            yield ws, values[ws.title]


def formula_cells(sheet) -> list[str]:
    return [cell.coordinate for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]


def evaluated_as_cached(out: Path) -> int:
    """Check every formula of every ABK sheet against its cached value; how many."""
    checked = 0
    for sheet, cached in abk_sheets(out):
        values = Evaluator(sheet)
        for ref in formula_cells(sheet):
            want = cached[ref].value
            got = values[ref]
            assert close(got, want) if want is not None else got == "", (sheet.title, ref, got)
            checked += 1
    return checked


@pytest.mark.parametrize("run, sheets", [("plain", 2), ("compared", 6)])
def test_evaluating_the_formulas_gives_their_cached_values(run, sheets, request):
    # each sheet: E4, six tasks' workloads, 7 formulas of each of 4 subtotals, 9 of the total
    assert evaluated_as_cached(request.getfixturevalue(run)) == sheets * (1 + 6 + 4 * 7 + 9)


def test_the_search_plan_has_its_own_abk_sheet(counter, tmp_path):
    """A search's plan (here today's table named as the plan) gets "ABK plan"."""
    today, target = counter.results.abk_cases
    plan = dataclasses.replace(today, case="plan", variant="plan")
    results = dataclasses.replace(counter.results, abk_cases=(today, plan, target))
    out = written(dataclasses.replace(counter, results=results), tmp_path).parent
    formulas, _ = books(out)
    names = [ws.title for ws in formulas.worksheets if ws.title.startswith("ABK ")]
    assert names == [TEXT["en"][f"wb.sheet.abk_{case}"] for case in ("today", "plan", "target")]
    assert formulas[names[1]]["A1"].value.endswith(TEXT["en"]["wb.abk.case_plan"])
    assert evaluated_as_cached(out) == 3 * 18  # E4, a task, a subtotal's 7 and the total's 9


def test_results_without_cases_show_todays_abk(counter, tmp_path):
    """Hand-made results (no cases, no brief) still give today's ABK sheet."""
    results = dataclasses.replace(counter.results, abk_cases=(), brief=None)
    out = written(dataclasses.replace(counter, results=results), tmp_path).parent
    formulas, values = books(out)
    names = [ws.title for ws in formulas.worksheets if ws.title.startswith("ABK ")]
    assert names == [TEXT["en"]["wb.sheet.abk_today"]]
    assert close(values[names[0]]["E4"].value, counter.summary.abk.effective_min)


def test_sheet_names_are_valid_and_unique():
    from openpyxl import Workbook

    book = Workbook()
    names = []
    for name in ["ABK a/b:c*?[x]\\", "abk A_B_C___X__", "'quoted'", "x" * 40, "X" * 40]:
        names.append(sheet_name(book, name))
        book.create_sheet(names[-1])
    assert names == [
        "ABK a_b_c___x__",
        "abk A_B_C___X__ (2)",  # Excel ignores case
        "quoted",
        "x" * 31,
        "X" * 27 + " (2)",
    ]


def staffing_rows(sheet) -> list[int]:
    """The subtotal and total rows of an ABK sheet (those with an effective time)."""
    rows = []
    for r in range(FIRST_ROW, sheet.max_row + 1):
        if sheet[f"C{r}"].value is None and sheet[f"A{r}"].value is None:
            return rows
        if sheet[f"J{r}"].data_type == "f":
            rows.append(r)
    return rows


@pytest.mark.parametrize("hours", [500.0, 1250.0, 1600.0])
def test_changing_the_effective_hours_recomputes_every_need(compared, hours):
    for sheet, cached in abk_sheets(compared):
        share = cached["E3"].value
        before, after = Evaluator(sheet), Evaluator(sheet, {"E2": hours})
        effective = hours * 60 * share
        assert math.isclose(after["E4"], effective, rel_tol=1e-12)
        rows = staffing_rows(sheet)
        assert len(rows) == 5, sheet.title  # four kinds of site and the total
        for r in rows:
            workload, in_post = after[f"I{r}"], after[f"M{r}"]
            assert workload == before[f"I{r}"]  # the workload does not depend on the hours
            needed = workload / effective
            assert math.isclose(after[f"K{r}"], needed, rel_tol=1e-12)
            assert after[f"L{r}"] == math.ceil(needed)
            assert after[f"O{r}"] == in_post - math.ceil(needed)
            assert math.isclose(after[f"P{r}"], workload / (in_post * effective), rel_tol=1e-12)
            if hours != 1250.0:
                assert not math.isclose(after[f"K{r}"], before[f"K{r}"], rel_tol=1e-6)


def test_the_abk_sheet_has_marked_inputs_notes_and_an_approval_block(plain):
    formulas, _ = books(plain)
    sheet, text = formulas[TEXT["id"]["wb.sheet.abk_today"]], TEXT["id"]
    assert sheet["A2"].value == text["wb.abk.hours"] and sheet["E2"].data_type == "n"
    assert sheet["E2"].fill.fgColor.rgb.endswith("FFF2CC")
    assert sheet["E3"].fill.fgColor.rgb.endswith("FFF2CC")
    column_a = [sheet.cell(r, 1).value for r in range(1, sheet.max_row + 1)]
    for key in ("wb.abk.approval", "wb.abk.prepared", "wb.abk.checked", "wb.abk.approved"):
        assert text[key] in column_a, key
    approval = column_a.index(text["wb.abk.approval"]) + 1
    fields = [sheet.cell(approval + 1, c).value for c in range(2, 6)]
    assert fields == [text[f"wb.abk.{k}"] for k in ("name", "nip", "date", "signature")]
    assert text["abk.grades"] in column_a


# --- formats, headers, widths ---------------------------------------------------------------


def test_number_formats(plain, compared):
    formulas, _ = books(plain)
    text = TEXT["id"]
    summary = formulas[text["sheet.summary"]]
    formats = {row[2].value: row[1].number_format for row in summary.iter_rows(min_row=2)}
    assert "%" in formats["p_reach_target"] and "%" in formats["p_reach_target_ci95.0"]
    assert "%" in formats["utilisation.main_office"]
    assert formats["activations.mean"] == "#,##0" and "0.0" in formats["wait_min.outreach.mean"]
    sites = formulas[text["sheet.sites"]]
    assert "%" in sites["G2"].number_format and "%" in sites["H2"].number_format
    daily = formulas[text["sheet.daily"]]
    assert daily["A2"].is_date and daily["A2"].number_format == "yyyy-mm-dd"
    abk = formulas[text["wb.sheet.abk_today"]]
    assert "%" in abk["E3"].number_format and abk["E2"].number_format == "#,##0"
    r = staffing_rows(abk)[0]
    assert abk[f"K{r}"].number_format == "0.00" and abk[f"P{r}"].number_format == "0.00"
    assert "0.0" in abk[f"I{r}"].number_format and "%" in abk[f"R{r}"].number_format
    comparison = load_workbook(compared / "results.xlsx")[TEXT["en"]["sheet.comparison"]]
    header = [cell.value for cell in comparison[1]]
    p = header.index(TEXT["en"]["col.p"]) + 1
    assert all("%" in comparison.cell(r, p).number_format for r in range(2, 7))


@pytest.mark.parametrize("run", ["plain", "compared"])
def test_every_sheet_has_a_bold_frozen_header_and_fitted_widths(run, request):
    formulas, _ = books(request.getfixturevalue(run))
    for sheet in formulas.worksheets:
        header = ABK_HEADER_ROW if sheet.title.startswith("ABK ") else 1
        assert sheet.freeze_panes == f"A{header + 1}", sheet.title
        cells = [cell for cell in sheet[header] if cell.value is not None]
        assert cells and all(cell.font.b for cell in cells), sheet.title
        for cell in cells:
            width = sheet.column_dimensions[cell.column_letter].width
            assert 10 <= width <= 62, (sheet.title, cell.column_letter, width)
    abk = formulas.worksheets[4]
    tasks = [len(abk[f"C{r}"].value or "") for r in range(FIRST_ROW, FIRST_ROW + 10)]
    assert abk.column_dimensions["C"].width >= min(60, max(tasks))


# --- charts --------------------------------------------------------------------------------------


def chart_references(path: Path) -> list[set[str]]:
    """The cell ranges each chart of the workbook draws (read from its XML)."""
    with zipfile.ZipFile(path) as book:
        names = sorted(n for n in book.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n))
        return [set(re.findall(r"<f>([^<]*)</f>", book.read(n).decode())) for n in names]


def test_the_cumulative_chart_is_a_chart_sheet_drawn_from_the_daily_sheet(plain):
    formulas, _ = books(plain)
    assert [cs.title for cs in formulas.chartsheets] == [TEXT["id"]["wb.sheet.chart_cumulative"]]
    daily = TEXT["id"]["sheet.daily"]
    (refs,) = chart_references(plain / "results.xlsx")
    assert {f"'{daily}'!${c}$2:${c}$32" for c in "ABCDE"} <= refs  # dates, target, mean, P10, P90


def test_a_comparison_adds_a_chart_of_each_variants_activations(compared):
    formulas, _ = books(compared)
    en = TEXT["en"]
    want = [en["wb.sheet.chart_cumulative"], en["wb.sheet.chart_proposals"]]
    assert [cs.title for cs in formulas.chartsheets] == want
    refs = chart_references(compared / "results.xlsx")[1]
    comparison = en["sheet.comparison"]
    assert {f"'{comparison}'!$A$2:$A$6", f"'{comparison}'!$C$2:$C$6"} <= refs


# --- the comparison ------------------------------------------------------------------------------


def rules_by_column(sheet) -> dict[str, list]:
    found: dict[str, list] = {}
    for area in sheet.conditional_formatting:
        found.setdefault(str(area.sqref), []).extend(area.rules)
    return found


def test_the_comparison_colours_better_green_and_worse_red(compared):
    formulas, _ = books(compared)
    en = TEXT["en"]
    sheet = formulas[en["sheet.comparison"]]
    header = [cell.value for cell in sheet[1]]
    rules = rules_by_column(sheet)
    better_when = {"col.diff": True, "col.diff_wait": False, "col.diff_left": False}
    for key, higher_is_better in better_when.items():
        letter = sheet.cell(1, header.index(en[key]) + 1).column_letter
        found = {r.operator: r.dxf.fill.bgColor.rgb[-6:] for r in rules[f"{letter}2:{letter}6"]}
        better, worse = ("greaterThan", "lessThan")[:: 1 if higher_is_better else -1]
        assert found == {better: "C6EFCE", worse: "FFC7CE"}, key
    p = sheet.cell(1, header.index(en["col.p"]) + 1).column_letter
    assert {r.type for r in rules[f"{p}3:{p}6"]} == {"expression"}


def test_the_comparison_shows_what_each_proposal_adds(compared):
    _, values = books(compared)
    en = TEXT["en"]
    sheet = values[en["sheet.comparison"]]
    header = [cell.value for cell in sheet[1]]
    variants = read_json(compared / "comparison.json")["variants"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == list(variants)
    description = header.index(en["col.description"])
    assert [row[description] or "" for row in rows] == [v["description"] for v in variants.values()]
    columns = [header.index(en[f"wb.cmp.{k}"]) for k in ("officers_added", "devices_added")]
    starts, cost = header.index(en["wb.cmp.starts"]), header.index(en["wb.cmp.cost"])
    assert [rows[0][c] for c in (*columns, starts, cost)] == [0, 0, None, 0]  # today
    for row in rows:
        assert all(isinstance(row[c], int) for c in columns)
        assert row[starts] is None or isinstance(row[starts], dt.datetime)
        assert isinstance(row[cost], int | float)


# --- user text is never a formula ---------------------------------------------------------------

FORMULA_TEXT = """\
name: '=HYPERLINK("http://example.invalid","klik")'
description: "=1+1"
period: {start: 2023-01-02, end: 2023-01-06}
goal: {residents_obliged_ktp: 100000, target_count: 50, activated_at_start: 0}
residents:
  compatible_smartphone_share: 0.9
  android_share: 1.0
  ios_from: null
  email_share: 1.0
  not_recorded_share: 0.0
  willing_share: 1.0
calendar:
  national_holidays: false
  opening_hours:
    main_office: {mon: "08:00-12:00", tue: "08:00-12:00", wed: "08:00-12:00",
                  thu: "08:00-12:00", fri: "08:00-12:00"}
activation:
  officer_min: {kind: fixed, value: 10}
  check_min: 1
  self_prep_min: 0
  face_recognition: {attempt_min: 0, fail_prob: 0.0, max_attempts: 1}
  email_code: {code_min: 0, second_visit_prob: 0.0}
sites:
  - name: Loket
    kind: main_office
    officers: 1
    devices: 1
    walk_ins_per_day: 30   # =SUM(A1:A9)
demand:
  arrival_pattern: even
  returns: {after_closing: 0, after_outage: 0, after_quota_full: 0, after_fr_failure: 0,
            after_email_failure: 0, delay_days: 1}
variants:
  dua:
    description: "=1+1"
    changes:
      sites.Loket.officers: 2
"""


@pytest.fixture(scope="module")
def formula_text(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("formula_text")
    path = folder / "formula.yaml"
    path.write_text(FORMULA_TEXT, encoding="utf-8")
    out = folder / "out"
    result = cli(path, "--compare", "-n", "2", "--workers", "1", "--quiet", "--out", out)
    assert result.code == 0, result.err
    return out


def is_own_formula(sheet, cell) -> bool:
    """Where the workbook's own formulas are: an ABK sheet's effective time and its table's
    workload to grade columns."""
    if not sheet.title.startswith("ABK "):
        return False
    if cell.coordinate == "E4":
        return True
    columns = range(column_index_from_string("I"), column_index_from_string("Q") + 1)
    return cell.row > ABK_HEADER_ROW and cell.column in columns


def test_user_text_is_never_a_formula(formula_text):
    formulas, values = books(formula_text)
    for sheet in formulas.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert is_own_formula(sheet, cell), (sheet.title, cell.coordinate, cell.value)
    sheet = formulas[TEXT["id"]["sheet.comparison"]]
    (row,) = [r for r in sheet.iter_rows(min_row=2) if r[0].value == "dua"]
    assert (row[1].value, row[1].data_type) == ("=1+1", "s")
    assert values[TEXT["id"]["sheet.comparison"]]["B3"].value == "=1+1"
    inputs = {r[0].value: r for r in formulas[TEXT["id"]["sheet.inputs"]].iter_rows(min_row=2)}
    assert inputs["name"][1].value.startswith("=HYPERLINK") and inputs["name"][1].data_type == "s"
    assert inputs["sites.Loket.walk_ins_per_day"][3].value == "=SUM(A1:A9)"
    assert formulas["ABK dua"]["A1"].value.endswith("dua: =1+1")
