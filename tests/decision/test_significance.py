"""Paired comparisons under common random numbers: a known real difference is found
significant and a null change is not, in the great majority of seeds.

One counter, 08:00-16:00 on weekdays for four weeks, Poisson arrivals (40 a day) and
exponential service (mean 10 min): utilisation about 0.83, so a second officer really does
activate more residents. The null changes:

* ``renamed``: the site gets another name. Random streams are keyed by name, so its
  residents are drawn afresh from the same distributions: no effect, but the paired
  differences are pure noise (independent samples), the hardest null for a paired test;
* ``spare_devices``: devices above officers, which changes nothing at all: under common
  random numbers every difference is exactly 0 and the CI is [0, 0];
* a third officer where capacity does not bind (10 a day on two officers).

At the 95% level a true null is significant in about 1 seed in 20: "not significant in at
least 17 of 20" fails by chance with probability ~1.6% for a given set of seeds, and the
seeds are fixed, so the test is deterministic.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from sim.decide.analysis import compare, paired_difference
from sim.decide.kpi import rows_of
from sim.decide.replicate import jobs_for, run_jobs

SEEDS = range(20)
REPS = 10
POISSON_COUNTER = {
    "period.end": "2023-01-27",
    "sites.Loket.officers": 1,
    "sites.Loket.devices": 1,
    "sites.Loket.walk_ins_per_day": 40,
    "activation.officer_min": {"kind": "exponential", "mean": 10},
    "goal.target_count": 800,
}


def build(changed) -> dict:
    hours = dict.fromkeys(("mon", "tue", "wed", "thu", "fri"), "08:00-16:00")
    hours |= {"sat": None, "sun": None}
    base = changed({**POISSON_COUNTER, "calendar.opening_hours.main_office": hours})
    return {
        "baseline": base,
        "second_officer": changed({"sites.Loket.officers": 2, "sites.Loket.devices": 2}, base=base),
        "renamed": changed({"sites.Loket.name": "Loket Baru"}, base=base),
        "spare_devices": changed({"sites.Loket.devices": 3}, base=base),
    }


def compared(variants: dict) -> list[dict]:
    """The comparison against the baseline, once per seed."""
    results = []
    for seed in SEEDS:
        jobs = [j for name, s in variants.items() for j in jobs_for(name, s, seed, range(REPS))]
        reps = run_jobs(jobs)
        results.append(
            compare({name: rows_of(reps[name], s) for name, s in variants.items()}).differences
        )
    return results


@pytest.fixture(scope="module")
def by_seed(changed) -> list[dict]:
    return compared(build(changed))


@pytest.fixture(scope="module")
def low_load(changed) -> list[dict]:
    base = build(changed)["baseline"]
    two = changed(
        {
            "sites.Loket.officers": 2,
            "sites.Loket.devices": 2,
            "sites.Loket.walk_ins_per_day": 10,
        },
        base=base,
    )
    three = changed({"sites.Loket.officers": 3, "sites.Loket.devices": 3}, base=two)
    return compared({"baseline": two, "third_officer": three})


def significant(by_seed: list[dict], variant: str, kpi: str = "activations") -> int:
    return sum(result[variant][kpi].significant for result in by_seed)


def test_a_real_difference_is_significant_in_nearly_every_seed(by_seed):
    assert significant(by_seed, "second_officer") >= 18
    for result in by_seed:
        diff = result["second_officer"]["activations"]
        assert diff.mean > 0
        assert diff.ci95[0] <= diff.mean <= diff.ci95[1]
        # and it shortens the wait
        assert result["second_officer"]["main_office_wait_min"].mean < 0


def test_a_null_change_with_fresh_randomness_is_rarely_significant(by_seed):
    assert significant(by_seed, "renamed") <= 3
    assert significant(by_seed, "renamed", "main_office_wait_min") <= 3
    # the null is not trivially null: its paired differences are noise, not zeros
    for result in by_seed:
        low, high = result["renamed"]["activations"].ci95
        assert high - low > 10


def test_a_change_that_does_nothing_differs_by_exactly_zero(by_seed):
    for result in by_seed:
        for kpi, diff in result["spare_devices"].items():
            assert diff.mean == 0, kpi
            assert diff.ci95 == (0.0, 0.0), kpi
            assert diff.significant is False, kpi


def test_more_officers_where_capacity_does_not_bind_is_not_significant(low_load):
    assert significant(low_load, "third_officer") <= 3


def test_compare_reports_every_variant_and_kpi(by_seed):
    result = by_seed[0]
    assert set(result) == {"second_officer", "renamed", "spare_devices"}
    for diffs in result.values():
        assert set(diffs) == {
            "activations",
            "reached_target",
            "main_office_wait_min",
            "left_without_activating",
        }


# --- the paired interval itself -----------------------------------------------------------


def test_paired_difference_by_hand():
    """Differences 2, 3, 4: mean 3, sd 1, CI 3 -/+ t(0.975, 2) / sqrt(3)."""
    got = paired_difference(np.array([3.0, 5.0, 7.0]), np.array([1.0, 2.0, 3.0]))
    half = stats.t.ppf(0.975, 2) / math.sqrt(3)
    assert got.mean == pytest.approx(3.0)
    assert got.ci95 == pytest.approx([3 - half, 3 + half])
    assert got.significant is True


def test_paired_difference_straddling_zero_is_not_significant():
    got = paired_difference(np.array([1.0, -1.0, 2.0, -2.0]), np.zeros(4))
    assert got.mean == 0
    assert got.ci95[0] < 0 < got.ci95[1]
    assert got.significant is False


def test_paired_difference_ignores_pairs_without_a_value():
    got = paired_difference(np.array([2.0, np.nan, 4.0]), np.array([1.0, 1.0, 1.0]))
    assert got.mean == pytest.approx(2.0)
    assert paired_difference(np.array([np.nan]), np.array([1.0])).significant is False


def test_pairing_is_what_makes_a_small_difference_visible():
    """The same shifts, +1 on top of large replication-to-replication noise: the paired test
    sees it, the unpaired means would not."""
    rng = np.random.default_rng(1)
    base = rng.normal(1000, 50, size=10)
    got = paired_difference(base + 1 + rng.normal(0, 0.1, 10), base)
    assert got.significant is True
    unpaired = stats.ttest_ind(base + 1, base)
    assert unpaired.pvalue > 0.5
