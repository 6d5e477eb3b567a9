"""Machine-readable outputs, serialized from the typed results: summary.json, daily.csv,
comparison.json, search.json, sensitivity.json and the optional events.csv."""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import asdict
from pathlib import Path

import numpy as np
import yaml

from sim.decide.abk import Abk, Staffing, Task
from sim.decide.analysis import Difference
from sim.decide.fit import ObservedFit
from sim.decide.forecast import Backtest, Calibrated, Run
from sim.decide.results import Summary
from sim.decide.search import SearchResult
from sim.decide.sensitivity import Sensitivity
from sim.decide.store import atomic_text
from sim.decide.study import Results
from sim.decide.variance import Uncertainty
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
    if results.abk_cases:
        atomic_text(out / "abk.json", _json(abk_cases_json(results)))
    if results.brief is not None:
        atomic_text(out / "brief.json", _json(brief_json(results)))
    _write_uncertain(out, results)


def abk_cases_json(results: Results) -> dict:
    """abk.json: the ABK of today, of each proposal or the search's plan, and of the target."""
    return {"abk_cases": [abk_json(case) for case in results.abk_cases]}


def brief_json(results: Results) -> dict:
    """brief.json: page 1's facts (the limit and the recommendation as decided)."""
    return json.loads(json.dumps(asdict(results.brief), default=_iso))


def _iso(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _write_uncertain(out: Path, results: Results) -> None:
    """uncertainty.json, the global sensitivity, the calibration and the backtest."""
    if results.uncertainty is not None:
        atomic_text(out / "uncertainty.json", _json(uncertainty_json(results.uncertainty)))
    if results.screening is not None:
        atomic_text(out / "sensitivity.json", _json(asdict(results.screening)))
    if results.calibrated is not None:
        atomic_text(out / "calibration.json", _json(calibration_json(results.calibrated)))
        source = Path(results.prepared.request.source)
        atomic_text(out / "calibrated.yaml", calibrated_yaml(results.calibrated, source, out))
    if results.backtest is not None:
        atomic_text(out / "backtest.json", _json(backtest_json(results.backtest)))


def uncertainty_json(unc: Uncertainty) -> dict:
    """The variance split and every parameter set with the mean activations it reached."""
    split = unc.split
    return {
        "variance_split": None
        if split is None
        else asdict(split) | {"total_var": split.total_var, "inputs_share": split.inputs_share},
        "parameter_sets": [asdict(row) for row in unc.sets],
    }


def calibration_json(done: Calibrated) -> dict:
    """The calibration: cost, each input's prior and posterior, and the calibrated run."""
    cal = done.calibration
    inputs = [
        {
            "name": name,
            "key": cal.keys[i],
            "label": cal.labels[i],
            "prior_p05_p95": list(cal.prior_interval(i)),
            "posterior_mean": cal.mean(i),
            "posterior_p05_p95": list(cal.interval(i)),
        }
        for i, name in enumerate(cal.names)
    ]
    return {
        "record": cal.record,
        "observations": cal.observations,
        "until": cal.until.isoformat(),
        "simulations": cal.simulations,
        "generations": len(cal.epsilons),
        "epsilons": list(cal.epsilons),
        "seconds": cal.seconds,
        "effective_sample_size": cal.ess,
        "inputs": inputs,
        "after": _run_json(done.after),
    }


def _run_json(run: Run) -> dict:
    data = asdict(run)
    data["fit"] = [_fit_json(f) for f in run.fit]
    data["uncertainty"] = None if run.uncertainty is None else uncertainty_json(run.uncertainty)
    return data


def _fit_json(f: ObservedFit) -> dict:
    return asdict(f) | {"date": f.date.isoformat(), "inside_p10_p90": f.inside}


def calibrated_yaml(done: Calibrated, source: Path, out: Path) -> str:
    """The scenario over its source file, with the posterior as joint uncertain inputs."""
    cal = done.calibration
    base = Path(os.path.relpath(source.resolve(), out.resolve())).as_posix()
    head = (
        f"# Written by run_sim.py --calibrate: the posterior of {', '.join(cal.names)}\n"
        f"# fitted to {cal.record} ({cal.observations} dates up to {cal.until}); every run of\n"
        "# this file draws its parameter sets from these samples.\n"
    )
    body = {"base": base, "uncertain": {"joint": cal.joint()}}
    return head + yaml.safe_dump(
        body, allow_unicode=True, sort_keys=False, width=100, default_flow_style=None
    )


def backtest_json(bt: Backtest) -> dict:
    """The backtest: the calibration, the forecast's start, and each later observation."""
    return {
        "date": bt.date.isoformat(),
        "forecast_start": bt.start.isoformat(),
        "started_with": bt.started_with,
        "checks": [_fit_json(f) for f in bt.checks],
        "inside_p10_p90": sum(f.inside for f in bt.checks),
        "last_error": bt.last_error,
        "last_error_share": bt.last_error_share,
        "calibration": calibration_json(bt.calibrated),
    }


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


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text(cell: str) -> str:
    """A text cell a spreadsheet opens as text: one that starts like a formula (= + - @, a
    tab or a carriage return) gets a leading apostrophe (OWASP's CSV injection advice)."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def write_events(path: Path, events: list[tuple]) -> None:
    """The opt-in per-resident event log of one replication (site names are scenario text:
    neutralised so no spreadsheet runs them as formulas)."""
    text = io.StringIO()
    out = csv.writer(text, lineterminator="\n")
    out.writerow(["minute", "site", "event"])
    for minute, site, what in events:
        out.writerow([f"{minute:.3f}", as_text(site), as_text(what)])
    atomic_text(path, text.getvalue())
