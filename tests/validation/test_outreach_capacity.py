"""Outreach capacity: k officers, a hard window of T minutes and a fixed service of s minutes.

With travel and setup 0 every officer serves back to back from the opening and starts an
activation only if it ends by the close, so an officer serves floor(T / s) residents and the
event activates exactly min(attendees, k * floor(T / s)); the rest are ``event_closed``.
Attendees are exact: the event size is fixed, turnout is 1 and the mmc funnel lets
everyone through. With travel + setup = g the usable window is T - g.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.decide.replicate import run_one
from sim.model.runlog import REASON_INDEX

EVENT_CLOSED = REASON_INDEX["event_closed"]
OPEN = 8 * 60


def hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def event(make, k: int, window_min: int, service: float, attendees: int, travel=0, setup=0):
    kind = {
        "size": attendees,
        "turnout_share": 1.0,
        "window": f"{hhmm(OPEN)}-{hhmm(OPEN + window_min)}",
    }
    team = {
        "name": "Tim",
        "officers": k,
        "devices": k,
        "travel_min": travel,
        "setup_min": setup,
        "weekly": {"mon": "event"},
    }
    return make(
        {
            "period.end": "2023-01-02",  # one Monday
            "sites": [],
            "outreach": {"event_kinds": {"event": kind}, "teams": [team]},
            "activation.officer_min": service,
        }
    )


def served(make, k, window_min, service, attendees, travel=0, setup=0):
    log = run_one(event(make, k, window_min, service, attendees, travel, setup), 3, 0)
    assert log.arrived == attendees
    assert log.activations + int(log.turned_away[EVENT_CLOSED]) == attendees
    assert int(log.turned_away.sum()) == int(log.turned_away[EVENT_CLOSED])
    return log.activations


TABLE = [
    # k, T, s, attendees, expected activations
    (1, 60, 10, 3, 3),  # below capacity (6)
    (1, 60, 10, 6, 6),  # exactly at capacity: the 6th ends at the close, which is allowed
    (1, 60, 10, 7, 6),  # above capacity
    (1, 59, 10, 7, 5),  # one minute less: the 6th would end a minute late
    (3, 240, 7, 50, 50),  # 3 * 34 = 102 capacity
    (3, 240, 7, 200, 102),
    (4, 300, 25, 100, 48),  # 4 * 12
    (2, 30, 45, 10, 0),  # service longer than the window: nobody
    (5, 120, 2.5, 1000, 240),  # 5 * 48, a non-integer service
    (2, 100, 10, 0, 0),  # nobody came
]


@pytest.mark.parametrize(("k", "window_min", "service", "attendees", "expected"), TABLE)
def test_outreach_serves_min_of_attendees_and_capacity(
    make, k, window_min, service, attendees, expected
):
    assert expected == min(attendees, k * math.floor(window_min / service))
    assert served(make, k, window_min, service, attendees) == expected


@pytest.mark.parametrize(
    ("travel", "setup", "expected"),
    [(0, 0, 12), (20, 10, 8), (30, 31, 4), (60, 60, 0)],
)
def test_travel_and_setup_shorten_the_window(make, travel, setup, expected):
    """2 officers, 08:00-10:00, service 20: capacity 2 * floor((120 - travel - setup) / 20)."""
    assert expected == 2 * max(0, math.floor((120 - travel - setup) / 20))
    assert served(make, 2, 120, 20, 40, travel, setup) == expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    k=st.integers(1, 5),
    window_min=st.integers(1, 600),
    service=st.integers(1, 90),
    attendees=st.integers(0, 400),
)
def test_outreach_capacity_property(make, k, window_min, service, attendees):
    expected = min(attendees, k * (window_min // service))
    assert served(make, k, window_min, service, attendees) == expected


@pytest.mark.parametrize(("window_min", "service", "attendees"), [(60, 1.2, 100), (120, 1.6, 100)])
def test_service_ending_exactly_at_the_close_is_started_for_decimal_times(
    make, window_min, service, attendees
):
    """One officer, T / s is a whole number (50, 75): the last activation ends on the close."""
    expected = round(window_min / service)
    assert served(make, 1, window_min, service, attendees) == expected
