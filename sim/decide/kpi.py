"""The per-replication KPI row: the decision numbers of one replication, computed once.

Every later stage (summary, comparison, search, sensitivity, precision, workbook) reads these
rows; none of them recomputes activations, the day the target is reached or the main
office's wait from a replication's record.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from sim.metrics import Replication
from sim.scenario import CHANNELS, Scenario

MAIN_OFFICE = CHANNELS.index("main_office")


@dataclass(frozen=True)
class KpiRow:
    """One replication's KPIs."""

    replication: int
    activations: int  # activated by the end of the period, those active at the start included
    new_activations: int  # activated during the period
    reached_day: int | None  # index of the first day the target is reached, or None
    main_office_wait_min: float  # mean wait at the main office (NaN when nobody waited)
    left_without_activating: int  # residents who left without activating, all reasons
    arrived: int  # residents who came or were met
    by_channel: tuple[int, ...]  # activations during the period per channel (CHANNELS order)
    by_reason: tuple[int, ...]  # residents who left without activating, per reason (REASONS)

    @property
    def reached(self) -> bool:
        return self.reached_day is not None


# Comparison KPI (its name in comparison.json) -> the row's attribute.
COMPARED = {
    "activations": "activations",
    "reached_target": "reached",
    "main_office_wait_min": "main_office_wait_min",
    "left_without_activating": "left_without_activating",
}


def reached_day(rep: Replication, scenario: Scenario) -> int | None:
    """Index of the first day the cumulative total reaches the target, or None."""
    if scenario.goal.activated_at_start >= scenario.target:
        return 0
    total = scenario.goal.activated_at_start + np.cumsum(rep.daily.sum(axis=1))
    hits = np.flatnonzero(total >= scenario.target)
    return int(hits[0]) if hits.size else None


def row_of(rep: Replication, scenario: Scenario) -> KpiRow:
    """The KPI row of one replication of ``scenario``."""
    waited = rep.wait_n[MAIN_OFFICE]
    return KpiRow(
        replication=rep.replication,
        activations=scenario.goal.activated_at_start + rep.activations,
        new_activations=rep.activations,
        reached_day=reached_day(rep, scenario),
        main_office_wait_min=rep.wait_sum_min[MAIN_OFFICE] / waited if waited else math.nan,
        left_without_activating=int(rep.turned_away.sum()),
        arrived=int(rep.arrived),
        by_channel=tuple(int(n) for n in rep.daily.sum(axis=0)),
        by_reason=tuple(int(n) for n in rep.turned_away),
    )


def rows_of(reps: list[Replication], scenario: Scenario) -> list[KpiRow]:
    return [row_of(rep, scenario) for rep in reps]


def activations(rows: list[KpiRow]) -> np.ndarray:
    """End-of-period activations of each replication."""
    return np.array([row.activations for row in rows], float)


def p_reach(rows: list[KpiRow]) -> float:
    """Share of replications that reach the target."""
    return float(np.mean([row.reached for row in rows]))


def main_wait_mean(rows: list[KpiRow]) -> float | None:
    """Mean over replications of the main office's mean wait (those with no wait left out)."""
    waits = [row.main_office_wait_min for row in rows if not math.isnan(row.main_office_wait_min)]
    return float(np.mean(waits)) if waits else None
