"""Erlang B/C and M/M/c waiting times against known values and an independent formula."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.analytic import erlang_b, erlang_c, mmc_mean_wait, mmc_utilisation


def erlang_c_by_sum(c: int, a: float) -> float:
    """Erlang C from the textbook closed form, independent of the recursion in sim.analytic."""
    top = a**c / math.factorial(c) * c / (c - a)
    return top / (sum(a**k / math.factorial(k) for k in range(c)) + top)


def erlang_b_by_sum(c: int, a: float) -> float:
    return (a**c / math.factorial(c)) / sum(a**k / math.factorial(k) for k in range(c + 1))


@pytest.mark.parametrize("a", [0.0, 0.1, 1.0, 2.5, 40.0])
def test_erlang_b_one_server(a):
    assert erlang_b(1, a) == pytest.approx(a / (1 + a))


def test_erlang_b_known_values():
    assert erlang_b(0, 3.0) == 1.0  # no server: everyone is blocked
    assert erlang_b(2, 1.0) == pytest.approx(0.2)  # (1/2) / (1 + 1 + 1/2)
    assert erlang_b(5, 0.0) == 0.0
    # telephone-traffic table value: 10 erlangs on 10 trunks block about 21.5%
    assert erlang_b(10, 10.0) == pytest.approx(0.21458, abs=1e-5)


@pytest.mark.parametrize("rho", [0.0, 0.2, 0.5, 0.9, 0.99])
def test_erlang_c_one_server_is_rho(rho):
    assert erlang_c(1, rho) == pytest.approx(rho)


def test_erlang_c_known_values():
    assert erlang_c(2, 1.0) == pytest.approx(1 / 3)
    # The M/M/c validation scenario: 4 officers, offered load 3.6 (rho = 0.9).
    # a^k/k! for k = 0..3: 1 + 3.6 + 6.48 + 7.776 = 18.856; a^4/4! * c/(c-a) = 6.9984 * 10
    # = 69.984; C = 69.984 / (18.856 + 69.984) = 0.78775
    assert erlang_c(4, 3.6) == pytest.approx(0.78775, abs=1e-5)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 30), st.floats(0.0, 0.99))
def test_erlang_b_and_c_agree_with_the_closed_forms(c, rho):
    a = rho * c
    assert erlang_b(c, a) == pytest.approx(erlang_b_by_sum(c, a), rel=1e-9, abs=1e-12)
    assert erlang_c(c, a) == pytest.approx(erlang_c_by_sum(c, a), rel=1e-9, abs=1e-12)
    assert erlang_b(c, a) <= erlang_c(c, a) + 1e-12 <= 1 + 1e-12


@pytest.mark.parametrize(("lam", "mu"), [(0.5, 1.0), (0.09, 0.1), (0.36, 0.4)])
def test_mm1_mean_wait(lam, mu):
    rho = lam / mu
    assert mmc_mean_wait(1, lam, 1 / mu) == pytest.approx(rho / (mu - lam))


def test_mmc_mean_wait_of_the_validation_scenario():
    # lambda = 518.4 / 1440 per minute, service mean 10 min, 4 officers: Wq = C / (c mu - lambda)
    lam, mean = 518.4 / 1440, 10.0
    expected = erlang_c_by_sum(4, 3.6) / (4 / mean - lam)
    assert mmc_mean_wait(4, lam, mean) == pytest.approx(expected)
    assert mmc_mean_wait(4, lam, mean) == pytest.approx(0.78775 / 0.04, rel=1e-4)  # 19.69 min
    assert mmc_utilisation(4, lam, mean) == pytest.approx(0.9)


@pytest.mark.parametrize(("c", "a"), [(1, 1.0), (2, 2.5), (3, -0.1)])
def test_erlang_c_needs_a_stable_queue(c, a):
    with pytest.raises(ValueError):
        erlang_c(c, a)


def test_erlang_b_refuses_negative_input():
    with pytest.raises(ValueError):
        erlang_b(-1, 1.0)
    with pytest.raises(ValueError):
        erlang_b(1, -1.0)
