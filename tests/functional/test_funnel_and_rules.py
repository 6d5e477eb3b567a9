"""The resident funnel and the operating rules, checked on the small office scenario."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from sim.decide.replicate import run_one
from sim.model.runlog import REASON_INDEX, REASONS

SEED = 31


def turned(log, reason: str) -> int:
    return int(log.turned_away[REASON_INDEX[reason]])


# --- the funnel ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"residents.not_recorded_share": 1.0}, "not_recorded"),
        ({"residents.compatible_smartphone_share": 0.0}, "no_smartphone"),
        ({"residents.android_share": 0.0, "residents.ios_from": None}, "ios_not_supported"),
        ({"residents.email_share": 0.0}, "no_email"),
        # the first failing check wins: not recorded beats no smartphone and no e-mail
        (
            {
                "residents.not_recorded_share": 1.0,
                "residents.compatible_smartphone_share": 0.0,
                "residents.email_share": 0.0,
            },
            "not_recorded",
        ),
    ],
    ids=["not_recorded", "no_smartphone", "ios", "no_email", "first_check_wins"],
)
def test_a_closed_funnel_turns_everyone_away_for_its_reason(office, changes, reason):
    """Every channel (counter, outreach, home visits) applies the same funnel."""
    log = run_one(office(changes), SEED, 0)
    assert log.arrived > 100
    assert log.activations == 0
    assert log.daily.sum() == 0
    funnel = set(REASONS[:4]) | {"fr_failed", "email_code_failed"}
    assert all(turned(log, r) == 0 for r in funnel - {reason})
    # everyone reaching an officer leaves for the reason; a few never reach one (still
    # preparing at closing, outreach event over, home-visit backlog at the end)
    assert turned(log, reason) >= log.wait_n.sum() > 0
    assert turned(log, reason) > 0.9 * log.arrived


def test_ios_date_before_the_period_gives_no_ios_turn_aways(office):
    log = run_one(
        office({"residents.android_share": 0.5, "residents.ios_from": "2022-12-01"}), SEED, 0
    )
    assert turned(log, "ios_not_supported") == 0
    assert log.activations > 0


def test_no_ios_date_turns_iphone_users_away(office):
    """android_share 0.5 and no iOS support: about half of those served leave for iOS."""
    log = run_one(office({"residents.android_share": 0.5, "residents.ios_from": None}), SEED, 0)
    ios = turned(log, "ios_not_supported")
    assert ios > 0
    assert 0.35 < ios / (ios + log.activations) < 0.65


def test_ios_date_inside_the_period_turns_away_only_before_it(office):
    """iOS supported from the third week: fewer iOS turn-aways than with no date, some."""
    never = run_one(office({"residents.android_share": 0.5, "residents.ios_from": None}), SEED, 0)
    later = run_one(
        office({"residents.android_share": 0.5, "residents.ios_from": "2023-01-16"}), SEED, 0
    )
    assert 0 < turned(later, "ios_not_supported") < turned(never, "ios_not_supported")


# --- outages -------------------------------------------------------------------------------------


def test_national_outage_dates_have_no_activations(office):
    """Outages on Mon 9 and Tue 17 Jan (outreach and home-visit days too): nothing activates
    on those dates on any channel, while the neighbouring working days do."""
    down = ["2023-01-09", "2023-01-17"]
    scenario = office({"disruptions.national_outage_dates": down})
    start = scenario.period.start
    idx = [(dt.date.fromisoformat(d) - start).days for d in down]
    for r in range(3):
        log = run_one(scenario, SEED, r)
        assert log.daily[idx].sum() == 0, log.daily[idx]
        assert turned(log, "system_down") > 0
        for d in idx:
            assert log.daily[d - 7].sum() > 0  # the same weekday a week earlier was served
    # and the dates are what made the difference: without the outage they are busy days
    free = run_one(office(), SEED, 0)
    assert all(free.daily[d].sum() > 0 for d in idx)


def test_outage_probability_one_means_no_activations(office):
    log = run_one(office({"disruptions.national_outage_prob_per_day": 1.0}), SEED, 0)
    assert log.activations == 0
    # home visits are not made on outage days: their requests wait in the backlog
    assert turned(log, "system_down") + log.unserved_end == log.arrived


# --- the queue-number quota ----------------------------------------------------------------------


def test_queue_quota_caps_daily_activations_at_the_site(office):
    """Quota 30 a day against ~200 walk-ins and ample counters (10 officers): the site
    activates exactly 30 each open day; everyone beyond the 30th is sent home."""
    scenario = office(
        {
            "sites.Loket.walk_ins_per_day": 200,
            "sites.Loket.officers": 10,
            "sites.Loket.devices": 10,
            "sites.Loket.queue_quota_per_day": 30,
            # nobody fails once served, nobody is still preparing at closing
            "activation.face_recognition.fail_prob": 0.0,
            "activation.email_code.second_visit_prob": 0.0,
            "activation.self_prep_min": 0,
            "outreach.teams": [],
            "home_visits": [],
        }
    )
    log = run_one(scenario, SEED, 0)
    open_days = np.array([scenario.period.start + dt.timedelta(days=d) for d in range(28)])
    weekday = np.array([d.weekday() < 5 for d in open_days])
    site = log.daily[:, 0]
    assert (site[weekday] == 30).all(), site
    assert (site[~weekday] == 0).all()
    assert turned(log, "quota_full") == log.arrived - 30 * weekday.sum()


def test_queue_quota_counts_returners_too(office):
    """With returns on, residents sent home come back, but the daily cap still holds."""
    scenario = office(
        {
            "sites.Loket.walk_ins_per_day": 60,
            "sites.Loket.officers": 10,
            "sites.Loket.devices": 10,
            "sites.Loket.queue_quota_per_day": 40,
            "demand.returns.after_quota_full": 1.0,
            "demand.returns.delay_days": 1,
        }
    )
    log = run_one(scenario, SEED, 0)
    assert log.return_visits > 0
    assert log.daily[:, 0].max() <= 40


# --- patience ------------------------------------------------------------------------------------


def test_patience_zero_leaves_when_there_is_a_queue(office):
    """One counter for ~90 walk-ins a day: there is a queue, so with patience 0 whoever
    finds the officers busy leaves (left_queue); those served waited 0 minutes."""
    scenario = office(
        {
            "sites.Loket.officers": 1,
            "sites.Loket.devices": 1,
            "sites.Loket.walk_ins_per_day": 90,
            "demand.patience_min": 0,
        }
    )
    log = run_one(scenario, SEED, 0)
    assert turned(log, "left_queue") > 0.2 * log.arrived
    assert log.wait_sum_min[0] == 0.0
    assert log.wait_n[0] > 0


def test_patience_zero_without_a_queue_loses_nobody(office):
    """More counters than residents at any moment: nobody ever waits, nobody leaves."""
    scenario = office(
        {
            "sites.Loket.officers": 12,
            "sites.Loket.devices": 12,
            "sites.Loket.walk_ins_per_day": 5,
            "demand.patience_min": 0,
        }
    )
    log = run_one(scenario, SEED, 0)
    assert log.wait_n[0] > 50
    assert turned(log, "left_queue") == 0


def test_more_patience_fewer_leave(office):
    base = {"sites.Loket.officers": 1, "sites.Loket.devices": 1, "sites.Loket.walk_ins_per_day": 90}
    left = [
        turned(run_one(office(base, **{"demand.patience_min": p}), SEED, 0), "left_queue")
        for p in (0, 15, 60)
    ]
    assert left[0] > left[1] > left[2], left


# --- closing -------------------------------------------------------------------------------------


def test_queued_at_closing_go_home_and_come_back(office):
    """Over-demand at one counter: the queue at closing goes home. With after_closing 0 they
    are counted ``closed``; with 1 they all come back (return visits) and none is closed."""
    over = {"sites.Loket.officers": 1, "sites.Loket.devices": 1, "sites.Loket.walk_ins_per_day": 90}
    gone = run_one(office(over, **{"demand.returns.after_closing": 0.0}), SEED, 0)
    back = run_one(office(over, **{"demand.returns.after_closing": 1.0}), SEED, 0)
    assert turned(gone, "closed") > 0
    assert gone.return_visits == 0 or gone.return_visits < back.return_visits
    assert turned(back, "closed") == 0
    assert back.return_visits >= turned(gone, "closed")
    for log in (gone, back):
        assert set(np.flatnonzero(log.turned_away)) <= {
            REASONS.index(r)
            for r in ("closed", "fr_failed", "email_code_failed", "event_closed", "left_queue")
        }
