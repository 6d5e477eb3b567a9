"""Outreach attendees sent home come back at the main office."""

from __future__ import annotations

import pytest
from scenes import (
    MAIN,
    OPEN,
    OUTREACH,
    SEED,
    WEEKDAYS_8_14,
    conserved,
    events,
    site,
    turned,
)

from sim.calendar import MIN_PER_DAY
from sim.decide.replicate import run_one


def outreach_and_office(make, *sites, **changes):
    """Monday 2 to Friday 6 January. One outreach event on Monday 08:00-10:00 with 10
    attendees, 2 officers from 08:30 (travel 15 + setup 15), 20-min service (12 + 5 + 3):
    8 are served, the last two are still waiting at 10:00 (timeline D of the hand
    timelines). The sites (default: a Loket with no walk-ins of its own) open 08:00-14:00
    on weekdays with ten counters and even arrivals, so returners are served on arrival."""
    kind = {"size": 10, "turnout_share": 1.0, "window": "08:00-10:00"}
    team = {
        "name": "Tim",
        "officers": 2,
        "devices": 2,
        "travel_min": 15,
        "setup_min": 15,
        "weekly": {"mon": "event"},
    }
    return make(
        {
            "period.end": "2023-01-06",
            "calendar.opening_hours.main_office": WEEKDAYS_8_14,
            "demand.arrival_pattern": "even",
            "sites": list(sites) or [site("Loket")],
            "outreach": {"event_kinds": {"event": kind}, "teams": [team]},
            "activation.officer_min": 12,
            "activation.face_recognition.attempt_min": 5,
            "activation.email_code.code_min": 3,
            **changes,
        }
    )


def test_outreach_closed_attendees_come_back_to_the_main_office(make):
    """after_closing 1, delay 1 day: the two left at 10:00 come to the Loket on Tuesday,
    at 08:00 and 11:00 (two returners, 360 / 2 apart), and activate 20 min later."""
    back = run_one(
        outreach_and_office(make, **{"demand.returns.after_closing": 1.0}),
        SEED,
        0,
        event_log=True,
    )
    assert (back.arrived, back.activations, back.return_visits) == (10, 10, 2)
    assert turned(back, "event_closed") == 0
    assert back.daily[:, OUTREACH].tolist() == [8, 0, 0, 0, 0]
    assert back.daily[:, MAIN].tolist() == [0, 2, 0, 0, 0]
    tuesday = MIN_PER_DAY + OPEN
    assert events(back, "Loket", "activated") == [
        (pytest.approx(tuesday + 20), "activated"),
        (pytest.approx(tuesday + 180 + 20), "activated"),
    ]
    gone = run_one(outreach_and_office(make), SEED, 0)
    assert (gone.activations, gone.return_visits, turned(gone, "event_closed")) == (8, 0, 2)


def test_outreach_returners_go_to_the_main_office_even_if_listed_second(make):
    scenario = outreach_and_office(
        make,
        site("Pos", "kecamatan_post"),
        site("Kantor"),
        **{"demand.returns.after_closing": 1.0},
    )
    log = run_one(scenario, SEED, 0, event_log=True)
    assert len(events(log, "Kantor", "activated")) == 2
    assert events(log, "Pos") == []


def test_outreach_outage_day_attendees_come_back_to_the_main_office(make):
    """A national outage on Monday: the event's 10 attendees are sent home; with
    after_outage 1 all ten come to the Loket on Tuesday (08:00 + 36k minutes)."""
    outage = {"disruptions.national_outage_dates": ["2023-01-02"]}
    back = run_one(
        outreach_and_office(make, **outage, **{"demand.returns.after_outage": 1.0}),
        SEED,
        0,
        event_log=True,
    )
    assert (back.arrived, back.return_visits, turned(back, "system_down")) == (10, 10, 0)
    assert back.daily[:, MAIN].tolist() == [0, 10, 0, 0, 0]
    tuesday = [MIN_PER_DAY + OPEN + 36 * k + 20 for k in range(10)]
    assert [t for t, _ in events(back, "Loket", "activated")] == pytest.approx(tuesday)
    gone = run_one(outreach_and_office(make, **outage), SEED, 0)
    assert (gone.activations, gone.return_visits, turned(gone, "system_down")) == (0, 0, 10)


@pytest.mark.parametrize(
    ("changes", "reason", "returns"),
    [
        (
            {
                "activation.face_recognition": {
                    "attempt_min": 5,
                    "fail_prob": 0.5,
                    "max_attempts": 1,
                }
            },
            "fr_failed",
            "after_fr_failure",
        ),
        (
            {"activation.email_code.second_visit_prob": 1.0},
            "email_code_failed",
            "after_email_failure",
        ),
    ],
    ids=["fr", "email"],
)
def test_outreach_visit_failures_come_back_to_the_main_office(make, changes, reason, returns):
    """Failed activations at the event: with the return probability 0 they are counted
    under their reason; with 1 they come to the Loket on a later day instead."""
    gone = run_one(outreach_and_office(make, **changes), SEED, 0)
    assert turned(gone, reason) > 0
    assert gone.return_visits == 0
    failed_at_event = turned(gone, reason)
    back = run_one(
        outreach_and_office(make, **changes, **{f"demand.returns.{returns}": 1.0}),
        SEED,
        0,
    )
    assert back.return_visits >= failed_at_event
    assert turned(back, reason) == 0
    assert conserved(back) and conserved(gone)
