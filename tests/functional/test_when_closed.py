"""`when_closed`: residents of a post that does not serve IKD go to another site."""

from __future__ import annotations

import pytest
from scenes import (
    MAIN,
    OPEN,
    POST,
    SEED,
    WEEK,
    WEEKDAYS_8_14,
    events,
    site,
)

from sim.calendar import MIN_PER_DAY
from sim.decide.replicate import run_one
from sim.scenario import ScenarioError


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
