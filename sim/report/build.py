"""What a report is made of, and writing it: report.html, results.xlsx and plots/*.png."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from sim.metrics import Replication, cumulative_band
from sim.report.i18n import t
from sim.report.inputs import Input, inputs
from sim.scenario import Scenario
from sim.store import atomic_text, atomic_write


@dataclass
class ReportData:
    """Everything a run produced, for the report of its first (or only) variant."""

    lang: str
    source: str  # the scenario file
    scenarios: dict[str, Scenario]  # by variant, in the order run
    summaries: dict[str, dict]  # by variant; the first carries "abk" and "provenance"
    reps: dict[str, list[Replication]]
    descriptions: dict[str, str] = field(default_factory=dict)  # variant -> description
    changes: dict[str, str] = field(default_factory=dict)  # key -> "--set" or a variant
    variant_changes: dict[str, dict] = field(default_factory=dict)  # declared variants
    comparison: dict | None = None
    search: dict | None = None
    sweep: dict | None = None
    command: str = ""
    created: dt.datetime = field(default_factory=lambda: dt.datetime.now().astimezone())

    @property
    def first(self) -> str:
        return next(iter(self.scenarios))

    @property
    def scenario(self) -> Scenario:
        return self.scenarios[self.first]

    @property
    def summary(self) -> dict:
        return self.summaries[self.first]

    @cached_property
    def inputs(self) -> list[Input]:
        return inputs(self.scenario, self.source, self.changes)

    def bands(self) -> dict[str, dict]:
        """The cumulative activations band of every variant, labelled for the chart."""
        return {
            (t(self.lang, "baseline") if name == "baseline" else name): cumulative_band(
                self.reps[name], self.scenarios[name]
            )
            for name in self.scenarios
        }

    def provenance_rows(self) -> list[tuple[str, str | int | float]]:
        """(label, value) pairs; numbers stay numbers (the page formats them)."""
        prov, lang = self.summary["provenance"], self.lang
        rows = [
            (t(lang, "prov.scenario_file"), self.source),
            (t(lang, "prov.variant"), prov["variant"]),
            (t(lang, "prov.seed"), prov["seed"]),
            (t(lang, "prov.replications"), prov["replications"]),
            (t(lang, "prov.hash"), prov["scenario_sha256"]),
            (t(lang, "prov.version"), prov["version"]),
            (t(lang, "prov.git"), prov["git_revision"]),
            (t(lang, "prov.created"), self.created.isoformat(timespec="seconds")),
        ]
        if self.command:
            rows.append((t(lang, "prov.command"), self.command))
        if "precision_pct" in self.summary:
            rows.append((t(lang, "prov.precision"), self.summary["precision_pct"]))
        return rows


def figures(data: ReportData) -> dict[str, bytes]:
    """Every chart the report shows, as PNG bytes by file stem."""
    from sim.report import html, plots  # matplotlib loads only when a report is made

    lang, s = data.lang, data.summary
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
            [f"{t(lang, f'reason.{r}')} ({t(lang, 'side.' + html.side_of(r))})" for r in away],
            list(away.values()),
            [s["turned_away_ci95"][r] for r in away],
            t(lang, "plot.funnel_x"),
            lang,
        )
    if data.comparison:
        rows = [(name, d["activations"]) for name, d in data.comparison.items() if d]
        found["comparison"] = plots.differences(rows, lang)
    if data.search is not None and data.search["steps"]:
        found["search"] = plots.search_steps(data.search, lang)
    if data.sweep is not None and data.sweep["inputs"]:
        found["tornado"] = plots.tornado(data.sweep, lang)
    return {name: plots.png(fig) for name, fig in found.items()}


def write_reports(out: Path, data: ReportData) -> None:
    """Write report.html, results.xlsx and plots/*.png into ``out``."""
    from sim.report import html, workbook

    pngs = figures(data)
    for name, png in pngs.items():
        atomic_write(out / "plots" / f"{name}.png", lambda stream, png=png: stream.write(png))
    atomic_text(out / "report.html", html.render(data, pngs))
    atomic_write(out / "results.xlsx", lambda stream: workbook.build(data).save(stream))
