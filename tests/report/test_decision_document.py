"""The report as a document a head of office signs: page 1 on one A4 page for every region,
a limit that never contradicts the recommendation, no Python reprs, the ABK of today, the
plan and the target, and renderers that show the typed results' numbers, never their own.

The region runs are the first five weeks of each region scenario with two replications,
with --compare and with --find-staff (the staffing search on five weeks meets its natural
target as "demand is the limit"); the counter's --find-staff run (support.decisions) is the
case where the search finds a plan.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from pypdf import PdfReader

from sim.decide.abk import Abk, ForTarget, Staffing, Task
from sim.decide.analysis import Difference
from sim.decide.brief import Brief, Chance, Limit, recommend
from sim.decide.proposals import Proposal
from sim.report.abk_html import case_table
from sim.report.i18n import TEXT
from sim.report.page_one import page_one
from sim.scenario import load

from .browser import print_pdf
from .support import SCENARIOS, decisions, page, read_json, run

REGIONS = ("denpasar_2023", "malang_2023", "mojokerto_2023", "serang_2024", "solok_selatan_2023")
MODES = ("--compare", "--find-staff")


def short(factory, region: str, mode: str, lang: str = "id"):
    """Five weeks of a region, two replications, seed 5."""
    path = SCENARIOS / f"{region}.yaml"
    end = load(path).period.start + dt.timedelta(days=34)
    args = ("-n", "2", "--seed", "5", "--set", f"period.end={end.isoformat()}", mode)
    return run(factory, path, *args, "--lang", lang)


@pytest.fixture(scope="module", params=[(r, m) for r in REGIONS for m in MODES])
def region_run(request, tmp_path_factory):
    region, mode = request.param
    return short(tmp_path_factory, region, mode)


def pdf_texts(pdf) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages]


# --- page 1 -------------------------------------------------------------------------------


def test_page_one_fits_one_a4_page(browser, region_run, tmp_path):
    """The summary starts page 1 and its last line is on page 1; page 2 holds none of it."""
    pdf = print_pdf(browser, region_run / "report.html", tmp_path / "report.pdf")
    pages = pdf_texts(pdf)
    last = TEXT["id"]["p1.annex"]
    assert TEXT["id"]["sec.brief"] in pages[0]
    assert last in pages[0], pages[0][-300:]
    assert TEXT["id"]["sec.brief"] not in pages[1] and last not in pages[1]


def test_page_one_has_no_jargon(region_run):
    brief_html = _section(region_run, "brief")
    text = " ".join(re.sub(r"<[^>]+>", " ", brief_html).split())
    for word in ("replikasi", "IK 95%", "P10", "P90", "seed", "nyata"):
        assert word not in text, word
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # dates in words


def test_page_one_never_pairs_staff_will_not_help_with_a_staff_plan(region_run):
    found = read_json(region_run / "brief.json")
    if found["limit"]["staff_helps"] is False and found["plan"] is not None:
        plan = found["plan"]
        assert plan["officers_added"] <= 0 and plan["devices_added"] <= 0
    text = _section(region_run, "brief")
    said_not = TEXT["id"]["p1.limit.residents.not"].split("{")[0]
    assert said_not.startswith("Pihak warga, bukan jumlah petugas")
    if said_not in text:
        assert "Peluang mencapai target naik dari" not in text
        assert "petugas PPPK" not in text


def test_a_demand_limited_search_recommends_no_staff(tmp_path_factory):
    """Solok Selatan's five weeks cannot reach the yearly target with any staff."""
    out = short(tmp_path_factory, "solok_selatan_2023", "--find-staff")
    found = read_json(out / "brief.json")
    assert found["limit"] == found["limit"] | {"kind": "residents", "staff_helps": False}
    assert found["plan"] is None
    assert TEXT["id"]["p1.plan.not_staff"] in _section(out, "brief")


def test_a_search_that_finds_a_plan_recommends_it_with_its_terms(tmp_path_factory):
    out = decisions(tmp_path_factory, "id")
    found, search = read_json(out / "brief.json"), read_json(out / "search.json")
    assert found["limit"]["kind"] == "capacity" and found["limit"]["staff_helps"] is True
    assert found["plan"]["officers_added"] == search["chosen"]["added_officers"]
    assert found["plan"]["cost"] == search["chosen"]["cost"]
    assert found["plan"]["starts"] == search["pppk_from"]
    text = _section(out, "brief")
    assert "Tambahan petugas PPPK" in text and "perangkat" in text


def _section(out, name: str) -> str:
    text = (out / "report.html").read_text(encoding="utf-8")
    start = text.index(f'<section id="{name}"')
    return text[start : text.index("</section>", start)]


# --- the whole document ---------------------------------------------------------------------


def test_no_python_repr_anywhere(region_run):
    text = (region_run / "report.html").read_text(encoding="utf-8")
    for mark in ("{'", "datetime.", "[{", "{&#39;", "&#39;:", "None</td>", "True<", "False<"):
        assert mark not in text, mark


def test_the_abk_of_today_the_plan_and_the_target(tmp_path_factory):
    """Every case is in abk.json and on the page; officers needed = workload ÷ effective
    time, in post = whole officers, difference = in post − needed (whole)."""
    for out in (
        short(tmp_path_factory, "mojokerto_2023", "--compare"),
        decisions(tmp_path_factory, "id"),
    ):
        cases = read_json(out / "abk.json")["abk_cases"]
        assert cases[0]["case"] == "today" and cases[-1]["case"] == "target"
        assert "plan" in [c["case"] for c in cases]
        for case in cases:
            for row in case["rows"]:
                if row["row"] in ("subtotal", "total"):
                    wanted = row["workload_min"] / case["effective_min"]
                    assert row["officers_needed"] == pytest.approx(wanted, rel=1e-12)
                    assert isinstance(row["officers_in_post"], int)
                    assert (
                        row["difference"] == row["officers_in_post"] - row["officers_needed_whole"]
                    )
        shown = {
            e.attrs.get("data-case") for e in page(out / "report.html").elements if e.tag == "table"
        }
        assert {"today", "plan", "target"} <= shown
        assert read_json(out / "summary.json")["abk"] == cases[0]


# --- renderers show the typed results' numbers -----------------------------------------------


def made_brief(**changes) -> Brief:
    """A brief whose numbers no model made, and that do not agree with each other."""
    plan = Proposal(
        "plan",
        "",
        7,
        9,
        dt.date(2023, 8, 14),
        123_456_789.0,
        0.93,
        45_678.0,
        added={"main_office": 7},
    )
    today = Proposal("baseline", "", 0, 0, None, 0.0, 0.12, 34_567.0)
    made = Brief(
        staff={"main_office": (1, 19, 12), "kecamatan_post": (18, 36, 18)},
        target=54_321,
        period_end=dt.date(2023, 12, 31),
        chance=Chance(0.37, (0.21, 0.55), 30, 11),
        activations_mean=12_345.4,
        activations_p10=11_111.0,
        activations_p90=13_579.0,
        share_of_target=0.4242,
        gap_to_target=9_876.0,
        reached_median=None,
        limit=Limit("capacity", True, "closed", 0.61),
        goal_p=0.9,
        today=today,
        plan=plan,
        plan_meets_goal=True,
    )
    return dataclasses.replace(made, **changes)


def test_page_one_shows_exactly_the_briefs_numbers():
    lines = " ".join(str(line) for _, line in page_one(made_brief(), "en").lines)
    text = " ".join(re.sub(r"<[^>]+>", "", lines).split())
    for shown in (
        "54,321",
        "31 December 2023",
        "37%",
        "12,345",
        "42%",
        "11,111",
        "13,579",
        "9,876",
        "61%",
        "+7 officers",
        "+9 devices",
        "14 August 2023",
        "Rp123 million",
        "12%",
        "93%",
        "34,567",
        "45,678",
    ):
        assert shown in text, shown
    assert "about 4 in 10 (11 of 30 simulation runs)" in text
    assert "between 21% and 55%" in text  # the interval is wide: a caution


def test_page_one_says_when_the_plan_falls_short_on_fresh_runs():
    from sim.decide.search import Recheck

    made = made_brief(recheck=Recheck("30-59", 0.64, 1000.0, False), recheck_runs=30)
    plan = dict(page_one(made, "en").lines)["Recommended plan"]
    assert "Checked again on 30 fresh simulation runs" in plan and "only 64%" in plan


def test_page_one_rows_are_the_briefs_staff():
    made = page_one(made_brief(), "id")
    assert made.staff_rows == [
        ["Kantor dinas / MPP", "1", "19", "12"],
        ["Pos kecamatan", "18", "36", "18"],
    ]
    assert made.staff_total[1:] == ["19", "55", "30"]


def test_the_abk_table_shows_its_fields_even_when_they_disagree():
    """Officers needed 7.77 although workload ÷ effective time is 2: the page shows 7,77."""
    rows = (
        Task("main_office", "ikd", 1234.0, (1200.0, 1268.0), 5.5, 6000.0),
        Staffing("subtotal", "main_office", 6000.0, 7.77, 8, 11, 3, 3, 0.31, "E"),
        Staffing("total", None, 6000.0, 7.77, 8, 11, 3, 3, 0.31, "E"),
    )
    made = Abk(1250, 0.04, 3000.0, rows, ForTarget(100, 5.0, 50.0), "today")
    table = case_table(made, 0, {}, "id")
    cells = [re.sub(r"<[^>]+>", "", str(c)) for _, row in table.rows for c in row]
    for shown in ("1.234", "5,5", "6.000", "3.000", "7,77 (8)", "11", "3"):
        assert shown in cells, shown
    assert any("3 petugas tanpa perangkat" in str(note) for note in table.notes)


# --- the limit and the recommendation agree ---------------------------------------------------


def proposal(name: str, officers: int, p: float, gain: float) -> Proposal:
    diff = Difference(gain, (gain - 1, gain + 1), True)
    return Proposal(name, name, officers, officers, None, 0.0, p, 1000 + gain, diff)


@pytest.mark.parametrize("staff_helps", [False, None])
def test_no_staff_proposal_is_recommended_when_staff_cannot_reach_the_target(staff_helps):
    offered = (proposal("more_staff", 6, 0.2, 900), proposal("policy", 0, 0.1, 300))
    chosen = recommend(offered, None, Limit("residents", staff_helps))
    assert chosen.name == ("policy" if staff_helps is False else "more_staff")


def test_a_gain_that_is_not_significant_is_never_recommended():
    weak = dataclasses.replace(
        proposal("weak", 3, 0.5, 50), difference=Difference(50, (-5, 105), False)
    )
    assert recommend((weak,), None, Limit("capacity", None)) is None


def test_the_brief_of_a_run(tmp_path_factory):
    """brief() on a real summary: the chance and the runs behind it are summary.json's."""
    out = short(tmp_path_factory, "mojokerto_2023", "--compare")
    found, summary = read_json(out / "brief.json"), read_json(out / "summary.json")
    assert found["chance"]["p"] == summary["p_reach_target"]
    assert found["chance"]["runs"] == summary["provenance"]["replications"] == 2
    assert found["activations_mean"] == summary["activations"]["mean"]
