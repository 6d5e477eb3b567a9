"""Car-free days and markets: passers-by from a catchment, with a yield that falls.

A team at a car-free day every weekday, a fixed one-minute service and ample time,
everybody able to activate, the pool too large to thin: each event stops s = 200 of the
catchment's C residents at random, and one met before does not stop again, so the number
met after k events is on average C (1 - (1 - s/C)^k) (:class:`Catchment`).
"""

from __future__ import annotations

import numpy as np
import pytest

from sim.model.core import Model
from sim.model.runlog import CHANNEL_INDEX
from sim.scenario import ScenarioError
from sim.streams import Streams

OUTREACH = CHANNEL_INDEX["outreach"]
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
STOPPING = 200  # passers-by who stop at each event (size 200, turnout 1)


def car_free_days(make, catchment: int | None = 1000, register=None):
    kind = {"size": STOPPING, "turnout_share": 1.0, "window": "06:00-16:00"}
    if catchment is not None:
        kind["catchment"] = catchment
    team = {
        "name": "Tim CFD",
        "officers": 4,
        "devices": 4,
        "travel_min": 0,
        "setup_min": 0,
        "weekly": dict.fromkeys(WEEKDAYS, "cfd"),
    }
    changes = {
        "period.end": "2023-02-24",
        "sites": [],
        "outreach": {"event_kinds": {"cfd": kind}, "teams": [team]}
        | ({"institutions": {"cfd": register}} if register else {}),
        "activation.officer_min": 1,
        "goal.residents_obliged_ktp": 10_000_000,
    }
    return make(changes)


def per_event(scenario, replication: int) -> np.ndarray:
    """Activations at each event (every working day of the period), in order."""
    model = Model(scenario, Streams(11, replication))
    log, cal = model.run(), model.calendar
    days = [d for d in range(cal.days) if _event_day(cal, cal.date_of(d))]
    return log.daily[days, OUTREACH]


def _event_day(cal, day) -> bool:
    return day.weekday() < len(WEEKDAYS) and not cal.is_closed(day)


def test_the_yield_falls_as_the_closed_form_says(make):
    size = 1000
    runs = np.array([np.cumsum(per_event(car_free_days(make, size), r)) for r in range(20)])
    k = np.arange(1, runs.shape[1] + 1)
    expected = size * (1 - (1 - STOPPING / size) ** k)
    assert runs.mean(axis=0) == pytest.approx(expected, rel=0.02)
    assert runs[:, -1].max() <= size  # never more than the catchment


def test_without_a_catchment_every_event_finds_a_fresh_crowd(make):
    events = per_event(car_free_days(make, None), 0)
    assert (events == STOPPING).all()


def test_a_catchment_beside_a_register_is_refused(make):
    register = {"named": [{"name": "SMA 1", "headcount": 50}]}
    with pytest.raises(ScenarioError, match="catchment"):
        car_free_days(make, 1000, register)
