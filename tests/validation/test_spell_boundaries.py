"""Opening spells at day boundaries: sites open until midnight or around the clock.

Consecutive opening days whose windows touch (one closes at 24:00, the next opens at
00:00) form one continuous spell; the queue carries over and nobody is sent home. These
cases do not occur in the region scenarios (offices close in the afternoon) but do in
mmc.yaml and in any night-shift or 24-hour service a user may describe.
"""

from __future__ import annotations

import pytest

from sim.decide.replicate import run_one
from sim.model.runlog import REASON_INDEX

CLOSED = REASON_INDEX["closed"]


def around_the_clock(make, pppk=()):
    """mmc.yaml with one officer, fixed 10-min service and 400 walk-ins a day (capacity 144
    a day per officer): a long queue all the time. Anyone sent home at a closing comes
    back the next day, so a return visit shows that somebody was sent home mid-period."""
    return make(
        {
            "period.end": "2023-01-21",  # 20 days
            "sites.Loket.officers": 1,
            "sites.Loket.devices": 1,
            "sites.Loket.walk_ins_per_day": 400,
            "activation.officer_min": 10,
            "staff.pppk": list(pppk),
            "demand.returns.after_closing": 1.0,
            "demand.returns.delay_days": 1,
        }
    )


PPPK_DAY_10 = {"site": "Loket", "officers": 1, "devices": 1, "from": "2023-01-12"}


def test_constant_staff_around_the_clock_is_one_spell(make):
    """One counter, continuously busy: 144 activations a day (the first day's queue starts
    empty), busy = duty, and the queue only goes home when the period ends (no return
    visits; still due back when the period ends: unserved)."""
    log = run_one(around_the_clock(make), 1, 0)
    assert log.busy_min[0] == pytest.approx(log.duty_min[0])
    assert log.duty_min[0] == pytest.approx(20 * 1440)
    assert (log.daily[1:-1, 0] == 144).all()
    assert log.return_visits == 0
    assert log.turned_away[CLOSED] == 0
    assert log.unserved_end == log.arrived - log.activations


def test_pppk_from_midnight_never_exceeds_the_counters(make):
    """1 counter, +1 PPPK counter from day 10: at most 2 x 144 = 288 activations a day, plus
    one per counter on the last day (services ending exactly at the final midnight are
    counted on the period's last day), and busy never more than duty."""
    log = run_one(around_the_clock(make, [PPPK_DAY_10]), 1, 0)
    assert log.busy_min[0] <= log.duty_min[0] + 2 * 10
    assert log.daily[:-1, 0].max() <= 288, log.daily[:, 0].tolist()
    assert log.daily[-1, 0] <= 288 + 2, log.daily[:, 0].tolist()


def test_pppk_from_midnight_does_not_send_the_queue_home(make):
    """The queue is only sent home when the period ends, as with constant staff: no return
    visits during the period."""
    log = run_one(around_the_clock(make, [PPPK_DAY_10]), 1, 0)
    assert log.return_visits == 0


def evening_site(make, window: str):
    """Mon-Wed evening counter, one officer, 80 walk-ins against 48 a day of capacity;
    everyone still queued at closing comes back one day later."""
    return make(
        {
            "period.end": "2023-01-04",
            "calendar.opening_hours.main_office": {
                "mon": window,
                "tue": window,
                "wed": window,
                "thu": None,
                "fri": None,
                "sat": None,
                "sun": None,
            },
            "sites.Loket.officers": 1,
            "sites.Loket.devices": 1,
            "sites.Loket.walk_ins_per_day": 80,
            "activation.officer_min": 10,
            "demand.returns.after_closing": 1.0,
            "demand.returns.delay_days": 1,
        }
    )


def test_sent_home_at_closing_return_the_next_day(make):
    """Closing at 23:59: Monday's queue returns Tuesday, Tuesday's returns Wednesday."""
    log = run_one(evening_site(make, "16:00-23:59"), 1, 0)
    monday_tuesday_queues = log.return_visits
    assert monday_tuesday_queues > 60  # ~30+ left over on each of Monday and Tuesday


def test_sent_home_at_midnight_closing_return_the_next_day(make):
    """The same with closing at 24:00: it must not matter that the day ends at midnight."""
    at_2359 = run_one(evening_site(make, "16:00-23:59"), 1, 0)
    at_2400 = run_one(evening_site(make, "16:00-24:00"), 1, 0)
    assert at_2400.return_visits == pytest.approx(at_2359.return_visits, rel=0.2)
