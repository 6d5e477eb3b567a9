"""The summary over replications: what the terminal table and summary.json show."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

from sim.decide.kpi import KpiRow, p_reach, rows_of
from sim.metrics import (
    Replication,
    channels_in_use,
    ci95,
    describe,
    hist_quantile,
    t_interval,
    wilson_interval,
)
from sim.model.runlog import REASONS
from sim.scenario import CHANNELS, Scenario


def _ratio(num: float, den: float) -> float:
    return num / den if den > 0 else math.nan


def _nan_to_none(x: float) -> float | None:
    return None if x is None or math.isnan(x) else x


def _date_of(scenario: Scenario, day: float | None) -> str | None:
    if day is None or math.isinf(day):
        return None
    return (scenario.period.start + dt.timedelta(days=int(day))).isoformat()


def _reached_dates(days: list[int | None], scenario: Scenario) -> dict:
    """Distribution of the date the target is reached; not reaching counts as 'later than any'."""
    values = np.array([math.inf if d is None else d for d in days], dtype=float)
    share = float(np.isfinite(values).mean())

    def at(q: float) -> str | None:
        return _date_of(scenario, float(np.quantile(values, q, method="inverted_cdf")))

    return {"share_reached": share, "p10": at(0.1), "median": at(0.5), "p90": at(0.9)}


def summarise(
    reps: list[Replication], scenario: Scenario, rows: list[KpiRow] | None = None
) -> dict:
    """The summary over replications: what the terminal table and summary.json show."""
    rows = rows_of(reps, scenario) if rows is None else rows
    used = [(ch, CHANNELS.index(ch)) for ch in channels_in_use(scenario)]
    return {
        **_outcome(rows, scenario),
        "by_channel": {
            ch: _mean_ci([r.daily[:, i].sum() for r in reps], "activations_mean") for ch, i in used
        },
        "turned_away": {
            reason: float(np.mean([r.turned_away[i] for r in reps]))
            for i, reason in enumerate(REASONS)
        },
        "turned_away_ci95": {
            reason: ci95([r.turned_away[i] for r in reps]) for i, reason in enumerate(REASONS)
        },
        "wait_min": {ch: _wait_summary(reps, i) for ch, i in used},
        "utilisation": {ch: _utilisation(reps, i, "occupied_min") for ch, i in used},
        "ikd_utilisation": {ch: _utilisation(reps, i, "busy_min") for ch, i in used},
        "utilisation_ci95": {ch: _utilisation_ci(reps, i) for ch, i in used},
        "flow": _flow(reps),
    }


def _outcome(rows: list[KpiRow], scenario: Scenario) -> dict:
    """The scenario, its target, and the activations and P(target) over the KPI rows."""
    start = scenario.goal.activated_at_start
    new = np.array([row.new_activations for row in rows], dtype=float)
    reached = sum(row.reached for row in rows)
    wilson = wilson_interval(reached, len(rows))
    return {
        "scenario": scenario.name,
        "period": {
            "start": scenario.period.start.isoformat(),
            "end": scenario.period.end.isoformat(),
        },
        "target": scenario.target,
        "activated_at_start": start,
        "activations": describe(start + new),
        "new_activations": describe(new),
        "p_reach_target": p_reach(rows),
        "p_reach_target_ci95": list(wilson) if wilson else None,
        "target_reached_date": _reached_dates([row.reached_day for row in rows], scenario),
    }


FLOW = ("arrived", "return_visits", "offered_activations", "unserved_end")


def _flow(reps: list[Replication]) -> dict:
    """Residents arriving, coming back, offered an activation and still waiting at the end."""
    means = {f"{name}_mean": float(np.mean([getattr(r, name) for r in reps])) for name in FLOW}
    return means | {f"{name}_ci95": ci95([getattr(r, name) for r in reps]) for name in FLOW}


def _wait_summary(reps: list[Replication], ch: int) -> dict:
    per_rep = np.array([_ratio(r.wait_sum_min[ch], r.wait_n[ch]) for r in reps])
    width = max(r.wait_hist.shape[1] for r in reps)
    pooled = np.zeros(width, dtype=np.int64)
    for r in reps:
        pooled[: r.wait_hist.shape[1]] += r.wait_hist[ch]
    valid = per_rep[~np.isnan(per_rep)]
    ci = t_interval(valid)
    return {
        "mean": _nan_to_none(float(valid.mean())) if valid.size else None,
        "ci95": list(ci) if ci else None,
        "p90": hist_quantile(pooled, 0.9),
        "served_mean": float(np.mean([r.wait_n[ch] for r in reps])),
    }


def _mean_ci(values: list[float], name: str) -> dict:
    return {name: float(np.mean(values)), "ci95": ci95(values)}


def _utilisation_ci(reps: list[Replication], ch: int) -> list[float] | None:
    per_rep = [_ratio(r.occupied_min[ch], r.duty_min[ch]) for r in reps]
    return ci95([u for u in per_rep if not math.isnan(u)])


def _utilisation(reps: list[Replication], ch: int, busy: str) -> float | None:
    """Mean over replications of officer time ``busy`` ÷ staffed-counter time open."""
    per_rep = np.array([_ratio(getattr(r, busy)[ch], r.duty_min[ch]) for r in reps])
    per_rep = per_rep[~np.isnan(per_rep)]
    return float(per_rep.mean()) if per_rep.size else None


def cumulative_band(reps: list[Replication], scenario: Scenario) -> dict[str, np.ndarray]:
    """Activated residents at the end of each day (those active at the start included):
    mean, P10 and P90 over replications, and the mean activations per channel that day."""
    daily = np.stack([r.daily for r in reps])  # [replication, day, channel]
    total = scenario.goal.activated_at_start + np.cumsum(daily.sum(axis=2), axis=1)
    return {
        "mean": total.mean(axis=0),
        "p10": np.percentile(total, 10, axis=0),
        "p90": np.percentile(total, 90, axis=0),
        "daily_mean": daily.mean(axis=0),
    }
