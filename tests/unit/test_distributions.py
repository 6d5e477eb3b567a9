"""Declared distributions: sample means agree with the analytic means; bad parameters fail."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from sim.distributions import (
    Distribution,
    Empirical,
    Exponential,
    Fixed,
    LogNormal,
    Triangular,
    Uniform,
)

N = 200_000
ADAPTER = TypeAdapter(Distribution)

DECLARED = {
    "fixed": {"kind": "fixed", "value": 7.5},
    "exponential": {"kind": "exponential", "mean": 10},
    "triangular": {"kind": "triangular", "low": 2, "mode": 4, "high": 10},
    "triangular_mode_at_low": {"kind": "triangular", "low": 0, "mode": 0, "high": 3},
    "lognormal": {"kind": "lognormal", "median": 8, "sigma": 0.5},
    "uniform": {"kind": "uniform", "low": 1, "high": 14},
    "empirical": {"kind": "empirical", "values": [1, 2, 3, 10]},
    "empirical_weighted": {"kind": "empirical", "values": [1, 2, 3, 10], "weights": [5, 3, 1, 1]},
}

# Means worked out by hand from the parameters above.
EXPECTED_MEAN = {
    "fixed": 7.5,
    "exponential": 10.0,
    "triangular": 16 / 3,
    "triangular_mode_at_low": 1.0,
    "lognormal": 8 * math.exp(0.125),
    "uniform": 7.5,
    "empirical": 4.0,
    "empirical_weighted": (5 * 1 + 3 * 2 + 1 * 3 + 1 * 10) / 10,
}


@pytest.mark.parametrize("name", DECLARED)
def test_analytic_mean(name):
    assert ADAPTER.validate_python(DECLARED[name]).mean == pytest.approx(EXPECTED_MEAN[name])


@pytest.mark.parametrize("name", DECLARED)
def test_sample_mean_within_four_standard_errors(name):
    dist = ADAPTER.validate_python(DECLARED[name])
    rng = np.random.default_rng(20230301)
    draws = dist.sample(rng, N)
    assert draws.shape == (N,)
    assert np.all(draws >= 0)
    se = draws.std(ddof=1) / math.sqrt(N)
    if se == 0:
        assert np.all(draws == dist.mean)
    else:
        assert abs(draws.mean() - dist.mean) < 4 * se, (draws.mean(), dist.mean, se)


def test_each_kind_validates_to_its_class():
    classes = {type(ADAPTER.validate_python(d)) for d in DECLARED.values()}
    assert classes == {Fixed, Exponential, Triangular, LogNormal, Uniform, Empirical}


def test_empirical_weights_are_respected():
    dist = Empirical(kind="empirical", values=[1, 2, 3], weights=[0, 1, 3])
    draws = dist.sample(np.random.default_rng(1), 50_000)
    assert set(np.unique(draws)) == {2.0, 3.0}  # a zero weight is never drawn
    assert np.mean(draws == 3.0) == pytest.approx(0.75, abs=0.01)


@pytest.mark.parametrize(
    "declared",
    [
        {"kind": "triangular", "low": 5, "mode": 2, "high": 9},  # low > mode
        {"kind": "triangular", "low": 1, "mode": 9, "high": 5},  # mode > high
        {"kind": "triangular", "low": 3, "mode": 3, "high": 3},  # empty range
        {"kind": "uniform", "low": 5, "high": 1},  # low > high
        {"kind": "empirical", "values": [1, 2, 3], "weights": [1, 1]},  # count mismatch
        {"kind": "empirical", "values": [1, 2], "weights": [0, 0]},  # all zero
        {"kind": "empirical", "values": []},
        {"kind": "empirical", "values": [1, -2]},  # negative value
        {"kind": "empirical", "values": [1, 2], "weights": [1, -1]},  # negative weight
        {"kind": "fixed", "value": -1},
        {"kind": "exponential", "mean": 0},
        {"kind": "exponential", "mean": -3},
        {"kind": "triangular", "low": -1, "mode": 0, "high": 1},
        {"kind": "uniform", "low": -2, "high": 1},
        {"kind": "lognormal", "median": -8, "sigma": 0.5},
        {"kind": "lognormal", "median": 8, "sigma": 0},
        {"kind": "gamma", "shape": 2},  # no such kind
        {"kind": "uniform", "low": 1, "high": 2, "mode": 1},  # unknown key
        {"kind": "exponential"},  # missing mean
        -1,  # a negative bare number
        "ten",
    ],
)
def test_invalid_parameters_raise(declared):
    with pytest.raises(ValidationError):
        ADAPTER.validate_python(declared)


def test_direct_construction_is_validated_too():
    with pytest.raises(ValidationError):
        Triangular(kind="triangular", low=4, mode=1, high=9)
    with pytest.raises(ValidationError):
        Uniform(kind="uniform", low=3, high=2)
    with pytest.raises(ValidationError):
        Empirical(kind="empirical", values=[1.0], weights=[1.0, 2.0])


def test_distributions_are_frozen():
    dist = Uniform(kind="uniform", low=1, high=2)
    with pytest.raises(ValidationError):
        dist.low = 5


# Durations and sizes as a scenario would give them: 0 to 10^6 with two decimals. (At
# scales near 1e-160 numpy's triangular sampler underflows and returns tiny negatives.)
finite = st.integers(0, 10**8).map(lambda cents: cents / 100)


def within(x: float, low: float, high: float) -> bool:
    """low <= x <= high, allowing for the rounding of a sum of floats."""
    slack = 1e-12 * max(abs(low), abs(high), 1.0)
    return low - slack <= x <= high + slack


@settings(max_examples=200, deadline=None)
@given(st.lists(finite, min_size=3, max_size=3).map(sorted), st.integers(0, 2**32 - 1))
def test_triangular_mean_and_samples_stay_within_bounds(points, seed):
    low, mode, high = points
    if low == high:
        with pytest.raises(ValidationError):
            Triangular(kind="triangular", low=low, mode=mode, high=high)
        return
    dist = Triangular(kind="triangular", low=low, mode=mode, high=high)
    assert within(dist.mean, low, high)
    draws = dist.sample(np.random.default_rng(seed), 200)
    assert np.all((draws >= low) & (draws <= high))


@settings(max_examples=200, deadline=None)
@given(finite, finite, st.integers(0, 2**32 - 1))
def test_uniform_samples_stay_within_bounds(a, b, seed):
    low, high = min(a, b), max(a, b)
    dist = Uniform(kind="uniform", low=low, high=high)
    assert within(dist.mean, low, high)
    draws = dist.sample(np.random.default_rng(seed), 200)
    assert np.all((draws >= low) & (draws <= high))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(finite, st.integers(0, 10)), min_size=1, max_size=8).filter(
        lambda pairs: sum(w for _, w in pairs) > 0
    ),
    st.integers(0, 2**32 - 1),
)
def test_empirical_draws_only_values_with_weight(pairs, seed):
    values = [v for v, _ in pairs]
    weights = [float(w) for _, w in pairs]
    dist = Empirical(kind="empirical", values=values, weights=weights)
    allowed = {v for v, w in pairs if w > 0}
    assert within(dist.mean, min(allowed), max(allowed))
    draws = dist.sample(np.random.default_rng(seed), 100)
    assert set(draws.tolist()) <= allowed
