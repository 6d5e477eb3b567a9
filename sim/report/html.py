"""report.html: one self-contained, printable page that states the answer first.

Python prepares every sentence and table cell (numbers formatted in the reader's language and
tagged with the summary.json key they come from); the Jinja template only lays them out.
Autoescaping is on, so names and comments from the scenario file appear as text.
"""

from __future__ import annotations

import base64
import datetime as dt
import platform
from importlib.metadata import version as package_version
from typing import Any

import jinja2
from markupsafe import Markup, escape

from sim.decide.abk import ForTarget, Staffing, Task
from sim.decide.analysis import Difference
from sim.decide.results import side_of
from sim.model.runlog import REASONS
from sim.report import terminal
from sim.report.data import ReportData
from sim.report.i18n import fmt_int, fmt_num, fmt_pct, markup, t
from sim.report.terminal_uncertain import screening_cells

# --- numbers with their source ----------------------------------------------------------------


def number(value: float | None, lang: str, key: str | None = None, kind: str = "int") -> Markup:
    """A number for the page: formatted for ``lang``, tagged with its summary.json key."""
    if kind == "pct":
        text = fmt_pct(value, lang)
    elif kind == "int":
        text = "–" if value is None else fmt_int(value, lang)
    else:
        text = fmt_num(value, lang, int(kind[-1]))  # "num1", "num2"
    if key is None or value is None:
        return Markup(escape(text))
    return Markup('<span class="n" data-key="{}" data-kind="{}">{}</span>').format(key, kind, text)


def interval(ci: list | None, lang: str, key: str, kind: str = "int") -> Markup:
    if not ci:
        return Markup("–")
    low, high = (number(ci[i], lang, f"{key}.{i}", kind) for i in (0, 1))
    return Markup("{} – {}").format(low, high)


# --- the sections -----------------------------------------------------------------------------


def answer(data: ReportData) -> list[Markup]:
    """The answer in plain words, before any table or chart."""
    lang = data.lang
    lines = [*_chance(data), _reach(data), *_limits(data)]
    lines += [markup(lang, "answer.variant", **row) for row in _variant_lines(data)]
    if data.search is not None:
        lines += [Markup(escape(line.strip())) for line in _search_lines(data)]
    return lines


def _chance(data: ReportData) -> list[Markup]:
    """P(target) with its interval, and the mean activations against the target."""
    lang, s = data.lang, data.figures
    act = s["activations"]
    p_ci = s["p_reach_target_ci95"] or [None, None]
    return [
        markup(
            lang,
            "answer.p",
            target=number(s["target"], lang, "target"),
            end=s["period"]["end"],
            p=number(s["p_reach_target"], lang, "p_reach_target", "pct"),
            low=number(p_ci[0], lang, "p_reach_target_ci95.0", "pct"),
            high=number(p_ci[1], lang, "p_reach_target_ci95.1", "pct"),
        ),
        markup(
            lang,
            "answer.mean",
            mean=number(act["mean"], lang, "activations.mean"),
            low=number((act["ci95"] or [None])[0], lang, "activations.ci95.0"),
            high=number((act["ci95"] or [None, None])[1], lang, "activations.ci95.1"),
            p10=number(act["p10"], lang, "activations.p10"),
            p90=number(act["p90"], lang, "activations.p90"),
            share=fmt_pct(data.summary.share_of_target, lang),
        ),
    ]


def _reach(data: ReportData) -> Markup:
    """When the target is reached, or how far the mean falls short of it."""
    lang, dates = data.lang, data.figures["target_reached_date"]
    if dates["median"]:
        return markup(
            lang,
            "answer.reached",
            date=dates["median"],
            p10=dates["p10"] or "–",
            p90=dates["p90"] or "–",
        )
    return markup(lang, "answer.not_reached", gap=fmt_int(data.summary.gap_to_target, lang))


def _limits(data: ReportData) -> list[Markup]:
    lang, limits = data.lang, data.summary.limits
    if limits is None:
        return []
    return [
        markup(
            lang,
            "answer.obstacle",
            reason=t(lang, f"reason.{limits.reason}"),
            n=number(limits.count, lang, f"turned_away.{limits.reason}"),
        ),
        markup(lang, f"answer.{limits.side}_side", share=fmt_pct(limits.side_share, lang)),
    ]


def _variant_lines(data: ReportData) -> list[dict]:
    if not data.comparison:
        return []
    lang, rows = data.lang, []
    for name, diff in data.comparison.differences.items():
        summary = data.summaries[name].figures
        act = diff.get("activations") or Difference(None, None, False)
        ci = act.ci95 or [None, None]
        verdict = "significant" if act.significant else "not_significant"
        rows.append(
            {
                "name": name,
                "p": fmt_pct(summary["p_reach_target"], lang),
                "mean": fmt_int(summary["activations"]["mean"], lang),
                "diff": _signed(act.mean, lang),
                "low": _signed(ci[0], lang),
                "high": _signed(ci[1], lang),
                "verdict": t(lang, verdict),
            }
        )
    return rows


def _signed(value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    return ("+" if value > 0 else "") + fmt_int(value, lang)


def _search_lines(data: ReportData) -> list[str]:
    text = terminal.search_text(data.search, data.scenario.target, data.lang)
    return text.splitlines()[1:]


def channel_rows(data: ReportData) -> list[list[Markup]]:
    lang, s, shares = data.lang, data.figures, data.summary.channel_shares
    rows = []
    for ch, values in s["by_channel"].items():
        rows.append(
            [
                Markup(escape(t(lang, f"channel.{ch}"))),
                number(values["activations_mean"], lang, f"by_channel.{ch}.activations_mean"),
                interval(values["ci95"], lang, f"by_channel.{ch}.ci95"),
                Markup(escape(fmt_pct(shares[ch], lang))),
            ]
        )
    return rows


def reason_rows(data: ReportData) -> list[list[Markup]]:
    lang, s = data.lang, data.figures
    order = sorted(REASONS, key=lambda r: s["turned_away"][r], reverse=True)
    return [
        [
            Markup(escape(t(lang, f"reason.{r}"))),
            Markup(escape(t(lang, f"side.{side_of(r)}"))),
            number(s["turned_away"][r], lang, f"turned_away.{r}"),
            interval(s["turned_away_ci95"][r], lang, f"turned_away_ci95.{r}"),
        ]
        for r in order
        if s["turned_away"][r] > 0
    ]


def site_rows(data: ReportData) -> list[list[Markup]]:
    lang, s = data.lang, data.figures
    rows = []
    for ch in s["utilisation"]:
        wait = s["wait_min"][ch]
        rows.append(
            [
                Markup(escape(t(lang, f"channel.{ch}"))),
                number(s["utilisation"][ch], lang, f"utilisation.{ch}", "pct"),
                number(s["ikd_utilisation"][ch], lang, f"ikd_utilisation.{ch}", "pct"),
                number(wait["mean"], lang, f"wait_min.{ch}.mean", "num1"),
                interval(wait["ci95"], lang, f"wait_min.{ch}.ci95", "num1"),
                number(wait["p90"], lang, f"wait_min.{ch}.p90", "num0"),
                number(wait["served_mean"], lang, f"wait_min.{ch}.served_mean"),
            ]
        )
    return rows


def comparison_rows(data: ReportData) -> list[list[Markup]]:
    lang, rows = data.lang, []
    for name, result in data.summaries.items():
        summary = result.figures
        diff = (data.comparison.of(name) if data.comparison else None) or {}
        act = diff.get("activations")
        row = [
            Markup(escape(name if name != "baseline" else t(lang, "baseline"))),
            Markup(escape(data.descriptions.get(name, ""))),
            Markup(escape(fmt_int(summary["activations"]["mean"], lang))),
            Markup(escape(fmt_pct(summary["p_reach_target"], lang))),
        ]
        if act:
            ci = act.ci95 or [None, None]
            row += [
                Markup(escape(_signed(act.mean, lang))),
                Markup(escape(f"{_signed(ci[0], lang)} – {_signed(ci[1], lang)}")),
                Markup(escape(t(lang, "yes" if act.significant else "no"))),
                Markup(escape(fmt_num(diff["main_office_wait_min"].mean, lang))),
                Markup(escape(_signed(diff["left_without_activating"].mean, lang))),
            ]
        else:
            row += [Markup("")] * 5
        rows.append(row)
    return rows


def search_rows(data: ReportData) -> list[list[str]]:
    lang = data.lang
    return [
        [
            fmt_int(step.added_officers, lang),
            terminal.plan_text(step, lang),
            fmt_pct(step.p_reach_target, lang),
            fmt_int(step.activations_mean, lang),
        ]
        for step in data.search.by_officers
    ]


def visit_rows(data: ReportData) -> list[list[str]]:
    """The institutions the search's added teams visit (empty without a register)."""
    lang = data.lang
    return [
        [
            row.team,
            row.institution,
            row.event_kind,
            row.first_visit.isoformat(),
            fmt_int(row.visits, lang),
            fmt_int(row.eligible_at_first, lang),
            fmt_int(row.came, lang),
        ]
        for row in data.search.institutions_visited()
    ]


def sensitivity_rows(data: ReportData) -> list[list[str]]:
    lang = data.lang
    return [
        [
            row.label,
            f"{terminal.value_text(row.low_value, row.low_mean, lang)} → "
            f"{terminal.value_text(row.high_value, row.high_mean, lang)}",
            _signed(row.swing_activations, lang),
            f"{fmt_num(100 * row.swing_p_reach_target, lang, 0)}%",
        ]
        for row in data.sweep.inputs
    ]


def uncertain_lines(data: ReportData) -> list[str]:
    """The printed sections on uncertain inputs, one paragraph per line (empty without them)."""
    results, lang = data.results, data.lang
    parts = terminal.uncertain_parts(results, lang)
    if results.fit is not None and results.calibrated is None:
        parts.insert(0, terminal.observed_text(results.fit, lang))
    return [line.strip() for part in parts for line in part.splitlines() if line.strip()]


def screening_rows(data: ReportData) -> tuple[list[str], list[list[str]]] | None:
    """The global sensitivity's header and rows (Morris mu*, sigma; or Sobol indices)."""
    gs, lang = data.results.screening, data.lang
    if gs is None:
        return None
    head = [t(lang, "col.input"), *t(lang, f"scr_head_{gs.method}").split("|")]
    return head, screening_cells(gs, lang)


def variant_rows(data: ReportData) -> dict[str, dict]:
    """The declared variants with each changed value written out as text, never a repr."""
    lang = data.lang
    return {
        name: {
            "description": v["description"],
            "changes": {key: value_text(value, lang) for key, value in v["changes"].items()},
        }
        for name, v in data.variant_changes.items()
    }


def value_text(value: Any, lang: str) -> str:
    """A scenario value as a planner reads it: ``key: value`` pairs, items by "; ", dates
    as dates, decimals in the language's convention."""
    if isinstance(value, dict):
        return ", ".join(f"{k}: {value_text(v, lang)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "; ".join(value_text(v, lang) for v in value) or "–"
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return "–"
    if isinstance(value, float):
        text = f"{value:g}"
        return text.replace(".", ",") if lang == "id" else text
    return str(value)


def abk_rows(data: ReportData) -> list[dict]:
    """The ABK table's cells; subtotal and total rows are marked for bold print."""
    lang, abk = data.lang, data.summary.abk
    rows = []
    for i, row in enumerate(abk.rows):
        key = f"abk.rows.{i}"
        if isinstance(row, Task):
            rows.append(
                {"kind": "task", "cells": [_cell(c) for c in _abk_task_cells(row, key, lang)]}
            )
        else:
            cells = _abk_sum_cells(row, key, abk.effective_min, lang)
            rows.append({"kind": row.row, "cells": [_cell(c) for c in cells]})
    return rows


def _abk_task_cells(row: Task, key: str, lang: str) -> list:
    """A task row: what is done, its volume, standard time and workload."""
    share = fmt_pct(row.other_work_share, lang)
    return [
        t(lang, f"channel.{row.channel}"),
        t(lang, "abk.position"),
        t(lang, f"abk.task.{row.task}", share=share),
        t(lang, f"abk.unit.{row.task}"),
        number(row.volume, lang, f"{key}.volume"),
        interval(row.volume_ci95, lang, f"{key}.volume_ci95"),
        number(row.standard_min, lang, f"{key}.standard_min", "num1"),
        number(row.workload_min, lang, f"{key}.workload_min"),
        *[""] * 9,
    ]


def _abk_sum_cells(row: Staffing, key: str, effective_min: float, lang: str) -> list:
    """A subtotal or total row: workload against effective time, officers needed and in post."""

    def n(field: str, kind: str = "int") -> Markup:
        return number(getattr(row, field), lang, f"{key}.{field}", kind)

    subtotal = row.row == "subtotal"
    return [
        t(lang, "abk.subtotal" if subtotal else "abk.total"),
        *[""] * 6,
        n("workload_min"),
        number(effective_min, lang, "abk.effective_min"),
        n("officers_needed", "num2"),
        n("officers_needed_whole"),
        n("officers_in_post", "num1"),
        n("difference", "num1"),
        n("ej", "num2"),
        row.grade or "–",
        n("utilisation", "pct") if subtotal else "",
        n("wait_mean_min", "num1") if subtotal else "",
    ]


def _shown(value: str | int | float, lang: str) -> str:
    """A provenance value for the page: whole numbers plain (a seed has no separators),
    fractions with the language's decimal mark."""
    return fmt_num(value, lang, 2) if isinstance(value, float) else str(value)


def _cell(value: str | Markup) -> Markup:
    return value if isinstance(value, Markup) else Markup(escape(value))


def abk_notes(data: ReportData) -> list[Markup]:
    lang, abk = data.lang, data.summary.abk
    notes = [
        markup(
            lang,
            "abk.intro",
            n=data.summary.provenance.replications,
            hours=number(abk.effective_hours_per_year, lang, "abk.effective_hours_per_year"),
            share=fmt_pct(abk.year_share, lang),
            minutes=number(abk.effective_min, lang, "abk.effective_min"),
        )
    ]
    target = abk.for_target
    if target.minutes_per_activation is not None:
        notes.append(_for_target_note(target, lang))
    notes.append(markup(lang, "abk.grades"))
    if abk.has_other_work:
        notes.append(markup(lang, "abk.other_note"))
    return notes


def _for_target_note(target: ForTarget, lang: str) -> Markup:
    def n(field: str, kind: str = "int") -> Markup:
        return number(getattr(target, field), lang, f"abk.for_target.{field}", kind)

    return markup(
        lang,
        "abk.for_target",
        n=n("activations"),
        minutes=n("minutes_per_activation", "num1"),
        workload=n("workload_min"),
        needed=n("officers_needed", "num2"),
        whole=n("officers_needed_whole"),
    )


def model_paragraphs(data: ReportData) -> list[tuple[str, str]]:
    """The STRESS-DES style appendix: (heading, paragraph) pairs with this scenario's counts."""
    lang, sc = data.lang, data.scenario
    values = {
        "obliged": fmt_int(sc.goal.residents_obliged_ktp, lang),
        "start": fmt_int(sc.goal.activated_at_start, lang),
        "sites": len(sc.sites),
        "units": sum(site.count for site in sc.sites),
        "teams": len(sc.outreach.teams),
        "team_units": sum(team.count for team in sc.outreach.teams),
        "home": len(sc.home_visits),
        "segments": len(sc.residents.groups()),
        "registers": len(sc.outreach.institutions),
        "python": platform.python_version(),
        "simpy": package_version("simpy"),
        "numpy": package_version("numpy"),
        "version": data.summary.provenance.version,
    }
    parts = (
        "objective",
        "entities",
        "demand",
        "resources",
        "activities",
        "rosters",
        "streams",
        "kpis",
        "validation",
        "software",
    )
    return [(t(lang, f"model.{p}.h"), t(lang, f"model.{p}", **values)) for p in parts]


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("sim.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def render(data: ReportData, figures: dict[str, bytes]) -> str:
    """The whole report as one HTML document."""
    lang = data.lang
    template = _environment().get_template("report.html.j2")
    return template.render(
        lang=lang,
        t=lambda key, **values: t(lang, key, **values),
        data=data,
        summary=data.figures,
        prov=data.summary.provenance,
        warnings=data.summary.warnings,
        answer=answer(data),
        figures={name: data_uri(png) for name, png in figures.items()},
        channel_rows=channel_rows(data),
        reason_rows=reason_rows(data),
        site_rows=site_rows(data),
        comparison_rows=comparison_rows(data) if data.comparison is not None else None,
        search_rows=search_rows(data) if data.search is not None else None,
        visit_rows=visit_rows(data) if data.search is not None else None,
        search_lines=_search_lines(data) if data.search is not None else None,
        sensitivity_rows=sensitivity_rows(data) if data.sweep is not None else None,
        uncertain_lines=uncertain_lines(data),
        screening=screening_rows(data),
        abk_rows=abk_rows(data),
        abk_notes=abk_notes(data),
        inputs=data.inputs,
        variants=variant_rows(data),
        model=model_paragraphs(data),
        provenance=[(label, _shown(value, lang)) for label, value in data.provenance_rows()],
    )
