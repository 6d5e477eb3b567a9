"""The report speaks one language: an English report has no Indonesian headings and an
Indonesian one no English headings; both languages have the same texts with the same
placeholders. (The charts are PNG and are not read here.)"""

from __future__ import annotations

import html
import re
import string

import pytest

from sim.report.i18n import LANGS, TEXT
from sim.scenario import load

from .support import MMC, MOJOKERTO, decisions, mojokerto, page, run, sheets

HEADING_TAGS = ("title", "h1", "h2", "h3", "th", "caption", "figcaption", "dt")

# Names, codes and loanwords that are the same in both languages.
CODES = {
    "IKD",
    "ABK",
    "EJ",
    "P(target)",
    "SIAK",
    "PPPK",
    "P10",
    "P90",
    "FIFO",
    "M/M/c",
    "Erlang C",
    "STRESS-DES",
    "MPP",
    "e-KTP",
    "KTP",
}

MARKERS = {
    "id": {"dan", "yang", "petugas", "warga", "aktivasi", "menit", "tunggu", "jumlah", "usulan"}
    | {"lokasi"},
    "en": {"the", "and", "officers", "residents", "wait", "proposal", "site", "total"},
}
OTHER = {"id": "en", "en": "id"}


def words(text: str) -> set[str]:
    for code in CODES:
        text = text.replace(code, " ")
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text)}


def only_in(lang: str) -> set[str]:
    """Texts of ``lang`` that differ from the other language's text for the same key."""
    other = TEXT[OTHER[lang]]
    return {value for key, value in TEXT[lang].items() if value != other[key]}


@pytest.fixture(
    scope="module", params=[(lang, kind) for lang in LANGS for kind in ("compare", "decisions")]
)
def report(request, tmp_path_factory):
    """A report with every section: the region with --compare, and the counter with
    --find-staff and --sensitivity."""
    lang, kind = request.param
    if kind == "compare":
        out = mojokerto(tmp_path_factory, "--lang", lang, "--compare")
    else:
        out = decisions(tmp_path_factory, lang)
    return lang, page(out / "report.html")


def user_texts() -> list[str]:
    """Text the scenario file brings (variant descriptions): data, in whatever language the
    office wrote it, so left out of the language check."""
    return [v.description for v in load(MOJOKERTO).variants.values() if v.description]


def test_headings_are_in_the_report_language(report):
    lang, doc = report
    other = OTHER[lang]
    foreign_texts = only_in(other)
    headings = doc.texts(*HEADING_TAGS)
    assert len(headings) > 50
    assert len(doc.texts("title")) == 1
    for heading in headings:
        for text in user_texts():
            heading = heading.replace(text, " ")
        assert heading not in foreign_texts, heading
        assert not words(heading) & MARKERS[other], heading


def test_headings_are_the_languages_own_texts(report):
    """Every h2 is a section title of the report's language."""
    lang, doc = report
    own = {TEXT[lang][key] for key in TEXT[lang] if key.startswith("sec.")}
    h2 = doc.texts("h2")
    assert h2 and set(h2) <= own
    html_tag = next(e for e in doc.elements if e.tag == "html")
    assert html_tag.attrs["lang"] == lang


def test_no_text_of_the_other_language_appears_anywhere(report):
    """No fixed sentence of the other language (one without placeholders, long enough not
    to be a name) is anywhere in the page."""
    lang, doc = report
    text = " ".join(" ".join(e.text.split()) for e in doc.elements if e.tag == "body")
    for value in only_in(OTHER[lang]):
        if "{" in value or len(value) < 12:
            continue
        assert value not in text, value


def test_both_languages_have_the_same_keys_and_placeholders():
    assert set(TEXT["id"]) == set(TEXT["en"])
    parse = string.Formatter().parse
    for key in TEXT["id"]:
        fields = [{name for _, name, _, _ in parse(TEXT[lang][key]) if name} for lang in LANGS]
        assert fields[0] == fields[1], key


def test_texts_are_translated():
    """Apart from codes and loanwords, a key's two texts differ."""
    same = {key for key in TEXT["id"] if TEXT["id"][key] == TEXT["en"][key]}
    allowed = {
        "P(target)",
        "Input",
        "–",
        "Seed",
        "Target",
        "ABK",
        "Metadata",
        "No",
        "P10–P90",
        "NIP",
    }
    for key in same:
        value = TEXT["id"][key]
        assert value in allowed or value.startswith("Python {python}"), key


def test_the_precision_reached_uses_the_decimal_comma_in_indonesian(tmp_path_factory):
    args = ("--set", "period.end=2023-01-04", "--precision", "1", "--max-replications", "4")
    out = run(tmp_path_factory, MMC, "-n", "2", "--lang", "id", *args)
    label = TEXT["id"]["prov.precision"]
    doc = (out / "report.html").read_text(encoding="utf-8")
    (cells,) = [row for row in table_rows_th(doc) if row[0] == label]
    assert re.fullmatch(r"\d+,\d\d", cells[1]), cells
    (row,) = [r for r in sheets(out / "results.xlsx")["Metadata"].rows if r[0] == label]
    assert not isinstance(row[1], str) or re.fullmatch(r"\d+,\d\d", row[1]), row


def table_rows_th(text: str) -> list[list[str]]:
    """(header, value) of the provenance table, whose rows are a <th> and a <td>."""
    start = text.index('<section id="provenance"')
    body = text[start : text.index("</section>", start)]
    return [
        [html.unescape(a).strip(), html.unescape(b).strip()]
        for a, b in re.findall(r"<th[^>]*>(.*?)</th><td[^>]*>(.*?)</td>", body, re.S)
    ]
