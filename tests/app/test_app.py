"""The browser app (issue 13), driven in a real headless Chromium: it loads, a run finishes
and shows the report's answer, a changed officer count changes the result, a download works,
a bad workbook shows the CLI's one-line error in the page, no console errors, and no request
leaves 127.0.0.1."""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from cases import COUNTER
from playwright.sync_api import Page, Route, expect, sync_playwright

from sim.scenario import apply_changes, load
from tests.report.browser import require_browser, start_chromium
from tests.report.support import scenario_text

ROOT = Path(__file__).resolve().parents[2]
RUN_S = 120_000  # ms for one short run (two replications of the M/M/c check)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The app served from a working folder holding two scenarios: its address and folder."""
    require_browser()
    work = tmp_path_factory.mktemp("work")
    (work / "scenarios").mkdir()
    shutil.copy(ROOT / "scenarios" / "validation" / "mmc.yaml", work / "scenarios" / "mmc.yaml")
    shutil.copy(ROOT / "scenarios" / "mojokerto_2023.yaml", work / "scenarios")
    (work / "scenarios" / "loket.yaml").write_text(counter_text(), encoding="utf-8")
    port = free_port()
    cmd = [sys.executable, str(ROOT / "run_sim.py"), "--app", "--no-browser", "--port", str(port)]
    server = subprocess.Popen(cmd, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(url, server)
        yield url, work
    finally:
        server.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(10)
        server.kill()


def counter_text() -> str:
    """The hand-computable counter (tests/cases.py: one officer serves 960 of the 2,000 of the
    target, three serve 2,000) with a proposal of three officers, PPPK allowed from day one."""
    changes = {**COUNTER, "name": "Loket uji", "staff.pppk_earliest_start": "2023-01-02"}
    scenario = apply_changes(load(ROOT / "scenarios" / "validation" / "mmc.yaml"), changes, "t", "")
    three = {"sites.Loket.officers": 3, "sites.Loket.devices": 3}
    return scenario_text(scenario, variants={"tiga_loket": {"changes": three}})


def _wait_for(url: str, server: subprocess.Popen) -> None:
    for _ in range(120):
        if server.poll() is not None:
            pytest.fail(f"the app stopped: {server.stderr.read().decode()[-500:]}")
        with contextlib.suppress(OSError):
            if urllib.request.urlopen(url, timeout=1).status == 200:
                return
        time.sleep(0.25)
    pytest.fail("the app did not answer within 30 s")


class Watched:
    """A page whose requests off 127.0.0.1 are refused and counted, and its console errors."""

    def __init__(self, page: Page) -> None:
        self.page, self.outside, self.errors = page, [], []
        page.route("**/*", self._route)
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:", "about:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()


@pytest.fixture
def page(app) -> Iterator[Watched]:
    with sync_playwright() as playwright:
        browser = start_chromium(playwright.chromium)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 1000})
            watched = Watched(context.new_page())
            watched.page.goto(app[0])
            watched.page.get_by_text("Simulator staf aktivasi IKD").wait_for(timeout=30_000)
            yield watched
            assert watched.outside == [], watched.outside
            assert watched.errors == [], watched.errors
        finally:
            browser.close()


def choose_mmc(page: Page, runs: int = 2) -> None:
    choose(page, "scenarios/mmc.yaml", "Validasi M/M/c", "4", runs)


def choose(page: Page, file: str, name: str, officers: str, runs: int = 2) -> None:
    """Pick a scenario and wait until its own first site's officers show (the page
    re-renders in steps: the name may show before the inputs are replaced)."""
    page.locator("[data-testid=stSelectbox]").click()
    page.get_by_role("option", name=file).click()
    page.get_by_text(name).first.wait_for()
    first = page.get_by_label("Petugas", exact=True).first
    expect(first).to_have_value(officers, timeout=15_000)
    field = page.get_by_label("Jumlah simulasi")
    field.fill(str(runs))
    field.press("Enter")


def run_and_wait(page: Page, button: str = "Jalankan") -> None:
    page.get_by_role("button", name=button).click()
    page.get_by_text("Selesai dalam").wait_for(timeout=RUN_S)
    page.get_by_role("heading", name="Jawaban").wait_for()


def latest_summary(work: Path) -> dict:
    folders = sorted((work / "app-runs").iterdir())
    return json.loads((folders[-1] / "hasil" / "summary.json").read_text(encoding="utf-8"))


def mean_activations(summary: dict) -> float:
    return summary["activations"]["mean"]


def test_a_run_shows_the_answer_and_an_officer_count_changes_it(page, app):
    choose_mmc(page.page)
    run_and_wait(page.page)
    report = page.page.frame_locator("iframe").first
    report.get_by_text("Ringkasan untuk pimpinan").wait_for()
    before = mean_activations(latest_summary(app[1]))
    officers = page.page.get_by_label("Petugas", exact=True).first
    officers.fill("1")
    officers.press("Enter")
    time.sleep(1)
    run_and_wait(page.page)
    ran = sorted((app[1] / "app-runs").iterdir())[-1] / "scenario.yaml"
    assert "officers: 1\n" in ran.read_text(encoding="utf-8")
    after = mean_activations(latest_summary(app[1]))
    assert after < 0.4 * before  # one officer of four (rho 0.9) serves far fewer residents


def test_the_report_downloads(page, app, tmp_path):
    choose_mmc(page.page)
    run_and_wait(page.page)
    with page.page.expect_download() as download:
        page.page.get_by_role("button", name="Unduh laporan").click()
    saved = tmp_path / "report.html"
    download.value.save_as(saved)
    assert "Ringkasan untuk pimpinan" in saved.read_text(encoding="utf-8")


def test_a_bad_workbook_shows_the_one_line_error(page, app, tmp_path):
    bad = tmp_path / "rusak.xlsx"
    bad.write_text("bukan excel", encoding="utf-8")
    page.page.locator("input[type=file]").set_input_files(str(bad))
    alert = page.page.get_by_text("bukan buku kerja Excel")
    alert.wait_for(timeout=30_000)
    text = alert.inner_text()
    assert "app-uploads/rusak.xlsx" in text and str(app[1]) not in text


def test_a_newly_chosen_scenario_shows_its_own_staff(page):
    choose_mmc(page.page)  # after loket.yaml (1 officer), the first in the list: 4 shown
    page.page.locator("[data-testid=stSelectbox]").first.click()
    page.page.get_by_role("option", name="scenarios/mojokerto_2023.yaml").click()
    page.page.get_by_text("Kab. Mojokerto 2023").first.wait_for()
    field = page.page.get_by_label("Petugas", exact=True).first
    # the main office of mojokerto_2023.yaml, not mmc's 4 (waited for: the page re-renders)
    expect(field).to_have_value("19", timeout=15_000)


def test_compare_runs_every_proposal_and_shows_the_comparison(page, app):
    choose(page.page, "scenarios/loket.yaml", "Loket uji", "1")
    run_and_wait(page.page, "Bandingkan usulan")
    ran = sorted((app[1] / "app-runs").iterdir())[-1] / "hasil"
    compared = json.loads((ran / "comparison.json").read_text(encoding="utf-8"))["variants"]
    assert {name: mean_activations(v["summary"]) for name, v in compared.items()} == {
        "baseline": 960,  # one counter: 20 days of 48 (tests/cases.py)
        "tiga_loket": 2000,  # three counters serve all 100 a day
    }
    page.page.frame_locator("iframe").first.get_by_text("tiga_loket").first.wait_for()


def test_the_staffing_search_finds_the_two_officers_worked_out_by_hand(page, app):
    choose(page.page, "scenarios/loket.yaml", "Loket uji", "1")
    run_and_wait(page.page, "Cari tambahan staf")
    ran = sorted((app[1] / "app-runs").iterdir())[-1] / "hasil"
    found = json.loads((ran / "search.json").read_text(encoding="utf-8"))
    assert found["status"] == "found" and found["chosen"]["added"] == {"main_office": 2}
    page.page.frame_locator("iframe").first.get_by_text("Ringkasan untuk pimpinan").wait_for()


def test_stopping_the_launcher_stops_the_server(tmp_path):
    """``run_sim.py --app`` runs Streamlit in a child: a stop of the launcher must not leave
    the server listening."""
    port = free_port()
    cmd = [sys.executable, str(ROOT / "run_sim.py"), "--app", "--no-browser", "--port", str(port)]
    launcher = subprocess.Popen(
        cmd, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(url, launcher)
        launcher.terminate()
        launcher.wait(15)
        time.sleep(0.5)
        with pytest.raises(OSError):
            urllib.request.urlopen(url, timeout=2)
    finally:
        launcher.kill()
