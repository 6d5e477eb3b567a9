"""Timelines worked out by hand, checked event by event against the opt-in event log.

Every case follows from its configuration alone. Fixed sites use
``demand.arrival_pattern: even``: each open day exactly round(walk_ins_per_day) residents
arrive, resident k (k = 0 .. n-1) at k * L / n minutes after opening, L being the window's
length in minutes; residents sent home come back on their day at evenly spaced times too.
Service is fixed (officer_min 7 + one face-recognition attempt of 3 + code 3 = 13 min),
so everything after the arrivals follows from the rules:

* officers pull residents first come first served;
* a service in progress at closing completes; none starts at or after closing;
* whoever is still queued at closing goes home (``closed``, or back another day with
  ``demand.returns.after_closing``), unless their patience had already run out by then
  (``left_queue``);
* a resident leaves unserved once they have waited longer than their patience.

Outreach events are deterministic from configuration alone (size fixed, turnout 1).
The seed therefore does not matter; each case is also run with a second seed to show it.
"""

from __future__ import annotations

import pytest

from sim.decide.replicate import run_one
from sim.model.runlog import REASON_INDEX, REASONS

OPEN = 8 * 60  # 08:00 in minutes after midnight (day 0 is Monday 2023-01-02)
MONDAY_08_09 = {
    "period.end": "2023-01-02",
    "calendar.opening_hours.main_office.mon": "08:00-09:00",
    "demand.arrival_pattern": "even",
    "sites.Loket.officers": 1,
    "sites.Loket.devices": 1,
    "sites.Loket.walk_ins_per_day": 8,
    # hold time of a capable resident = officer_min + attempts * attempt_min + code_min
    # = 7 + 1 * 3 + 3 = 13 min (fail_prob 0: always one attempt)
    "activation.officer_min": 7,
    "activation.face_recognition.attempt_min": 3,
    "activation.email_code.code_min": 3,
}


def turned(log, reason: str) -> int:
    return int(log.turned_away[REASON_INDEX[reason]])


def others_zero(log, *allowed: str) -> bool:
    return all(log.turned_away[i] == 0 for i, r in enumerate(REASONS) if r not in allowed)


def minutes(log, what: str) -> list[float]:
    return sorted(t - OPEN for t, _, w in log.events if w == what)


def run_both_seeds(scenario):
    """Run with seed 1 and check seed 2 gives the very same events: arrivals are even."""
    log = run_one(scenario, 1, 0, event_log=True)
    other = run_one(scenario, 2, 0, event_log=True)
    assert sorted(other.events) == sorted(log.events)
    return log


# --- timeline A: one officer, 13-minute service, 08:00-09:00, 8 walk-ins ---------------------

# Eight residents arrive 60 / 8 = 7.5 min apart: r1..r8 at 0, 7.5, 15, ..., 52.5.
# The officer serves
#   r1 00.0-13.0 (no wait)     r2 13.0-26.0 (waited 5.5)   r3 26.0-39.0 (11.0)
#   r4 39.0-52.0 (16.5)        r5 52.0-65.0 (22.0): starts before 09:00, completes at 09:05
# then is free at 09:05, after closing: r6 (arrived 37.5), r7 (45) and r8 (52.5) go home.
# 5 activations at 13, 26, 39, 52, 65; 3 closed; summed wait 55.0 min; busy 65 of 60 duty min.
A_DONE = [13.0, 26.0, 39.0, 52.0, 65.0]


def test_timeline_a_one_officer_closing_rule(make):
    log = run_both_seeds(make(MONDAY_08_09))
    assert minutes(log, "activated") == pytest.approx(A_DONE)
    assert minutes(log, "sent_home_at_closing") == pytest.approx([60.0] * 3)
    assert log.arrived == 8
    assert log.activations == 5
    assert int(log.daily[0, 0]) == 5
    assert turned(log, "closed") == 3
    assert others_zero(log, "closed")
    assert log.unserved_end == 0
    assert log.wait_n[0] == 5
    assert log.wait_sum_min[0] == pytest.approx(0 + 5.5 + 11 + 16.5 + 22)
    assert log.busy_min[0] == pytest.approx(65.0)
    assert log.occupied_min[0] == pytest.approx(65.0)  # no other work displaced
    assert log.duty_min[0] == pytest.approx(60.0)


def test_timeline_a_sent_home_on_the_last_day_are_unserved_at_the_end(make):
    """Same day, but everyone sent home at closing would come back: there is no next day,
    so r6, r7 and r8 are counted unserved at the end, not ``closed``."""
    scenario = make(MONDAY_08_09, **{"demand.returns.after_closing": 1.0})
    log = run_both_seeds(scenario)
    assert (log.activations, turned(log, "closed"), log.unserved_end) == (5, 0, 3)
    assert log.return_visits == 0


def test_timeline_a_returners_come_back_next_open_day(make):
    """Two days (Mon, Tue 08:00-09:00), after_closing 1, delay 1 day.

    Monday is timeline A: 5 activations; r6, r7, r8 go home and come back on Tuesday.
    Tuesday: 8 new residents at 0, 7.5, ..., 52.5 and the 3 returners at 60 / 3 = 20 min
    apart: 0, 20, 40 (a returner after a new resident arriving at the same minute):
      new 0     00-13 (no wait)      ret 0     13-26 (13.0)     new 7.5   26-39 (18.5)
      new 15    39-52 (24.0)         ret 20    52-65 (32.0, completes after closing)
    Still queued at 09:00: new 22.5, 30, 37.5, 45, 52.5 and the returner of 40, six who
    would come back, but Tuesday is the last day: unserved at the end.
    Activations at Tuesday 08:00 + 13, 26, 39, 52, 65 (1440 + ... after Monday 08:00).
    Summed wait: Monday 55.0 + Tuesday 0 + 13 + 18.5 + 24 + 32 = 142.5 min."""
    scenario = make(
        MONDAY_08_09,
        **{
            "period.end": "2023-01-03",
            "calendar.opening_hours.main_office.tue": "08:00-09:00",
            "demand.returns.after_closing": 1.0,
        },
    )
    log = run_both_seeds(scenario)
    tuesday = [1440 + t for t in A_DONE]
    assert minutes(log, "activated") == pytest.approx(A_DONE + tuesday)
    assert (int(log.daily[0, 0]), int(log.daily[1, 0])) == (5, 5)
    assert log.return_visits == 3
    assert log.arrived == 16  # first visits only
    assert (log.unserved_end, int(log.turned_away.sum())) == (6, 0)
    assert log.arrived == log.activations + log.turned_away.sum() + log.unserved_end
    assert log.wait_sum_min[0] == pytest.approx(142.5)


def test_timeline_a_other_work_doubles_the_counter_time(make):
    """other_work_share 0.5: each 13-min activation occupies the officer 26 min.
    r1 00-26, r2 (7.5) 26-52 (waited 18.5), r3 (15) 52-78 (37.0; completes after 09:00);
    r4..r8 closed. Busy (IKD) minutes count the activation time only: 3 x 13 = 39;
    occupied minutes include the displaced work: 3 x 26 = 78, of 60 duty minutes."""
    scenario = make(MONDAY_08_09, **{"staff.other_work_share": {"main_office": 0.5}})
    log = run_both_seeds(scenario)
    assert minutes(log, "activated") == pytest.approx([26.0, 52.0, 78.0])
    assert turned(log, "closed") == 5
    assert others_zero(log, "closed")
    assert log.wait_sum_min[0] == pytest.approx(0 + 18.5 + 37)
    assert log.busy_min[0] == pytest.approx(39.0)
    assert log.occupied_min[0] == pytest.approx(78.0)
    assert log.duty_min[0] == pytest.approx(60.0)


# --- timeline A2: one officer, patience 18.5 min: patience running out by closing ----------

# Twelve residents arrive 60 / 12 = 5 min apart, r1..r12 at 0, 5, ..., 55; each leaves
# 18.5 min after arriving if not yet served (deadlines 18.5, 23.5, ..., 73.5).
# The officer (13-min service) serves
#   r1 00-13 (no wait)          r2 (5)  13-26 (8)           r3 (10) 26-39 (16)
#   at 39: r4 (deadline 33.5) and r5 (38.5) have gone        r6 (25) 39-52 (14)
#   at 52: r7 (48.5) has gone                                 r8 (35) 52-65 (17; after 09:00)
# At closing (60) four are still queued:
#   r9 arrived 40: patience ran out at 58.5, before closing -> left_queue, not closed
#   r10 (45), r11 (50), r12 (55): still willing to wait at 60 -> closed
# 5 activations at 13, 26, 39, 52, 65; left_queue 4 (noted at 33.5, 38.5, 48.5, 58.5);
# closed 3; summed wait 0 + 8 + 16 + 14 + 17 = 55 min.
A2_DONE = [13.0, 26.0, 39.0, 52.0, 65.0]


def test_timeline_a2_patience_expired_at_closing_is_left_queue(make):
    scenario = make(
        MONDAY_08_09, **{"sites.Loket.walk_ins_per_day": 12, "demand.patience_min": 18.5}
    )
    log = run_both_seeds(scenario)
    assert minutes(log, "activated") == pytest.approx(A2_DONE)
    assert minutes(log, "left_queue") == pytest.approx([33.5, 38.5, 48.5, 58.5])
    assert (log.arrived, log.activations) == (12, 5)
    assert (turned(log, "left_queue"), turned(log, "closed")) == (4, 3)
    assert others_zero(log, "left_queue", "closed")
    assert log.wait_sum_min[0] == pytest.approx(55.0)


# --- timeline B: two officers, 4 min self-preparation, patience 8 min ----------------------

# Twelve residents arrive 5 min apart (0, 5, ..., 55); each joins the queue 4 minutes later
# (self_prep_min 4), j1..j12 at 4, 9, 14, ..., 59, and leaves 8 min after joining if not
# yet served. Officers P and Q (13-min service), idle until the first residents join:
#   j1  4: P 04-17                 j2  9: Q 09-22
#   j3 14: P 17-30 (waited 3)      j4 19: Q 22-35 (3)
#   j5 24: P 30-43 (6)             j6 29: Q 35-48 (6)
#   j7 34: next free officer is P at 43, but patience ran out at 42 -> left_queue
#   j8 39: P 43-56 (4)             j9 44: Q 48-61 (4; completes after closing)
#   j10 49: P 56-69 (7; completes after closing)
#   j11 54 and j12 59: no officer free before 09:00 -> closed
# 9 activations at 17, 22, 30, 35, 43, 48, 56, 61, 69; 1 left_queue (noted at 42);
# 2 closed; summed wait 3 + 3 + 6 + 6 + 4 + 4 + 7 = 33 min; busy 9 x 13 = 117 min;
# duty 2 x 60 = 120 min.
B_DONE = [17.0, 22.0, 30.0, 35.0, 43.0, 48.0, 56.0, 61.0, 69.0]


def test_timeline_b_two_officers_prep_and_patience(make):
    scenario = make(
        MONDAY_08_09,
        **{
            "sites.Loket.officers": 2,
            "sites.Loket.devices": 2,
            "sites.Loket.walk_ins_per_day": 12,
            "activation.self_prep_min": 4,
            "demand.patience_min": 8,
        },
    )
    log = run_both_seeds(scenario)
    assert minutes(log, "activated") == pytest.approx(B_DONE)
    assert minutes(log, "left_queue") == pytest.approx([42.0])
    assert (log.arrived, log.activations) == (12, 9)
    assert (turned(log, "left_queue"), turned(log, "closed")) == (1, 2)
    assert others_zero(log, "left_queue", "closed")
    assert log.wait_n[0] == 9
    assert log.wait_sum_min[0] == pytest.approx(33.0)
    assert log.busy_min[0] == pytest.approx(117.0)
    assert log.duty_min[0] == pytest.approx(120.0)


# --- timeline C: staffing by day, PPPK from Wednesday ----------------------------------------


@pytest.mark.parametrize(
    ("officers", "devices", "add_officers", "add_devices"),
    [
        # 2 officers but 1 device: 1 counter Mon-Tue; +1/+1 from Wed: min(3, 2) = 2 counters
        (2, 1, 1, 1),
        # 1 officer with a spare device: 1 counter; +1 officer (no device) from Wed: 2
        (1, 2, 1, 0),
    ],
    ids=["device-bound", "officer-bound"],
)
def test_timeline_c_counters_are_min_of_officers_and_devices_plus_pppk(
    make, officers, devices, add_officers, add_devices
):
    """Week of Mon 2 Jan 2023, hours Mon-Thu 08:00-14:00, Fri 08:00-11:00, closed weekend;
    a PPPK addition from Wednesday 4 Jan. Counters each day = min(officers, devices), both
    including the addition from its date: 1 counter Mon-Tue, 2 from Wed.
    Duty: 360 + 360 + 2 x 360 + 2 x 360 + 2 x 180 = 2520 counter-minutes.

    36 walk-ins a day, 13-min service:
    * Mon, Tue (360 min, one every 10 min, 1 counter): the officer is busy from 08:00 on,
      starting services at 0, 13, 26, ...; resident k arrived at 10k <= 13k, so the services
      started before closing are k = 0 .. 27 (the last 351-364): 28 activations, 8 closed.
    * Wed, Thu (one every 10 min, 2 counters): each officer is free 13 min after starting,
      before the next resident but one arrives 20 min later: all 36 served on arrival.
    * Fri (180 min, one every 5 min, 2 counters): P serves the even residents from
      0, 13, 26, ... (13m), Q the odd ones from 5, 18, 31, ... (13m + 5); both start their
      last before 11:00 at m = 13 (169 and 174): 28 activations, 8 closed.
    Week: 28 + 28 + 36 + 36 + 28 = 156 activations, 24 closed."""
    six_hours = "08:00-14:00"
    pppk = {"site": "Loket", "officers": add_officers, "devices": add_devices, "from": "2023-01-04"}
    scenario = make(
        MONDAY_08_09,
        **{
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
            "sites.Loket.walk_ins_per_day": 36,
            "staff.pppk": [pppk],
        },
    )
    log = run_both_seeds(scenario)
    assert log.duty_min[0] == pytest.approx(2520.0)
    assert log.daily[:, 0].tolist() == [28, 28, 36, 36, 28, 0, 0]
    assert (log.arrived, turned(log, "closed")) == (5 * 36, 24)
    assert others_zero(log, "closed")


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
