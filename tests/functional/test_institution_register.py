"""The register of institutions outreach visits: finite, worked through largest first.

Built on the M/M/c scenario with no fixed site: one or two teams that visit schools every
weekday, a fixed one-minute service and ample time, everybody able to activate, so what a
visit yields is set by the register alone.
"""

from __future__ import annotations

import numpy as np
import pytest

from sim.model.core import Model
from sim.model.runlog import CHANNEL_INDEX
from sim.streams import Streams

OUTREACH = CHANNEL_INDEX["outreach"]
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
SCHOOLS = [{"name": f"SMA {n}", "headcount": n} for n in (120, 300, 80)]


def team(name: str) -> dict:
    return {
        "name": name,
        "officers": 3,
        "devices": 3,
        "travel_min": 0,
        "setup_min": 0,
        "weekly": dict.fromkeys(WEEKDAYS, "sekolah"),
    }


def schools(make, teams=1, turnout=1.0, register=None, **more):
    kind = {"size": 1000, "turnout_share": turnout, "window": "08:00-16:00"}
    outreach = {
        "event_kinds": {"sekolah": kind},
        "institutions": {"sekolah": register or {"named": SCHOOLS}},
        "teams": [team(f"Tim {i}") for i in range(1, teams + 1)],
    }
    changes = {
        "period.end": "2023-01-27",
        "sites": [],
        "outreach": outreach,
        "activation.officer_min": 1,
        "demand.deplete_with_pool": True,
        "goal.residents_obliged_ktp": 100_000,
    }
    return make(changes | more)


def model_run(scenario, replication=0) -> Model:
    model = Model(scenario, Streams(5, replication))
    model.run()
    return model


def test_visits_go_largest_first_and_reach_everyone_once(make):
    model = model_run(schools(make))
    daily = model.log.daily[:, OUTREACH]
    assert daily[:3].tolist() == [300, 120, 80]  # Mon 2, Tue 3, Wed 4 Jan
    assert daily[3:].sum() == 0  # the register is used up: nothing more to find
    register = model.registers["sekolah"]
    assert register.visits.tolist() == [1, 1, 1]


def test_a_team_added_after_the_register_is_used_up_adds_nothing(make):
    one = model_run(schools(make)).log.activations
    two = model_run(schools(make, teams=2)).log.activations
    assert one == two == sum(s["headcount"] for s in SCHOOLS)


def test_a_revisit_reaches_only_those_who_have_not_come(make):
    model = model_run(schools(make, turnout=0.5, register={"named": SCHOOLS[1:2]}))
    daily = model.log.daily[:, OUTREACH]
    assert daily[0] == pytest.approx(150, abs=30)
    assert daily[1] == pytest.approx((300 - daily[0]) * 0.5, abs=30)
    assert daily.sum() <= 300


def test_every_resident_of_an_institution_is_accounted_for(make):
    scenario = schools(
        make,
        turnout=0.6,
        register={
            "count": 12,
            "headcount": {"kind": "triangular", "low": 50, "mode": 150, "high": 400},
        },
        **{
            "activation.face_recognition.fail_prob": 0.3,
            "activation.face_recognition.max_attempts": 1,
            "residents.compatible_smartphone_share": 0.7,
            "outreach.event_kinds.sekolah.window": "08:00-10:00",
        },
    )
    register = model_run(scenario).registers["sekolah"]
    outcomes = register.left + register.activated + register.not_activated + register.elsewhere
    assert (outcomes == register.headcount).all()
    assert register.activated.sum() > 0 and register.not_activated.sum() > 0
    assert (register.left >= 0).all()


def test_no_school_visit_in_the_school_holidays(make):
    holidays = [{"name": "libur", "from": "2023-01-09", "until": "2023-01-13"}]
    big = [{"name": "SMA Besar", "headcount": 5000}]
    scenario = schools(
        make,
        turnout=0.1,
        register={"named": big, "closed": "school_holidays"},
        **{"calendar.closures": {"school_holidays": holidays}},
    )
    daily = model_run(scenario).log.daily[:, OUTREACH]
    assert daily[7:12].sum() == 0  # Mon 9 - Fri 13 Jan
    assert daily[14] > 0  # Mon 16 Jan: back at school


def test_headcounts_are_the_same_in_every_staffing_variant(make):
    register = {"count": 20, "headcount": {"kind": "uniform", "low": 50, "high": 500}}
    few = model_run(schools(make, register=register)).registers["sekolah"]
    many = model_run(schools(make, teams=3, register=register)).registers["sekolah"]
    assert np.array_equal(few.headcount, many.headcount)
    other_rep = model_run(schools(make, register=register), replication=1).registers["sekolah"]
    assert not np.array_equal(few.headcount, other_rep.headcount)
