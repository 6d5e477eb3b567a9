"""Replications of one scenario: each a pure function of (scenario, seed, replication)."""

from __future__ import annotations

from collections.abc import Callable

from sim.calendar import Calendar
from sim.metrics import Replication, replication_of
from sim.model import Model
from sim.model.runlog import RunLog
from sim.scenario import Scenario
from sim.streams import Streams


def run_one(
    scenario: Scenario,
    seed: int,
    replication: int,
    calendar: Calendar | None = None,
    event_log: bool = False,
) -> RunLog:
    """Simulate one replication and return its full log."""
    return Model(scenario, Streams(seed, replication), calendar, event_log).run()


def run_replications(
    scenario: Scenario,
    seed: int,
    replications: int,
    progress: Callable[[int], None] | None = None,
) -> list[Replication]:
    """Run replications 0..n-1 in order and keep a compact record of each."""
    calendar = Calendar(scenario)
    results = []
    for r in range(replications):
        results.append(replication_of(run_one(scenario, seed, r, calendar), r))
        if progress is not None:
            progress(r + 1)
    return results
