"""The printed sections on uncertain inputs: the variance split, the global screening, the
calibration and the backtest."""

from __future__ import annotations

from sim.decide.forecast import Backtest, Calibrated
from sim.decide.screening import GlobalSensitivity
from sim.decide.variance import Uncertainty
from sim.report.i18n import fmt_int, fmt_num, fmt_pct, in_lang, t


def uncertainty_text(unc: Uncertainty, inner: int, lang: str) -> str:
    """How much of the spread comes from the inputs and how much from chance."""
    lines = [t(lang, "unc_title", sets=len(unc.sets), inner=inner)]
    split = unc.split
    if split is None or split.inputs_share is None:
        lines.append("  " + t(lang, "unc_no_split"))
    else:
        share = split.inputs_share
        lines.append(
            "  "
            + t(lang, "unc_split", inputs=fmt_pct(share, lang), chance=fmt_pct(1 - share, lang))
        )
    return "\n".join(lines)


def screening_cells(gs: GlobalSensitivity, lang: str) -> list[list[str]]:
    """Per input, largest first: its label and its measures as shown (Morris mu* and sigma in
    residents, mu* on P(target); or the Sobol indices)."""
    rows = []
    for row in gs.inputs:
        if gs.method == "morris":
            cells = [fmt_int(row.activations, lang), fmt_int(row.activations_spread, lang)]
            cells.append(fmt_pct(row.p_reach_target, lang))
        else:
            values = (row.activations, row.activations_spread, row.p_reach_target)
            cells = [fmt_num(v, lang, 2) for v in values]
        rows.append([in_lang(row.label, row.label_id, lang), *cells])
    return rows


def screening_table(gs: GlobalSensitivity, lang: str) -> str:
    """The inputs by their effect, largest first."""
    heads = t(lang, f"scr_head_{gs.method}").split("|")
    title = t(lang, "scr_title", method=gs.method.capitalize(), points=gs.points, n=gs.replications)
    lines = [title, f"  {'':<44}" + "".join(f"{h:>22}" for h in heads)]
    for label, *cells in screening_cells(gs, lang):
        lines.append(f"  {label[:43]:<44}" + "".join(f"{c:>22}" for c in cells))
    return "\n".join(lines)


def calibration_text(done: Calibrated, before_p: float, before_mean: float, lang: str) -> str:
    """The fit's cost, each input's prior and posterior interval, and P(target) before and after."""
    cal = done.calibration
    lines = [
        t(
            lang,
            "cal_title",
            sims=fmt_int(cal.simulations, lang),
            gens=len(cal.epsilons),
            seconds=fmt_int(cal.seconds, lang),
            ess=fmt_num(cal.ess, lang, 1),
        )
    ]
    for i, label in enumerate(cal.labels):
        prior_low, prior_high = cal.prior_interval(i)
        low, high = cal.interval(i)
        lines.append(
            t(
                lang,
                "cal_input",
                label=label,
                prior_low=_num(prior_low, lang),
                prior_high=_num(prior_high, lang),
                low=_num(low, lang),
                high=_num(high, lang),
                mean=_num(cal.mean(i), lang),
            )
        )
    after = done.after
    lines.append(
        "  "
        + t(
            lang,
            "cal_before_after",
            before=fmt_pct(before_p, lang),
            after=fmt_pct(after.p_reach_target, lang),
            mean_before=fmt_int(before_mean, lang),
            mean_after=fmt_int(after.activations_mean, lang),
        )
    )
    return "\n".join(lines)


def backtest_text(bt: Backtest, lang: str, observed_lines) -> str:
    """The forecast from the backtest date against each later observation."""
    title = t(
        lang,
        "bt_title",
        date=bt.date.isoformat(),
        start=bt.start.isoformat(),
        count=fmt_int(bt.started_with, lang),
    )
    last = bt.checks[-1]
    error = t(
        lang,
        "bt_error",
        date=last.date.isoformat(),
        error=("+" if bt.last_error > 0 else "") + fmt_int(bt.last_error, lang),
        pct=fmt_pct(bt.last_error_share, lang),
    )
    return "\n".join([title, observed_lines(bt.checks, lang), "  " + error])


def _num(value: float, lang: str) -> str:
    return fmt_num(value, lang, 3 if abs(value) < 10 else 0)
