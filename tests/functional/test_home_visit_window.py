"""Home visits: a hard window, and failed visits back in the backlog."""

from __future__ import annotations

import collections

import pytest
from scenes import (
    OPEN,
    SEED,
    WEEK,
    conserved,
    day_of,
    events,
    turned,
)

from sim.calendar import MIN_PER_DAY
from sim.decide.replicate import run_one


def home_only(office, **changes):
    return office({"sites": [], "outreach.teams": [], **changes})


def test_home_visits_never_end_after_the_window_closes(office):
    """60 requests a week for one officer (travel 20-60 min): the backlog never empties,
    so officers are busy up to the close every visit day; no visit ends after 14:00, and
    visits happen on Tuesdays and Thursdays only."""
    scenario = home_only(
        office,
        **{
            "home_visits.Rumah.requests_per_week": 60,
            "staff.other_work_share": {"home_visit": 0.3},
        },
    )
    for r in range(3):
        log = run_one(scenario, SEED, r, event_log=True)
        done = [t for t, _ in events(log, "Rumah")]
        assert len(done) > 25  # about 5 visits a day of ~60 min each (travel, service, other work)
        assert log.unserved_end > 50  # the backlog carried to the end
        assert max(t % MIN_PER_DAY for t in done) <= 14 * 60 + 1e-6
        assert max(t % MIN_PER_DAY for t in done) > 13 * 60  # the window really binds
        assert {day_of(t) % 7 for t in done} == {1, 3}
        assert conserved(log)


@pytest.mark.parametrize(
    ("travel", "visits_per_day"),
    [(45, 1), (20, 2), (51, 0)],
    ids=["one-fits", "two-fit", "none-fits"],
)
def test_home_visit_starts_only_if_it_ends_by_the_close(office, travel, visits_per_day):
    """Window 08:00-09:00, one officer, service 10 min (officer_min 10, check/code 0):
    a visit takes travel + 10. Travel 45: one visit (08:55), the next would end 09:50.
    Travel 20: two (08:30, 09:00 exactly at the close). Travel 51: 61 > 60, none ever."""
    scenario = home_only(
        office,
        **{
            "activation": {
                "officer_min": 10,
                "check_min": 0,
                "self_prep_min": 0,
                "face_recognition": {"attempt_min": 0, "fail_prob": 0.0, "max_attempts": 1},
                "email_code": {"code_min": 0, "second_visit_prob": 0.0},
            },
            "home_visits.Rumah.window": "08:00-09:00",
            "home_visits.Rumah.travel_min": travel,
            "home_visits.Rumah.requests_per_week": 30,
        },
    )
    log = run_one(scenario, SEED, 0, event_log=True)
    by_day = collections.Counter(day_of(t) for t, _ in events(log, "Rumah"))
    visit_days = [d for d in range(28) if d % 7 in (1, 3)]  # Tuesdays and Thursdays
    assert [by_day[d] for d in visit_days] == [visits_per_day] * len(visit_days)
    ends = {round(t % MIN_PER_DAY - OPEN, 6) for t, _ in events(log, "Rumah")}
    assert ends == {(k + 1) * (travel + 10.0) for k in range(visits_per_day)}
    assert log.unserved_end == log.arrived - log.activations > 0


def visits_that_fail(office, return_prob: float, **changes):
    return home_only(
        office,
        **{
            "activation.face_recognition": {
                "attempt_min": 1.5,
                "fail_prob": 0.5,
                "max_attempts": 1,
            },
            "activation.email_code.second_visit_prob": 0.0,
            "demand.returns.after_fr_failure": return_prob,
            "home_visits.Rumah.weekdays": list(WEEK[:5]),
            "home_visits.Rumah.window": "08:00-16:00",
            "home_visits.Rumah.officers": 4,
            "home_visits.Rumah.devices": 4,
            **changes,
        },
    )


def test_failed_home_visits_return_to_the_backlog_with_the_return_probability(office):
    """Face recognition fails half the time (one attempt). With return probability 0 every
    failure is lost (fr_failed); with 1 none is: the resident is asked again, so with
    ample capacity everyone activates in the end but those still waiting at the end."""
    lost = run_one(visits_that_fail(office, 0.0), SEED, 0)
    again = run_one(visits_that_fail(office, 1.0), SEED, 0)
    assert lost.arrived == again.arrived > 30
    assert turned(lost, "fr_failed") > 0.3 * lost.arrived
    assert turned(again, "fr_failed") == 0
    assert again.activations + again.unserved_end == again.arrived
    assert again.activations > lost.activations
    assert conserved(lost)


def test_failed_home_visits_decide_independently(office):
    """One Monday, about 40 requests, ten officers, all day: half fail face recognition,
    each failure comes back with probability 0.5. Independently, some failures are lost
    on every such day (the chance that none of ~20 is lost is below 1e-5) and the day's
    retries are all done by the close."""
    scenario = visits_that_fail(
        office,
        0.5,
        **{
            "period.end": "2023-01-02",
            "home_visits.Rumah.requests_per_week": 280,
            "home_visits.Rumah.officers": 10,
            "home_visits.Rumah.devices": 10,
            "home_visits.Rumah.travel_min": 10,
        },
    )
    for r in range(10):
        log = run_one(scenario, SEED, r)
        assert turned(log, "fr_failed") > 0, r
        assert log.unserved_end == 0, r
        assert log.activations + turned(log, "fr_failed") == log.arrived
