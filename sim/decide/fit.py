"""How the simulated record compares with the office's observed one, date by date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from sim.metrics import Replication
from sim.observed import ObservedRecord
from sim.scenario import Scenario


@dataclass(frozen=True)
class ObservedFit:
    """One observed date against the replications' activated residents by its end."""

    date: dt.date
    observed: int
    simulated_mean: float
    p10: float
    p90: float
    source: str

    @property
    def inside(self) -> bool:
        """Whether the observation lies in the simulated P10-P90 band."""
        return self.p10 <= self.observed <= self.p90


def fit(record: ObservedRecord, reps: list[Replication], scenario: Scenario) -> tuple:
    """Each observation against the simulated activations by the end of its day (those
    active at the start included), over the replications."""
    daily = np.stack([rep.daily.sum(axis=1) for rep in reps])  # [replication, day]
    start = np.zeros((len(reps), 1), dtype=daily.dtype)  # the day before the period
    total = scenario.goal.activated_at_start + np.cumsum(np.hstack([start, daily]), axis=1)
    fits = []
    for obs in record.observations:
        at = total[:, (obs.date - scenario.period.start).days + 1]
        p10, p90 = np.percentile(at, [10, 90])
        fits.append(
            ObservedFit(
                obs.date, obs.cumulative, float(at.mean()), float(p10), float(p90), obs.source
            )
        )
    return tuple(fits)
