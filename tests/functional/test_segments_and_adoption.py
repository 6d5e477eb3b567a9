"""Residents by segment and walk-ins from adoption over time (Bass diffusion).

Built on the M/M/c scenario: one site open around the clock, every feature off. With ample
counters, a fixed one-minute service and ``arrival_pattern: even``, every resident who
decides to activate does so the day they decide, so the cumulative activations follow the
discrete Bass recurrence, which stays within 1% of the closed form for these rates.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from sim.analytic import bass_share
from sim.model.core import Model
from sim.model.residents import Mix, funnel_results
from sim.model.runlog import BLOCKING_REASONS, REASON_INDEX
from sim.scenario import ScenarioError
from sim.streams import Streams

WKTP = 100_000
P, Q = 0.5, 3.0  # per year
LASTING = [REASON_INDEX[r] for r in BLOCKING_REASONS]


def adopting(make, **more):
    """Everyone able and willing; walk-ins only from adoption; ample fast counters."""
    changes = {
        "period.end": "2023-07-01",
        "goal.residents_obliged_ktp": WKTP,
        "demand.deplete_with_pool": True,
        "demand.arrival_pattern": "even",
        "demand.adoption": {"p_per_year": P, "q_per_year": Q},
        "activation.officer_min": {"kind": "fixed", "value": 1},
        "sites.Loket.officers": 20,
        "sites.Loket.devices": 20,
        "sites.Loket.walk_ins_per_day": 0,
        "sites.Loket.walk_in_share": 1.0,
    }
    return make(changes | more)


def run(scenario, replication: int = 0):
    return Model(scenario, Streams(11, replication)).run()


def test_cumulative_walk_ins_follow_the_bass_closed_form(make):
    log = run(adopting(make))
    cumulative = np.cumsum(log.daily.sum(axis=1))
    for d in (30, 60, 90, 120, 150, len(cumulative) - 1):
        expected = WKTP * bass_share((d + 1) / 365, P, Q)
        assert cumulative[d] == pytest.approx(expected, rel=0.01), d


def test_closed_form_starts_from_the_share_already_activated():
    assert bass_share(0, P, Q, 0.2) == pytest.approx(0.2)
    assert bass_share(0.5, P, Q, 0.2) > bass_share(0.5, P, Q, 0.0)
    assert bass_share(50, P, Q) == pytest.approx(1.0)


def test_a_dated_driver_raises_the_rate_from_its_date(make):
    start = dt.date(2023, 3, 1)
    driver = {"name": "kampanye", "from": start, "factor": 2.0}
    plain = run(adopting(make)).daily.sum(axis=1)
    adoption = {"p_per_year": P, "q_per_year": Q, "drivers": [driver]}
    driven = run(adopting(make, **{"demand.adoption": adoption})).daily.sum(axis=1)
    d = (start - dt.date(2023, 1, 2)).days
    assert (driven[:d] == plain[:d]).all()
    assert driven[d] / plain[d] == pytest.approx(2.0, rel=0.02)


def test_nobody_decides_twice(make):
    """The whole willing market comes once: fast adoption stops at the market."""
    fast = adopting(make, **{"demand.adoption": {"p_per_year": 50, "q_per_year": 0}})
    log = run(fast)
    assert log.activations == pytest.approx(WKTP, abs=2)
    assert log.daily.sum(axis=1)[-30:].sum() <= 2


IOS_SUPPORTED = {"residents.ios_from": "2022-01-01"}  # iPhones can activate throughout
SEGMENTS = [
    {
        "name": "pelajar",
        "share": 0.3,
        "compatible_smartphone_share": 0.9,
        "android_share": 0.9,
        "email_share_given_phone": 0.5,
        "came_unprepared_share": 0.2,
    },
    {
        "name": "umum",
        "share": 0.7,
        "compatible_smartphone_share": 0.6,
        "android_share": 0.8,
        "email_share_given_phone": 0.7,
        "android_email_share": 0.9,
        "came_unprepared_share": 0.1,
    },
]


def test_walk_ins_turned_away_for_lasting_reasons_match_the_unprepared_share(make):
    scenario = adopting(
        make,
        **{"residents.segments": SEGMENTS, "demand.arrival_pattern": "poisson"},
        **IOS_SUPPORTED,
    )
    log = run(scenario)
    for i, segment in enumerate(SEGMENTS):
        lasting = log.segment_turned_away[i, LASTING].sum()
        came = lasting + log.segment_activations[i]
        assert lasting / came == pytest.approx(segment["came_unprepared_share"], abs=0.02)


def test_offered_residents_meet_the_full_funnel(make):
    scenario = make(
        {
            "residents.segments": SEGMENTS,
            "residents.willing_share": 1.0,
            "sites.Loket.walk_ins_per_day": 0,
            "sites.Loket.other_service_visitors_per_day": 2000,
            "demand.deplete_with_pool": False,
            "sites.Loket.officers": 40,
            "sites.Loket.devices": 40,
            "activation.officer_min": {"kind": "fixed", "value": 1},
            "period.end": "2023-01-15",
            **IOS_SUPPORTED,
        }
    )
    log = run(scenario)
    for i, group in enumerate(scenario.residents.groups()):
        lasting = log.segment_turned_away[i, LASTING].sum()
        seen = lasting + log.segment_activations[i]
        assert 1 - lasting / seen == pytest.approx(group.capable_share, abs=0.01)


def test_email_is_drawn_given_the_phone():
    from sim.scenario import Group

    group = Group("g", 1.0, 0.0, 1.0, 0.7, 1.0, 0.6, 1.0, None)
    mix = Mix.of([group])
    u = np.random.default_rng(5).random((200_000, 4))
    result = funnel_results(u, mix, np.zeros(len(u), dtype=np.int64), ios_ok=True)
    android = u[:, 2] < 0.7
    no_email = result == REASON_INDEX["no_email"]
    assert no_email[android].mean() == 0
    assert no_email[~android].mean() == pytest.approx(0.4, abs=0.01)
    assert no_email.mean() == pytest.approx(1 - group.email_share, abs=0.005)


def test_every_resident_is_counted_in_their_segment(make):
    scenario = make(
        {
            "residents.segments": SEGMENTS,
            "residents.willing_share": 0.5,
            "sites.Loket.other_service_visitors_per_day": 300,
            "sites.Loket.queue_quota_per_day": 500,
            "demand.patience_min": {"kind": "exponential", "mean": 30},
        }
    )
    log = run(scenario)
    assert log.segment_activations.sum() == log.activations
    assert (log.segment_turned_away.sum(axis=0) == log.turned_away).all()
    assert log.segment_activations.min() > 0


def test_segments_must_make_up_everyone(make):
    with pytest.raises(ScenarioError) as info:
        make({"residents.segments": [{**SEGMENTS[0], "share": 0.5}, SEGMENTS[1]]})
    assert info.value.key.startswith("--set") or "segments" in info.value.key
    assert "add up to 1" in info.value.problem


def test_an_event_kind_names_a_declared_segment(make):
    kind = {"size": 50, "turnout_share": 1.0, "window": "08:00-12:00", "segment": "lansia"}
    with pytest.raises(ScenarioError) as info:
        make({"residents.segments": SEGMENTS, "outreach.event_kinds": {"sekolah": kind}})
    assert "lansia" in info.value.problem


def test_walk_in_shares_need_adoption_and_must_add_up(make):
    with pytest.raises(ScenarioError) as info:
        make({"sites.Loket.walk_in_share": 1.0})
    assert "demand.adoption" in info.value.problem
    with pytest.raises(ScenarioError) as info:
        adopting(make, **{"sites.Loket.walk_in_share": 0.5})
    assert "add up to 1" in info.value.problem


def test_poisson_counts_by_inversion_grow_with_the_rate():
    from scipy import stats

    from sim.model.residents import poisson_inverse

    u = np.random.default_rng(2).random(400)
    for lam in (0.2, 4.0, 60.0, 380.0):
        got = poisson_inverse(u, np.full(len(u), lam))
        assert (got == stats.poisson.ppf(u, lam)).all(), lam
    low, high = poisson_inverse(u, np.full(400, 50.0)), poisson_inverse(u, np.full(400, 50.5))
    assert (high >= low).all() and (high - low <= 1).all()
