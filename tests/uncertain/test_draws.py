"""Parameter draws: one set per group of inner replications, from streams keyed by (seed,
set, input), the same in every variant and wherever the replications run."""

from __future__ import annotations

import numpy as np
import pytest

from sim import uncertain
from sim.decide.executors import executor_for
from sim.decide.replicate import jobs_for, run_jobs
from sim.decide.runner import Plan, run_variants
from sim.decide.store import ResultStore
from sim.distributions import Empirical, Exponential, LogNormal, Triangular, Uniform
from sim.scenario import ScenarioError


def _arrays(rep):
    return [rep.daily, rep.turned_away, rep.wait_sum_min, rep.busy_min]


def _same(a, b) -> bool:
    return all(np.array_equal(x, y) for x, y in zip(_arrays(a), _arrays(b), strict=True))


def test_replications_of_a_set_share_its_values_and_sets_differ(office):
    values = [uncertain.used(office, 7, uncertain.set_of(office, r)) for r in range(6)]
    assert values[0] == values[1] and values[2] == values[3] and values[4] == values[5]
    assert len({v["sites.Loket.walk_ins_per_day"] for v in values}) == 3
    assert all(isinstance(v["sites.Loket.walk_ins_per_day"], float) for v in values)


def test_draws_are_the_same_in_every_variant(office, make):
    """Another staffing (a proposal) draws the same parameter set for replication r."""
    proposal = make(base=office, **{"sites.Loket.officers": 6, "sites.Loket.devices": 6})
    for k in range(5):
        assert uncertain.draw(office, 3, k) == uncertain.draw(proposal, 3, k)
    assert uncertain.draw(office, 3, 0) != uncertain.draw(office, 4, 0)  # the seed counts


def test_adding_an_input_leaves_the_others_draws(office, make):
    more = dict(office.uncertain.inputs)
    wider = make(
        base=office,
        **{
            "uncertain.inputs": {k: v.model_dump(by_alias=True) for k, v in more.items()}
            | {
                "fail": {
                    "key": "activation.face_recognition.fail_prob",
                    "distribution": {"kind": "uniform", "low": 0, "high": 0.2},
                }
            }
        },
    )
    key = "sites.Loket.walk_ins_per_day"
    assert [uncertain.draw(office, 1, k)[key] for k in range(4)] == [
        uncertain.draw(wider, 1, k)[key] for k in range(4)
    ]


def test_whole_number_keys_are_rounded(make):
    scenario = make(
        uncertain={
            "inputs": {
                "staff": {
                    "key": "sites.Loket.officers",
                    "distribution": {"kind": "uniform", "low": 2, "high": 6},
                }
            }
        }
    )
    drawn = [uncertain.drawn(scenario, 1, r).sites[0].officers for r in range(0, 12, 2)]
    assert all(isinstance(n, int) and 2 <= n <= 6 for n in drawn) and len(set(drawn)) > 1


def test_serial_pool_and_resume_give_identical_replications(office, tmp_path):
    jobs = jobs_for("v", office, 11, range(6))
    serial = run_jobs(jobs)["v"]
    with executor_for(2) as pool:
        pooled = run_jobs(jobs, pool)["v"]
    assert all(_same(a, b) for a, b in zip(serial, pooled, strict=True))
    store = ResultStore(tmp_path)
    run_variants({"v": office}, Plan(11, 3, quiet=True), store, None, resume=False)
    resumed = run_variants({"v": office}, Plan(11, 6, quiet=True), store, None, resume=True)
    assert all(_same(a, b) for a, b in zip(serial, resumed.reps["v"], strict=True))


def test_zero_width_inputs_at_the_scenario_values_change_nothing(make, mmc):
    """A fixed distribution at the scenario's own value runs exactly the plain scenario."""
    plain = make({"period.end": "2023-01-15"})
    fixed = make(
        base=plain,
        uncertain={
            "inputs": {
                "same": {
                    "key": "sites.Loket.walk_ins_per_day",
                    "distribution": plain.sites[0].walk_ins_per_day,
                }
            }
        },
    )
    assert not fixed.uncertain.active
    a = run_jobs(jobs_for("v", plain, 5, range(3)))["v"]
    b = run_jobs(jobs_for("v", fixed, 5, range(3)))["v"]
    assert all(_same(x, y) for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize(
    "dist",
    [
        Uniform(kind="uniform", low=2, high=5),
        Triangular(kind="triangular", low=1, mode=2, high=6),
        LogNormal(kind="lognormal", median=3, sigma=0.5),
        Exponential(kind="exponential", mean=4),
        Empirical(kind="empirical", values=[1, 2, 9], weights=[1, 2, 1]),
    ],
    ids=lambda d: d.kind,
)
def test_quantiles_map_uniform_numbers_to_the_distribution(dist):
    """Uniform numbers through the quantile function have the distribution's mean."""
    u = np.random.default_rng(0).random(200_000)
    assert dist.quantile(u).mean() == pytest.approx(dist.mean, rel=0.01)


@pytest.mark.parametrize(
    ("inputs", "code"),
    [
        ({"x": {"key": "sites.Nowhere.officers", "distribution": 3}}, "no_such_key"),
        ({"x": {"key": "sites.Loket.kind", "distribution": 3}}, "uncertain_not_number"),
        (
            {
                "x": {
                    "key": "activation.face_recognition.fail_prob",
                    "distribution": {"kind": "uniform", "low": 0.5, "high": 1.5},
                }
            },
            None,
        ),
    ],
    ids=["missing-key", "not-a-number", "bad-value"],
)
def test_bad_uncertain_inputs_are_refused_before_a_run(make, inputs, code):
    scenario = make(uncertain={"inputs": inputs})
    with pytest.raises(ScenarioError) as caught:
        uncertain.check(scenario, "s.yaml")
    assert caught.value.key.startswith("uncertain.inputs.x")
    if code:
        assert caught.value.code == code
