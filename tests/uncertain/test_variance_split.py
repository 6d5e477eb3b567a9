"""The split of the variance of activations into inputs and chance (law of total variance)."""

from __future__ import annotations

import numpy as np
import pytest

from sim.decide import kpi
from sim.decide.replicate import jobs_for, run_jobs
from sim.decide.variance import split, uncertainty


def test_groups_that_only_differ_between_sets_are_all_inputs():
    values = np.repeat([100.0, 140.0, 90.0, 120.0], 3)  # three replications per set
    found = split(values, 3)
    assert found.chance_var == 0 and found.inputs_share == 1


def test_sets_that_only_differ_by_noise_are_close_to_all_chance():
    values = np.random.default_rng(1).normal(1000, 30, 400)
    found = split(values, 4)
    assert found.inputs_share < 0.1
    assert found.total_var == pytest.approx(900, rel=0.15)


def test_one_replication_per_set_cannot_be_split():
    assert split(np.arange(10.0), 1) is None


def _rows(scenario, n, seed=5):
    return kpi.rows_of(run_jobs(jobs_for("v", scenario, seed, range(n)))["v"], scenario)


def test_an_input_that_does_not_touch_activations_gives_about_zero_from_inputs(make, office):
    """The ABK working hours vary (they only feed the workload table): about zero."""
    cost = {
        "hours": {
            "key": "abk.effective_hours_per_year",
            "distribution": {"kind": "uniform", "low": 1000, "high": 1500},
        }
    }
    scenario = make(base=office, **{"uncertain.inputs": cost, "uncertain.inner_replications": 4})
    found = uncertainty(_rows(scenario, 24), scenario, 5).split
    assert found.inputs_var < 0.2 * found.chance_var


def test_a_deterministic_model_gives_zero_from_chance(make, office):
    """Even arrivals, fixed times, a funnel that lets everyone through: only the rate moves."""
    scenario = make(
        base=office,
        **{
            "demand.arrival_pattern": "even",
            "activation.officer_min": 1,
            "sites.Loket.officers": 20,
            "sites.Loket.devices": 20,
            "uncertain.inner_replications": 3,
        },
    )
    found = uncertainty(_rows(scenario, 12), scenario, 5).split
    assert found.chance_var == 0 and found.inputs_var > 0 and found.inputs_share == 1
