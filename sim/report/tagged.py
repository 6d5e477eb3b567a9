"""Numbers for the page: formatted in the reader's language and tagged with the key of the
file they come from (summary.json, abk.json), so every printed number can be traced."""

from __future__ import annotations

from markupsafe import Markup, escape

from sim.report.i18n import fmt_int, fmt_num, fmt_pct


def number(value: float | None, lang: str, key: str | None = None, kind: str = "int") -> Markup:
    """A number for the page: formatted for ``lang``, tagged with its key (``kind`` is "int",
    "pct", "num0", "num1" or "num2")."""
    if kind == "pct":
        text = fmt_pct(value, lang)
    elif kind == "int":
        text = "–" if value is None else fmt_int(value, lang)
    else:
        text = fmt_num(value, lang, int(kind[-1]))
    if key is None or value is None:
        return Markup(escape(text))
    return Markup('<span class="n" data-key="{}" data-kind="{}">{}</span>').format(key, kind, text)
