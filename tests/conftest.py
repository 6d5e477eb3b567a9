"""Fixtures shared by the validation and functional suites.

Small scenarios are built from ``scenarios/validation/mmc.yaml`` (every feature switched
off) by applying dotted-path changes with :func:`sim.scenario.apply_changes`, exactly as a
variant or ``--set`` would, so every case is validated like a user's scenario.
Deterministic cases come from configuration (fixed distributions), never from patching.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sim.scenario import Scenario, apply_changes, load

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
MMC_PATH = SCENARIOS / "validation" / "mmc.yaml"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: runs whole-period region scenarios (several seconds each)"
    )


@pytest.fixture(scope="session")
def mmc() -> Scenario:
    """scenarios/validation/mmc.yaml: one 24-hour site, c=4 officers, M/M/c at rho=0.9."""
    return load(MMC_PATH)


@pytest.fixture(scope="session")
def mojokerto() -> Scenario:
    """scenarios/mojokerto_2023.yaml (baseline): ten months, every channel, ~2 s a run."""
    return load(SCENARIOS / "mojokerto_2023.yaml")


Make = Callable[..., Scenario]


@pytest.fixture(scope="session")
def make(mmc: Scenario) -> Make:
    """``make({"a.b": 1}, **{"c.d": 2}, base=other)``: a scenario with dotted-path changes.

    The changes are applied to ``base`` (default: the mmc scenario) in the order given and
    the result is validated again; a bad path or value raises ScenarioError.
    """

    def _make(
        changes: dict[str, Any] | None = None, /, *, base: Scenario | None = None, **more: Any
    ) -> Scenario:
        # deep copy: apply_changes puts the given values into its tree as they are, so a
        # later path into an earlier value (e.g. "outreach" then "outreach.teams") would
        # otherwise edit the caller's dict, e.g. the shared OFFICE below
        merged = copy.deepcopy({**(changes or {}), **more})
        return apply_changes(base or mmc, merged, "test", "")

    return _make


WEEKDAY_HOURS = {
    "mon": "08:00-14:00",
    "tue": "08:00-14:00",
    "wed": "08:00-14:00",
    "thu": "08:00-14:00",
    "fri": "08:00-11:00",
    "sat": None,
    "sun": None,
}

OFFICE = {
    "period.end": "2023-01-29",  # four weeks from Monday 2 January 2023
    "calendar.opening_hours.main_office": WEEKDAY_HOURS,
    "sites.Loket.officers": 2,
    "sites.Loket.devices": 2,
    "sites.Loket.walk_ins_per_day": 60,
    "activation": {
        "officer_min": {"kind": "triangular", "low": 2, "mode": 4, "high": 10},
        "check_min": 1,
        "self_prep_min": 5,
        "face_recognition": {"attempt_min": 1.5, "fail_prob": 0.17, "max_attempts": 2},
        "email_code": {"code_min": 1, "second_visit_prob": 0.03},
    },
    "outreach": {
        "event_kinds": {
            "school": {
                "size": {"kind": "triangular", "low": 50, "mode": 80, "high": 120},
                "turnout_share": 0.6,
                "window": "08:00-12:00",
            },
            "village": {"size": 40, "turnout_share": 0.5, "window": "09:00-12:00"},
        },
        "teams": [
            {
                "name": "Tim",
                "officers": 2,
                "devices": 2,
                "travel_min": 20,
                "setup_min": 10,
                "weekly": {"mon": "school", "wed": "village"},
            }
        ],
    },
    "home_visits": [
        {
            "name": "Rumah",
            "officers": 1,
            "devices": 1,
            "weekdays": ["tue", "thu"],
            "window": "08:00-14:00",
            "requests_per_week": 10,
            "travel_min": {"kind": "triangular", "low": 20, "mode": 30, "high": 60},
        }
    ],
}


@pytest.fixture(scope="session")
def office(make: Make) -> Make:
    """A small weekday office from mmc.yaml: the Loket counter (2 officers, 60 walk-ins a
    day, 08:00-14:00 Mon-Thu, 08:00-11:00 Fri), an outreach team (school events on Monday,
    village sessions on Wednesday) and a home-visit officer (Tue, Thu). Four weeks; the mmc
    funnel lets everyone through, nothing is disrupted and nobody comes back, unless the
    ``changes`` given say otherwise."""

    def _office(changes: dict[str, Any] | None = None, /, **more: Any) -> Scenario:
        return make({**OFFICE, **(changes or {}), **more})

    return _office
