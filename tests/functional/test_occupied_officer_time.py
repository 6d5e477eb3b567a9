"""Occupied officer time: IKD time plus the other work it displaces."""

from __future__ import annotations

import pytest
from scenes import (
    SEED,
)

from sim.decide.replicate import run_one
from sim.model.runlog import CHANNEL_INDEX
from sim.scenario import CHANNELS


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
