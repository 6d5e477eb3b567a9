"""Writing a report: report.html, results.xlsx and plots/*.png."""

from __future__ import annotations

from pathlib import Path

from sim.decide.results import side_of
from sim.decide.store import atomic_text, atomic_write
from sim.report import html, plots, workbook
from sim.report.data import ReportData
from sim.report.i18n import t


def figures(data: ReportData) -> dict[str, bytes]:
    """Every chart the report shows, as PNG bytes by file stem."""
    lang, s = data.lang, data.figures
    labels = {ch: t(lang, f"channel.{ch}") for ch in s["utilisation"]}
    found = {
        "cumulative": plots.cumulative(data.bands(), data.scenario.period.start, s["target"], lang),
        "channels": plots.bars(
            [labels[ch] for ch in s["by_channel"]],
            [v["activations_mean"] for v in s["by_channel"].values()],
            [v["ci95"] for v in s["by_channel"].values()],
            t(lang, "plot.channels_x"),
            lang,
        ),
        "sites": plots.sites(s, labels, lang),
    }
    away = {r: n for r, n in s["turned_away"].items() if n > 0}
    if away:
        found["turned_away"] = plots.bars(
            [f"{t(lang, f'reason.{r}')} ({t(lang, 'side.' + side_of(r))})" for r in away],
            list(away.values()),
            [s["turned_away_ci95"][r] for r in away],
            t(lang, "plot.funnel_x"),
            lang,
        )
    if data.comparison and data.comparison.differences:
        rows = [(data.label(name), diff) for name, diff in data.comparison.of_activations()]
        found["comparison"] = plots.differences(rows, data.summary.gap_to_target, lang)
    if data.search is not None and data.search.steps:
        found["search"] = plots.search_steps(data.search, lang)
    if data.sweep is not None and data.sweep.inputs:
        found["tornado"] = plots.tornado(data.sweep, lang)
    return {name: plots.png(fig) for name, fig in (found | _uncertain_figures(data)).items()}


def _uncertain_figures(data: ReportData) -> dict:
    """The record's fit, the calibration's prior and posterior, the backtest, the screening."""
    lang, results, found = data.lang, data.results, {}
    before = (t(lang, "plot.before_calibration"), results.fit) if results.fit else None
    if results.calibrated is not None:
        after = (t(lang, "plot.after_calibration"), results.calibrated.after.fit)
        series = [before, after] if before else [after]
        found["record_fit"] = plots.record_fit(series, lang)
        found["prior_posterior"] = plots.prior_posterior(results.calibrated.calibration, lang)
    elif before:
        found["record_fit"] = plots.record_fit([before], lang)
    if results.backtest is not None:
        checks = results.backtest.checks
        found["backtest"] = plots.record_fit([(t(lang, "plot.forecast"), checks)], lang)
    if results.screening is not None and results.screening.inputs:
        found["effects"] = plots.effects(results.screening, lang)
    return found


def write_reports(out: Path, data: ReportData) -> None:
    """Write report.html, results.xlsx and plots/*.png into ``out``."""
    pngs = figures(data)
    for name, png in pngs.items():
        atomic_write(out / "plots" / f"{name}.png", lambda stream, png=png: stream.write(png))
    atomic_text(out / "report.html", html.render(data, pngs))
    atomic_write(out / "results.xlsx", lambda stream: workbook.build(data).save(stream))
