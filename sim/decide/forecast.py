"""Runs that start from the office's record: calibrated runs, forecasts from the last
observed date, and backtests (calibrate on the record up to a date, forecast the rest)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from sim.decide import calibrate as abc
from sim.decide import kpi
from sim.decide.fit import ObservedFit, fit
from sim.decide.variance import Uncertainty, uncertainty
from sim.metrics import Replication
from sim.observed import ObservedRecord
from sim.scenario import Scenario, ScenarioError, apply_changes


def from_observed(scenario: Scenario, record: ObservedRecord) -> Scenario:
    """The scenario from the day after the last observation, with its count already active."""
    last = record.observations[-1]
    if last.date >= scenario.period.end:
        raise ScenarioError(record.path, "--from-observed", "nothing_left", date=last.date)
    changes = {
        "period.start": (last.date + dt.timedelta(days=1)).isoformat(),
        "goal.activated_at_start": last.cumulative,
    }
    return apply_changes(scenario, changes, record.path, "--from-observed ")


def up_to(record: ObservedRecord, date: dt.date) -> ObservedRecord:
    """The record's observations on or before ``date``."""
    kept = tuple(obs for obs in record.observations if obs.date <= date)
    if not kept:
        raise ScenarioError(record.path, "--backtest", "backtest_no_data", date=date)
    return replace(record, observations=kept)


def with_posterior(scenario: Scenario, calibration: abc.Calibration) -> Scenario:
    """The scenario with the posterior as its joint uncertain inputs."""
    joint = calibration.joint()
    return apply_changes(scenario, {"uncertain.joint": joint}, calibration.record, "")


@dataclass(frozen=True)
class Run:
    """What a run of one scenario reached: the figures the calibration and backtest quote."""

    activations_mean: float
    p10: float
    p90: float
    p_reach_target: float
    fit: tuple[ObservedFit, ...]
    uncertainty: Uncertainty | None


def run_of(
    reps: list[Replication], scenario: Scenario, record: ObservedRecord | None, seed: int
) -> Run:
    rows = kpi.rows_of(reps, scenario)
    values = kpi.activations(rows)
    p10, p90 = np.percentile(values, [10, 90])
    inside = in_period(record, scenario)
    fits = fit(inside, reps, scenario) if inside else ()
    split = uncertainty(rows, scenario, seed) if scenario.uncertain.active else None
    return Run(float(values.mean()), float(p10), float(p90), kpi.p_reach(rows), fits, split)


def in_period(record: ObservedRecord | None, scenario: Scenario) -> ObservedRecord | None:
    """The observations a run of ``scenario`` covers (from the day before its start)."""
    if record is None:
        return None
    first = scenario.period.start - dt.timedelta(days=1)
    kept = tuple(o for o in record.observations if first <= o.date <= scenario.period.end)
    return replace(record, observations=kept) if kept else None


@dataclass(frozen=True)
class Calibrated:
    """A calibration and the run of the calibrated scenario."""

    calibration: abc.Calibration
    scenario: Scenario  # the scenario with the posterior under uncertain.joint
    after: Run


@dataclass(frozen=True)
class Backtest:
    """Calibrated on the record up to ``date``, forecast from the last observation before it."""

    date: dt.date
    calibrated: Calibrated
    start: dt.date  # the forecast's first day
    started_with: int  # activated at its start (the last observation used)
    checks: tuple[ObservedFit, ...]  # each later observation against the forecast

    @property
    def last_error(self) -> float:
        """Forecast mean minus the observed count, at the last later observation."""
        last = self.checks[-1]
        return last.simulated_mean - last.observed

    @property
    def last_error_share(self) -> float | None:
        """The last error as a share of the observed count."""
        observed = self.checks[-1].observed
        return self.last_error / observed if observed else None


@dataclass(frozen=True)
class Fitting:
    """How a calibration and its runs are done: seed, replications, where, how hard."""

    seed: int
    replications: int
    evaluate: Callable[[dict[str, Scenario], range], dict[str, list[Replication]]]
    executor: Executor | None
    settings: abc.Settings
    workers: int
    out: Path  # where calibration.db is kept


def calibrated(scenario: Scenario, record: ObservedRecord, how: Fitting) -> Calibrated:
    """Calibrate on ``record`` and run the calibrated scenario over its whole period."""
    calibration = abc.calibrate(
        scenario, record, how.seed, how.executor, how.settings, how.workers, how.out
    )
    posterior = with_posterior(scenario, calibration)
    reps = how.evaluate({"calibrated": posterior}, range(how.replications))["calibrated"]
    return Calibrated(calibration, posterior, run_of(reps, posterior, record, how.seed))


def later_than(record: ObservedRecord, date: dt.date, scenario: Scenario) -> ObservedRecord:
    """The observations after ``date`` inside the period: what a backtest checks."""
    later = tuple(o for o in record.observations if date < o.date <= scenario.period.end)
    if not later:
        raise ScenarioError(record.path, "--backtest", "backtest_nothing_after", date=date)
    return replace(record, observations=later)


def backtest(scenario: Scenario, record: ObservedRecord, date: dt.date, how: Fitting) -> Backtest:
    """Calibrate on the record up to ``date``, forecast the rest, check the later dates."""
    before, later = up_to(record, date), later_than(record, date, scenario)
    fitted = calibrated(scenario, before, how)
    ahead = from_observed(fitted.scenario, before)
    reps = how.evaluate({"forecast": ahead}, range(how.replications))["forecast"]
    checks = fit(later, reps, ahead)
    last = before.observations[-1]
    return Backtest(date, fitted, ahead.period.start, last.cumulative, checks)
