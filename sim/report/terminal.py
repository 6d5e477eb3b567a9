"""The short table printed after a run."""

from __future__ import annotations

from sim.decide.analysis import Comparison
from sim.decide.results import Summary
from sim.decide.search import SearchResult, StaffingPlan
from sim.decide.sensitivity import Sensitivity
from sim.decide.study import Results
from sim.report.i18n import fmt_int, fmt_num, fmt_pct, in_lang, t
from sim.report.page_one import proposal_label, proposal_terms
from sim.report.terminal_uncertain import (
    backtest_text,
    calibration_text,
    screening_table,
    uncertainty_text,
)


def _row(label: str, value: str, width: int = 54) -> str:
    return f"  {label:<{width}} {value}"


def text(results: Results, lang: str) -> str:
    """Everything a run prints: the table, then the precision, comparison, search and sweep."""
    parts = [table(results.summary, lang)]
    if results.summary.precision_pct is not None:
        pct, n = fmt_num(results.summary.precision_pct, lang), len(results.reps[results.first])
        parts.append(t(lang, "precision", pct=pct, n=n))
    if results.comparison is not None:
        parts.append(
            comparison_table(results.summaries, results.comparison, lang, results.proposals)
        )
    if results.search is not None:
        parts.append(search_text(results.search, results.scenarios[results.first].target, lang))
    if results.sweep is not None:
        parts.append(sensitivity_table(results.sweep, lang))
    if results.screening is not None:
        parts.append(screening_table(results.screening, lang))
    if results.fit is not None:
        parts.append(observed_text(results.fit, lang))
    return "\n\n".join(parts + uncertain_parts(results, lang))


def uncertain_parts(results: Results, lang: str) -> list[str]:
    """The variance split, the calibration and the backtest, where the run has them."""
    parts = []
    if results.uncertainty is not None:
        inner = results.scenarios[results.first].uncertain.inner_replications
        parts.append(uncertainty_text(results.uncertainty, inner, lang))
    figures = results.summary.figures
    before = (figures["p_reach_target"], figures["activations"]["mean"])
    if results.calibrated is not None:
        parts.append(calibration_text(results.calibrated, *before, lang))
    if results.backtest is not None:
        parts.append(calibration_text(results.backtest.calibrated, *before, lang))
        parts.append(backtest_text(results.backtest, lang, observed_text))
    return parts


def observed_text(fits, lang: str) -> str:
    """Each observed date against the simulated P10-P90 band."""
    lines = [t(lang, "observed_title", inside=sum(f.inside for f in fits), n=len(fits))]
    for f in fits:
        lines.append(
            "  "
            + t(
                lang,
                "observed_line",
                date=f.date.isoformat(),
                observed=fmt_int(f.observed, lang),
                mean=fmt_int(f.simulated_mean, lang),
                low=fmt_int(f.p10, lang),
                high=fmt_int(f.p90, lang),
                where=t(lang, "observed_in" if f.inside else "observed_out"),
            )
        )
    return "\n".join(lines)


def table(result: Summary, lang: str) -> str:
    """The run's headline numbers as plain text."""
    parts = [
        _headline(result, lang),
        _breakdown(result.figures, lang),
        _sites(result.figures, lang),
    ]
    return "\n\n".join(parts)


def _headline(result: Summary, lang: str) -> str:
    """Scenario, target, activations, P(target), the date and the main obstacle."""
    prov, summary = result.provenance, result.figures
    act = summary["activations"]
    lines = [
        f"{t(lang, 'scenario')}: {summary['scenario']}"
        f"  ({t(lang, 'runs', n=prov.replications, seed=prov.seed)})",
        "  " + t(lang, "period", start=summary["period"]["start"], end=summary["period"]["end"]),
        "",
        _row(t(lang, "target"), fmt_int(summary["target"], lang)),
        _row(t(lang, "at_start"), fmt_int(summary["activated_at_start"], lang)),
    ]
    ci = act["ci95"]
    ci_text = f"  ({t(lang, 'ci')} {fmt_int(ci[0], lang)} – {fmt_int(ci[1], lang)})" if ci else ""
    lines.append(_row(t(lang, "activations"), fmt_int(act["mean"], lang) + ci_text))
    lines.append(
        _row(t(lang, "range"), f"{fmt_int(act['p10'], lang)} – {fmt_int(act['p90'], lang)}")
    )
    p_ci = summary["p_reach_target_ci95"]
    p_text = fmt_pct(summary["p_reach_target"], lang)
    if p_ci:
        p_text += f"  ({t(lang, 'ci')} {fmt_pct(p_ci[0], lang)} – {fmt_pct(p_ci[1], lang)})"
    lines.append(_row(t(lang, "p_reach"), p_text))
    median = summary["target_reached_date"]["median"]
    lines.append(_row(t(lang, "reached_date"), median or t(lang, "not_reached")))
    if result.limits:
        count, reason = fmt_int(result.limits.count, lang), result.limits.reason
        obstacle = f"{t(lang, 'reason.' + reason)} ({count} {t(lang, 'residents')})"
        lines.append(_row(t(lang, "main_limit"), obstacle))
    return "\n".join(lines)


def _breakdown(summary: dict, lang: str) -> str:
    """Activations by channel, then who left without activating, by reason."""
    lines = [t(lang, "by_channel")]
    for channel, values in summary["by_channel"].items():
        lines.append(_row(t(lang, f"channel.{channel}"), fmt_int(values["activations_mean"], lang)))
    lines += ["", t(lang, "turned_away")]
    for reason, count in summary["turned_away"].items():
        if count > 0:
            lines.append(_row(t(lang, f"reason.{reason}"), fmt_int(count, lang)))
    lines.append(_row(t(lang, "unserved_end"), fmt_int(summary["flow"]["unserved_end_mean"], lang)))
    return "\n".join(lines)


def _sites(summary: dict, lang: str) -> str:
    """Utilisation and waits by kind of site."""
    lines = [_site_header(lang)]
    for channel, wait in summary["wait_min"].items():
        util = summary["utilisation"][channel]
        ikd = summary["ikd_utilisation"][channel]
        lines.append(
            f"  {t(lang, f'channel.{channel}'):<26}"
            f"{fmt_pct(util, lang):>12}{fmt_pct(ikd, lang):>10}"
            f"{fmt_num(wait['mean'], lang):>26}{fmt_num(wait['p90'], lang, 0):>22}"
        )
    return "\n".join(lines)


def _site_header(lang: str) -> str:
    return (
        f"{t(lang, 'per_site'):<28}{t(lang, 'utilisation'):>12}{t(lang, 'ikd_share'):>10}"
        f"{t(lang, 'wait_mean'):>26}{t(lang, 'wait_p90'):>22}"
    )


def comparison_table(
    results: dict[str, Summary], comparison: Comparison, lang: str, proposals: tuple = ()
) -> str:
    """Variants side by side: activations, P(target), and the paired difference to baseline;
    under each, its description and what it adds, from when, at what cost."""
    named = {p.name: p for p in proposals}
    lines = [
        t(lang, "compare_title"),
        f"  {t(lang, 'variant_col'):<28}{t(lang, 'activations_col'):>24}"
        f"{t(lang, 'p_reach_col'):>16}   {t(lang, 'diff_col')}",
    ]
    for name, result in results.items():
        summary = result.figures
        row = (
            f"  {name:<28}{fmt_int(summary['activations']['mean'], lang):>24}"
            f"{fmt_pct(summary['p_reach_target'], lang):>16}"
        )
        diff = (comparison.of(name) or {}).get("activations")
        if diff and diff.ci95:
            low, high = diff.ci95
            verdict = t(lang, "significant" if diff.significant else "not_significant")
            row += (
                f"   {fmt_int(diff.mean, lang):>8} ({fmt_int(low, lang)} – "
                f"{fmt_int(high, lang)}) {verdict}"
            )
        lines.append(row)
        if name in named:
            found = named[name]
            lines.append(f"    {proposal_label(found, lang)} ({proposal_terms(found, lang)})")
    return "\n".join(lines)


def plan_text(plan: StaffingPlan, lang: str) -> str:
    """Where a staffing plan adds officers: "Pos kecamatan 3, Jemput bola (school) 6"."""
    parts = [f"{kind_text(kind, lang)} {fmt_int(n, lang)}" for kind, n in plan.added.items()]
    return ", ".join(parts) or "–"


def kind_text(kind: str, lang: str) -> str:
    """A kind of site, or "Jemput bola (school)" for a team visiting one event kind."""
    channel, _, event = kind.partition(":")
    name = t(lang, f"channel.{channel}")
    return f"{name} ({event})" if event else name


def search_text(search: SearchResult, target: int, lang: str) -> str:
    """The staffing search's answer, with its evidence, in plain words."""
    goal = fmt_pct(search.goal.p_target, lang)
    if search.status == "met_already":
        p = fmt_pct(search.steps[0].p_reach_target, lang)
        body = ["  " + t(lang, "search_met", p=p)]
    elif search.status == "demand_limited":
        body = _demand_limited(search, target, lang)
    elif search.status == "cap_reached":
        body = ["  " + t(lang, "search_cap", n=search.goal.max_added)]
    elif search.status == "no_gain":
        body = ["  " + t(lang, "search_no_gain")]
    else:
        body = _found(search, lang)
    return "\n".join([t(lang, "search_title", goal=goal), *body])


def _demand_limited(search: SearchResult, target: int, lang: str) -> list[str]:
    """Even unlimited staff misses the target: what unlimited staff reaches, and the three
    largest reasons residents leave."""
    ceiling = search.unlimited_staff
    lines = [
        "  "
        + t(
            lang,
            "search_demand",
            mean=fmt_int(ceiling.activations_mean, lang),
            target=fmt_int(target, lang),
            p=fmt_pct(ceiling.p_reach_target, lang),
        )
    ]
    lines += [
        f"    {t(lang, 'reason.' + reason)}: {fmt_int(count, lang)}"
        for reason, count in search.funnel.largest(3)
    ]
    return lines


def _found(search: SearchResult, lang: str) -> list[str]:
    """The plan found, the best plan with one unit fewer, and the recheck on fresh runs."""
    chosen, fewer, again = search.chosen, search.one_unit_fewer, search.recheck
    where = plan_text(chosen, lang)
    p = fmt_pct(chosen.p_reach_target, lang)
    lines = ["  " + t(lang, "search_found", n=chosen.added_officers, where=where, p=p)]
    if fewer:
        p = fmt_pct(fewer.p_reach_target, lang)
        lines.append("  " + t(lang, "search_fewer", n=fewer.added_officers, p=p))
    lines.append("  " + t(lang, "search_recheck", p=fmt_pct(again.p_reach_target, lang)))
    if chosen.cost is not None:
        lines.append("  " + t(lang, "search_cost", cost=fmt_int(chosen.cost, lang)))
    return lines + [f"  {line}" for line in visit_lines(search, lang)]


def visit_lines(search: SearchResult, lang: str) -> list[str]:
    """Per added team: how many visits, to how many institutions, reaching how many."""
    return [
        t(lang, "search_team_visits", team=team, visits=n, places=places, came=fmt_int(came, lang))
        for team, n, places, came in search.team_visits()
    ]


def sensitivity_table(sweep: Sensitivity, lang: str) -> str:
    """Uncertain inputs by the swing they cause (tornado data)."""
    lines = [
        t(lang, "sens_title"),
        f"  {t(lang, 'sens_input'):<46}{t(lang, 'sens_values'):>18}"
        f"{t(lang, 'sens_swing'):>22}{t(lang, 'p_reach_col'):>14}",
    ]
    for row in sweep.inputs:
        low = value_text(row.low_value, row.low_mean, lang)
        values = f"{low} → {value_text(row.high_value, row.high_mean, lang)}"
        lines.append(
            f"  {in_lang(row.label, row.label_id, lang)[:45]:<46}{values:>18}"
            f"{fmt_int(row.swing_activations, lang):>22}"
            f"{fmt_num(100 * row.swing_p_reach_target, lang, 0):>13}%"
        )
    return "\n".join(lines)


def value_text(value: object, mean: float | None, lang: str) -> str:
    """A swept value for the table: a number, or a distribution shown by its ``mean``."""
    if mean is not None:
        return "≈" + fmt_num(mean, lang)
    if isinstance(value, float):
        return fmt_num(value, lang, 2)
    return str(value)
