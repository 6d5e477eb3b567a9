"""Intervals stay inside what the quantity can be: a proportion in [0, 1] with exact ends,
the mean of counts at or above 0."""

from __future__ import annotations

import numpy as np

from sim.metrics import t_interval, wilson_interval


def test_no_success_gives_a_lower_bound_of_exactly_zero_and_all_an_upper_of_one():
    assert wilson_interval(0, 4)[0] == 0.0
    assert wilson_interval(4, 4)[1] == 1.0
    low, high = wilson_interval(1, 4)
    assert 0 < low < 0.25 < high < 1


def test_the_mean_of_counts_never_gets_a_negative_lower_bound():
    counts = np.array([0, 0, 0, 30, 2])  # the plain t-interval would start near -10
    low, high = t_interval(counts)
    assert low == 0.0 and high > counts.mean()


def test_values_that_can_be_negative_keep_their_interval():
    differences = np.array([-30.0, 0, 0, 0, 2])
    low, high = t_interval(differences)
    assert low < -10 and high > 0
