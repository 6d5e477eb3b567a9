"""Calibration with pyabc's ABC-SMC recovers known inputs from a record the model made."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from sim.decide import calibrate, forecast
from sim.decide.calibrate import Settings
from sim.decide.replicate import jobs_for, run_jobs, run_one
from sim.observed import read_observed
from sim.uncertain import fixed_at

TRUE_RATE = 45.0
DATES = [dt.date(2023, 1, d) for d in (8, 15, 22, 29)]
FAST = Settings(population=30, max_simulations=300, min_epsilon=0.005)


def _record(scenario, seed: int, tmp_path):
    """The cumulative activations of one replication at the true rate, as an office's CSV."""
    truth = fixed_at(scenario, {"sites.Loket.walk_ins_per_day": TRUE_RATE})
    total = np.cumsum(run_one(truth, 1000 + seed, 0).daily.sum(axis=1))
    path = tmp_path / "observed.csv"
    rows = [f"{d},{total[(d - scenario.period.start).days]}" for d in DATES]
    path.write_text("date,cumulative_activations\n" + "\n".join(rows) + "\n")
    return read_observed(path, scenario)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_true_rate_lies_in_the_90pct_posterior_and_it_is_narrower(office, tmp_path, seed):
    record = _record(office, seed, tmp_path)
    cal = calibrate.calibrate(office, record, seed, None, FAST, db_dir=tmp_path)
    low, high = cal.interval(0)
    prior_low, prior_high = cal.prior_interval(0)
    assert low <= TRUE_RATE <= high
    assert high - low < 0.25 * (prior_high - prior_low)
    assert cal.simulations < 2 * FAST.max_simulations  # stops after the generation past it
    assert 1 <= cal.ess <= FAST.population


def test_the_posterior_runs_as_joint_samples_and_forecasts_from_the_record(office, tmp_path):
    record = _record(office, 1, tmp_path)
    cal = calibrate.calibrate(
        office, forecast.up_to(record, DATES[1]), 1, None, FAST, db_dir=tmp_path
    )
    posterior = forecast.with_posterior(office, cal)
    assert posterior.uncertain.joint.keys == ["sites.Loket.walk_ins_per_day"]
    ahead = forecast.from_observed(posterior, forecast.up_to(record, DATES[1]))
    assert ahead.period.start == DATES[1] + dt.timedelta(days=1)
    assert ahead.goal.activated_at_start == record.observations[1].cumulative
    reps = run_jobs(jobs_for("f", ahead, 3, range(10)))["f"]
    later = forecast.replace(record, observations=record.observations[2:])
    checks = forecast.fit(later, reps, ahead)
    assert sum(c.inside for c in checks) >= 1
    assert all(abs(c.simulated_mean - c.observed) < 0.05 * c.observed for c in checks)
