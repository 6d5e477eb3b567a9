"""What a report is made of: a study's results, the language, and how it was asked for."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from functools import cached_property

from sim.decide.analysis import Comparison
from sim.decide.kpi import KpiRow
from sim.decide.results import Summary
from sim.decide.search import SearchResult
from sim.decide.sensitivity import Sensitivity
from sim.decide.study import Results
from sim.decide.summary import cumulative_band
from sim.metrics import Replication
from sim.report.i18n import in_lang, t
from sim.report.inputs import Input, inputs
from sim.scenario import Scenario


def run_time() -> dt.datetime:
    """Now, or the moment SOURCE_DATE_EPOCH names (seconds since 1970, UTC): then two runs of
    the same request write byte-identical report.html and results.xlsx."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now().astimezone()


@dataclass
class ReportData:
    """A study's results and how to show them, for the report of its first (or only) variant."""

    lang: str
    results: Results
    command: str = ""
    created: dt.datetime = field(default_factory=lambda: run_time())

    @property
    def source(self) -> str:
        return self.results.prepared.request.source

    @property
    def scenarios(self) -> dict[str, Scenario]:
        return self.results.scenarios

    @property
    def summaries(self) -> dict[str, Summary]:
        return self.results.summaries

    @property
    def reps(self) -> dict[str, list[Replication]]:
        return self.results.reps

    @property
    def rows(self) -> dict[str, list[KpiRow]]:
        return self.results.rows

    @property
    def comparison(self) -> Comparison | None:
        return self.results.comparison

    @property
    def search(self) -> SearchResult | None:
        return self.results.search

    @property
    def sweep(self) -> Sensitivity | None:
        return self.results.sweep

    @property
    def descriptions(self) -> dict[str, str]:
        variants = self.results.prepared.variants.items()
        return {name: in_lang(v.description, v.description_id, self.lang) for name, v in variants}

    @property
    def variant_changes(self) -> dict[str, dict]:
        """The declared variants: description and changed keys of each."""
        return {
            name: {
                "description": in_lang(v.description, v.description_id, self.lang),
                "changes": v.changes,
            }
            for name, v in self.results.prepared.variants.items()
        }

    @property
    def first(self) -> str:
        return self.results.prepared.first

    @property
    def scenario(self) -> Scenario:
        return self.scenarios[self.first]

    @property
    def summary(self) -> Summary:
        return self.results.summary

    @property
    def figures(self) -> dict:
        """The first variant's KPIs, keyed as in summary.json."""
        return self.summary.figures

    @cached_property
    def inputs(self) -> list[Input]:
        prepared = self.results.prepared
        return inputs(self.scenario, prepared.origins, self.results.changes(), self.lang)

    def label(self, name: str) -> str:
        """A variant as the report names it: its description, or "kondisi sekarang"."""
        if name == "baseline":
            return t(self.lang, "baseline")
        return self.descriptions.get(name) or name

    def bands(self) -> dict[str, dict]:
        """The cumulative activations band of every variant, labelled for the chart."""
        return {
            self.label(name): cumulative_band(self.reps[name], self.scenarios[name])
            for name in self.scenarios
        }

    def provenance_rows(self) -> list[tuple[str, str | int | float]]:
        """(label, value) pairs; numbers stay numbers (the page formats them)."""
        prov, lang = self.summary.provenance, self.lang
        rows = [
            (t(lang, "prov.scenario_file"), self.source),
            (t(lang, "prov.variant"), prov.variant),
            (t(lang, "prov.seed"), prov.seed),
            (t(lang, "prov.replications"), prov.replications),
            (t(lang, "prov.hash"), prov.scenario_sha256),
            (t(lang, "prov.version"), prov.version),
            (t(lang, "prov.git"), prov.git_revision),
            (t(lang, "prov.created"), self.created.isoformat(timespec="seconds")),
        ]
        if self.command:
            rows.append((t(lang, "prov.command"), self.command))
        if self.summary.precision_pct is not None:
            rows.append((t(lang, "prov.precision"), self.summary.precision_pct))
        return rows
