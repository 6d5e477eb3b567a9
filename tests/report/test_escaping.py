"""report.html shows the scenario's own text (names, descriptions, YAML comments) as text,
never as markup, and fetches nothing: no scripts, no external addresses, images inline,
and a Content-Security-Policy that forbids everything else. The workbook keeps the raw text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sim.report.i18n import TEXT

from .support import Page, cli, decisions, mojokerto, page, sheets

NAME = "<script>alert(1)</script>"
BOLD = "<b>x</b>"
IMG = "<img src=x onerror=alert(1)>"

SCENARIO = f"""\
# A scenario whose text is markup.
name: "{NAME}"
description: "{BOLD} & co"
period: {{start: 2023-01-02, end: 2023-01-06}}
goal: {{residents_obliged_ktp: 100000, target_count: 50, activated_at_start: 0}}
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
    main_office: {{mon: "08:00-12:00", tue: "08:00-12:00", wed: "08:00-12:00",
                  thu: "08:00-12:00", fri: "08:00-12:00"}}
activation:
  officer_min: {{kind: fixed, value: 10}}
  check_min: 1
  self_prep_min: 0
  face_recognition: {{attempt_min: 0, fail_prob: 0.0, max_attempts: 1}}
  email_code: {{code_min: 0, second_visit_prob: 0.0}}
sites:
  - name: "Loket {BOLD} & Co"
    kind: main_office
    officers: 1
    devices: 1
    walk_ins_per_day: 30   # {IMG} from the census & the dinas
demand:
  arrival_pattern: even
  returns: {{after_closing: 0, after_outage: 0, after_quota_full: 0, after_fr_failure: 0,
            after_email_failure: 0, delay_days: 1}}
variants:
  dua&tiga:
    description: "{BOLD} & more"
    changes:
      "sites.Loket {BOLD} & Co.officers": 2
"""


@pytest.fixture(scope="module")
def marked_up(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("markup")
    path = folder / "markup.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    out = folder / "out"
    result = cli(path, "--compare", "-n", "2", "--workers", "1", "--quiet", "--out", out)
    assert result.code == 0, result.err
    return out


def test_scenario_text_is_escaped(marked_up):
    text = (marked_up / "report.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script" not in text.lower()
    assert BOLD not in text
    assert "&lt;b&gt;x&lt;/b&gt; &amp; co" in text  # the description
    assert "&lt;b&gt;x&lt;/b&gt; &amp; more" in text  # the variant's
    assert "Loket &lt;b&gt;x&lt;/b&gt; &amp; Co" in text  # the site, in the inputs table
    assert "dua&amp;tiga" in text
    assert not re.search(r"&(?![a-zA-Z]+;|#\d+;|#x[0-9a-fA-F]+;)", text)  # no bare "&"


def test_the_title_shows_the_name_as_text(marked_up):
    doc = page(marked_up / "report.html")
    (title,) = doc.texts("title")
    assert title.endswith(f": {NAME}")
    assert NAME in doc.texts("p")  # the scenario line under the heading
    assert not [e for e in doc.elements if e.tag in ("script", "b")]


def test_a_yaml_comment_is_escaped_in_the_assumptions_table(marked_up):
    text = (marked_up / "report.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt; from the census &amp; the dinas" in text
    assert IMG not in text
    doc = page(marked_up / "report.html")
    images = [e for e in doc.elements if e.tag == "img"]
    assert images and all(e.attrs["src"].startswith("data:image/png;base64,") for e in images)
    assert not [e for e in doc.elements if any(a.startswith("on") for a in e.attrs)]


def test_the_workbook_holds_the_raw_text(marked_up):
    book = sheets(marked_up / "results.xlsx")
    inputs = {row[0]: row for row in book[TEXT["id"]["sheet.inputs"]].rows}
    assert inputs["name"][1] == NAME
    assert inputs["description"][1] == f"{BOLD} & co"
    walk_ins = inputs[f"sites.Loket {BOLD} & Co.walk_ins_per_day"]
    assert walk_ins[1] == "30"
    assert walk_ins[3] == f"{IMG} from the census & the dinas"
    compare = book[TEXT["id"]["sheet.comparison"]]
    assert [row[:2] for row in compare.rows] == [
        ["baseline", None],
        ["dua&tiga", f"{BOLD} & more"],
    ]


# --- nothing is fetched ------------------------------------------------------------------------

LINK_ATTRIBUTES = ("src", "href", "action", "formaction", "poster", "srcset", "data", "xlink:href")


@pytest.fixture(scope="module", params=["markup", "region-id", "region-en-compare", "decisions-en"])
def any_report(request, marked_up, tmp_path_factory) -> str:
    out = {
        "markup": lambda: marked_up,
        "region-id": lambda: mojokerto(tmp_path_factory, "--lang", "id"),
        "region-en-compare": lambda: mojokerto(tmp_path_factory, "--lang", "en", "--compare"),
        "decisions-en": lambda: decisions(tmp_path_factory, "en"),
    }[request.param]()
    return (out / "report.html").read_text(encoding="utf-8")


def test_nothing_external_is_referenced(any_report):
    doc = Page(any_report)
    for element in doc.elements:
        assert element.tag not in ("script", "link", "iframe", "object", "embed", "base", "form")
        for name, value in element.attrs.items():
            assert not name.startswith("on"), (element.tag, name)
            if name in LINK_ATTRIBUTES:
                assert value is not None
                assert not re.match(r"\s*(https?:|//|javascript:|file:)", value, re.I), value
    assert "@import" not in any_report
    for match in re.finditer(r"url\(\s*['\"]?", any_report):
        assert any_report[match.end() : match.end() + 5] == "data:", match.group()
    images = [e for e in doc.elements if e.tag == "img"]
    assert len(images) >= 4
    for image in images:
        assert image.attrs["src"].startswith("data:image/png;base64,")
        assert image.attrs.get("alt")


def test_a_content_security_policy_forbids_fetching(any_report):
    doc = Page(any_report)
    policies = [
        e.attrs.get("content") or ""
        for e in doc.elements
        if e.tag == "meta"
        and (e.attrs.get("http-equiv") or "").lower() == "content-security-policy"
    ]
    assert len(policies) == 1
    directives = {
        part.split()[0]: part.split()[1:] for part in policies[0].split(";") if part.strip()
    }
    assert directives["default-src"] == ["'none'"]
    assert set(directives.get("img-src", [])) <= {"data:"}
    assert "script-src" not in directives
    head = any_report[: any_report.index("</head>")]
    assert head.index("Content-Security-Policy") < head.index("<style")


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    """A name or note starting with "=" is stored as text: Excel never evaluates it."""
    from openpyxl import Workbook, load_workbook

    from sim.report.workbook import _sheet

    book = Workbook()
    formula = '=HYPERLINK("http://example.invalid","klik")'
    _sheet(book, "t", ["=SUM(1)", "b"], [[formula, 3]])
    book.save(tmp_path / "t.xlsx")
    sheet = load_workbook(tmp_path / "t.xlsx")["t"]
    assert [c.data_type for c in sheet[1]] == ["s", "s"]
    assert (sheet["A2"].value, sheet["A2"].data_type, sheet["B2"].data_type) == (formula, "s", "n")


def test_no_python_repr_in_the_variants_table(tmp_path_factory):
    """Variant changes holding mappings, lists and dates (Mojokerto's PPPK additions) are
    written out as text: no braces, quotes or datetime reprs anywhere in the report."""
    text = (mojokerto(tmp_path_factory, "--compare") / "report.html").read_text(encoding="utf-8")
    for repr_mark in ("{'", "datetime.", "[{", "{&#39;"):
        assert repr_mark not in text, repr_mark
    assert "site: Pos Kecamatan, officers: 1, devices: 1, from: 3 Juli 2023" in text
