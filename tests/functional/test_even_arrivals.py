"""Even arrivals (`demand.arrival_pattern: even`): n residents a day at evenly spaced times."""

from __future__ import annotations

import pytest
from scenes import (
    MAIN,
    OPEN,
    SEED,
    WEEKDAYS_8_14,
    events,
)

from sim.calendar import MIN_PER_DAY
from sim.decide.replicate import run_one

ONE_MINUTE = {  # ten counters, fixed 1-minute service: nobody waits at these rates
    "period.end": "2023-01-08",  # Monday 2 to Sunday 8 January 2023
    "calendar.opening_hours.main_office": WEEKDAYS_8_14,
    "demand.arrival_pattern": "even",
    "sites.Loket.officers": 10,
    "sites.Loket.devices": 10,
    "activation.officer_min": 1,
}


@pytest.mark.parametrize(
    ("walk_ins", "others", "n"),
    [(12, 0, 12), (7.4, 2.6, 10), (0.4, 0.3, 0), (5, 0.6, 6)],
    ids=["12", "7.4+2.6", "below-half", "5+0.6"],
)
def test_even_arrivals_are_n_residents_at_k_l_over_n(make, walk_ins, others, n):
    """Each open day exactly round(walk-ins) + round(other visitors) residents arrive, the
    k-th at k * 360 / n minutes after 08:00 (k = 0 .. n-1); nobody on Saturday or Sunday.
    The mmc funnel lets everyone through and every other-service visitor accepts."""
    scenario = make(
        ONE_MINUTE,
        **{
            "sites.Loket.walk_ins_per_day": walk_ins,
            "sites.Loket.other_service_visitors_per_day": others,
        },
    )
    log = run_one(scenario, SEED, 0, event_log=True)
    assert log.wait_sum_min[0] == 0.0  # nobody waited: activation = arrival + 1 min
    one_day = [OPEN + k * 360 / n + 1 for k in range(n)]
    expected = [d * MIN_PER_DAY + t for d in range(5) for t in one_day]
    assert [t for t, _ in events(log, what="activated")] == pytest.approx(expected)
    assert log.daily[:, MAIN].tolist() == [n] * 5 + [0, 0]
    assert log.arrived == 5 * n
    assert log.offered_activations == 5 * round(others)


def test_even_arrivals_do_not_depend_on_the_seed(make):
    """Arrivals follow from the configuration alone: two seeds give the same events (the
    residents' own draws, fixed here, are still random in general)."""
    scenario = make(ONE_MINUTE, **{"sites.Loket.walk_ins_per_day": 9})
    logs = [run_one(scenario, seed, 0, event_log=True) for seed in (1, 2, 99)]
    assert logs[0].events == logs[1].events == logs[2].events
    poisson = make(
        ONE_MINUTE, **{"sites.Loket.walk_ins_per_day": 9, "demand.arrival_pattern": "poisson"}
    )
    assert run_one(poisson, 1, 0, event_log=True).events != logs[0].events


def test_even_returners_are_spaced_evenly_on_their_day(make):
    """Monday and Tuesday 08:00-09:00, one counter, 20-min service, 6 walk-ins a day at
    0, 10, ..., 50 min. Monday: served 0-20, 20-40 (waited 10), 40-60 (waited 20); the
    three still queued at 09:00 all come back on Tuesday, at 60 / 3 = 20 min apart:
    0, 20, 40. Tuesday's queue (a new resident before a returner of the same minute):
    new 0, ret 0, new 10, new 20, ret 20, ...; served: new 0 at 0-20, ret 0 at 20-40
    (waited 20), new 10 at 40-60 (waited 30). Returners at random times would change the
    summed wait, 0 + 10 + 20 + 0 + 20 + 30 = 80 min."""
    scenario = make(
        {
            "period.end": "2023-01-03",
            "calendar.opening_hours.main_office": {"mon": "08:00-09:00", "tue": "08:00-09:00"},
            "demand.arrival_pattern": "even",
            "demand.returns.after_closing": 1.0,
            "sites.Loket.officers": 1,
            "sites.Loket.devices": 1,
            "sites.Loket.walk_ins_per_day": 6,
            "activation.officer_min": 20,
        }
    )
    log = run_one(scenario, SEED, 0, event_log=True)
    assert log.return_visits == 3
    assert log.daily[:, MAIN].tolist() == [3, 3]
    assert log.wait_sum_min[0] == pytest.approx(80.0)
    assert log.unserved_end == 6  # Tuesday's queue at closing: no later day to return to
