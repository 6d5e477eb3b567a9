"""Named random streams: reproducible, independent, and unaffected by creation order."""

from __future__ import annotations

import numpy as np
import pytest

from sim.streams import Streams

NAMES = ["arrivals.Loket", "service", "outreach.size", "returns"]


def draws(seed: int, replication: int, name: str, n: int = 8) -> np.ndarray:
    return Streams(seed, replication)(name).random(n)


def test_same_key_gives_identical_draws():
    for name in NAMES:
        np.testing.assert_array_equal(draws(12345, 3, name), draws(12345, 3, name))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ((12345, 0, "service"), (12345, 0, "arrivals.Loket")),  # different name
        ((12345, 0, "service"), (12345, 1, "service")),  # different replication
        ((12345, 0, "service"), (12346, 0, "service")),  # different seed
        ((0, 1, "service"), (1, 0, "service")),  # seed and replication are not interchangeable
        ((12345, 0, "Service"), (12345, 0, "service")),  # names are case sensitive
    ],
)
def test_different_keys_give_different_draws(a, b):
    assert not np.array_equal(draws(*a), draws(*b))


def test_all_streams_of_a_replication_differ_from_each_other():
    streams = Streams(7, 0)
    first = {name: tuple(streams(name).random(4)) for name in NAMES}
    assert len(set(first.values())) == len(NAMES)


def test_creation_order_does_not_change_any_stream():
    forward, backward = Streams(99, 2), Streams(99, 2)
    got_forward = {name: forward(name).random(16) for name in NAMES}
    got_backward = {name: backward(name).random(16) for name in reversed(NAMES)}
    for name in NAMES:
        np.testing.assert_array_equal(got_forward[name], got_backward[name])


def test_an_extra_stream_does_not_perturb_the_others():
    plain, busy = Streams(99, 2), Streams(99, 2)
    busy("something.new").random(1000)
    for name in NAMES:
        np.testing.assert_array_equal(plain(name).random(16), busy(name).random(16))


def test_a_stream_is_cached_and_continues():
    streams = Streams(5, 0)
    assert streams("service") is streams("service")
    first, second = streams("service").random(4), streams("service").random(4)
    assert not np.array_equal(first, second)
    fresh = Streams(5, 0)("service").random(8)
    np.testing.assert_array_equal(np.concatenate([first, second]), fresh)


def test_streams_are_not_the_global_numpy_state():
    np.random.seed(0)
    a = draws(1, 0, "service")
    np.random.seed(1)
    b = draws(1, 0, "service")
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(("seed", "replication"), [(-1, 0), (0, -1)])
def test_negative_seed_or_replication_is_refused(seed, replication):
    with pytest.raises(ValueError):
        Streams(seed, replication)
