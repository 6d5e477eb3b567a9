"""Global sensitivity (SALib Morris and Sobol) recovers a known ranking of inputs."""

from __future__ import annotations

import numpy as np
import pytest

from sim.decide import screening
from sim.keypath import get_path
from sim.metrics import Replication
from sim.scenario import full_tree

# A test function of the scenario: activations = 3000 a + 800 b^2 + 0 c, over unit ranges.
INPUTS = {
    name: {"key": key, "distribution": {"kind": "uniform", "low": 0, "high": 1}}
    for name, key in [
        ("c", "activation.face_recognition.fail_prob"),
        ("a", "residents.willing_share"),
        ("b", "residents.email_share"),
    ]
}


def _fake_rep(r: int, activations: int, days: int) -> Replication:
    daily = np.zeros((days, 4), int)
    daily[0, 0] = activations
    zeros = np.zeros(4)
    return Replication(
        r,
        daily,
        np.zeros(12, int),
        zeros,
        zeros,
        zeros,
        zeros,
        zeros,
        zeros,
        np.zeros((4, 1)),
        activations,
        0,
        0,
        0,
        np.zeros(1),
        np.zeros((1, 12)),
    )


def _known(scenarios, reps):
    out = {}
    for name, sc in scenarios.items():
        tree = full_tree(sc)
        a = get_path(tree, "residents.willing_share")
        b = get_path(tree, "residents.email_share")
        value = round(3000 * a + 800 * b**2)
        out[name] = [_fake_rep(r, value, sc.period.days) for r in reps]
    return out


@pytest.mark.parametrize(("method", "samples"), [("morris", 10), ("sobol", 64)])
def test_the_ranking_of_a_known_function_is_recovered(make, method, samples):
    scenario = make(uncertain={"inputs": INPUTS})
    found = screening.screen(scenario, _known, 1, method, samples, seed=4)
    assert [row.name for row in found.inputs] == ["a", "b", "c"]
    assert found.inputs[-1].activations == pytest.approx(
        0, abs=1e-9 if method == "morris" else 0.02
    )
    if method == "morris":  # mu* of a linear input is its slope over the range
        assert found.inputs[0].activations == pytest.approx(3000 * 0.99, rel=0.01)


def test_screening_the_model_ranks_the_walk_in_rate_above_an_idle_input(office, make):
    """On the model itself: the walk-in rate moves activations; the ABK hours do not."""
    idle = {
        "hours": {
            "key": "abk.effective_hours_per_year",
            "distribution": {"kind": "uniform", "low": 1000, "high": 1500},
        }
    }
    scenario = make(
        base=office,
        **{
            "uncertain.inputs": dict(
                {k: v.model_dump(by_alias=True) for k, v in office.uncertain.inputs.items()}, **idle
            )
        },
    )
    from sim.decide.replicate import jobs_for, run_jobs

    def evaluate(scenarios, reps):
        jobs = [j for n, s in scenarios.items() for j in jobs_for(n, s, 2, reps)]
        return run_jobs(jobs)

    found = screening.screen(scenario, evaluate, 1, "morris", 4, seed=1)
    assert [row.name for row in found.inputs] == ["rate", "hours"]
    assert found.inputs[1].activations == 0
