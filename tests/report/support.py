"""Helpers shared by the report tests: runs of the command line (each made once per test
session and shared by the modules that ask for the same arguments), summary.json look-ups,
an independent parser for the numbers as the report prints them, and an HTML walker.

Runs are in-process (``sim.cli.main``) with ``--workers 1 --quiet``. The region runs are one
month of Kab. Mojokerto (every channel in use) with two replications: about 1.5 s each.
"""

from __future__ import annotations

import contextlib
import copy
import html
import html.parser
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from cases import COUNTER

from sim.cli import main
from sim.scenario import Scenario, apply_changes, load

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
MOJOKERTO = SCENARIOS / "mojokerto_2023.yaml"
MMC = SCENARIOS / "validation" / "mmc.yaml"
SHORT = "period.end=2023-03-31"  # one month of Kab. Mojokerto, every channel in use
SEED = "5"

# --- the command line --------------------------------------------------------------------


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def cli(*args: str | Path) -> CliResult:
    """``sim.cli.main`` in this process, its stdout and stderr captured."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse errors
            code = int(exc.code or 0)
    return CliResult(code, out.getvalue(), err.getvalue())


_RUNS: dict[tuple[str, ...], Path] = {}


def run(factory: pytest.TempPathFactory, *args: str | Path) -> Path:
    """The output folder of ``run_sim.py ARGS --workers 1 --quiet``; each distinct ``args``
    runs once per session."""
    key = tuple(str(a) for a in args)
    if key not in _RUNS:
        out = factory.mktemp("run")
        result = cli(*key, "--workers", "1", "--quiet", "--out", out)
        assert result.code == 0, result.err
        _RUNS[key] = out
    return _RUNS[key]


def mojokerto(factory: pytest.TempPathFactory, *extra: str) -> Path:
    """One month of Kab. Mojokerto, two replications, seed 5, plus ``extra`` arguments."""
    return run(factory, MOJOKERTO, "-n", "2", "--seed", SEED, "--set", SHORT, *extra)


def scenario_text(scenario: Scenario, **raw: Any) -> str:
    """A resolved scenario as a file the command line reads (JSON is YAML), with raw
    top-level keys (``variants``, ``sensitivity``) added."""
    data = scenario.model_dump(mode="json", by_alias=True)
    data.update(copy.deepcopy(raw))
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


# Two uncertain inputs of the counter for --sensitivity: walk-ins and the service time.
SENSITIVITY = {
    "walk_ins": {"key": "sites.Loket.walk_ins_per_day", "low": 60, "high": 120},
    "service": {
        "key": "activation.officer_min",
        "low": {"kind": "fixed", "value": 8},
        "high": {"kind": "fixed", "value": 12},
        "label": "officer_min 8-12",
    },
}

_FILES: dict[str, Path] = {}


def counter_file(factory: pytest.TempPathFactory) -> Path:
    """The counter as a scenario file with a ``sensitivity:`` section (written once)."""
    if "counter" not in _FILES:
        # PPPK officers may start on the first day (the default start, four months on, is
        # after this four-week period: added officers would never serve)
        changes = copy.deepcopy(COUNTER) | {"staff.pppk_earliest_start": "2023-01-02"}
        scenario = apply_changes(load(MMC), changes, "test", "")
        path = factory.mktemp("counter") / "counter.yaml"
        path.write_text(scenario_text(scenario, sensitivity=SENSITIVITY), encoding="utf-8")
        _FILES["counter"] = path
    return _FILES["counter"]


def decisions(factory: pytest.TempPathFactory, lang: str) -> Path:
    """--find-staff and --sensitivity on the counter: the search adds two main-office
    officers (three counters serve the 2,000 of the target); two replications."""
    path = counter_file(factory)
    return run(factory, path, "--find-staff", "--sensitivity", "-n", "2", "--lang", lang)


# --- summary.json ------------------------------------------------------------------------


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def lookup(tree: Any, key: str) -> Any:
    """The value at a dotted key (list items by index); KeyError/IndexError if absent."""
    node = tree
    for part in key.split("."):
        if isinstance(node, list):
            if not part.isdigit():
                raise KeyError(key)
            node = node[int(part)]
        elif isinstance(node, dict):
            node = node[part]
        else:
            raise KeyError(key)
    return node


# --- numbers as printed ------------------------------------------------------------------

TOLERANCE = {"int": 0.5, "num0": 0.5, "num1": 0.05, "num2": 0.005, "pct": 0.005}

_GROUPED = {  # whole part with thousands separators, per language
    "id": r"-?\d{1,3}(?:\.\d{3})*",
    "en": r"-?\d{1,3}(?:,\d{3})*",
}
_DECIMAL = {"id": ",", "en": "."}


def number_pattern(kind: str, lang: str) -> re.Pattern:
    """What a number of ``kind`` must look like in ``lang`` (written here, not taken from
    the project's formatting code)."""
    whole = _GROUPED[lang]
    if kind in ("int", "num0"):
        return re.compile(f"^{whole}$")
    if kind == "pct":
        return re.compile(f"^{whole}%$")
    digits = int(kind[-1])
    return re.compile(f"^{whole}{re.escape(_DECIMAL[lang])}\\d{{{digits}}}$")


def parse_number(text: str, lang: str, kind: str) -> float:
    """The number a formatted text stands for; '%' divides by 100."""
    text = text.strip()
    assert number_pattern(kind, lang).match(text), (text, lang, kind)
    thousands = "." if lang == "id" else ","
    plain = text.removesuffix("%").replace(thousands, "").replace(_DECIMAL[lang], ".")
    value = float(plain)
    return value / 100 if kind == "pct" else value


# --- HTML ---------------------------------------------------------------------------------


VOID = frozenset({"meta", "img", "br", "col", "link", "input", "hr", "source", "wbr"})


@dataclass
class Span:
    key: str
    kind: str
    text: str


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""


class Page(html.parser.HTMLParser):
    """report.html read with the standard library: every element with its attributes and
    text, and the numbers tagged with their summary.json key."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.spans: list[Span] = []
        self._open: list[Element] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.elements.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].tag == tag:
                element = self._open[i]
                del self._open[i:]
                if tag == "span" and "data-key" in element.attrs:
                    self.spans.append(
                        Span(
                            element.attrs["data-key"], element.attrs.get("data-kind"), element.text
                        )
                    )
                return

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data

    def texts(self, *tags: str) -> list[str]:
        """The whitespace-normalised text of every element with one of these tags."""
        return [" ".join(e.text.split()) for e in self.elements if e.tag in tags]


def page(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


def table_rows(html_text: str, section: str) -> list[list[str]]:
    """The cells (text, tags removed) of the body rows of a section's first table."""
    start = html_text.index(f'<section id="{section}"')
    body = html_text[start : html_text.index("</section>", start)]
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        if cells:
            rows.append([html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
    return rows


@dataclass
class Sheet:
    header: list[Any]
    rows: list[list[Any]] = field(default_factory=list)


def as_stored(value: Any) -> Any:
    """A value as a workbook holds it: openpyxl writes floats with 16 significant digits
    ("%.16g"; Excel itself keeps 15), so a float read back is that rounding of it."""
    if isinstance(value, float):
        return float(f"{value:.16g}")
    return value


def sheets(path: Path) -> dict[str, Sheet]:
    """Every sheet of a workbook as its header row and data rows (values, not formulas)."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    found = {}
    for ws in book.worksheets:
        rows = [list(row) for row in ws.iter_rows(values_only=True)]
        found[ws.title] = Sheet(rows[0], rows[1:])
    return found
