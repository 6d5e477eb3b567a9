"""The report's charts as PNG: labelled with units, told apart by line style and hatching as
well as colour, so they stay readable printed in grey.

Figures are built on matplotlib's object API with the Agg canvas (no pyplot, no global
state), so reports can be drawn from any process.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap

import numpy as np
from matplotlib.dates import DayLocator, MonthLocator, num2date
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MultipleLocator, PercentFormatter

from sim.decide.analysis import Difference
from sim.decide.calibrate import Calibration
from sim.decide.screening import GlobalSensitivity
from sim.decide.search import SearchResult
from sim.decide.sensitivity import Sensitivity
from sim.report.i18n import fmt_int, in_lang, t

# Okabe-Ito colours, dark to light, each with its own line style: distinct in colour, in grey
# (their luminances differ) and for readers who cannot tell red from green.
INK = "#000000"
SERIES = (
    ("#000000", "-"),
    ("#0072B2", "--"),
    ("#D55E00", ":"),
    ("#009E73", "-."),
    ("#CC79A7", (0, (5, 1, 1, 1))),
    ("#E69F00", (0, (1, 2))),
)
HATCHES = ("", "///", "...", "xxx", "\\\\\\", "ooo")
DPI = 150
WIDTH_IN = 7.5  # fits an A4 page's text width at full size


def _figure(height_in: float, lang: str) -> tuple[Figure, object]:
    fig = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI, layout="constrained")
    ax = fig.add_subplot()
    ax.grid(axis="both", color="#cccccc", linewidth=0.6)
    ax.set_axisbelow(True)
    return fig, ax


def _count_axis(axis, lang: str) -> None:
    axis.set_major_formatter(FuncFormatter(lambda value, _: fmt_int(value, lang)))


def png(fig: Figure) -> bytes:
    """The figure as PNG bytes."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def cumulative(bands: dict[str, dict], start: dt.date, target: int, lang: str) -> Figure:
    """Activated residents by date per variant: the mean, a P10-P90 band, and the target."""
    fig, ax = _figure(3.8, lang)
    for i, (name, band) in enumerate(bands.items()):
        colour, style = SERIES[i % len(SERIES)]
        days = np.arange(len(band["mean"]))
        dates = np.datetime64(start) + days.astype("timedelta64[D]")
        ax.fill_between(
            dates,
            band["p10"],
            band["p90"],
            color=colour,
            alpha=0.25,
            hatch=HATCHES[i % len(HATCHES)],
            linewidth=0,
        )
        for edge in ("p10", "p90"):  # the band's edges drawn, so a narrow band still shows
            ax.plot(dates, band[edge], color=colour, linestyle=style, linewidth=0.5)
        label = _wrap(name, 48)
        ax.plot(dates, band["mean"], color=colour, linestyle=style, linewidth=1.8, label=label)
    ax.axhline(target, color=INK, linewidth=1.2, linestyle=(0, (8, 3)))
    ax.annotate(
        f"{t(lang, 'plot.target')} {fmt_int(target, lang)}",
        xy=(0.01, target),
        xycoords=("axes fraction", "data"),
        xytext=(0, 4),
        textcoords="offset points",
        fontsize=8,
    )
    ax.set_ylim(0, max(target, max(float(b["p90"].max()) for b in bands.values())) * 1.08)
    ax.set_ylabel(t(lang, "plot.cumulative_y"))
    ax.set_xlabel(t(lang, "plot.date"))
    _date_axis(ax.xaxis, len(next(iter(bands.values()))["mean"]), lang)
    _count_axis(ax.yaxis, lang)
    ax.legend(title=t(lang, "plot.band"), fontsize=7, title_fontsize=7, loc="center right")
    return fig


MONTHS = {
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def _date_axis(axis, days: int, lang: str) -> None:
    """Month ticks for long periods, day ticks for short ones, month names in ``lang``."""
    months = MONTHS[lang]
    if days > 62:
        axis.set_major_locator(MonthLocator(bymonthday=1, interval=1 if days <= 400 else 3))

        def label(value: float, _: int) -> str:
            day = num2date(value)
            text = months[day.month - 1]
            return f"{text}\n{day.year}" if day.month == 1 or _ == 0 else text
    else:
        step = 1 if days <= 10 else 7
        axis.set_major_locator(DayLocator(interval=step))

        def label(value: float, _: int) -> str:
            day = num2date(value)
            return f"{day.day} {months[day.month - 1]}"

    axis.set_major_formatter(FuncFormatter(label))


def bars(labels: list[str], values: list[float], cis: list, xlabel: str, lang: str) -> Figure:
    """Horizontal bars with 95% CI whiskers, largest on top."""
    order = np.argsort(values)
    fig, ax = _figure(0.45 * len(labels) + 1.0, lang)
    y = np.arange(len(labels))
    vals = np.asarray(values, dtype=float)[order]
    err = _whiskers(vals, [cis[i] for i in order])
    ax.barh(y, vals, color="#9ab8d8", edgecolor=INK, hatch="//", linewidth=0.8)
    ax.errorbar(vals, y, xerr=err, fmt="none", ecolor=INK, capsize=3, linewidth=1)
    ax.set_yticks(y, [_wrap(labels[i]) for i in order], fontsize=8)
    ax.set_xlabel(xlabel)
    _count_axis(ax.xaxis, lang)
    ax.grid(axis="y", visible=False)
    return fig


def _wrap(label: str, width: int = 28) -> str:
    """A label from the scenario, wrapped, as plain text: a "$" is escaped so matplotlib
    does not read "x$\\frac{$" as math markup (and fail to draw the chart)."""
    text = "\n".join(textwrap.wrap(label, width)) or label
    return text.replace("$", r"\$")


def _whiskers(values: np.ndarray, cis: list) -> np.ndarray:
    low = [v - ci[0] if ci else 0.0 for v, ci in zip(values, cis, strict=True)]
    high = [ci[1] - v if ci else 0.0 for v, ci in zip(values, cis, strict=True)]
    return np.clip(np.array([low, high]), 0, None)


def _paired_bars(ax, y, upper: tuple, lower: tuple) -> None:
    """Two bars per row: (values, label, colour, hatch) above and below the row's line."""
    for offset, (values, label, colour, hatch) in ((0.2, upper), (-0.2, lower)):
        ax.barh(y + offset, values, 0.4, color=colour, edgecolor=INK, hatch=hatch, label=label)
    ax.legend(fontsize=7, loc="lower right")
    ax.grid(axis="x", color="#cccccc", linewidth=0.6)
    ax.set_axisbelow(True)


def sites(summary: dict, labels: dict[str, str], lang: str) -> Figure:
    """Utilisation (all work and IKD alone) and waits (mean and P90) per kind of site."""
    fig = Figure(figsize=(WIDTH_IN, 3.4), dpi=DPI, layout="constrained")
    left, right = fig.subplots(1, 2)
    kinds = list(summary["utilisation"])
    y = np.arange(len(kinds))
    occupied = [summary["utilisation"][k] or 0 for k in kinds]
    ikd = [summary["ikd_utilisation"][k] or 0 for k in kinds]
    _paired_bars(
        left,
        y,
        (occupied, t(lang, "plot.util_all"), "#dddddd", "//"),
        (ikd, t(lang, "plot.util_ikd"), "#0072B2", ""),
    )
    left.set_yticks(y, [_wrap(labels[k], 18) for k in kinds], fontsize=8)
    left.set_xlim(0, 1)
    left.xaxis.set_major_formatter(PercentFormatter(1.0))
    left.set_xlabel(t(lang, "plot.util_x"))
    waits = [summary["wait_min"][k] for k in kinds]
    _paired_bars(
        right,
        y,
        ([w["p90"] or 0 for w in waits], t(lang, "plot.wait_p90"), "#dddddd", ".."),
        ([w["mean"] or 0 for w in waits], t(lang, "plot.wait_mean"), "#D55E00", ""),
    )
    for yi, wait in zip(y, waits, strict=True):
        if wait["mean"] is None:  # home visits wait in a backlog, not in minutes
            right.text(1, yi, t(lang, "plot.no_wait"), va="center", fontsize=8)
    right.set_yticks(y, [""] * len(kinds))
    right.set_xlabel(t(lang, "plot.wait_x"))
    return fig


def differences(rows: list[tuple[str, Difference]], gap: float, lang: str) -> Figure:
    """Paired differences in activations against today's staffing, with their 95% CIs, and
    the activations still needed to reach the target (``gap``)."""
    fig, ax = _figure(0.55 * len(rows) + 1.4, lang)
    y = np.arange(len(rows))[::-1]
    for yi, (_, diff) in zip(y, rows, strict=True):
        low, high = diff.ci95 or (diff.mean, diff.mean)
        ax.plot([low, high], [yi, yi], color=INK, linewidth=1.5)
        face = INK if diff.significant else "white"
        ax.plot(diff.mean, yi, marker="o", color=INK, markerfacecolor=face, markersize=7)
    ax.axvline(0, color=INK, linewidth=0.8, linestyle="--")
    if gap > 0:
        ax.axvline(gap, color="#D55E00", linewidth=1.5, linestyle=(0, (8, 3)))
        ax.annotate(
            t(lang, "plot.gap", gap=fmt_int(gap, lang)),
            xy=(gap, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(-4, -4),
            textcoords="offset points",
            ha="right",
            va="top",
            fontsize=8,
            color="#D55E00",
        )
    ax.set_yticks(y, [_wrap(name, 40) for name, _ in rows], fontsize=7)
    ax.set_xlabel(t(lang, "plot.diff_x"))
    _count_axis(ax.xaxis, lang)
    ax.grid(axis="y", visible=False)
    return fig


def search_steps(search: SearchResult, lang: str) -> Figure:
    """P(target) of the staffing plans the search tried, by officers added."""
    fig, ax = _figure(3.2, lang)
    steps = search.by_officers
    ax.plot(
        [s.added_officers for s in steps],
        [s.p_reach_target for s in steps],
        color=INK,
        marker="o",
        linestyle="-",
        label=t(lang, "plot.search_steps"),
    )
    chosen = search.chosen
    if chosen:
        ax.plot(
            chosen.added_officers,
            chosen.p_reach_target,
            marker="*",
            markersize=14,
            color="#D55E00",
            linestyle="none",
            label=t(lang, "plot.search_chosen"),
        )
    ax.axhline(
        search.goal.p_target,
        color=INK,
        linestyle=":",
        linewidth=1,
        label=t(lang, "plot.search_goal"),
    )
    ax.set_ylim(-0.02, 1.02)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    size = max(1, search.outreach_team_size)  # ticks by whole teams, at most about ten
    widest = max([s.added_officers for s in steps] + [size])
    ax.xaxis.set_major_locator(MultipleLocator(size * max(1, -(-widest // (10 * size)))))
    ax.set_xlabel(t(lang, "plot.search_x"))
    ax.set_ylabel(t(lang, "plot.search_y"))
    ax.legend(fontsize=8, loc="lower right")
    return fig


def tornado(sweep: Sensitivity, lang: str) -> Figure:
    """Each uncertain input's low and high value against the base run, widest swing on top."""
    rows = sweep.inputs[::-1]
    base = sweep.base.activations_mean
    fig, ax = _figure(0.45 * len(rows) + 1.2, lang)
    y = np.arange(len(rows))
    low, high = zip(*(sweep.against_base(r) for r in rows), strict=True)
    ax.barh(y, low, color="#dddddd", edgecolor=INK, hatch="\\\\", label=t(lang, "plot.low"))
    ax.barh(y, high, color="#0072B2", edgecolor=INK, label=t(lang, "plot.high"))
    ax.axvline(0, color=INK, linewidth=1)
    ax.set_yticks(y, [_wrap(in_lang(r.label, r.label_id, lang)) for r in rows], fontsize=8)
    ax.set_xlabel(t(lang, "plot.tornado_x", base=fmt_int(base, lang)))
    _count_axis(ax.xaxis, lang)
    ax.grid(axis="y", visible=False)
    ax.legend(fontsize=8, loc="lower right")
    return fig


def record_fit(series: list[tuple[str, tuple]], lang: str) -> Figure:
    """The office's observed counts against each run's simulated P10-P90 band on those dates."""
    fig, ax = _figure(3.2, lang)
    width = 0.8 / max(1, len(series))
    for i, (label, fits) in enumerate(series):
        dates = [f.date for f in fits]
        offset = dt.timedelta(days=(i - (len(series) - 1) / 2) * 4 * width)
        x = [d + offset for d in dates]
        mean = np.array([f.simulated_mean for f in fits])
        spread = [mean - [f.p10 for f in fits], [f.p90 for f in fits] - mean]
        colour = SERIES[i + 1][0]
        ax.errorbar(x, mean, yerr=spread, fmt="s", color=colour, capsize=4, label=label)
    observed = series[0][1]
    ax.plot(
        [f.date for f in observed],
        [f.observed for f in observed],
        "o",
        color=INK,
        markersize=7,
        markerfacecolor="white",
        markeredgewidth=2,
        label=t(lang, "plot.observed"),
    )
    ax.set_ylabel(t(lang, "plot.record_y"))
    _count_axis(ax.yaxis, lang)
    fig.autofmt_xdate()
    ax.legend(fontsize=8, loc="upper left")
    return fig


def prior_posterior(cal: Calibration, lang: str) -> Figure:
    """Each calibrated input: its prior draws against the weighted posterior."""
    k = len(cal.names)
    fig = Figure(figsize=(WIDTH_IN, 2.2), dpi=DPI, layout="constrained")
    for i, axis in enumerate(fig.subplots(1, k, squeeze=False)[0]):
        edges = np.histogram_bin_edges(np.hstack([cal.prior[:, i], cal.posterior[:, i]]), 20)
        axis.hist(
            cal.prior[:, i],
            edges,
            density=True,
            color="#dddddd",
            edgecolor=INK,
            hatch="///",
            label=t(lang, "plot.prior"),
        )
        axis.hist(
            cal.posterior[:, i],
            edges,
            weights=cal.weights,
            density=True,
            color="#0072B2",
            alpha=0.8,
            edgecolor=INK,
            label=t(lang, "plot.posterior"),
        )
        axis.set_title(_wrap(cal.labels[i], 22), fontsize=8)
        axis.set_yticks([])
        axis.tick_params(labelsize=7)
    fig.axes[0].legend(fontsize=7, loc="upper right")
    return fig


def effects(gs: GlobalSensitivity, lang: str) -> Figure:
    """Each input's effect on activations (Morris mu* or Sobol total index), largest on top."""
    rows = gs.inputs[::-1]
    fig, ax = _figure(0.45 * len(rows) + 1.2, lang)
    y = np.arange(len(rows))
    ax.barh(y, [r.activations for r in rows], color="#0072B2", edgecolor=INK)
    ax.set_yticks(y, [_wrap(in_lang(r.label, r.label_id, lang)) for r in rows], fontsize=8)
    ax.set_xlabel(t(lang, f"plot.effects_x_{gs.method}"))
    if gs.method == "morris":
        _count_axis(ax.xaxis, lang)
    ax.grid(axis="y", visible=False)
    return fig
