"""Metamorphic relations between staffing variants under common random numbers.

Replication r of two variants uses the same named streams (seed, r, purpose), so the same
residents come with the same needs; only how fast they are served differs.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from sim.decide.replicate import run_one
from sim.model.runlog import REASON_INDEX
from sim.scenario import ScenarioError, with_variant

SEED = 2023


def mean_activations(scenario, replications: int) -> float:
    return float(np.mean([run_one(scenario, SEED, r).activations for r in range(replications)]))


def test_more_officers_never_lowers_mean_activations_when_capacity_binds(office):
    """The counter is the bottleneck: 90 walk-ins a day at ~8-min visits need ~2 counters
    for 6 hours. Adding officers (with devices) raises mean activations; it never lowers
    them. The outreach team and home visit stay as they are."""
    means = []
    for officers in (1, 2, 3, 4):
        scenario = office(
            {
                "sites.Loket.officers": officers,
                "sites.Loket.devices": officers,
                "sites.Loket.walk_ins_per_day": 90,
                "demand.patience_min": {"kind": "lognormal", "median": 60, "sigma": 0.5},
                "demand.returns.after_closing": 0.5,
                "demand.returns.delay_days": {"kind": "uniform", "low": 1, "high": 7},
            }
        )
        means.append(mean_activations(scenario, 6))
    assert all(b >= a for a, b in itertools.pairwise(means)), means
    assert means[1] > means[0] * 1.3, means  # one officer is far too few: a real gain


def test_more_outreach_officers_never_lowers_mean_activations(office):
    """Large school events that one officer cannot finish: a second and third officer help."""
    big = {"kind": "triangular", "low": 150, "mode": 200, "high": 300}
    means = [
        mean_activations(
            office(
                {
                    "outreach.event_kinds.school.size": big,
                    "outreach.teams.Tim.officers": k,
                    "outreach.teams.Tim.devices": k,
                }
            ),
            4,
        )
        for k in (1, 2, 3)
    ]
    assert means[0] < means[1] <= means[2], means


@pytest.fixture(scope="module")
def mojokerto_mean(mojokerto) -> float:
    return mean_activations(mojokerto, 2)


@pytest.mark.slow
@pytest.mark.parametrize("variant", ["pos_kecamatan_2_petugas", "devices"])
def test_more_staff_never_lowers_mean_activations_mojokerto(
    make, mojokerto, mojokerto_mean, variant
):
    """Kab. Mojokerto 2023, 2 replications each: the declared PPPK variant (a second officer
    at each kecamatan post from July), or devices for all 19 main-office officers (12 -> 19
    counters)."""
    if variant == "devices":
        more = make({"sites.Kantor Dinas.devices": 19}, base=mojokerto)
    else:
        more = with_variant(mojokerto, variant, "test")
    more_mean = mean_activations(more, 2)
    assert more_mean >= mojokerto_mean, (mojokerto_mean, more_mean)


# --- arrivals do not depend on staff (without depletion) ---------------------------------------

STAFF_ONLY = {
    "sites.Kantor Dinas.officers": 25,
    "sites.Kantor Dinas.devices": 20,
    "sites.Pos Kecamatan.officers": 2,
    "sites.Pos Kecamatan.devices": 2,
    "outreach.teams.Tim Jemput Bola Desa.officers": 5,
    "outreach.teams.Tim Jemput Bola Desa.devices": 5,
    "home_visits.Layanan Rumah.officers": 3,
    "home_visits.Layanan Rumah.devices": 3,
    "staff.pppk": [
        {"site": "Tim Jemput Bola Sekolah", "officers": 3, "devices": 3, "from": "2023-04-03"}
    ],
}


def test_staff_change_leaves_arrivals_identical_without_depletion(make, mojokerto):
    """With ``demand.deplete_with_pool: false`` a variant that changes only staff (officers,
    devices, PPPK) sees exactly the same residents arrive in every replication: who comes is
    drawn from the citizen-side streams, which staffing never touches.

    Why depletion couples them: with depletion on, each day's residents are thinned by the
    share of their part of the starting pool still left: of those able to activate, the
    share not yet activated (``1 - activations / capable pool``); of those with a lasting
    obstacle, the share not yet told. A variant that activates more people earlier leaves
    a smaller pool, so fewer of the same drawn residents turn up on later days. That is the
    intended effect (nobody activates twice), but it means arrivals then depend on
    staffing; the second half of this test checks that the coupling is really there.
    """
    short = {"period.end": "2023-05-31"}
    for deplete in (False, True):
        base = make(short, base=mojokerto, **{"demand.deplete_with_pool": deplete})
        variant = make(STAFF_ONLY, base=base)
        pairs = [(run_one(base, SEED, r), run_one(variant, SEED, r)) for r in range(2)]
        assert all(v.activations > b.activations for b, v in pairs)  # staff made a difference
        arrived = [(b.arrived, v.arrived) for b, v in pairs]
        if not deplete:
            assert all(b == v for b, v in arrived), arrived
        else:
            assert any(b != v for b, v in arrived), arrived


# --- zero devices ------------------------------------------------------------------------------


def test_validator_refuses_officers_without_devices(make):
    with pytest.raises(ScenarioError, match="no devices"):
        make({"sites.Loket.devices": 0})


def test_zero_devices_gives_zero_activations(mmc):
    """Officers but no device: no counter can serve, everyone is turned away as no_officer.

    The scenario validator refuses ``officers > 0`` with ``devices == 0`` on purpose (it is
    almost always a typo, and ``ikd_installed: false`` is the way to say a post offers no
    IKD), so this case cannot be written as a scenario file or built with apply_changes.
    ``model_copy(update=...)`` skips validation and lets us check that the model itself
    copes: servers per day = min(officers, devices) = 0.
    """
    site = mmc.sites[0].model_copy(update={"devices": 0})
    period = mmc.period.model_copy(update={"end": mmc.period.start.replace(day=15)})
    scenario = mmc.model_copy(update={"sites": [site], "period": period})
    for r in range(2):
        log = run_one(scenario, SEED, r)
        assert log.arrived > 0
        assert log.activations == 0
        assert log.duty_min.sum() == 0
        assert log.turned_away[REASON_INDEX["no_officer"]] == log.arrived
        assert log.turned_away.sum() == log.arrived


def test_outreach_team_without_devices_serves_nobody(office):
    """The same for an outreach team (its validator also refuses devices 0)."""
    scenario = office()
    team = scenario.outreach.teams[0].model_copy(update={"devices": 0})
    outreach = scenario.outreach.model_copy(update={"teams": [team]})
    scenario = scenario.model_copy(update={"outreach": outreach, "sites": [], "home_visits": []})
    log = run_one(scenario, SEED, 0)
    assert log.arrived > 0
    assert log.activations == 0
    assert log.turned_away[REASON_INDEX["no_officer"]] == log.arrived
