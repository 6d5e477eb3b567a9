"""The short table printed after a run."""

from __future__ import annotations

from sim.report.i18n import fmt_int, fmt_num, fmt_pct, t


def _row(label: str, value: str, width: int = 54) -> str:
    return f"  {label:<{width}} {value}"


def main_obstacle(summary: dict) -> tuple[str, float] | None:
    """The reason most residents left without activating, with its mean count."""
    reasons = {k: v for k, v in summary["turned_away"].items() if v > 0}
    if not reasons:
        return None
    reason = max(reasons, key=reasons.get)
    return reason, reasons[reason]


def table(summary: dict, lang: str) -> str:
    """The run's headline numbers as plain text."""
    prov = summary["provenance"]
    act = summary["activations"]
    lines = [
        f"{t(lang, 'scenario')}: {summary['scenario']}"
        f"  ({t(lang, 'runs', n=prov['replications'], seed=prov['seed'])})",
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
    obstacle = main_obstacle(summary)
    if obstacle:
        reason, count = obstacle
        text = f"{t(lang, 'reason.' + reason)} ({fmt_int(count, lang)} {t(lang, 'residents')})"
        lines.append(_row(t(lang, "main_limit"), text))
    lines += ["", t(lang, "by_channel")]
    for channel, values in summary["by_channel"].items():
        lines.append(_row(t(lang, f"channel.{channel}"), fmt_int(values["activations_mean"], lang)))
    lines += ["", t(lang, "turned_away")]
    for reason, count in summary["turned_away"].items():
        if count > 0:
            lines.append(_row(t(lang, f"reason.{reason}"), fmt_int(count, lang)))
    lines.append(_row(t(lang, "unserved_end"), fmt_int(summary["flow"]["unserved_end_mean"], lang)))
    lines += ["", _site_header(lang)]
    for channel, wait in summary["wait_min"].items():
        util = summary["utilisation"][channel]
        lines.append(
            f"  {t(lang, f'channel.{channel}'):<26}{fmt_pct(util, lang):>12}"
            f"{fmt_num(wait['mean'], lang):>26}{fmt_num(wait['p90'], lang, 0):>22}"
        )
    return "\n".join(lines)


def _site_header(lang: str) -> str:
    return (
        f"{t(lang, 'per_site'):<28}{t(lang, 'utilisation'):>12}"
        f"{t(lang, 'wait_mean'):>26}{t(lang, 'wait_p90'):>22}"
    )
