"""Replications of scenarios and variants, on any ``concurrent.futures`` executor.

Each replication is a pure function of (resolved scenario, seed, replication index), sent to
workers as plain data (a :class:`Job`). Results come back in a fixed order, (variant,
replication), so a serial run, a process pool and a dask cluster give identical outputs.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, as_completed
from dataclasses import dataclass

from sim.calendar import Calendar
from sim.metrics import Replication, replication_of
from sim.model import Model
from sim.model.runlog import RunLog
from sim.scenario import Scenario
from sim.streams import Streams
from sim.uncertain import declared, drawn, set_of


def run_one(
    scenario: Scenario,
    seed: int,
    replication: int,
    calendar: Calendar | None = None,
    event_log: bool = False,
) -> RunLog:
    """Simulate one replication and return its full log."""
    return Model(scenario, Streams(seed, replication), calendar, event_log).run()


@dataclass(frozen=True)
class Job:
    """One replication of one variant, as plain data a worker anywhere can run."""

    variant: str
    replication: int
    seed: int
    scenario_json: str  # the resolved scenario, so workers need no files


def jobs_for(variant: str, scenario: Scenario, seed: int, replications: Iterable[int]) -> list[Job]:
    """The jobs of some replications of one variant (they share one copy of the scenario)."""
    text = scenario.model_dump_json(by_alias=True)
    return [Job(variant, r, seed, text) for r in replications]


@functools.lru_cache(maxsize=16)
def _prepared(scenario_json: str) -> tuple[Scenario, Calendar]:
    """A worker's scenario and calendar, built once per scenario rather than per replication."""
    scenario = Scenario.model_validate(json.loads(scenario_json))
    return scenario, Calendar(scenario)


@functools.lru_cache(maxsize=16)
def _parameter_set(scenario_json: str, seed: int, k: int) -> tuple[Scenario, Calendar]:
    """A worker's scenario under parameter set ``k``, built once for its inner replications."""
    scenario = _prepared(scenario_json)[0]
    chosen = drawn(scenario, seed, k * scenario.uncertain.inner_replications)
    return chosen, Calendar(chosen)


def run_job(job: Job) -> tuple[str, Replication]:
    """Run one job (in whatever process or machine the executor chose), under its
    replication's parameter set when the scenario has uncertain inputs."""
    scenario, calendar = _prepared(job.scenario_json)
    if declared(scenario):
        k = set_of(scenario, job.replication)
        scenario, calendar = _parameter_set(job.scenario_json, job.seed, k)
    log = run_one(scenario, job.seed, job.replication, calendar)
    return job.variant, replication_of(log, job.replication)


def run_jobs(
    jobs: Sequence[Job],
    executor: Executor | None = None,
    on_result: Callable[[str, Replication], None] | None = None,
) -> dict[str, list[Replication]]:
    """Run jobs, serially in this process or on ``executor``; results per variant, in
    replication order whatever the order they finished in."""
    done: dict[str, list[Replication]] = {job.variant: [] for job in jobs}  # the order asked
    for variant, rep in _results(jobs, executor):
        done[variant].append(rep)
        if on_result is not None:
            on_result(variant, rep)
    return {v: sorted(reps, key=lambda r: r.replication) for v, reps in done.items()}


def _results(jobs: Sequence[Job], executor: Executor | None) -> Iterable[tuple[str, Replication]]:
    if executor is None:
        yield from map(run_job, jobs)
        return
    futures = [executor.submit(run_job, job) for job in jobs]
    try:
        for future in as_completed(futures):
            yield future.result()
    finally:
        for future in futures:
            future.cancel()


def run_replications(
    scenario: Scenario,
    seed: int,
    replications: int,
    executor: Executor | None = None,
) -> list[Replication]:
    """Replications 0..n-1 of one scenario."""
    jobs = jobs_for("baseline", scenario, seed, range(replications))
    return run_jobs(jobs, executor).get("baseline", [])
