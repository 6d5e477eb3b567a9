"""The review fixes, one section each: even arrivals, random streams per (unit, day), the
pool split by funnel state, occupied officer time, mobile-service residents sent home to
the main office, the hard home-visit window, diversion from closed posts (``when_closed``)
and PPPK additions for a single unit of a group.

Where a case can be deterministic it is (``demand.arrival_pattern: even``, fixed service
times); arrival times are then read back from the event log, as in
tests/validation/test_arrival_process.py: with enough counters nobody waits, so each
activation is logged one service time after its resident arrived.
"""

from __future__ import annotations

import collections
import datetime as dt

import pytest

from sim.calendar import MIN_PER_DAY
from sim.experiment import run_one
from sim.model import Model
from sim.model.residents import capable_share
from sim.model.runlog import BLOCKING_REASONS, CHANNEL_INDEX, REASON_INDEX, REASONS
from sim.scenario import CHANNELS, ScenarioError
from sim.streams import Streams

SEED = 3
MAIN = CHANNEL_INDEX["main_office"]
POST = CHANNEL_INDEX["kecamatan_post"]
OUTREACH = CHANNEL_INDEX["outreach"]
HOME = CHANNEL_INDEX["home_visit"]
OPEN = 8 * 60
WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAYS_8_14 = {d: ("08:00-14:00" if d in WEEK[:5] else None) for d in WEEK}


def turned(log, reason: str) -> int:
    return int(log.turned_away[REASON_INDEX[reason]])


def events(log, site: str | None = None, what: str | None = None) -> list[tuple[float, str]]:
    """(minute, what) of the logged events, optionally of one site and one kind, in order."""
    return sorted(
        (t, w)
        for t, s, w in log.events
        if (site is None or s == site) and (what is None or w == what)
    )


def day_of(minute: float) -> int:
    return int(minute // MIN_PER_DAY)


def conserved(log) -> bool:
    return log.arrived == log.activations + int(log.turned_away.sum()) + log.unserved_end


def site(name: str, kind: str = "main_office", **fields) -> dict:
    """A fixed site on the main office's hours (08:00-14:00 on weekdays in these cases)."""
    return {
        "name": name,
        "kind": kind,
        "hours": "main_office",
        "officers": 10,
        "devices": 10,
        "walk_ins_per_day": 0,
        **fields,
    }


# ================================================================================================
# 1. demand.arrival_pattern: even
# ================================================================================================

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


# ================================================================================================
# 2. random streams per (unit, day)
# ================================================================================================


def posts(make, count: int, **changes):
    """Only a group of kecamatan posts (Poisson arrivals, exponential service, patience),
    weekdays 08:00-14:00, no pool depletion: what each post sees is its own business."""
    return make(
        {
            "period.end": "2023-01-22",
            "calendar.opening_hours.main_office": WEEKDAYS_8_14,
            "sites": [
                site(
                    "Pos", "kecamatan_post", count=count, officers=1, devices=1, walk_ins_per_day=40
                )
            ],
            "demand.patience_min": {"kind": "exponential", "mean": 30},
            **changes,
        }
    )


def test_growing_a_group_keeps_the_first_units_residents(make):
    """``count: 1`` names the post "Pos"; ``count: 3`` names "Pos 1" .. "Pos 3", and the
    first keeps the group's streams: its events are exactly those of the single post."""
    single = run_one(posts(make, 1), SEED, 0, event_log=True)
    group = run_one(posts(make, 3), SEED, 0, event_log=True)
    assert len(events(single, "Pos")) > 200
    assert events(group, "Pos 1") == events(single, "Pos")
    # the other posts draw their own residents
    assert events(group, "Pos 2") != events(group, "Pos 1") != events(group, "Pos 3")
    assert events(group, "Pos") == []


def test_opening_on_saturdays_leaves_the_weekday_residents_unchanged(make):
    """Draws are keyed by day: a Saturday session does not shift Monday-Friday residents.
    Weekday events are identical; Saturdays add their own."""
    weekdays = run_one(posts(make, 2), SEED, 0, event_log=True)
    saturdays = run_one(
        posts(make, 2, **{"calendar.opening_hours.main_office.sat": "08:00-12:00"}),
        SEED,
        0,
        event_log=True,
    )

    def on_weekdays(log):
        return [(t, s, w) for t, s, w in sorted(log.events) if day_of(t) % 7 < 5]

    assert len(on_weekdays(weekdays)) > 200
    assert on_weekdays(saturdays) == on_weekdays(weekdays)
    assert any(day_of(t) % 7 == 5 for t, _, _ in saturdays.events)
    assert not any(day_of(t) % 7 == 5 for t, _, _ in weekdays.events)


def test_outreach_days_draw_their_own_attendees(make, office):
    """Adding a Tuesday event leaves the team's Monday and Wednesday events unchanged, and
    growing the team to two keeps the first team's events."""
    base = office({"sites": [], "home_visits": []})
    more_days = office(
        {
            "sites": [],
            "home_visits": [],
            "outreach.teams.Tim.weekly": {"mon": "school", "tue": "village", "wed": "village"},
        }
    )
    two = make({"outreach.teams.Tim.count": 2}, base=base)
    logs = [run_one(s, SEED, 0, event_log=True) for s in (base, more_days, two)]
    first = events(logs[0], "Tim")
    assert len(first) > 100
    assert [e for e in events(logs[1], "Tim") if day_of(e[0]) % 7 != 1] == first
    assert any(day_of(t) % 7 == 1 for t, _ in events(logs[1], "Tim"))
    assert events(logs[2], "Tim 1") == first
    assert events(logs[2], "Tim 2") != first


def test_home_visit_requests_do_not_depend_on_the_visit_days(office):
    """Requests are drawn every day from the team's stream for that day: visiting on more
    days changes who is visited when, not how many ask."""
    only_home = {"sites": [], "outreach.teams": []}
    two_days = run_one(office(only_home), SEED, 0)
    every_day = office(only_home, **{"home_visits.Rumah.weekdays": list(WEEK[:5])})
    assert run_one(every_day, SEED, 0).arrived == two_days.arrived > 20


# ================================================================================================
# 3. the pool split by funnel state
# ================================================================================================


def test_lasting_reasons_come_before_a_passing_one():
    assert REASONS[:3] == BLOCKING_REASONS == ("not_recorded", "no_smartphone", "no_email")
    assert REASONS[3] == "ios_not_supported"


def test_no_email_is_told_before_ios_not_supported(office):
    """A resident with an iPhone from before iOS support and no e-mail is told the lasting
    reason (no e-mail): coming back once iOS is supported would not help."""
    log = run_one(
        office(
            {
                "residents.android_share": 0.0,
                "residents.ios_from": None,
                "residents.email_share": 0.0,
            }
        ),
        SEED,
        0,
    )
    assert turned(log, "no_email") > 100
    assert turned(log, "ios_not_supported") == 0


SMALL_POOL = {
    "period.end": "2023-06-30",
    "goal.residents_obliged_ktp": 1000,
    "demand.deplete_with_pool": True,
    "residents.email_share": 0.5,  # capable pool 500, blocked pool 500
    "sites.Loket.officers": 10,
    "sites.Loket.devices": 10,
    "sites.Loket.walk_ins_per_day": 40,
    "activation.officer_min": 1,
}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_activations_never_much_exceed_the_capable_pool(make, seed):
    """Pool 1000, half without e-mail: at most 500 can activate, and at most 500 can be
    told they have no e-mail. 40 a day for six months would bring 7,000 visits without
    depletion; with it both parts run out (a day's arrivals are thinned by the share left
    at its start, so a day may overshoot by a resident or two)."""
    log = run_one(make(SMALL_POOL), seed, 0)
    assert 475 <= log.activations <= 505
    assert 475 <= turned(log, "no_email") <= 505
    assert conserved(log)


@pytest.mark.slow
def test_reviewer_repro_mojokerto_activations_within_the_capable_pool(make, mojokerto):
    """Mojokerto with 20,000 residents obliged and none activated at the start used to give
    19,844 activations; only 20000 x 0.974 x 0.68 x 0.9 = 11,922 have no lasting obstacle."""
    scenario = make(
        {"goal.residents_obliged_ktp": 20000, "goal.activated_at_start": 0}, base=mojokerto
    )
    capable = 20000 * capable_share(scenario.residents)
    assert capable == pytest.approx(20000 * 0.974 * 0.68 * 0.9)
    log = run_one(scenario, SEED, 0)
    blocked = sum(turned(log, r) for r in BLOCKING_REASONS)
    assert 0.95 * capable <= log.activations <= 1.005 * capable
    assert blocked <= 1.005 * (20000 - capable)


# ================================================================================================
# 4. occupied officer time: IKD time plus the other work it displaces
# ================================================================================================


def test_occupied_minutes_are_busy_minutes_over_one_minus_other_work(office):
    shares = {"main_office": 0.25, "outreach": 0.4, "home_visit": 0.2}
    log = run_one(office({"staff.other_work_share": shares}), SEED, 0)
    for channel, share in shares.items():
        ch = CHANNEL_INDEX[channel]
        assert log.busy_min[ch] > 100
        assert log.occupied_min[ch] == pytest.approx(log.busy_min[ch] / (1 - share))
    plain = run_one(office(), SEED, 0)
    assert plain.occupied_min.tolist() == pytest.approx(plain.busy_min.tolist())
    assert len(log.occupied_min) == len(CHANNELS)


# ================================================================================================
# 5. outreach attendees sent home come back at the main office
# ================================================================================================


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


# ================================================================================================
# 6. home visits: a hard window, and failed visits back in the backlog
# ================================================================================================


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


# ================================================================================================
# 7. when_closed: residents of a post that does not serve IKD go to another site
# ================================================================================================


def closed_post(make, *, share: float, to: str = "Kantor", **post_fields):
    """Kantor (main office, 08:00-14:00, no walk-ins of its own) and Pos (08:00-12:00,
    4 walk-ins a day, IKD not installed unless said otherwise); one week, even arrivals,
    1-minute service."""
    return make(
        {
            "period.end": "2023-01-06",
            "calendar.opening_hours": {
                "main_office": WEEKDAYS_8_14,
                "kecamatan_post": {d: ("08:00-12:00" if d in WEEK[:5] else None) for d in WEEK},
            },
            "demand.arrival_pattern": "even",
            "activation.officer_min": 1,
            "sites": [
                site("Kantor"),
                {
                    **site("Pos", "kecamatan_post", walk_ins_per_day=4, ikd_installed=False),
                    "hours": None,
                    "when_closed": {"to": to, "share": share},
                    **post_fields,
                },
            ],
        }
    )


def test_when_closed_share_one_sends_every_resident_to_the_target(make):
    """Pos's residents at 0, 60, 120, 180 min of its 240-min window map linearly onto
    Kantor's 360-min window: 0, 90, 180, 270 min after 08:00; served on arrival."""
    log = run_one(closed_post(make, share=1.0), SEED, 0, event_log=True)
    assert log.arrived == 5 * 4
    assert log.daily[:, MAIN].tolist() == [4] * 5
    assert log.daily[:, POST].tolist() == [0] * 5
    one_day = [OPEN + m + 1 for m in (0, 90, 180, 270)]
    expected = [d * MIN_PER_DAY + t for d in range(5) for t in one_day]
    assert [t for t, _ in events(log, "Kantor", "activated")] == pytest.approx(expected)
    assert events(log, "Pos") == []
    assert log.duty_min[POST] == 0


def test_when_closed_share_zero_sends_nobody(make):
    log = run_one(closed_post(make, share=0.0), SEED, 0)
    assert (log.arrived, log.activations, log.unserved_end) == (0, 0, 0)


def test_when_closed_share_half_sends_about_half(make):
    """40 a day for 5 days: each goes with probability 0.5, Binomial(200, 0.5) come
    (sd 7; the bounds are more than 4 sd away)."""
    scenario = closed_post(make, share=0.5, walk_ins_per_day=40)
    arrived = [run_one(scenario, SEED, r).arrived for r in range(5)]
    assert all(70 <= a <= 130 for a in arrived), arrived
    assert len(set(arrived)) > 1


def test_when_closed_applies_only_before_the_post_opens(make):
    """Pos installed but opening on Wednesday 4 January: Monday and Tuesday its residents
    go to Kantor; from Wednesday it serves them itself."""
    scenario = closed_post(make, share=1.0, ikd_installed=True, opens_on="2023-01-04")
    log = run_one(scenario, SEED, 0)
    assert log.daily[:, MAIN].tolist() == [4, 4, 0, 0, 0]
    assert log.daily[:, POST].tolist() == [0, 0, 4, 4, 4]


def test_when_closed_may_name_a_unit_of_a_group(make):
    scenario = make(
        {
            "period.end": "2023-01-02",
            "calendar.opening_hours.main_office": WEEKDAYS_8_14,
            "demand.arrival_pattern": "even",
            "activation.officer_min": 1,
            "sites": [
                site("Pos", "kecamatan_post", count=3),
                site(
                    "Baru",
                    "kecamatan_post",
                    walk_ins_per_day=6,
                    ikd_installed=False,
                    when_closed={"to": "Pos 2", "share": 1.0},
                ),
            ],
        }
    )
    log = run_one(scenario, SEED, 0, event_log=True)
    assert len(events(log, "Pos 2", "activated")) == 6
    assert events(log, "Pos 1") == events(log, "Pos 3") == []


@pytest.mark.parametrize("to", ["Nowhere", "Pos", "Pos Kecamatan"])
def test_when_closed_to_an_unknown_site_or_itself_is_refused(make, to):
    """The target must be another site unit ("Pos Kecamatan" is a group of 3: its units
    are "Pos Kecamatan 1" .. "Pos Kecamatan 3")."""
    with pytest.raises(ScenarioError) as info:
        make(
            {
                "sites": [
                    site("Pos Kecamatan", "kecamatan_post", count=3),
                    site("Pos", "kecamatan_post", when_closed={"to": to, "share": 1.0}),
                ]
            }
        )
    assert info.value.key == "sites.Pos.when_closed.to"
    assert to in info.value.problem


# ================================================================================================
# 8. PPPK for one unit of a group
# ================================================================================================


def three_posts(make, pppk_site: str):
    """Three posts of one counter each, 08:00-14:00 on weekdays, for one week; one more
    officer with a device from Wednesday 4 January at ``pppk_site``."""
    return make(
        {
            "period.end": "2023-01-08",
            "calendar.opening_hours.main_office": WEEKDAYS_8_14,
            "sites": [site("Pos", "kecamatan_post", count=3, officers=1, devices=1)],
            "staff.pppk": [{"site": pppk_site, "officers": 1, "devices": 1, "from": "2023-01-04"}],
        }
    )


def test_pppk_naming_a_unit_adds_a_counter_there_only(make):
    model = Model(three_posts(make, "Pos 2"), Streams(SEED, 0))
    counters = {unit.name: unit.servers.tolist() for unit in model.sites}
    assert counters == {
        "Pos 1": [1] * 7,
        "Pos 2": [1, 1, 2, 2, 2, 2, 2],
        "Pos 3": [1] * 7,
    }
    # duty: 3 posts x 5 days x 360 min, plus one counter Wed-Fri
    log = run_one(three_posts(make, "Pos 2"), SEED, 0)
    assert log.duty_min[POST] == pytest.approx(3 * 5 * 360 + 3 * 360)


def test_pppk_naming_the_group_adds_a_counter_to_every_unit(make):
    log = run_one(three_posts(make, "Pos"), SEED, 0)
    assert log.duty_min[POST] == pytest.approx(3 * 5 * 360 + 3 * 3 * 360)


def test_pppk_naming_an_unknown_unit_is_refused(make):
    with pytest.raises(ScenarioError) as info:
        three_posts(make, "Pos 4")
    assert info.value.key == "staff.pppk.0.site"
    assert "Pos 4" in info.value.problem


def test_the_cases_start_on_a_monday():
    """Day 0 (2 January 2023) is a Monday: day_of(t) % 7 is 0 on Mondays, 5 on Saturdays."""
    assert dt.date(2023, 1, 2).weekday() == 0
