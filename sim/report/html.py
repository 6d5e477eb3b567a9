"""report.html: one self-contained, printable page that states the answer first.

Python prepares every sentence and table cell (numbers formatted in the reader's language and
tagged with the summary.json key they come from); the Jinja template only lays them out.
Autoescaping is on, so names and comments from the scenario file appear as text.
"""

from __future__ import annotations

import base64
import platform
from importlib.metadata import version as package_version
from typing import Any

import jinja2
from markupsafe import Markup, escape

from sim.decide.analysis import Difference
from sim.decide.proposals import Proposal
from sim.decide.results import side_of
from sim.model.runlog import REASONS
from sim.report import terminal
from sim.report.abk_html import case_table, overview_rows
from sim.report.data import ReportData
from sim.report.i18n import fmt_date, fmt_int, fmt_num, fmt_pct, fmt_rupiah, in_lang, markup, t
from sim.report.inputs import is_distribution, shown_value
from sim.report.page_one import page_one, proposal_label
from sim.report.tagged import number
from sim.report.terminal_uncertain import screening_cells

# --- numbers with their source ----------------------------------------------------------------


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
    labels = {p.name: proposal_label(p, lang) for p in data.results.proposals}
    for name, diff in data.comparison.differences.items():
        summary = data.summaries[name].figures
        act = diff.get("activations") or Difference(None, None, False)
        ci = act.ci95 or [None, None]
        verdict = "significant" if act.significant else "not_significant"
        rows.append(
            {
                "name": labels.get(name, name),
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
    """Today's staffing, then each proposal by its description: what it adds, from when, at
    what cost, and its paired difference against today."""
    lang = data.lang
    today = data.summary.figures
    rows = [
        [
            Markup(escape(t(lang, "baseline"))),
            *[Markup("")] * 3,
            Markup(escape(fmt_int(today["activations"]["mean"], lang))),
            Markup(escape(fmt_pct(today["p_reach_target"], lang))),
            *[Markup("")] * 5,
        ]
    ]
    for proposal in data.results.proposals:
        rows.append(_proposal_row(data, proposal))
    return rows


def _proposal_row(data: ReportData, proposal: Proposal) -> list[Markup]:
    lang, diff = data.lang, data.comparison.of(proposal.name) or {}
    act = diff.get("activations")
    cells = [
        proposal_label(proposal, lang),
        f"{_signed(proposal.officers_added, lang)} / {_signed(proposal.devices_added, lang)}",
        fmt_date(proposal.starts, lang) if proposal.starts else t(lang, "p1.from_start"),
        fmt_rupiah(proposal.cost, lang),
        fmt_int(proposal.activations_mean, lang),
        fmt_pct(proposal.p_reach_target, lang),
    ]
    if act:
        ci = act.ci95 or [None, None]
        cells += [
            _signed(act.mean, lang),
            f"{_signed(ci[0], lang)} – {_signed(ci[1], lang)}",
            t(lang, "yes" if act.significant else "no"),
            fmt_num(diff["main_office_wait_min"].mean, lang),
            _signed(diff["left_without_activating"].mean, lang),
        ]
    else:
        cells += [""] * 5
    return [Markup(escape(cell)) for cell in cells]


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
            fmt_date(row.first_visit, lang),
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
            in_lang(row.label, row.label_id, lang),
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
            "changes": {key: value_text(value, lang, key) for key, value in v["changes"].items()},
        }
        for name, v in data.variant_changes.items()
    }


def value_text(value: Any, lang: str, key: str = "") -> str:
    """A scenario value as a planner reads it (as in the assumptions table): ``key: value``
    pairs, items by "; ", dates in words, yes/no, decimals in the language's convention."""
    if isinstance(value, dict) and not is_distribution(value):
        return ", ".join(f"{k}: {value_text(v, lang, k)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "; ".join(value_text(v, lang, key) for v in value) or "–"
    if value is None:
        return "–"
    return shown_value(value, lang, key)


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
    notes.append(markup(lang, "abk.grades"))
    if abk.has_other_work:
        notes.append(markup(lang, "abk.other_note"))
    return notes


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


GLOSSARY = ("replication", "ci", "p10_p90", "significant", "crn", "seed", "ej")


def _main_cases(data: ReportData) -> list[int]:
    """The ABK cases the report's body shows: today, the recommended plan, the target (the
    other proposals' tables go to the annex; the overview shows them all)."""
    cases, plan = data.results.abk_cases, data.results.brief.plan
    chosen = plan.name if plan is not None else None
    return [
        k
        for k, abk in enumerate(cases)
        if abk.case != "plan" or abk.variant == chosen or len(cases) == 3
    ]


def _by_name(data: ReportData) -> dict[str, Proposal]:
    """The proposals by variant name, the search's plan as "plan"."""
    found = {p.name: p for p in data.results.proposals}
    brief = data.results.brief
    if brief is not None and brief.plan is not None and brief.plan.name == "plan":
        found["plan"] = brief.plan
    return found


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


def _front(data: ReportData) -> dict[str, Any]:
    """The header and page 1: period and making date in words, the brief."""
    lang, prov = data.lang, data.summary.provenance
    period = data.scenario.period
    return {
        "page1": page_one(data.results.brief, lang),
        "period_words": t(
            lang, "p1.period", start=fmt_date(period.start, lang), end=fmt_date(period.end, lang)
        ),
        "made_words": t(
            lang, "p1.made", date=fmt_date(data.created.date(), lang), n=prov.replications
        ),
    }


def _abk_sections(data: ReportData) -> dict[str, Any]:
    """The ABK overview, the body's case tables (today, plan, target) and the annex's."""
    lang, names = data.lang, _by_name(data)
    tables = [case_table(abk, k, names, lang) for k, abk in enumerate(data.results.abk_cases)]
    main = _main_cases(data)
    return {
        "abk_notes": abk_notes(data),
        "abk_overview": overview_rows(data.results.abk_cases, names, lang),
        "abk_cases": [tables[k] for k in main],
        "abk_annex": [table for k, table in enumerate(tables) if k not in main],
    }


def _decisions(data: ReportData) -> dict[str, Any]:
    """The comparison, the staffing search and the one-at-a-time sweep (None when not run)."""
    searched, swept = data.search is not None, data.sweep is not None
    return {
        "comparison_rows": comparison_rows(data) if data.comparison is not None else None,
        "search_rows": search_rows(data) if searched else None,
        "visit_rows": visit_rows(data) if searched else None,
        "search_lines": _search_lines(data) if searched else None,
        "sensitivity_rows": sensitivity_rows(data) if swept else None,
    }


def render(data: ReportData, figures: dict[str, bytes]) -> str:
    """The whole report as one HTML document."""
    lang = data.lang
    template = _environment().get_template("report.html.j2")
    return template.render(
        lang=lang,
        t=lambda key, **values: t(lang, key, **values),
        data=data,
        summary=data.figures,
        warnings=data.summary.warnings,
        answer=answer(data),
        figures={name: data_uri(png) for name, png in figures.items()},
        channel_rows=channel_rows(data),
        reason_rows=reason_rows(data),
        site_rows=site_rows(data),
        uncertain_lines=uncertain_lines(data),
        screening=screening_rows(data),
        glossary=[(t(lang, f"gl.{term}.h"), t(lang, f"gl.{term}")) for term in GLOSSARY],
        inputs=data.inputs,
        variants=variant_rows(data),
        model=model_paragraphs(data),
        provenance=[(label, _shown(value, lang)) for label, value in data.provenance_rows()],
        **_front(data),
        **_decisions(data),
        **_abk_sections(data),
    )
