"""Test a self-contained HTML page in Debian's headless ``chromium``, driven by Playwright.

Each page opens in a fresh browser context that never reaches the network: every request
that is not a ``data:`` or ``file:`` URL is recorded and aborted, WebSockets too, and the
browser resolves no host name. PNGs are read with Pillow, PDFs with pypdf.
"""

from __future__ import annotations

import contextlib
import html.parser
import os
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image
from playwright.sync_api import (
    Browser,
    BrowserType,
    Error,
    Page,
    Route,
    WebSocketRoute,
    sync_playwright,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from pypdf import PdfReader

TIMEOUT = 60.0
"""Seconds a page may take to load, and each later step on it."""

SETTLE_MS = 750
"""Milliseconds a page's timers get to run before it is read."""

A4_POINTS = (595.28, 841.89)
"""A4 in PDF points; Chromium writes 594.96 x 841.92 (whole CSS pixels)."""

LAUNCH_ARGS = ("--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",)
"""Chromium's own background traffic, which is not routed, resolves no host name; loopback
is left reachable so that a test can show the routing alone keeps the page off it."""

Box = tuple[float, float, float, float]
PathLike = str | os.PathLike[str]


class BrowserError(RuntimeError):
    """Chromium is missing, or a page took too long to load."""


def chromium_path() -> str | None:
    """The chromium executable: /usr/bin/chromium, else chromium(-browser) on PATH."""
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


def require_browser() -> str:
    """The chromium path; skips the calling test if there is none, or fails it if
    the environment variable ``IKD_REQUIRE_BROWSER`` is 1/true/yes (as in CI)."""
    import pytest

    path = chromium_path()
    if path is None:
        reason = "chromium not found (Debian: apt-get install chromium)"
        if os.environ.get("IKD_REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes"}:
            pytest.fail(f"{reason}, and IKD_REQUIRE_BROWSER is set", pytrace=False)
        pytest.skip(reason)
    return path


def start_chromium(browser_type: BrowserType) -> Browser:
    """A headless chromium of this machine; its ``close`` ends every process it started."""
    path = chromium_path()
    if path is None:
        raise BrowserError("chromium not found")
    return browser_type.launch(executable_path=path, headless=True, args=list(LAUNCH_ARGS))


@contextlib.contextmanager
def launch() -> Iterator[Browser]:
    """Playwright and a headless chromium, both closed on exit (one at a time: see
    :func:`start_chromium` for another browser meanwhile)."""
    with (
        sync_playwright() as playwright,
        contextlib.closing(start_chromium(playwright.chromium)) as browser,
    ):
        yield browser


@dataclass
class Visit:
    """An open page, the network requests it tried and its console messages."""

    page: Page
    requests: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)

    def offline(self, route: Route) -> None:
        if route.request.url.startswith(("data:", "file:")):
            route.continue_()
            return
        self.requests.append(f"{route.request.method} {route.request.url}")
        route.abort()

    def offline_socket(self, socket: WebSocketRoute) -> None:
        self.requests.append(f"WEBSOCKET {socket.url}")
        socket.close()

    def uncaught(self, error: Error) -> None:
        name = f"{error.name}: " if error.name else ""
        self.console.append(f"Uncaught {name}{error.message}")


@contextlib.contextmanager
def visit(
    browser: Browser,
    html_path: PathLike,
    width: int = 1200,
    height: int = 1600,
    timeout: float = TIMEOUT,
) -> Iterator[Visit]:
    """``html_path`` loaded in a ``width`` x ``height`` viewport of a fresh context, which
    it closes on exit; each step may take ``timeout`` seconds."""
    path = Path(html_path)
    if not path.is_file():
        raise FileNotFoundError(path)
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        context.set_default_timeout(timeout * 1000)
        record = Visit(context.new_page())
        context.route("**/*", record.offline)
        context.route_web_socket("**/*", record.offline_socket)
        record.page.on("console", lambda message: record.console.append(message.text))
        record.page.on("pageerror", record.uncaught)
        _load(record.page, path, timeout)
        yield record
    finally:
        context.close()


def _load(page: Page, path: Path, timeout: float) -> None:
    try:
        page.goto(path.resolve().as_uri())
    except PlaywrightTimeout:
        raise BrowserError(f"{path.name} took over {timeout:g} s to load") from None


def _print(page: Page, pdf_path: PathLike | None = None) -> bytes:
    """The page printed: on A4 unless its CSS names a size, without header and footer."""
    return page.pdf(path=pdf_path, format="A4", prefer_css_page_size=True)


def screenshot(
    browser: Browser, html_path: PathLike, png_path: PathLike, width: int = 1200, height: int = 1600
) -> Path:
    """A PNG of the page's first ``width`` x ``height`` CSS pixels (no scrollbars)."""
    with visit(browser, html_path, width, height) as seen:
        seen.page.screenshot(path=png_path)
    return Path(png_path)


def dump_dom(browser: Browser, html_path: PathLike) -> str:
    """The serialised DOM after the page has loaded and its timers have run."""
    with visit(browser, html_path) as seen:
        seen.page.wait_for_timeout(SETTLE_MS)
        return seen.page.content()


def console_messages(browser: Browser, html_path: PathLike) -> list[str]:
    """Every console message (any level, failed loads too) and uncaught error or
    rejection of the page, in order, while it loads and its timers run."""
    with visit(browser, html_path) as seen:
        seen.page.wait_for_timeout(SETTLE_MS)
    return seen.console


def network_requests(browser: Browser, html_path: PathLike) -> list[str]:
    """Every network request the page tries on screen and in print, sorted, no repeats.

    Entries read ``GET http://host/x.png`` (``WEBSOCKET ws://...`` for sockets);
    ``file:`` and ``data:`` URLs are not network requests.
    """
    with visit(browser, html_path) as seen:
        seen.page.wait_for_timeout(SETTLE_MS)
        _print(seen.page)  # print-only stylesheets and backgrounds count too
    return sorted(set(seen.requests))


def print_pdf(browser: Browser, html_path: PathLike, pdf_path: PathLike) -> Path:
    """The page printed to PDF (see :func:`_print`)."""
    with visit(browser, html_path) as seen:
        _print(seen.page, pdf_path)
    return Path(pdf_path)


def pdf_page_count(pdf_path: PathLike) -> int:
    """Number of pages of a PDF."""
    return len(PdfReader(pdf_path).pages)


def pdf_media_box(pdf_path: PathLike) -> Box:
    """The MediaBox of the first page, in points: (x0, y0, x1, y1)."""
    box = PdfReader(pdf_path).pages[0].mediabox
    return float(box.left), float(box.bottom), float(box.right), float(box.top)


def is_a4(box: Box, tolerance: float = 1.5) -> bool:
    """Whether a MediaBox is A4 portrait, to ``tolerance`` points."""
    width, height = box[2] - box[0], box[3] - box[1]
    return abs(width - A4_POINTS[0]) <= tolerance and abs(height - A4_POINTS[1]) <= tolerance


def read_png(png_path: PathLike) -> np.ndarray:
    """Pixels of a PNG as a (height, width, channels) array."""
    with Image.open(png_path) as image:
        pixels = np.asarray(image)
    return pixels.reshape(*pixels.shape[:2], -1)


def is_blank(png_path: PathLike, fraction: float = 0.005) -> bool:
    """Whether fewer than ``fraction`` of the pixels differ from the most common colour."""
    with Image.open(png_path) as image:
        total = image.width * image.height
        most = max(count for count, _ in image.getcolors(total))
    return total - most < fraction * total


class _Elements(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.names: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names[tag] += 1


def element_names(markup: str) -> Counter[str]:
    """How often each element (lower-case tag name) is opened in ``markup``."""
    parser = _Elements()
    parser.feed(markup)
    parser.close()
    return parser.names
