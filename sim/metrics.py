"""KPIs as pure functions of run logs: one row per replication, then a summary over them."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

from sim.model.runlog import REASONS, RunLog
from sim.scenario import CHANNELS, Scenario


@dataclass(frozen=True)
class Replication:
    """What one replication contributes to the results (compact; no per-resident data)."""

    replication: int
    daily: np.ndarray  # activations [day, channel]
    turned_away: np.ndarray  # [reason]
    busy_min: np.ndarray  # officer-minutes serving IKD [channel]
    occupied_min: np.ndarray  # the same plus the other work it displaces [channel]
    duty_min: np.ndarray  # [channel]
    served_n: np.ndarray  # services an officer finished [channel]
    wait_n: np.ndarray  # [channel]
    wait_sum_min: np.ndarray  # [channel]
    wait_hist: np.ndarray  # [channel, minute bin], trimmed after the last non-empty bin
    arrived: int
    return_visits: int
    offered_activations: int
    unserved_end: int

    @property
    def activations(self) -> int:
        return int(self.daily.sum())


def replication_of(log: RunLog, replication: int) -> Replication:
    """The compact record of one replication's log."""
    used = np.flatnonzero(log.wait_hist.sum(axis=0))
    width = int(used[-1]) + 1 if used.size else 0
    return Replication(
        replication=replication,
        daily=log.daily,
        turned_away=log.turned_away,
        busy_min=log.busy_min,
        occupied_min=log.occupied_min,
        duty_min=log.duty_min,
        served_n=log.served_n,
        wait_n=log.wait_n,
        wait_sum_min=log.wait_sum_min,
        wait_hist=log.wait_hist[:, :width].copy(),
        arrived=log.arrived,
        return_visits=log.return_visits,
        offered_activations=log.offered_activations,
        unserved_end=log.unserved_end,
    )


# --- statistics ----------------------------------------------------------------------------


def t_interval(values: np.ndarray, level: float = 0.95) -> tuple[float, float] | None:
    """Student-t confidence interval of the mean; None with fewer than two values."""
    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    if len(values) < 2:
        return None
    mean, sem = values.mean(), values.std(ddof=1) / math.sqrt(len(values))
    half = stats.t.ppf(0.5 + level / 2, len(values) - 1) * sem
    return float(mean - half), float(mean + half)


def wilson_interval(successes: int, n: int, level: float = 0.95) -> tuple[float, float] | None:
    """Wilson score interval of a proportion; None when n is 0."""
    if n == 0:
        return None
    z = stats.norm.ppf(0.5 + level / 2)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def describe(values: np.ndarray) -> dict:
    """Mean, 95% CI and percentiles of a KPI over replications."""
    values = np.asarray(values, dtype=float)
    ci = t_interval(values)
    return {
        "mean": float(values.mean()),
        "ci95": list(ci) if ci else None,
        "p10": float(np.percentile(values, 10)),
        "p50": float(np.percentile(values, 50)),
        "p90": float(np.percentile(values, 90)),
    }


def hist_quantile(hist: np.ndarray, q: float) -> float | None:
    """Quantile of values recorded in one-minute bins, interpolated within the bin."""
    total = hist.sum()
    if total == 0:
        return None
    cum = np.cumsum(hist)
    rank = q * total
    k = int(np.searchsorted(cum, rank, side="left"))
    before = cum[k - 1] if k else 0
    return float(k + (rank - before) / hist[k])


# --- per-replication KPIs ----------------------------------------------------------------------


def reached_day(rep: Replication, scenario: Scenario) -> int | None:
    """Index of the first day the cumulative total reaches the target, or None."""
    total = scenario.goal.activated_at_start + np.cumsum(rep.daily.sum(axis=1))
    hits = np.flatnonzero(total >= scenario.target)
    if scenario.goal.activated_at_start >= scenario.target:
        return 0
    return int(hits[0]) if hits.size else None


def _ratio(num: float, den: float) -> float:
    return num / den if den > 0 else math.nan


def channels_in_use(scenario: Scenario) -> list[str]:
    """Channels the scenario has sites or teams for."""
    used = {site.kind for site in scenario.sites}
    if scenario.outreach.teams:
        used.add("outreach")
    if scenario.home_visits:
        used.add("home_visit")
    return [ch for ch in CHANNELS if ch in used]


# --- the summary ----------------------------------------------------------------------------


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


def summarise(reps: list[Replication], scenario: Scenario) -> dict:
    """The summary over replications: what the terminal table and summary.json show."""
    start = scenario.goal.activated_at_start
    new = np.array([r.activations for r in reps], dtype=float)
    days = [reached_day(r, scenario) for r in reps]
    reached = sum(d is not None for d in days)
    wilson = wilson_interval(reached, len(reps))
    used = channels_in_use(scenario)
    idx = {ch: i for i, ch in enumerate(CHANNELS)}
    by_channel = {
        ch: _mean_ci([r.daily[:, idx[ch]].sum() for r in reps], "activations_mean") for ch in used
    }
    turned_away = {
        reason: float(np.mean([r.turned_away[i] for r in reps])) for i, reason in enumerate(REASONS)
    }
    turned_away_ci95 = {
        reason: ci95([r.turned_away[i] for r in reps]) for i, reason in enumerate(REASONS)
    }
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
        "p_reach_target": reached / len(reps),
        "p_reach_target_ci95": list(wilson) if wilson else None,
        "target_reached_date": _reached_dates(days, scenario),
        "by_channel": by_channel,
        "turned_away": turned_away,
        "turned_away_ci95": turned_away_ci95,
        "wait_min": {ch: _wait_summary(reps, idx[ch]) for ch in used},
        "utilisation": {ch: _utilisation(reps, idx[ch], "occupied_min") for ch in used},
        "ikd_utilisation": {ch: _utilisation(reps, idx[ch], "busy_min") for ch in used},
        "utilisation_ci95": {ch: _utilisation_ci(reps, idx[ch]) for ch in used},
        "flow": {
            f"{name}_mean": float(np.mean([getattr(r, name) for r in reps]))
            for name in ("arrived", "return_visits", "offered_activations", "unserved_end")
        }
        | {
            f"{name}_ci95": ci95([getattr(r, name) for r in reps])
            for name in ("arrived", "return_visits", "offered_activations", "unserved_end")
        },
    }


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


def ci95(values: list[float]) -> list[float] | None:
    """The 95% t-interval of the mean as [low, high]; None with fewer than two values."""
    ci = t_interval(np.asarray(values, dtype=float))
    return list(ci) if ci else None


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
