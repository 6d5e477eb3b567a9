"""Timelines worked out by hand, checked event by event against the opt-in event log.

Fixed sites draw their walk-in count and times at random (Poisson count, uniform times in
the window), so the fixed-site cases pin a seed and read the drawn join times back: a
probe Model with the same streams is asked to queue day 0 (``start_day``) and its queue is
compared with the join times written below, so the comments stay true. Service is fixed
(officer_min 4 + one face-recognition attempt of 3 + code 3 = 10 min), so everything after
the arrivals follows from the rules:

* officers pull residents first come first served;
* a service in progress at closing completes; none starts at or after closing;
* whoever is still queued at closing goes home (``closed``, or back another day with
  ``demand.returns.after_closing``);
* a resident leaves unserved once they have waited longer than their patience.

Outreach events are deterministic from configuration alone (size fixed, turnout 1).
"""

from __future__ import annotations

import numpy as np
import pytest

from sim.experiment import run_one
from sim.model import Model
from sim.model.runlog import REASON_INDEX, REASONS
from sim.streams import Streams

OPEN = 8 * 60  # 08:00 in minutes after midnight (day 0 is Monday 2023-01-02)
MONDAY_08_09 = {
    "period.end": "2023-01-02",
    "calendar.opening_hours.main_office.mon": "08:00-09:00",
    "sites.Loket.officers": 1,
    "sites.Loket.devices": 1,
    "sites.Loket.walk_ins_per_day": 7,
    # hold time of a capable resident = officer_min + attempts * attempt_min + code_min
    # = 4 + 1 * 3 + 3 = 10 min (fail_prob 0: always one attempt)
    "activation.officer_min": 4,
    "activation.face_recognition.attempt_min": 3,
    "activation.email_code.code_min": 3,
}


def turned(log, reason: str) -> int:
    return int(log.turned_away[REASON_INDEX[reason]])


def others_zero(log, *allowed: str) -> bool:
    return all(log.turned_away[i] == 0 for i, r in enumerate(REASONS) if r not in allowed)


def probe_joins(scenario, seed: int) -> list[float]:
    """Join times (minutes after 08:00) of day 0 as the model draws them for this seed."""
    probe = Model(scenario, Streams(seed, 0))
    site = probe.sites[0]
    site.start_day(0, 1.0)
    return [r.join_min - OPEN for r in site.queue]


def minutes(log, what: str) -> list[float]:
    return sorted(t - OPEN for t, _, w in log.events if w == what)


# --- timeline A: one officer, 10-minute service, 08:00-09:00, seed 1 ---------------------

# Eight residents join at (minutes after 08:00):
A_JOINS = [5.5575, 7.3228, 12.3478, 22.7874, 26.0312, 40.9985, 41.3594, 45.1334]
# The officer serves
#   r1 05.56-15.56 (no wait)       r2 15.56-25.56 (waited 8.23)  r3 25.56-35.56 (13.21)
#   r4 35.56-45.56 (12.77)         r5 45.56-55.56 (19.53)
#   r6 55.56-65.56 (14.56): starts before 09:00, so it completes at 09:05.56
# then is free at 09:05.56, after closing: r7 (joined 41.36) and r8 (45.13) go home.
# 6 activations at 15.56, 25.56, ..., 65.56; 2 closed; summed wait 68.30 min; busy 60 min.
A_DONE = [15.5575, 25.5575, 35.5575, 45.5575, 55.5575, 65.5575]


@pytest.fixture(scope="module")
def timeline_a(make):
    return make(MONDAY_08_09)


def test_timeline_a_arrivals_are_the_hand_worked_ones(timeline_a):
    assert probe_joins(timeline_a, 1) == pytest.approx(A_JOINS, abs=1e-4)


def test_timeline_a_one_officer_closing_rule(timeline_a):
    log = run_one(timeline_a, 1, 0, event_log=True)
    assert minutes(log, "activated") == pytest.approx(A_DONE, abs=1e-4)
    assert log.arrived == 8
    assert log.activations == 6
    assert int(log.daily[0, 0]) == 6
    assert turned(log, "closed") == 2
    assert others_zero(log, "closed")
    assert log.unserved_end == 0
    assert log.wait_n[0] == 6
    waits = np.array(A_DONE) - 10 - np.array(A_JOINS[:6])
    assert log.wait_sum_min[0] == pytest.approx(waits.sum(), abs=1e-3)
    assert log.wait_sum_min[0] == pytest.approx(68.30, abs=0.01)
    assert log.busy_min[0] == pytest.approx(60.0)
    assert log.duty_min[0] == pytest.approx(60.0)


def test_timeline_a_sent_home_on_the_last_day_are_unserved_at_the_end(make):
    """Same day, but everyone sent home at closing would come back: there is no next day,
    so r7 and r8 are counted unserved at the end, not ``closed``."""
    scenario = make(MONDAY_08_09, **{"demand.returns.after_closing": 1.0})
    log = run_one(scenario, 1, 0)
    assert (log.activations, turned(log, "closed"), log.unserved_end) == (6, 0, 2)


def test_timeline_a_returners_come_back_next_open_day(make):
    """Two days (Mon, Tue 08:00-09:00), after_closing 1, delay 1 day: r7 and r8 are the two
    return visits on Tuesday; Monday's six activations are unchanged."""
    scenario = make(
        MONDAY_08_09,
        **{
            "period.end": "2023-01-03",
            "calendar.opening_hours.main_office.tue": "08:00-09:00",
            "demand.returns.after_closing": 1.0,
        },
    )
    log = run_one(scenario, 1, 0)
    assert int(log.daily[0, 0]) == 6
    assert log.return_visits == 2
    assert log.arrived == log.activations + log.turned_away.sum() + log.unserved_end


def test_timeline_a_other_work_doubles_the_counter_time(make):
    """other_work_share 0.5: each 10-min activation occupies the officer 20 min.
    r1 05.56-25.56, r2 25.56-45.56, r3 45.56-65.56 (completes after 09:00); r4..r8 closed.
    Busy (IKD) minutes count the activation time only: 3 x 10 = 30 of 60 duty minutes."""
    scenario = make(MONDAY_08_09, **{"staff.other_work_share": {"main_office": 0.5}})
    log = run_one(scenario, 1, 0, event_log=True)
    assert minutes(log, "activated") == pytest.approx([25.5575, 45.5575, 65.5575], abs=1e-4)
    assert turned(log, "closed") == 5
    assert log.busy_min[0] == pytest.approx(30.0)
    assert log.duty_min[0] == pytest.approx(60.0)


# --- timeline A2: one officer, patience 10 min, seed 9: patience running out by closing ----

# Eight residents join at (minutes after 08:00):
A2_JOINS = [11.2224, 15.6674, 24.6032, 40.0342, 46.8911, 49.4631, 54.6324, 54.7038]
# The officer (10-min service) serves
#   r1 11.22-21.22 (no wait)   r2 21.22-31.22 (waited 5.55)   r3 31.22-41.22 (6.62)
#   r4 41.22-51.22 (1.19)      r5 51.22-61.22 (4.33; completes after 09:00)
# At closing (60) three are still queued:
#   r6 joined 49.46: patience ran out at 59.46, before closing -> left_queue
#   r7 joined 54.63 and r8 54.70: still willing to wait at 60 -> closed
# 5 activations at 21.22, 31.22, 41.22, 51.22, 61.22; 1 left_queue; 2 closed;
# summed wait 5.55 + 6.62 + 1.19 + 4.33 = 17.69 min.
A2_DONE = [21.2224, 31.2224, 41.2224, 51.2224, 61.2224]


def test_timeline_a2_patience_expired_at_closing_is_left_queue(make):
    scenario = make(MONDAY_08_09, **{"demand.patience_min": 10})
    assert probe_joins(scenario, 9) == pytest.approx(A2_JOINS, abs=1e-4)
    log = run_one(scenario, 9, 0, event_log=True)
    assert minutes(log, "activated") == pytest.approx(A2_DONE, abs=1e-4)
    assert (log.arrived, log.activations) == (8, 5)
    assert (turned(log, "left_queue"), turned(log, "closed")) == (1, 2)
    assert others_zero(log, "left_queue", "closed")
    assert log.wait_sum_min[0] == pytest.approx(17.69, abs=0.01)


# --- timeline B: two officers, 5 min self-preparation, patience 10 min, seed 7 ------------

# Nine residents arrive; each joins the queue 5 minutes later (self_prep_min 5), at:
B_JOINS = [7.2785, 10.7737, 18.0360, 37.6561, 38.5693, 40.5665, 42.5268, 46.0886, 57.6438]
# Officers P and Q (10-min service), each resident leaves after 10 min of waiting:
#   j1 07.28: P 07.28-17.28        j2 10.77: Q 10.77-20.77        j3 18.04: P 18.04-28.04
#   j4 37.66: 37.66-47.66          j5 38.57: 38.57-48.57          (both idle until then)
#   j6 40.57: waits for the first free officer, 47.66-57.66 (waited 7.09)
#   j7 42.53: 48.57-58.57 (waited 6.04)
#   j8 46.09: next free officer at 57.66, but patience ran out at 56.09 -> left_queue
#   j9 57.64: 57.66-67.66 (waited 0.01; completes after closing at 09:00)
# 8 activations at 17.28, 20.77, 28.04, 47.66, 48.57, 57.66, 58.57, 67.66; 1 left_queue
# (noted at 56.09); summed wait 7.09 + 6.04 + 0.01 = 13.14 min; duty 2 x 60 = 120 min.
B_DONE = [17.2785, 20.7737, 28.0360, 47.6561, 48.5693, 57.6561, 58.5693, 67.6561]


@pytest.fixture(scope="module")
def timeline_b(make):
    return make(
        MONDAY_08_09,
        **{
            "sites.Loket.officers": 2,
            "sites.Loket.devices": 2,
            "activation.self_prep_min": 5,
            "demand.patience_min": 10,
        },
    )


def test_timeline_b_arrivals_are_the_hand_worked_ones(timeline_b):
    assert probe_joins(timeline_b, 7) == pytest.approx(B_JOINS, abs=1e-4)


def test_timeline_b_two_officers_prep_and_patience(timeline_b):
    log = run_one(timeline_b, 7, 0, event_log=True)
    assert minutes(log, "activated") == pytest.approx(B_DONE, abs=1e-4)
    assert minutes(log, "left_queue") == pytest.approx([46.0886 + 10], abs=1e-4)
    assert (log.arrived, log.activations, turned(log, "left_queue")) == (9, 8, 1)
    assert others_zero(log, "left_queue")
    assert log.wait_n[0] == 8
    assert log.wait_sum_min[0] == pytest.approx(13.14, abs=0.01)
    assert log.duty_min[0] == pytest.approx(120.0)


# --- timeline C: staffing by day, PPPK from Wednesday ----------------------------------------


@pytest.mark.parametrize(
    ("officers", "devices", "add_officers", "add_devices", "expected"),
    [
        # 2 officers but 1 device: 1 counter Mon-Tue; +1/+1 from Wed: min(3, 2) = 2 counters
        (2, 1, 1, 1, 2520.0),
        # 1 officer with a spare device: 1 counter; +1 officer (no device) from Wed: 2
        (1, 2, 1, 0, 2520.0),
    ],
    ids=["device-bound", "officer-bound"],
)
def test_timeline_c_counters_are_min_of_officers_and_devices_plus_pppk(
    make, officers, devices, add_officers, add_devices, expected
):
    """Week of Mon 2 Jan 2023, hours Mon-Thu 08:00-14:00, Fri 08:00-11:00, closed weekend;
    a PPPK addition from Wednesday 4 Jan. Counters each day = min(officers, devices), both
    including the addition from its date. Duty with 1 counter Mon-Tue and 2 from Wed:
    360 + 360 + 2 x 360 + 2 x 360 + 2 x 180 = 2520 counter-minutes."""
    six_hours = "08:00-14:00"
    pppk = {"site": "Loket", "officers": add_officers, "devices": add_devices, "from": "2023-01-04"}
    scenario = make(
        {
            "period.end": "2023-01-08",
            "calendar.opening_hours.main_office": {
                "mon": six_hours,
                "tue": six_hours,
                "wed": six_hours,
                "thu": six_hours,
                "fri": "08:00-11:00",
                "sat": None,
                "sun": None,
            },
            "sites.Loket.officers": officers,
            "sites.Loket.devices": devices,
            "sites.Loket.walk_ins_per_day": 0,
            "staff.pppk": [pppk],
        }
    )
    log = run_one(scenario, 1, 0)
    assert log.duty_min[0] == pytest.approx(expected)
    assert log.arrived == 0


# --- timeline D: an outreach event --------------------------------------------------------


def outreach_day(make, *, officers, size, window, travel, setup, funnel=None, **changes):
    kind = {"size": size, "turnout_share": 1.0, "window": window}
    if funnel:
        kind["funnel"] = funnel
    team = {
        "name": "Tim",
        "officers": officers,
        "devices": officers,
        "travel_min": travel,
        "setup_min": setup,
        "weekly": {"mon": "event"},
    }
    return make(
        {
            "period.end": "2023-01-02",
            "sites": [],
            "outreach": {"event_kinds": {"event": kind}, "teams": [team]},
            **changes,
        }
    )


def test_timeline_d_outreach_event(make):
    """Window 08:00-10:00, 10 attendees, 2 officers, travel 15 + setup 15: serving from 08:30.
    Hold 12 + 5 + 3 = 20 min. Each officer: 08:30-08:50, 08:50-09:10, 09:10-09:30,
    09:30-09:50; the next would end 10:10, after the hard close, so is not started.
    8 activations (two each at 50, 70, 90, 110 min after 08:00); 2 event_closed.
    Waits from the start of service: 0, 0, 20, 20, 40, 40, 60, 60 = 240 min."""
    scenario = outreach_day(
        make,
        officers=2,
        size=10,
        window="08:00-10:00",
        travel=15,
        setup=15,
        **{
            "activation.officer_min": 12,
            "activation.face_recognition.attempt_min": 5,
            "activation.email_code.code_min": 3,
        },
    )
    log = run_one(scenario, 1, 0, event_log=True)
    assert minutes(log, "activated") == pytest.approx([50, 50, 70, 70, 90, 90, 110, 110])
    assert (log.arrived, log.activations, turned(log, "event_closed")) == (10, 8, 2)
    assert others_zero(log, "event_closed")
    assert int(log.daily[0, 3]) == 8  # the outreach channel
    assert log.wait_sum_min[3] == pytest.approx(240.0)
    assert log.duty_min[3] == pytest.approx(2 * 120.0)
    assert log.busy_min[3] == pytest.approx(8 * 20.0)


def test_timeline_e_outreach_funnel_checks_take_check_min(make):
    """Nobody has e-mail (event funnel email_share 0): each attendee takes check_min = 2 min
    and leaves as no_email. One officer, 08:00-08:15, 10 attendees: checks end at 2, 4, ...,
    14 min; the 8th would end at 16 > 15, so 7 no_email and 3 event_closed."""
    scenario = outreach_day(
        make,
        officers=1,
        size=10,
        window="08:00-08:15",
        travel=0,
        setup=0,
        funnel={"email_share": 0.0},
        **{"activation.check_min": 2},
    )
    log = run_one(scenario, 1, 0, event_log=True)
    assert minutes(log, "turned_away") == pytest.approx([2, 4, 6, 8, 10, 12, 14])
    assert log.activations == 0
    assert (turned(log, "no_email"), turned(log, "event_closed")) == (7, 3)
    assert others_zero(log, "no_email", "event_closed")
