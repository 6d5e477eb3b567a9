"""PPPK officers added to one unit of a group of posts, or to every unit."""

from __future__ import annotations

import pytest
from scenes import (
    POST,
    SEED,
    WEEKDAYS_8_14,
    site,
)

from sim.decide.replicate import run_one
from sim.model import Model
from sim.scenario import ScenarioError
from sim.streams import Streams


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
