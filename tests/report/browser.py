"""Drive the Debian ``chromium`` browser headless to test a self-contained HTML page.

Every launch uses a fresh profile (also its HOME), a timeout and its own process group,
killed afterwards with the crash handlers that name the profile, so no browser process
outlives a call. It resolves no host name (``--host-resolver-rules``)
and sends all HTTP(S) traffic, loopback included, to a recording proxy on 127.0.0.1 that
answers 502: the browser never reaches the network, and :func:`network_requests` returns
what the page tried to fetch.

Chromium's own background traffic is switched off or sent to the unresolvable
``*.chromium-internal.invalid`` hosts, which bypass the proxy, so the proxy sees the
page's requests only: ``--disable-background-networking`` does not stop the network-time
query (``--disable-features=NetworkTimeServiceQuerying``), the on-demand component update
(``--component-updater=url-source=...``) or the accounts check every profile makes
(``--gaia-url=...``).

Needs only the standard library and numpy (PNGs are decoded here, not with Pillow).
"""

from __future__ import annotations

import contextlib
import html.parser
import os
import re
import select
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import threading
import zlib
from collections import Counter
from pathlib import Path

import numpy as np

TIMEOUT = 60.0
"""Seconds one chromium run may take before its process group is killed."""

VIRTUAL_TIME_MS = 2000
"""``--virtual-time-budget``: timers and lazy loads fire before the page is read."""

A4_POINTS = (595.28, 841.89)
"""A4 in PDF points; Chromium writes 594.96 x 841.92 (whole CSS pixels)."""

INTERNAL_DOMAIN = "chromium-internal.invalid"

BASE_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--disable-features=NetworkTimeServiceQuerying",
    f"--gaia-url=http://gaia.{INTERNAL_DOMAIN}/",
    f"--component-updater=url-source=http://updater.{INTERNAL_DOMAIN}/",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    f"--proxy-bypass-list=<-loopback>;*.{INTERNAL_DOMAIN}",
)
"""Flags of every launch (plus ``--user-data-dir`` and ``--proxy-server``). A second
``--disable-features`` in a call's own flags would replace the one here."""

_CONSOLE = re.compile(
    r'^\[[^\]\n]*:CONSOLE[:(]\d+\)?\] "(.*?)", source: [^\n]*? \(\d+\)$', re.MULTILINE | re.DOTALL
)


class BrowserError(RuntimeError):
    """Chromium is missing, timed out, failed, or wrote no output file."""


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


class _RecordingProxy:
    """HTTP proxy on 127.0.0.1 that records each connection's request line, answers 502."""

    def __init__(self) -> None:
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._server.getsockname()[1]
        self.requests: list[str] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._handlers: list[threading.Thread] = []
        self._acceptor = threading.Thread(target=self._serve, daemon=True)
        self._acceptor.start()

    def _serve(self) -> None:
        while True:
            ready, _, _ = select.select([self._server], [], [], 0.05)
            if not ready:
                if self._stop.is_set():  # stop only once no connection is pending
                    return
                continue
            conn, _ = self._server.accept()
            handler = threading.Thread(target=self._handle, args=(conn,), daemon=True)
            self._handlers.append(handler)
            handler.start()

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(2.0)
            data = b""
            try:
                while b"\r\n" not in data and len(data) < 65536:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                conn.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
            except OSError:
                pass
            line = data.split(b"\r\n", 1)[0].decode("latin-1")
            if line:
                with self._lock:
                    self.requests.append(re.sub(r" HTTP/\d(\.\d)?$", "", line))

    def close(self) -> None:
        self._stop.set()
        self._acceptor.join()
        for handler in self._handlers:
            handler.join()
        self._server.close()

    def __enter__(self) -> _RecordingProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _kill_leftovers(proc: subprocess.Popen[str], profile: str) -> None:
    """Kill the run's process group, and its crash handlers, which start their own groups
    but name the run's fresh profile directory (their HOME) on their command line."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    marker = os.fsencode(profile)
    for entry in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError):
            if marker in (entry / "cmdline").read_bytes():
                os.kill(int(entry.name), signal.SIGKILL)


def run_chromium(
    html_path: str | os.PathLike[str], *flags: str, timeout: float = TIMEOUT
) -> tuple[str, str, list[str]]:
    """Load ``html_path`` once with BASE_FLAGS and ``flags``: (stdout, stderr, requests).

    ``requests`` are the request lines the proxy saw, in arrival order, e.g.
    ``GET http://host/x.png`` or ``CONNECT host:443`` (HTTPS is seen as its tunnel only).
    Chromium exits 0 even when it fails, so callers check the files they asked for.
    """
    page = Path(html_path)
    if not page.is_file():
        raise FileNotFoundError(page)
    exe = chromium_path()
    if exe is None:
        raise BrowserError("chromium not found")
    with (
        _RecordingProxy() as proxy,
        tempfile.TemporaryDirectory(prefix="ikd-chromium-", ignore_cleanup_errors=True) as profile,
    ):
        args = [
            exe,
            *BASE_FLAGS,
            f"--user-data-dir={profile}",
            f"--proxy-server=http://127.0.0.1:{proxy.port}",
            *flags,
            page.resolve().as_uri(),
        ]
        proc = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            env={**os.environ, "HOME": profile},  # crash reports, NSS db: not in ~
            start_new_session=True,
        )
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_leftovers(proc, profile)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.communicate(timeout=10)
            raise BrowserError(f"chromium took over {timeout} s: {' '.join(args)}") from None
        finally:
            _kill_leftovers(proc, profile)
    return out, err, list(proxy.requests)


def _require_output(path: Path, stderr: str) -> Path:
    if not path.is_file() or path.stat().st_size == 0:
        tail = "\n".join(stderr.splitlines()[-10:])
        raise BrowserError(f"chromium wrote no {path}:\n{tail}")
    return path


def screenshot(
    html_path: str | os.PathLike[str],
    png_path: str | os.PathLike[str],
    width: int = 1200,
    height: int = 1600,
) -> Path:
    """A PNG of the page's first ``width`` x ``height`` CSS pixels (no scrollbars)."""
    png = Path(png_path).resolve()
    png.unlink(missing_ok=True)
    _, err, _ = run_chromium(
        html_path, f"--screenshot={png}", f"--window-size={width},{height}", "--hide-scrollbars"
    )
    return _require_output(png, err)


def dump_dom(html_path: str | os.PathLike[str]) -> str:
    """The serialised DOM after the page has loaded and its timers have run."""
    out, _, _ = run_chromium(html_path, "--dump-dom", f"--virtual-time-budget={VIRTUAL_TIME_MS}")
    return out


def parse_console(stderr: str) -> list[str]:
    """The console messages in chromium's ``--enable-logging=stderr`` output, in order."""
    return _CONSOLE.findall(stderr)


def console_messages(html_path: str | os.PathLike[str]) -> list[str]:
    """Every console message and uncaught error or rejection of the page, CSP reports too.

    All levels (log, warn, error) look alike in chromium's log, so any message counts.
    A failed load of a local file is not reported here: check the DOM's URLs for those.
    """
    _, err, _ = run_chromium(
        html_path,
        "--enable-logging=stderr",
        "--v=0",
        "--dump-dom",
        f"--virtual-time-budget={VIRTUAL_TIME_MS}",
    )
    return parse_console(err)


def network_requests(html_path: str | os.PathLike[str]) -> list[str]:
    """Every network request the page tries, sorted and without repeats.

    The page is loaded once for the screen and printed once (``--print-to-pdf`` to a
    scratch file), so print-only stylesheets and backgrounds count too. Entries are
    ``GET http://...`` for HTTP and ``CONNECT host:443`` for HTTPS; ``file:`` and
    ``data:`` URLs are not network requests.
    """
    with tempfile.TemporaryDirectory(prefix="ikd-print-") as scratch:
        pdf = Path(scratch) / "page.pdf"
        _, _, requests = run_chromium(
            html_path,
            "--dump-dom",
            f"--virtual-time-budget={VIRTUAL_TIME_MS}",
            f"--print-to-pdf={pdf}",
            "--no-pdf-header-footer",
        )
    return sorted(set(requests))


def print_pdf(html_path: str | os.PathLike[str], pdf_path: str | os.PathLike[str]) -> Path:
    """The page printed to PDF without the browser's header and footer."""
    pdf = Path(pdf_path).resolve()
    pdf.unlink(missing_ok=True)
    _, err, _ = run_chromium(html_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    return _require_output(pdf, err)


_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b(.*?)\bendobj", re.DOTALL)
_MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*([-\d.\s]+?)\s*\]")


def pdf_page_count(pdf_path: str | os.PathLike[str]) -> int:
    """Number of ``/Type /Page`` objects (not ``/Pages``) in an uncompressed object table."""
    return len(_PAGE.findall(Path(pdf_path).read_bytes()))


def pdf_media_box(pdf_path: str | os.PathLike[str]) -> tuple[float, float, float, float]:
    """The MediaBox of the first page object in the file, in points."""
    data = Path(pdf_path).read_bytes()
    boxes = [_MEDIA_BOX.search(body) for body in _OBJECT.findall(data) if _PAGE.search(body)]
    box = next((b for b in boxes if b), None) or _MEDIA_BOX.search(data)  # else inherited
    if box is None:
        raise ValueError(f"{pdf_path}: no /MediaBox")
    x0, y0, x1, y1 = (float(v) for v in box.group(1).split())
    return x0, y0, x1, y1


def is_a4(box: tuple[float, float, float, float], tolerance: float = 1.5) -> bool:
    """Whether a MediaBox is A4 portrait, to ``tolerance`` points."""
    width, height = box[2] - box[0], box[3] - box[1]
    return abs(width - A4_POINTS[0]) <= tolerance and abs(height - A4_POINTS[1]) <= tolerance


def _unfilter_sequential(kind: int, line: bytes, prev: bytes, bpp: int) -> bytes:
    """Undo PNG filter 3 (average) or 4 (Paeth) on one scanline."""
    cur = bytearray(line)
    for i in range(len(cur)):
        a = cur[i - bpp] if i >= bpp else 0
        b = prev[i]
        if kind == 3:
            cur[i] = (cur[i] + ((a + b) >> 1)) & 255
            continue
        c = prev[i - bpp] if i >= bpp else 0
        pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
        pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
        cur[i] = (cur[i] + pred) & 255
    return bytes(cur)


def read_png(png_path: str | os.PathLike[str]) -> np.ndarray:
    """Pixels of an 8-bit, non-interlaced grey/RGB(A) PNG as a (height, width, channels) array."""
    data = Path(png_path).read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{png_path}: not a PNG")
    pos, chunks, header = 8, [], None
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        elif kind == b"IEND":
            break
    if header is None:
        raise ValueError(f"{png_path}: no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        raise ValueError(f"{png_path}: unsupported PNG (depth {depth}, colour type {colour})")
    stride = width * channels
    rows = np.frombuffer(zlib.decompress(b"".join(chunks)), np.uint8)
    rows = rows[: height * (stride + 1)].reshape(height, stride + 1)
    out = np.empty((height, stride), np.uint8)
    prev = np.zeros(stride, np.uint8)
    for y in range(height):
        kind, line = int(rows[y, 0]), rows[y, 1:]
        if kind == 0:
            out[y] = line
        elif kind == 1:
            out[y] = np.cumsum(line.reshape(width, channels), axis=0, dtype=np.uint8).ravel()
        elif kind == 2:
            out[y] = line + prev
        elif kind in (3, 4):
            cur = _unfilter_sequential(kind, line.tobytes(), prev.tobytes(), channels)
            out[y] = np.frombuffer(cur, np.uint8)
        else:
            raise ValueError(f"{png_path}: bad filter type {kind} in row {y}")
        prev = out[y]
    return out.reshape(height, width, channels)


def is_blank(png_path: str | os.PathLike[str], fraction: float = 0.005) -> bool:
    """Whether fewer than ``fraction`` of the pixels differ from the most common colour."""
    pixels = read_png(png_path).astype(np.uint32)
    codes = np.zeros(pixels.shape[:2], np.uint32)
    for channel in range(pixels.shape[2]):  # one 32-bit code per colour
        codes |= pixels[:, :, channel] << (8 * channel)
    _, counts = np.unique(codes, return_counts=True)
    return codes.size - counts.max() < fraction * codes.size


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
