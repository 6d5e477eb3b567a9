"""plots/*.png: one chart per section of each kind of run, each a real picture (decodes,
wide enough for print, not blank) and the very image the report embeds; the line palette
stays readable in grey."""

from __future__ import annotations

import base64
import itertools
from pathlib import Path

import numpy as np
import pytest
from matplotlib.colors import to_rgb
from matplotlib.image import imread
from matplotlib.lines import Line2D

from sim.report import plots
from sim.report.i18n import t
from sim.report.plots import SERIES

from .support import decisions, mojokerto, page, read_json

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
BASIC = {"cumulative", "channels", "sites", "turned_away"}


@pytest.fixture(scope="module", params=["plain", "compare", "decisions"])
def run(request, tmp_path_factory) -> tuple[str, Path]:
    kind = request.param
    if kind == "plain":
        out = mojokerto(tmp_path_factory, "--lang", "id")
    elif kind == "compare":
        out = mojokerto(tmp_path_factory, "--lang", "en", "--compare")
    else:
        out = decisions(tmp_path_factory, "id")
    return kind, out


EXPECTED = {
    "plain": BASIC,
    "compare": BASIC | {"comparison"},
    "decisions": BASIC | {"search", "tornado"},
}


def test_each_kind_of_run_draws_its_charts(run):
    kind, out = run
    found = {path.stem for path in (out / "plots").glob("*.png")}
    expected = set(EXPECTED[kind])
    if not any(read_json(out / "summary.json")["turned_away"].values()):
        expected.discard("turned_away")  # drawn only when someone left
    assert found == expected
    if kind == "compare":
        assert (out / "comparison.json").exists()
    if kind == "decisions":
        assert (out / "search.json").exists() and (out / "sensitivity.json").exists()
        assert read_json(out / "search.json")["steps"]
        assert read_json(out / "sensitivity.json")["inputs"]


def test_every_chart_is_a_readable_picture(run):
    _, out = run
    for path in sorted((out / "plots").glob("*.png")):
        assert path.read_bytes()[:8] == PNG_SIGNATURE, path.name
        image = imread(path)
        height, width = image.shape[:2]
        assert width >= 800, (path.name, width)
        assert 150 <= height <= 3000, (path.name, height)
        rgb = image[..., :3]
        grey = rgb @ np.array([0.2126, 0.7152, 0.0722])
        assert grey.std() > 0.05, path.name  # not one flat colour
        assert (grey < 0.5).mean() > 0.005, path.name  # some ink: text, axes, bars
        assert (grey > 0.9).mean() > 0.3, path.name  # on a light page


def test_the_report_embeds_the_written_charts(run):
    """Each <img> of report.html is one of plots/*.png, byte for byte, and each chart is
    shown once."""
    _, out = run
    files = {path.read_bytes(): path.stem for path in (out / "plots").glob("*.png")}
    images = [e.attrs["src"] for e in page(out / "report.html").elements if e.tag == "img"]
    shown = []
    for src in images:
        data = base64.b64decode(src.removeprefix("data:image/png;base64,"), validate=True)
        assert data in files
        shown.append(files[data])
    assert sorted(shown) == sorted(files.values())


# --- the palette in grey ------------------------------------------------------------------------


def luminance(colour: str) -> float:
    r, g, b = to_rgb(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def dash_pattern(style) -> tuple:
    """A line style as matplotlib draws it (offset and dash sequence at width 1)."""
    line = Line2D([0, 1], [0, 1], linestyle=style, linewidth=1)
    offset, dashes = line._unscaled_dash_pattern
    return (offset, tuple(dashes) if dashes else None)


def test_series_colours_differ_in_grey_or_in_line_style():
    assert len(SERIES) >= 5  # baseline and four proposals of a region file
    for (c1, s1), (c2, s2) in itertools.combinations(SERIES, 2):
        apart = abs(luminance(c1) - luminance(c2)) >= 0.08
        assert apart or dash_pattern(s1) != dash_pattern(s2), (c1, c2)


def test_series_line_styles_are_all_distinct():
    patterns = [dash_pattern(style) for _, style in SERIES]
    assert len(set(patterns)) == len(patterns)
    colours = [to_rgb(colour) for colour, _ in SERIES]
    assert len(set(colours)) == len(colours)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_kind_of_site_without_measured_waits_is_marked_not_drawn_as_zero(lang):
    """Home visits wait in a backlog: the wait panel says so instead of an empty bar."""
    summary = {
        "utilisation": {"main_office": 0.5, "home_visit": 0.6},
        "ikd_utilisation": {"main_office": 0.3, "home_visit": 0.6},
        "wait_min": {
            "main_office": {"mean": 12.0, "p90": 30.0},
            "home_visit": {"mean": None, "p90": None},
        },
    }
    fig = plots.sites(summary, {"main_office": "A", "home_visit": "B"}, lang)
    texts = [text.get_text() for text in fig.axes[1].texts]
    assert texts == [t(lang, "plot.no_wait")]
