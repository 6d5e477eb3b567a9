"""The institutions outreach visits: a finite register per event kind, worked through once.

Each event kind with a register has one plan shared by all its teams: institutions largest
first (the most residents per visit). A visit takes the next institution with anyone left;
once all have been visited the plan starts again, and a revisit reaches only those who have
not come yet. Headcounts are drawn once per replication from their own stream, so every
variant sees the same institutions. Every resident of an institution ends in exactly one
of: still there (never came, or came and was not served or failed for a passing reason: a
revisit can reach them), activated at a visit, told of a lasting obstacle at a visit, or
activated elsewhere before the visit (the pool thinning).
"""

from __future__ import annotations

import numpy as np

from sim.calendar import Calendar
from sim.scenario import Register, Scenario


class RegisterRun:
    """One event kind's institutions in one replication."""

    def __init__(self, scenario: Scenario, kind: str, rng: np.random.Generator, cal: Calendar):
        register: Register = scenario.outreach.institutions[kind]
        if register.named:
            self.names = [inst.name for inst in register.named]
            heads = np.array([inst.headcount for inst in register.named], dtype=np.int64)
        else:
            self.names = [f"{kind} {i}" for i in range(1, register.count + 1)]
            sizes = register.headcount.sample(rng, register.count)
            heads = np.maximum(0, np.round(sizes)).astype(np.int64)
        self.headcount = heads
        self.plan = np.argsort(-heads, kind="stable")  # largest first
        self.left = heads.copy()  # not yet reached
        self.activated = np.zeros_like(heads)
        self.not_activated = np.zeros_like(heads)  # told of a lasting obstacle at a visit
        self.elsewhere = np.zeros_like(heads)  # had activated elsewhere before the visit
        self.visits = np.zeros_like(heads)
        self._next = 0
        self.closed = _closed_days(scenario, kind, cal)
        self.history: list[list] = []  # [day, team, institution, eligible then, came]

    def visit(self, d: int, team: str = "") -> int | None:
        """The institution ``team`` visits on day d (index), or None: closed, or used up."""
        if d in self.closed or not self.left.any():
            return None
        for step in range(len(self.plan)):
            i = int(self.plan[(self._next + step) % len(self.plan)])
            if self.left[i] > 0:
                self._next = (self._next + step + 1) % len(self.plan)
                self.visits[i] += 1
                self.history.append([d, team, i, int(self.left[i]), 0])
                return i
        return None

    def reached(self, i: int, came: int, gone: int) -> None:
        """``came`` residents came to the visit, ``gone`` of them had activated elsewhere."""
        self.left[i] -= came
        self.elsewhere[i] += gone
        self.history[-1][4] = came

    def back(self, i: int, n: int = 1) -> None:
        """Attendees not served, or turned away for a passing reason: still there."""
        self.left[i] += n

    def settled(self, i: int, activated: bool) -> None:
        if activated:
            self.activated[i] += 1
        else:
            self.not_activated[i] += 1


def _closed_days(scenario: Scenario, kind: str, cal: Calendar) -> set[int]:
    days = set()
    for period in scenario.closed_periods(kind):
        first, last = cal.day_index(period.from_date), cal.day_index(period.until)
        days.update(range(max(0, first), min(cal.days - 1, last) + 1))
    return days


class Catchment:
    """The passers-by of an event kind without a register (car-free days, markets) in one
    replication: ``size`` residents, ``met`` of whom have stopped at an earlier event.

    A passer-by drawn at random has already been met with chance met / size; they do not
    stop again. With s residents stopping at each event, the number met after k events is
    on average size * (1 - (1 - s / size) ** k): each event yields fewer new residents.
    """

    def __init__(self, size: int) -> None:
        self.size, self.met = size, 0

    def fresh(self, u: np.ndarray) -> np.ndarray:
        """Which passers-by (one uniform each) have not been met before; never more than
        the catchment's residents not yet met."""
        fresh = u >= min(1.0, self.met / self.size)
        over = int(fresh.sum()) - (self.size - self.met)
        if over > 0:
            fresh[np.flatnonzero(fresh)[-over:]] = False
        return fresh
