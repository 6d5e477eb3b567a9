"""report.html in a real headless Chromium: it renders, stays silent, stays offline, keeps
scenario text as text, and prints on A4."""

from __future__ import annotations

import html

import pytest

from .browser import (
    console_messages,
    dump_dom,
    element_names,
    is_a4,
    is_blank,
    network_requests,
    pdf_media_box,
    pdf_page_count,
    print_pdf,
    screenshot,
)
from .support import mojokerto

SCRIPT_NAME = "<script>alert(1)</script>"


@pytest.fixture(scope="module", params=["id", "en"])
def report(request, tmp_path_factory, browser):
    """report.html of a month of Kab. Mojokerto with its proposals compared."""
    out = mojokerto(tmp_path_factory, "--compare", "--lang", request.param)
    return out / "report.html"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, browser):
    """report.html of a scenario whose name is a script tag."""
    return mojokerto(tmp_path_factory, "--set", f"name={SCRIPT_NAME}") / "report.html"


def test_report_renders_a_page_that_is_not_blank(browser, report, tmp_path):
    shot = screenshot(browser, report, tmp_path / "report.png")
    assert not is_blank(shot)


def test_report_writes_nothing_to_the_console(browser, report):
    assert console_messages(browser, report) == []


def test_report_requests_nothing_from_the_network(browser, report):
    assert network_requests(browser, report) == []


def test_report_prints_on_a4_pages(browser, report, tmp_path):
    pdf = print_pdf(browser, report, tmp_path / "report.pdf")
    assert is_a4(pdf_media_box(pdf))
    assert pdf_page_count(pdf) >= 4  # answer, charts, ABK, assumptions, appendix


def test_a_scenario_named_like_a_script_is_shown_as_text(browser, hostile):
    dom = dump_dom(browser, hostile)
    assert element_names(dom)["script"] == 0
    assert html.escape(SCRIPT_NAME, quote=False) in dom  # text in the DOM, escaped again
    assert console_messages(browser, hostile) == []
