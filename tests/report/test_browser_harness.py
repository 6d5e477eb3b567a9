"""The browser harness finds what it is meant to find (positive controls) and nothing on
clean pages (negative controls), so a passing report test means something."""

from __future__ import annotations

import base64
import contextlib
import struct
import time
import zlib
from pathlib import Path

import numpy as np
import pytest

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
    parse_console,
    pdf_media_box,
    pdf_page_count,
    print_pdf,
    read_png,
    require_browser,
    run_chromium,
    screenshot,
)


def _page(tmp_path: Path, body: str, head: str = "", name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(
        f'<!doctype html><html><head><meta charset="utf-8">{head}</head><body>{body}</body></html>',
        encoding="utf-8",
    )
    return path


def _encode_png(pixels: np.ndarray) -> bytes:
    """A PNG of uint8 (h, w, c) pixels, row y filtered with PNG filter type y % 5."""
    height, width, channels = pixels.shape
    colour = {1: 0, 2: 4, 3: 2, 4: 6}[channels]
    x = pixels.reshape(height, width * channels).astype(np.int32)
    raw = b""
    for y in range(height):
        b = x[y - 1] if y else np.zeros_like(x[y])
        a = np.concatenate([np.zeros(channels, np.int32), x[y, :-channels]])
        c = np.concatenate([np.zeros(channels, np.int32), b[:-channels]])
        pa, pb, pc = np.abs(b - c), np.abs(a - c), np.abs(a + b - 2 * c)
        paeth = np.where((pa <= pb) & (pa <= pc), a, np.where(pb <= pc, b, c))
        kind = y % 5
        pred = [0, a, b, (a + b) // 2, paeth][kind]
        raw += bytes([kind]) + ((x[y] - pred) % 256).astype(np.uint8).tobytes()

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


# --- helpers that need no browser ------------------------------------------------------


@pytest.mark.parametrize("channels", [1, 2, 3, 4])
def test_read_png_undoes_every_filter_type(tmp_path, channels):
    pixels = np.random.default_rng(channels).integers(0, 256, (23, 17, channels), np.uint8)
    path = tmp_path / "noise.png"
    path.write_bytes(_encode_png(pixels))
    assert np.array_equal(read_png(path), pixels)


def test_is_blank_counts_pixels_off_the_main_colour(tmp_path):
    pixels = np.full((100, 100, 3), 255, np.uint8)
    pixels[0, :40] = 0  # 0.4 % of the pixels
    (tmp_path / "almost.png").write_bytes(_encode_png(pixels))
    pixels[1, :20] = 0  # 0.6 %
    (tmp_path / "some.png").write_bytes(_encode_png(pixels))
    assert is_blank(tmp_path / "almost.png")
    assert not is_blank(tmp_path / "some.png")


def test_parse_console_reads_multiline_messages():
    stderr = (
        '[1:1:1123/063837.974054:INFO:CONSOLE:1] "multi\nline", source: file:///p.html (1)\n'
        "[1:1:1123/063837.9:WARNING:idle_linux.cc:111] not a console line\n"
        '[1:1:1123/063837.974087:INFO:CONSOLE(7)] "Uncaught Error: x", source: file:///p.html (7)\n'
    )
    assert parse_console(stderr) == ["multi\nline", "Uncaught Error: x"]


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
    png = screenshot(page, tmp_path / "text.png")
    assert read_png(png).shape[:2] == (1600, 1200)
    assert not is_blank(png)


@pytest.mark.parametrize(
    "body", ["", '<p style="color: #fff">white on white</p>'], ids=["empty", "invisible"]
)
def test_screenshot_of_empty_page_is_blank(browser, tmp_path, body):
    png = screenshot(_page(tmp_path, body), tmp_path / "blank.png", width=400, height=300)
    assert read_png(png).shape[:2] == (300, 400)
    assert is_blank(png)


# --- console ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ('console.error("boom")', "boom"),
        ('throw new Error("kaboom")', "Uncaught Error: kaboom"),
        ('setTimeout(() => { throw new Error("late") }, 500)', "Uncaught Error: late"),
    ],
    ids=["console.error", "throw", "throw-in-timer"],
)
def test_console_messages_catch_errors(browser, tmp_path, script, expected):
    page = _page(tmp_path, f"<p>x</p><script>{script}</script>")
    assert expected in console_messages(page)


def test_console_messages_of_clean_page_are_empty(browser, tmp_path):
    assert console_messages(_page(tmp_path, "<p>clean</p>")) == []


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
    "img-https": ("", '<img src="https://img.example.org/a.png">', "CONNECT img.example.org:443"),
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
        "CONNECT css.example.org:443",
    ),
    "css-import": (
        '<style>@import url("http://imp.example.com/b.css");</style>',
        "",
        "GET http://imp.example.com/b.css",
    ),
    "font-https": (
        FONT.replace("{url}", "https://fonts.example.net/f.woff2"),
        "<p>text</p>",
        "CONNECT fonts.example.net:443",
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
        "CONNECT js.example.org:443",
    ),
    "print-only": (
        "<style>@media print { body { background: url(http://print.example.com/p.png) } }</style>",
        "<p>x</p>",
        "GET http://print.example.com/p.png",
    ),
}


@pytest.mark.parametrize("case", NETWORK_CASES)
def test_network_requests_catch_external_resources(browser, tmp_path, case):
    head, body, expected = NETWORK_CASES[case]
    requests = network_requests(_page(tmp_path, body, head))
    assert expected in requests, requests


def test_network_requests_of_data_uri_page_are_empty(browser, tmp_path):
    pixels = np.zeros((4, 4, 3), np.uint8)
    uri = "data:image/png;base64," + base64.b64encode(_encode_png(pixels)).decode()
    page = _page(tmp_path, f'<p>chart</p><img src="{uri}">', "<style>p { color: navy }</style>")
    assert network_requests(page) == []


# --- DOM and PDF -----------------------------------------------------------------------


def test_dump_dom_shows_escaped_markup_as_text(browser, tmp_path):
    page = _page(tmp_path, "<p>Nama kantor: &lt;script&gt;alert(1)&lt;/script&gt;</p>")
    dom = dump_dom(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert element_names(dom)["script"] == 0
    # positive control: a real script element is seen
    real = dump_dom(_page(tmp_path, "<p>x</p><script>1</script>", name="real.html"))
    assert element_names(real)["script"] == 1


def test_print_pdf_honours_page_size(browser, tmp_path):
    page = _page(
        tmp_path,
        '<h1>Halaman 1</h1><p style="break-after: page">x</p><h1>Halaman 2</h1>',
        "<style>@page { size: A4; margin: 15mm }</style>",
    )
    pdf = print_pdf(page, tmp_path / "a4.pdf")
    box = pdf_media_box(pdf)
    assert is_a4(box), box
    assert box[2] == pytest.approx(A4_POINTS[0], abs=1.5)
    assert pdf_page_count(pdf) == 2
    # negative control: a Letter page is not taken for A4
    letter = _page(tmp_path, "<p>x</p>", "<style>@page { size: letter }</style>", "letter.html")
    box = pdf_media_box(print_pdf(letter, tmp_path / "letter.pdf"))
    assert not is_a4(box)
    assert (box[2] - box[0], box[3] - box[1]) == pytest.approx((612, 792), abs=1.5)


# --- processes -------------------------------------------------------------------------


def _harness_processes() -> list[str]:
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError):
            cmdline = (entry / "cmdline").read_bytes()
            if b"ikd-chromium-" in cmdline:  # the profile directory of every run
                found.append(cmdline.replace(b"\0", b" ").decode(errors="replace")[:120])
    return found


def test_timeout_leaves_no_process_behind(browser, tmp_path):
    page = _page(tmp_path, "<p>x</p>")
    with pytest.raises(BrowserError, match="took over 2 s"):
        run_chromium(page, timeout=2)  # no --dump-dom etc.: the browser would stay up
    deadline = time.monotonic() + 5
    while _harness_processes() and time.monotonic() < deadline:
        time.sleep(0.1)  # SIGKILL is sent; give the kernel a moment
    assert _harness_processes() == []
