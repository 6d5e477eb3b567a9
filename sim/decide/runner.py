"""A run: the variants asked for, their replications (resumable, to a precision), summaries."""

from __future__ import annotations

import sys
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any

from tqdm import tqdm

from sim.decide import analysis, kpi
from sim.decide.replicate import jobs_for, run_jobs
from sim.decide.store import ResultStore
from sim.decide.summary import summarise
from sim.metrics import Replication
from sim.scenario import Scenario, apply_changes, scenario_sha256, with_variant


def resolve_variants(
    base: Scenario, names: list[str], changes: dict[str, Any], source: str
) -> dict[str, Scenario]:
    """Each named variant of the base scenario, with ``--set`` changes applied on top."""
    resolved = {}
    for name in names:
        scenario = with_variant(base, name, source)
        if changes:
            scenario = apply_changes(scenario, changes, source, "--set ")
        resolved[name] = scenario
    return resolved


@dataclass
class Plan:
    """What to run: replications, optionally until the CI is narrow enough."""

    seed: int
    replications: int
    precision_pct: float | None = None  # half-width of the activations CI, % of the mean
    max_replications: int = 500
    quiet: bool = False


@dataclass
class Outcome:
    """The replications of every variant, their KPI rows, and how many a precision target took."""

    reps: dict[str, list[Replication]]
    rows: dict[str, list[kpi.KpiRow]]
    precision: dict[str, float] = field(default_factory=dict)  # achieved, % of the mean


def run_variants(
    scenarios: dict[str, Scenario],
    plan: Plan,
    store: ResultStore,
    executor: Executor | None,
    resume: bool,
) -> Outcome:
    """Run (or resume) every variant to the planned number of replications or precision."""
    hashes = {name: scenario_sha256(s) for name, s in scenarios.items()}
    store.start(plan.seed, hashes, resume)
    have = {name: store.load(name) if resume else {} for name in scenarios}
    target = plan.replications
    while True:
        _run_missing(scenarios, plan, store, executor, have, target)
        reps = {name: [have[name][r] for r in range(target)] for name in scenarios}
        rows = {name: kpi.rows_of(reps[name], scenarios[name]) for name in scenarios}
        if plan.precision_pct is None:
            return Outcome(reps, rows)
        needed = max(_needed(rows[name], plan) for name in scenarios)
        if needed <= target:
            return Outcome(reps, rows, _achieved(rows))
        target = needed


def _run_missing(scenarios, plan, store, executor, have, target) -> None:
    jobs = [
        job
        for name, scenario in scenarios.items()
        for job in jobs_for(
            name, scenario, plan.seed, [r for r in range(target) if r not in have[name]]
        )
    ]
    if not jobs:
        return
    with tqdm(
        total=len(jobs), disable=plan.quiet or not sys.stderr.isatty(), unit="rep", leave=False
    ) as bar:

        def keep(variant: str, rep: Replication) -> None:
            store.save(variant, rep)
            have[variant][rep.replication] = rep
            bar.update()

        run_jobs(jobs, executor, on_result=keep)


def _needed(rows: list[kpi.KpiRow], plan: Plan) -> int:
    values = kpi.activations(rows)
    step = max(2, len(values) // 4)
    return analysis.replications_needed(
        values, plan.precision_pct / 100, plan.max_replications, step
    )


def _achieved(rows: dict[str, list[kpi.KpiRow]]) -> dict[str, float]:
    return {name: 100 * analysis.relative_half_width(kpi.activations(rows[name])) for name in rows}


def summaries(outcome: Outcome, scenarios: dict[str, Scenario]) -> dict[str, dict]:
    """The summary of every variant."""
    return {
        name: summarise(outcome.reps[name], scenarios[name], outcome.rows[name])
        for name in scenarios
    }


def evaluator(seed: int, executor: Executor | None, quiet: bool):
    """A function running named scenarios on given replications (for searches and sweeps)."""

    def evaluate(scenarios: dict[str, Scenario], reps: range) -> dict[str, list[Replication]]:
        jobs = [job for name, sc in scenarios.items() for job in jobs_for(name, sc, seed, reps)]
        with tqdm(
            total=len(jobs), disable=quiet or not sys.stderr.isatty(), unit="rep", leave=False
        ) as bar:
            return run_jobs(jobs, executor, on_result=lambda *_: bar.update())

    return evaluate
