"""The browser harness finds what it is meant to find (positive controls) and nothing on
clean pages (negative controls), so a passing report test means something."""

from __future__ import annotations

import base64
import contextlib
import io
import os
import socket
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from . import browser as browser_module
from .browser import (
    A4_POINTS,
    BrowserError,
    console_messages,
    dump_dom,
    element_names,
    is_a4,
    is_blank,
    network_requests,
    pdf_media_box,
    pdf_page_count,
    print_pdf,
    read_png,
    require_browser,
    screenshot,
    start_chromium,
    visit,
)


def _page(tmp_path: Path, body: str, head: str = "", name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(
        f'<!doctype html><html><head><meta charset="utf-8">{head}</head><body>{body}</body></html>',
        encoding="utf-8",
    )
    return path


def _png(pixels: np.ndarray) -> bytes:
    """A PNG of uint8 (h, w, c) pixels: grey, grey and alpha, RGB or RGBA."""
    out = io.BytesIO()
    Image.fromarray(pixels.squeeze(axis=2) if pixels.shape[2] == 1 else pixels).save(out, "PNG")
    return out.getvalue()


# --- helpers that need no browser ------------------------------------------------------


@pytest.mark.parametrize("channels", [1, 2, 3, 4])
def test_read_png_gives_height_width_channels(tmp_path, channels):
    pixels = np.random.default_rng(channels).integers(0, 256, (23, 17, channels), np.uint8)
    path = tmp_path / "noise.png"
    path.write_bytes(_png(pixels))
    assert np.array_equal(read_png(path), pixels)


def test_is_blank_counts_pixels_off_the_main_colour(tmp_path):
    pixels = np.full((100, 100, 3), 255, np.uint8)
    pixels[0, :40] = 0  # 0.4 % of the pixels
    (tmp_path / "almost.png").write_bytes(_png(pixels))
    pixels[1, :20] = 0  # 0.6 %
    (tmp_path / "some.png").write_bytes(_png(pixels))
    assert is_blank(tmp_path / "almost.png")
    assert not is_blank(tmp_path / "some.png")


def test_missing_browser_skips_or_fails_as_configured(monkeypatch):
    monkeypatch.setattr(browser_module, "chromium_path", lambda: None)
    monkeypatch.delenv("IKD_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="chromium not found"):
        require_browser()
    monkeypatch.setenv("IKD_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="IKD_REQUIRE_BROWSER"):
        require_browser()


# --- screenshots -----------------------------------------------------------------------


def test_screenshot_of_text_is_not_blank(browser, tmp_path):
    # one heading and one sentence cover only ~0.2 % of 1200 x 1600: a report-like page
    rows = "".join(f"<tr><td>Kantor {i}</td><td>{3 + i % 4} petugas</td></tr>" for i in range(12))
    text = "Antrean rata-rata 12 menit, waktu tunggu maksimum 45 menit. " * 8
    page = _page(tmp_path, f"<h1>Kebutuhan petugas</h1><p>{text}</p><table>{rows}</table>")
    png = screenshot(browser, page, tmp_path / "text.png")
    assert read_png(png).shape[:2] == (1600, 1200)
    assert not is_blank(png)


@pytest.mark.parametrize(
    "body", ["", '<p style="color: #fff">white on white</p>'], ids=["empty", "invisible"]
)
def test_screenshot_of_empty_page_is_blank(browser, tmp_path, body):
    png = screenshot(browser, _page(tmp_path, body), tmp_path / "blank.png", width=400, height=300)
    assert read_png(png).shape[:2] == (300, 400)
    assert is_blank(png)


# --- console ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ('console.error("boom")', "boom"),
        ('throw new Error("kaboom")', "Uncaught Error: kaboom"),
        ('setTimeout(() => { throw new Error("late") }, 500)', "Uncaught Error: late"),
        ('Promise.reject(new TypeError("nope"))', "Uncaught TypeError: nope"),
        ('console.log("multi\\nline")', "multi\nline"),
        ('console.warn("careful")', "careful"),
    ],
    ids=["console.error", "throw", "throw-in-timer", "rejection", "multi-line", "warn"],
)
def test_console_messages_catch_errors(browser, tmp_path, script, expected):
    page = _page(tmp_path, f"<p>x</p><script>{script}</script>")
    assert expected in console_messages(browser, page)


def test_console_messages_of_clean_page_are_empty(browser, tmp_path):
    assert console_messages(browser, _page(tmp_path, "<p>clean</p>")) == []


# --- network ---------------------------------------------------------------------------

FONT = (
    "<style>@font-face { font-family: Remote; src: url('{url}') }"
    " body { font-family: Remote }</style>"
)
NETWORK_CASES = {
    "img-http": (
        "",
        '<img src="http://img.example.com/a.png">',
        "GET http://img.example.com/a.png",
    ),
    "img-https": (
        "",
        '<img src="https://img.example.org/a.png">',
        "GET https://img.example.org/a.png",
    ),
    "img-loopback": (
        "",
        '<img src="http://127.0.0.1:8000/a.png">',
        "GET http://127.0.0.1:8000/a.png",
    ),
    "stylesheet-http": (
        '<link rel="stylesheet" href="http://css.example.com/a.css">',
        "",
        "GET http://css.example.com/a.css",
    ),
    "stylesheet-https": (
        '<link rel="stylesheet" href="https://css.example.org/a.css">',
        "",
        "GET https://css.example.org/a.css",
    ),
    "css-import": (
        '<style>@import url("http://imp.example.com/b.css");</style>',
        "",
        "GET http://imp.example.com/b.css",
    ),
    "font-https": (
        FONT.replace("{url}", "https://fonts.example.net/f.woff2"),
        "<p>text</p>",
        "GET https://fonts.example.net/f.woff2",
    ),
    "font-http": (
        FONT.replace("{url}", "http://fonts.example.com/f.woff2"),
        "<p>text</p>",
        "GET http://fonts.example.com/f.woff2",
    ),
    "script-http": (
        '<script src="http://js.example.com/s.js"></script>',
        "",
        "GET http://js.example.com/s.js",
    ),
    "script-https": (
        '<script src="https://js.example.org/s.js"></script>',
        "",
        "GET https://js.example.org/s.js",
    ),
    "print-only": (
        "<style>@media print { body { background: url(http://print.example.com/p.png) } }</style>",
        "<p>x</p>",
        "GET http://print.example.com/p.png",
    ),
    "fetch-in-timer": (
        "",
        '<script>setTimeout(() => fetch("https://api.example.com/v1"), 300)</script>',
        "GET https://api.example.com/v1",
    ),
    "websocket": (
        "",
        '<script>new WebSocket("wss://ws.example.com/live")</script>',
        "WEBSOCKET wss://ws.example.com/live",
    ),
}


@pytest.mark.parametrize("case", NETWORK_CASES)
def test_network_requests_catch_external_resources(browser, tmp_path, case):
    head, body, expected = NETWORK_CASES[case]
    requests = network_requests(browser, _page(tmp_path, body, head))
    assert expected in requests, requests


def test_network_requests_of_data_uri_page_are_empty(browser, tmp_path):
    pixels = np.zeros((4, 4, 3), np.uint8)
    uri = "data:image/png;base64," + base64.b64encode(_png(pixels)).decode()
    page = _page(tmp_path, f'<p>chart</p><img src="{uri}">', "<style>p { color: navy }</style>")
    assert network_requests(browser, page) == []


# --- DOM and PDF -----------------------------------------------------------------------


def test_dump_dom_shows_escaped_markup_as_text(browser, tmp_path):
    page = _page(tmp_path, "<p>Nama kantor: &lt;script&gt;alert(1)&lt;/script&gt;</p>")
    dom = dump_dom(browser, page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert element_names(dom)["script"] == 0
    # positive control: a real script element is seen
    real = dump_dom(browser, _page(tmp_path, "<p>x</p><script>1</script>", name="real.html"))
    assert element_names(real)["script"] == 1


def test_print_pdf_honours_page_size(browser, tmp_path):
    page = _page(
        tmp_path,
        '<h1>Halaman 1</h1><p style="break-after: page">x</p><h1>Halaman 2</h1>',
        "<style>@page { size: A4; margin: 15mm }</style>",
    )
    pdf = print_pdf(browser, page, tmp_path / "a4.pdf")
    box = pdf_media_box(pdf)
    assert is_a4(box), box
    assert box[2] == pytest.approx(A4_POINTS[0], abs=1.5)
    assert pdf_page_count(pdf) == 2
    # negative control: a Letter page is not taken for A4
    letter = _page(tmp_path, "<p>x</p>", "<style>@page { size: letter }</style>", "letter.html")
    box = pdf_media_box(print_pdf(browser, letter, tmp_path / "letter.pdf"))
    assert not is_a4(box)
    assert (box[2] - box[0], box[3] - box[1]) == pytest.approx((612, 792), abs=1.5)


def test_aborted_requests_reach_no_server(browser, tmp_path):
    with socket.create_server(("127.0.0.1", 0)) as server:
        url = f"http://127.0.0.1:{server.getsockname()[1]}/a.png"
        requests = network_requests(browser, _page(tmp_path, f'<img src="{url}">'))
        server.setblocking(False)
        with pytest.raises(BlockingIOError):
            server.accept()  # no connection is pending
    assert requests == [f"GET {url}"]


# --- timeouts and processes ------------------------------------------------------------


def test_hung_page_times_out_and_the_browser_goes_on(browser, tmp_path):
    hung = _page(tmp_path, "<p>x</p><script>for (;;) {}</script>")
    with pytest.raises(BrowserError, match="took over 2 s"), visit(browser, hung, timeout=2):
        pass
    assert "<p>next</p>" in dump_dom(browser, _page(tmp_path, "<p>next</p>", name="next.html"))


def _live_processes() -> dict[int, int]:
    """Parent of each process that has not exited (zombies are left out)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError):
            state, ppid = stat.read_text().rsplit(")", 1)[1].split()[:2]
            if state != "Z":
                parents[int(stat.parent.name)] = int(ppid)
    return parents


def _descendants() -> set[int]:
    parents, found = _live_processes(), {os.getpid()}
    while grown := {pid for pid, ppid in parents.items() if ppid in found} - found:
        found |= grown
    return found - {os.getpid()}


def test_closed_browser_leaves_no_process_behind(browser, tmp_path):
    before = _descendants()
    own = start_chromium(browser.browser_type)
    with contextlib.closing(own), visit(own, _page(tmp_path, "<p>x</p>")):
        started = _descendants() - before
    assert len(started) >= 3  # chromium, its renderer and helpers
    deadline = time.monotonic() + 5
    while started & _live_processes().keys() and time.monotonic() < deadline:
        time.sleep(0.1)  # reparented helpers may take a moment to exit
    assert started & _live_processes().keys() == set()
