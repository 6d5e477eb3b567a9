"""Every number report.html tags with a summary.json key shows that key's value (the ABK
tables of every case are tagged with their place in abk.json, ``abk_cases.<case>...``).

``sim/report/html.py`` wraps numbers as ``<span class="n" data-key="KEY" data-kind="KIND">``.
Here each span's key is looked up in summary.json and its text parsed back with the
language's conventions, written out in this file (id: "12.345" and "7,4"; en: "12,345" and
"7.4"; percentages whole, "42%"): the printed number must be the summary's value within the
rounding of its kind. The project's own formatting functions are not used.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from .support import (
    TOLERANCE,
    decisions,
    lookup,
    mojokerto,
    page,
    parse_number,
    read_json,
    table_rows,
)

RUNS = {
    "id": ("--lang", "id"),
    "en": ("--lang", "en"),
    "id-compare": ("--lang", "id", "--compare"),
    "en-compare": ("--lang", "en", "--compare"),
}


@pytest.fixture(scope="module", params=[*RUNS, "id-decisions", "en-decisions"])
def report(request, tmp_path_factory) -> tuple[str, Path]:
    """The region's report in both languages, with and without --compare, and the
    counter's with --find-staff and --sensitivity."""
    if request.param.endswith("-decisions"):
        lang = request.param.split("-")[0]
        return lang, decisions(tmp_path_factory, lang)
    out = mojokerto(tmp_path_factory, *RUNS[request.param])
    return RUNS[request.param][1], out


def test_every_tagged_number_is_its_summary_value(report):
    lang, out = report
    summary = read_json(out / "summary.json") | read_json(out / "abk.json")
    text = (out / "report.html").read_text(encoding="utf-8")
    spans = page(out / "report.html").spans
    assert len(spans) >= 30
    assert len(spans) == text.count(" data-key=")  # the parser saw every one
    for span in spans:
        assert span.kind in TOLERANCE, span
        value = lookup(summary, span.key)  # raises if the key is not in summary.json
        assert isinstance(value, int | float) and not isinstance(value, bool), span
        shown = parse_number(span.text, lang, span.kind)
        assert math.isclose(shown, value, abs_tol=TOLERANCE[span.kind] + 1e-9), (span, value)


@pytest.mark.parametrize(
    ("text", "lang", "kind", "value"),
    [
        ("12.345", "id", "int", 12345),
        ("12,345", "en", "int", 12345),
        ("-1.234.567", "id", "int", -1234567),
        ("7,4", "id", "num1", 7.4),
        ("1.234,5", "id", "num1", 1234.5),
        ("1,234.5", "en", "num1", 1234.5),
        ("0,83", "id", "num2", 0.83),
        ("42%", "id", "pct", 0.42),
        ("1,234%", "en", "pct", 12.34),
        ("25", "en", "num0", 25),
    ],
)
def test_the_independent_parser(text, lang, kind, value):
    assert parse_number(text, lang, kind) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "lang", "kind"),
    [("7.4", "id", "num1"), ("12,345", "id", "int"), ("7,4", "en", "num1"), ("0.42", "en", "pct")],
)
def test_the_parser_refuses_the_other_convention(text, lang, kind):
    with pytest.raises(AssertionError):
        parse_number(text, lang, kind)


def test_the_headline_numbers_are_tagged(report):
    _, out = report
    summary = read_json(out / "summary.json")
    keys = {span.key for span in page(out / "report.html").spans}
    total = len(summary["abk"]["rows"]) - 1
    assert summary["abk"]["rows"][total]["row"] == "total"
    assert read_json(out / "abk.json")["abk_cases"][0] == summary["abk"]  # today's
    wanted = {
        "target",
        "activations.mean",
        "activations.ci95.0",
        "activations.ci95.1",
        "p_reach_target",
        *(f"by_channel.{ch}.activations_mean" for ch in summary["by_channel"]),
        *(f"utilisation.{ch}" for ch in summary["utilisation"]),
        f"abk_cases.0.rows.{total}.workload_min",
        f"abk_cases.0.rows.{total}.officers_needed",
        f"abk_cases.0.rows.{total}.officers_in_post",
        f"abk_cases.0.rows.{total}.ej",
        "abk_cases.0.effective_min",
    }
    assert wanted <= keys, wanted - keys


def test_percentages_and_decimals_use_the_language_convention(report):
    """A number a reader could misread in the other language: a wait with a decimal in
    id is "7,4", never "7.4"; a count above 999 has a thousands separator."""
    lang, out = report
    spans = page(out / "report.html").spans
    decimals = [s for s in spans if s.kind == "num1"]
    thousands = [s for s in spans if s.kind == "int" and len(s.text.lstrip("-")) > 3]
    assert decimals and thousands
    mark, separator = (",", ".") if lang == "id" else (".", ",")
    assert all(mark in s.text for s in decimals)
    assert all(separator in s.text for s in thousands)


def test_both_languages_tag_the_same_numbers(tmp_path_factory):
    """Same seed, other language: the same summary.json and the same tagged keys."""
    id_out = mojokerto(tmp_path_factory, *RUNS["id"])
    en_out = mojokerto(tmp_path_factory, *RUNS["en"])
    assert read_json(id_out / "summary.json") == read_json(en_out / "summary.json")
    id_keys = [s.key for s in page(id_out / "report.html").spans]
    en_keys = [s.key for s in page(en_out / "report.html").spans]
    assert sorted(id_keys) == sorted(en_keys)


def test_compare_report_is_the_baseline_with_the_variants(tmp_path_factory):
    """With --compare, summary.json and the tagged numbers are the baseline's, and the
    comparison table shows each variant by its description, with its mean activations and
    P(target) as in comparison.json."""
    out = mojokerto(tmp_path_factory, *RUNS["en-compare"])
    summary = read_json(out / "summary.json")
    comparison = read_json(out / "comparison.json")["variants"]
    assert comparison["baseline"]["summary"]["activations"] == summary["activations"]
    rows = table_rows((out / "report.html").read_text(encoding="utf-8"), "compare")
    assert len(rows) == len(comparison)
    for row, (name, entry) in zip(rows[1:], list(comparison.items())[1:], strict=True):
        assert row[0] == (entry["description"] or name)
        mean = entry["summary"]["activations"]["mean"]
        assert math.isclose(parse_number(row[4], "en", "int"), mean, abs_tol=0.5), row
        p = entry["summary"]["p_reach_target"]
        assert math.isclose(parse_number(row[5], "en", "pct"), p, abs_tol=0.005), row
        diff = entry["difference_vs_baseline"]["activations"]["mean"]
        assert math.isclose(parse_number(row[6].lstrip("+"), "en", "int"), diff, abs_tol=0.5)
