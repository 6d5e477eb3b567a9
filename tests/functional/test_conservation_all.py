"""Conservation of residents: everyone who came is activated, turned away, or still waiting.

    log.arrived == log.activations + log.turned_away.sum() + log.unserved_end

``arrived`` counts distinct residents (first visits on every channel); a resident sent home
who comes back is a return visit, not a new arrival, and is counted once at their final
outcome (or as unserved if still due back when the period ends).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.decide.replicate import run_one
from sim.scenario import load, with_variant

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
REGIONS = sorted(p for p in SCENARIOS.glob("*.yaml") if p.name != "defaults.yaml")


def assert_conserved(log) -> None:
    outcomes = log.activations + int(log.turned_away.sum()) + log.unserved_end
    assert log.arrived == outcomes, (
        f"arrived {log.arrived} != activated {log.activations} + turned away "
        f"{int(log.turned_away.sum())} + unserved {log.unserved_end}"
    )
    assert log.activations == int(log.daily.sum())


def test_there_are_region_scenarios():
    assert any(p.name == "mojokerto_2023.yaml" for p in REGIONS)


def region_cases():
    for path in REGIONS:
        scenario = load(path)
        for variant in ["baseline", *scenario.variants]:
            yield pytest.param(path, variant, id=f"{path.stem}-{variant}")


@pytest.mark.slow
@pytest.mark.parametrize(("path", "variant"), list(region_cases()))
def test_region_scenarios_conserve_residents(path, variant):
    """Every region scenario and each of its variants, whole period, one replication: these
    carry returns, national outages, patience, quotas, outreach and home visits."""
    scenario = with_variant(load(path), variant, str(path))
    log = run_one(scenario, 99, 0)
    assert log.arrived > 0
    assert_conserved(log)


@pytest.mark.parametrize("replication", [0, 1, 2])
def test_mmc_conserves_residents(mmc, replication):
    assert_conserved(run_one(mmc, 5, replication))


EVERYTHING_ON = {
    "goal.residents_obliged_ktp": 6000,  # a small pool that depletion really shrinks
    "demand.deplete_with_pool": True,
    "residents": {
        "compatible_smartphone_share": 0.7,
        "android_share": 0.85,
        "ios_from": "2023-01-16",
        "email_share": 0.9,
        "not_recorded_share": 0.03,
        "willing_share": 0.5,
    },
    "sites.Loket.other_service_visitors_per_day": 40,
    "sites.Loket.queue_quota_per_day": 70,
    "sites.Loket.network_trouble_prob_per_day": 0.05,
    "activation.face_recognition.fail_prob": 0.3,
    "activation.email_code.second_visit_prob": 0.1,
    "disruptions": {
        "national_outage_prob_per_day": 0.05,
        "national_outage_dates": ["2023-01-11", "2023-01-17"],
    },
    "demand.patience_min": {"kind": "lognormal", "median": 45, "sigma": 0.6},
    "demand.time_of_day_profile": {8: 4, 9: 4, 10: 3, 11: 2, 12: 1, 13: 1},
    "demand.returns": {
        "after_closing": 0.5,
        "after_outage": 0.7,
        "after_quota_full": 0.5,
        "after_fr_failure": 0.5,
        "after_email_failure": 0.7,
        "delay_days": {"kind": "uniform", "low": 1, "high": 10},
    },
    "staff.pppk": [{"site": "Loket", "officers": 1, "devices": 1, "from": "2023-01-16"}],
}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_everything_on_conserves_residents(office, seed):
    """The small office with returns, outages (national and site), patience, quota, the
    funnel, FR and e-mail failures, offers to other-service visitors and pool depletion."""
    scenario = office(EVERYTHING_ON)
    for r in range(3):
        log = run_one(scenario, seed, r)
        assert log.return_visits > 0
        assert log.turned_away.sum() > 0
        assert_conserved(log)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    officers=st.integers(1, 4),
    walk_ins=st.floats(0, 150),
    patience=st.floats(0, 120),
    quota=st.one_of(st.none(), st.integers(0, 80)),
    back=st.floats(0, 1),
    outage=st.floats(0, 0.3),
    hours=st.sampled_from(["08:00-14:00", "00:00-24:00", "08:00-08:30"]),
    seed=st.integers(0, 1000),
)
def test_conservation_property(
    office, officers, walk_ins, patience, quota, back, outage, hours, seed
):
    scenario = office(
        EVERYTHING_ON,
        **{
            "sites.Loket.officers": officers,
            "sites.Loket.devices": officers,
            "sites.Loket.walk_ins_per_day": walk_ins,
            "sites.Loket.queue_quota_per_day": quota,
            "demand.patience_min": patience,
            "demand.returns.after_closing": back,
            "demand.returns.after_quota_full": back,
            "disruptions.national_outage_prob_per_day": outage,
            "calendar.opening_hours.main_office.tue": hours,
            "calendar.opening_hours.main_office.wed": hours,
        },
    )
    assert_conserved(run_one(scenario, seed, 0))
