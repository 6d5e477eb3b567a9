"""Machine-readable outputs, serialized from the typed results: summary.json, daily.csv,
comparison.json, search.json, sensitivity.json and the optional events.csv."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from pathlib import Path

import numpy as np

from sim.decide.abk import Abk, Staffing, Task
from sim.decide.analysis import Difference
from sim.decide.results import Summary
from sim.decide.search import SearchResult
from sim.decide.sensitivity import Sensitivity
from sim.decide.store import atomic_text
from sim.decide.study import Results
from sim.metrics import Replication, channels_in_use
from sim.scenario import CHANNELS, Scenario


def _json(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def summary_json(summary: Summary) -> dict:
    """summary.json of one variant: its KPIs, then warnings, provenance, precision and ABK."""
    data = dict(summary.figures)
    data["warnings"] = [asdict(warning) for warning in summary.warnings]
    data["provenance"] = asdict(summary.provenance)
    if summary.precision_pct is not None:
        data["precision_pct"] = summary.precision_pct
    if summary.abk is not None:
        data["abk"] = abk_json(summary.abk)
    return data


def abk_json(abk: Abk) -> dict:
    """The ABK table for summary.json: every row tagged with its kind (task, subtotal, total)."""
    data = asdict(abk)
    data["rows"] = [_abk_row(row) for row in abk.rows]
    data["for_target"] = {k: v for k, v in data["for_target"].items() if v is not None}
    return data


def _abk_row(row: Task | Staffing) -> dict:
    """A task row drops the other-work share it does not have; a total, the site's figures."""
    if isinstance(row, Task):
        data = {"row": "task", **asdict(row)}
        return data if row.other_work_share is not None else _without(data, "other_work_share")
    data = asdict(row)
    return data if row.row == "subtotal" else _without(data, "utilisation", "wait_mean_min")


def _without(data: dict, *keys: str) -> dict:
    return {key: value for key, value in data.items() if key not in keys}


def comparison_json(results: Results) -> dict:
    """Every variant's summary and its paired differences against the baseline."""
    declared, comparison = results.prepared.variants, results.comparison
    return {
        "baseline": comparison.baseline,
        "variants": {
            name: {
                "description": declared[name].description if name in declared else "",
                "summary": summary_json(summary),
                "difference_vs_baseline": _differences(comparison.of(name)),
            }
            for name, summary in results.summaries.items()
        },
    }


def _differences(kpis: dict[str, Difference] | None) -> dict | None:
    return None if kpis is None else {name: asdict(diff) for name, diff in kpis.items()}


def search_json(search: SearchResult) -> dict:
    """search.json: the goal, the answer and every plan tried (the search's evidence)."""
    data = asdict(search)
    goal = search.goal
    data["goal"] = {
        "p_reach_target": goal.p_target,
        "max_main_office_wait_min": goal.max_main_wait_min,
        "max_added_officers": goal.max_added,
    }
    data["pppk_from"] = search.pppk_from.isoformat()
    if search.visits is not None:
        data["visits"] = [visit | {"date": visit["date"].isoformat()} for visit in data["visits"]]
    return {key: value for key, value in data.items() if value is not None or key in _KEPT}


_KEPT = {"chosen", "one_unit_fewer", "unlimited_staff"}  # written as null when absent


_SWEPT_KEYS = (
    "name",
    "label",
    "key",
    "low_value",
    "high_value",
    "low",
    "high",
    "swing_activations",
    "swing_p_reach_target",
)


def sensitivity_json(sweep: Sensitivity) -> dict:
    """sensitivity.json: the base run and every input's low and high runs (tornado data)."""
    rows = [asdict(row) for row in sweep.inputs]
    return {
        "replications": sweep.replications,
        "base": asdict(sweep.base),
        "inputs": [{key: row[key] for key in _SWEPT_KEYS} for row in rows],
    }


def write_results(out: Path, results: Results) -> None:
    """summary.json and daily.csv of the first variant, and every file the run asked for."""
    first = results.prepared.first
    atomic_text(out / "summary.json", _json(summary_json(results.summary)))
    write_daily(out / "daily.csv", results.reps[first], results.scenarios[first])
    if results.events is not None:
        write_events(out / "events.csv", results.events)
    if results.comparison is not None:
        atomic_text(out / "comparison.json", _json(comparison_json(results)))
    if results.search is not None:
        atomic_text(out / "search.json", _json(search_json(results.search)))
    if results.sweep is not None:
        atomic_text(out / "sensitivity.json", _json(sensitivity_json(results.sweep)))
    if results.fit is not None:
        atomic_text(out / "observed.json", _json(observed_json(results)))


def observed_json(results: Results) -> dict:
    """The observed record against the run: one entry per observed date."""
    fits = results.fit or ()
    return {
        "file": results.prepared.observed.path,
        "replications": len(results.reps[results.first]),
        "inside_p10_p90": sum(f.inside for f in fits),
        "observations": [
            {
                "date": f.date.isoformat(),
                "observed": f.observed,
                "simulated_mean": f.simulated_mean,
                "p10": f.p10,
                "p90": f.p90,
                "inside_p10_p90": f.inside,
                "source": f.source,
            }
            for f in fits
        ],
    }


def write_daily(path: Path, reps: list[Replication], scenario: Scenario) -> None:
    """One row per (date, replication, channel): activations that day and cumulative so far."""
    used = [(ch, CHANNELS.index(ch)) for ch in channels_in_use(scenario)]
    first = np.datetime64(scenario.period.start)
    dates = [str(first + np.timedelta64(d, "D")) for d in range(scenario.period.days)]
    text = io.StringIO()
    out = csv.writer(text, lineterminator="\n")
    out.writerow(["date", "replication", "channel", "activations", "cumulative"])
    for rep in reps:
        cumulative = np.cumsum(rep.daily, axis=0)
        for d, date in enumerate(dates):
            for channel, i in used:
                out.writerow([date, rep.replication, channel, rep.daily[d, i], cumulative[d, i]])
    atomic_text(path, text.getvalue())


def write_events(path: Path, events: list[tuple]) -> None:
    """The opt-in per-resident event log of one replication."""
    text = io.StringIO()
    out = csv.writer(text, lineterminator="\n")
    out.writerow(["minute", "site", "event"])
    for minute, site, what in events:
        out.writerow([f"{minute:.3f}", site, what])
    atomic_text(path, text.getvalue())
