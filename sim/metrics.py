"""A replication's compact record of its run log, and the statistics taken over replications."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

from sim.model.runlog import RunLog
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
    segment_activations: np.ndarray  # [segment]
    segment_turned_away: np.ndarray  # [segment, reason]

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
        segment_activations=log.segment_activations,
        segment_turned_away=log.segment_turned_away,
    )


# --- statistics ----------------------------------------------------------------------------


def t_interval(values: np.ndarray, level: float = 0.95) -> tuple[float, float] | None:
    """Student-t confidence interval of the mean; None with fewer than two values. The
    mean of values none of which is negative (counts, waits) cannot be negative, so the
    interval then starts at 0 at the lowest."""
    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    if len(values) < 2:
        return None
    mean, sem = values.mean(), values.std(ddof=1) / math.sqrt(len(values))
    half = stats.t.ppf(0.5 + level / 2, len(values) - 1) * sem
    low = float(mean - half)
    return (max(0.0, low) if values.min() >= 0 else low), float(mean + half)


def wilson_interval(successes: int, n: int, level: float = 0.95) -> tuple[float, float] | None:
    """Wilson score interval of a proportion; None when n is 0."""
    if n == 0:
        return None
    z = stats.norm.ppf(0.5 + level / 2)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    low = 0.0 if successes == 0 else max(0.0, centre - half)  # exactly 0, not 2.8e-17
    return low, 1.0 if successes == n else min(1.0, centre + half)


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


def ci95(values: list[float]) -> list[float] | None:
    """The 95% t-interval of the mean as [low, high]; None with fewer than two values."""
    ci = t_interval(np.asarray(values, dtype=float))
    return list(ci) if ci else None


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


def channels_in_use(scenario: Scenario) -> list[str]:
    """Channels the scenario has sites or teams for."""
    used = {site.kind for site in scenario.sites}
    if scenario.outreach.teams:
        used.add("outreach")
    if scenario.home_visits:
        used.add("home_visit")
    return [ch for ch in CHANNELS if ch in used]
