"""Page 1 of the report (Ringkasan untuk pimpinan): the typed :class:`Brief` in plain words.

Formatting only: every number is a field of the brief (those from summary.json tagged with
their key), every choice (what limits the result, which plan) was made in sim.decide.brief.
No jargon here: "simulasi" for a replication, "umumnya antara" for the P10-P90 range.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from sim.decide.brief import Brief, Chance, Limit
from sim.decide.proposals import Proposal
from sim.report.i18n import fmt_date, fmt_int, fmt_pct, fmt_rupiah, in_lang, markup, t
from sim.report.tagged import number


@dataclass(frozen=True)
class PageOne:
    """What the template lays out on page 1."""

    staff_rows: list[list[str]]  # kind, units, officers, devices
    staff_total: list[str]
    lines: list[tuple[str, Markup]]  # (heading, sentence)


def chance_words(chance: Chance, lang: str) -> str:
    """The chance in words: "tidak satu pun dari 20 simulasi", "sekitar 3 dari 10"."""
    if chance.p is None:
        return "–"
    if chance.reached_in == 0:
        return t(lang, "p1.chance_none", n=chance.runs)
    if chance.reached_in == chance.runs:
        return t(lang, "p1.chance_all", n=chance.runs)
    tenths = min(9, max(1, round(chance.p * 10)))
    return t(lang, "p1.chance_tenths", k=tenths, m=chance.reached_in, n=chance.runs)


def _staff(brief: Brief, lang: str) -> tuple[list[list[str]], list[str]]:
    rows, total = [], [0, 0, 0]
    for kind, (units, officers, devices) in brief.staff.items():
        if units == 0:
            continue
        rows.append(
            [t(lang, f"channel.{kind}"), *(fmt_int(v, lang) for v in (units, officers, devices))]
        )
        total = [total[0] + units, total[1] + officers, total[2] + devices]
    return rows, [t(lang, "abk.total"), *(fmt_int(v, lang) for v in total)]


def _chance(brief: Brief, lang: str) -> Markup:
    chance = brief.chance
    line = markup(
        lang,
        "p1.chance",
        target=number(brief.target, lang, "target"),
        end=fmt_date(brief.period_end, lang),
        words=chance_words(chance, lang),
        p=number(chance.p, lang, "p_reach_target", "pct"),
    )
    if chance.rough and chance.ci95 is not None:
        low, high = chance.ci95
        line += Markup(" ") + markup(
            lang,
            "p1.rough",
            n=chance.runs,
            low=number(low, lang, "p_reach_target_ci95.0", "pct"),
            high=number(high, lang, "p_reach_target_ci95.1", "pct"),
        )
    return line


def _outcome(brief: Brief, lang: str) -> Markup:
    line = markup(
        lang,
        "p1.outcome",
        end=fmt_date(brief.period_end, lang),
        mean=number(brief.activations_mean, lang, "activations.mean"),
        share=fmt_pct(brief.share_of_target, lang),
        p10=number(brief.activations_p10, lang, "activations.p10"),
        p90=number(brief.activations_p90, lang, "activations.p90"),
    )
    if brief.reached_median is not None:
        return (
            line
            + Markup(" ")
            + markup(lang, "p1.reached", date=fmt_date(brief.reached_median, lang))
        )
    return line + Markup(" ") + markup(lang, "p1.gap", gap=fmt_int(brief.gap_to_target, lang))


def limit_line(limit: Limit, lang: str) -> Markup:
    """What limits the result, in the words that fit the search's finding."""
    reason = _in_sentence(t(lang, f"reason.{limit.reason}")) if limit.reason else "–"
    share = fmt_pct(limit.resident_share, lang)
    helps = {True: "helps", False: "not", None: "untested"}[limit.staff_helps]
    key = f"p1.limit.{limit.kind}"
    if limit.kind in ("residents", "capacity"):
        key += f".{helps}"
    if key == "p1.limit.capacity.helps" and (limit.resident_share or 0) < 0.5:
        key += ".plain"  # most who left were not stopped on their side: no need to say it
    return markup(lang, key, reason=reason, share=share)


def _in_sentence(text: str) -> str:
    """A label inside a sentence: "Tidak punya ponsel" -> "tidak punya ponsel" (not "iPhone")."""
    return text[0].lower() + text[1:] if text[:2].istitle() else text


def added_text(added: dict[str, int], lang: str) -> str:
    """Where officers are added: "Kantor dinas / MPP 4, Jemput bola (school) 3"."""
    parts = []
    for kind, n in added.items():
        channel, _, event = kind.partition(":")
        name = t(lang, f"channel.{channel}")
        parts.append(
            f"{name} ({event}) {fmt_int(n, lang)}" if event else f"{name} {fmt_int(n, lang)}"
        )
    return ", ".join(parts) or "–"


def proposal_label(p: Proposal, lang: str) -> str:
    """A proposal as named everywhere: its description, else its added staff, else its key."""
    if p.description or p.description_id:
        return in_lang(p.description, p.description_id, lang)
    if p.added:
        return t(lang, "p1.search_plan", where=added_text(p.added, lang))
    return p.name


def proposal_terms(p: Proposal, lang: str) -> str:
    """What a proposal adds: "+6 petugas, +6 perangkat, mulai 1 Juli 2023, biaya Rp205
    juta"; "tanpa tambahan petugas, perangkat atau biaya" when it adds nothing."""
    if not p.adds_staff and not p.cost:
        return t(lang, "p1.terms_none")
    starts = fmt_date(p.starts, lang) if p.starts else t(lang, "p1.from_start")
    return t(
        lang,
        "p1.terms" if p.cost is not None else "p1.terms_no_cost",
        officers=_signed(p.officers_added, lang),
        devices=_signed(p.devices_added, lang),
        starts=starts,
        cost=fmt_rupiah(p.cost, lang),
    )


def _signed(value: float, lang: str) -> str:
    return ("+" if value > 0 else "") + fmt_int(value, lang)


def _plan(brief: Brief, lang: str) -> Markup:
    plan = brief.plan
    if plan is None:
        return markup(lang, _no_plan_key(brief))
    key = "p1.plan.likely" if brief.plan_meets_goal else "p1.plan.unlikely"
    return _plan_line(brief, plan, key, lang) + _recheck(brief, lang)


def _recheck(brief: Brief, lang: str) -> Markup:
    """The plan on fresh replications, when the search checked it again."""
    again = brief.recheck
    if again is None:
        return Markup("")
    key = "p1.recheck" if again.meets_goal else "p1.recheck_low"
    p = fmt_pct(again.p_reach_target, lang)
    return Markup(" ") + markup(lang, key, n=brief.recheck_runs, p=p)


def _plan_line(brief: Brief, plan: Proposal, key: str, lang: str) -> Markup:
    return markup(
        lang,
        key,
        name=proposal_label(plan, lang),
        terms=proposal_terms(plan, lang),
        p0=fmt_pct(brief.today.p_reach_target, lang),
        p1=fmt_pct(plan.p_reach_target, lang),
        a0=fmt_int(brief.today.activations_mean, lang),
        a1=fmt_int(plan.activations_mean, lang),
        goal=fmt_pct(brief.goal_p, lang),
    )


def _no_plan_key(brief: Brief) -> str:
    if brief.limit.kind == "none":
        return "p1.plan.none_needed"
    if brief.limit.staff_helps is False:
        return "p1.plan.not_staff"
    if brief.limit.staff_helps is True:
        return "p1.plan.over_cap"
    return "p1.plan.none_better" if brief.proposals else "p1.plan.not_asked"


def page_one(brief: Brief, lang: str) -> PageOne:
    """Page 1's table and sentences from the brief."""
    rows, total = _staff(brief, lang)
    lines = [
        (t(lang, "p1.h.chance"), _chance(brief, lang)),
        (t(lang, "p1.h.outcome"), _outcome(brief, lang)),
        (t(lang, "p1.h.limit"), limit_line(brief.limit, lang)),
        (t(lang, "p1.h.plan"), _plan(brief, lang)),
    ]
    return PageOne(rows, total, lines)
