"""The one settle path: every way a service ends, for every kind of unit, and the codes."""

from __future__ import annotations

import numpy as np
import pytest

from sim.model.codes import (
    ACTIVATE,
    FUNNEL,
    LASTING,
    REASONS,
    VISIT_FAILED,
    Reason,
    in_funnel,
    is_lasting,
)
from sim.model.outcomes import Outcomes
from sim.model.runlog import RunLog
from sim.scenario import Returns

DAY = 24 * 60


class Unit:
    """A site or team stub that records what its return policy was asked to do."""

    def __init__(self, channel: int = 0) -> None:
        self.name, self.channel, self.asked = "unit", channel, []

    def come_back(self, code, reason, return_prob, d, seg, decided):
        self.asked.append((code, reason, return_prob, d, seg, decided))


class Register:
    def __init__(self) -> None:
        self.settled_as, self.backs = [], 0

    def settled(self, i: int, activated: bool) -> None:
        self.settled_as.append((i, activated))

    def back(self, i: int, n: int = 1) -> None:
        self.backs += n


def outcomes(days: int = 3) -> tuple[Outcomes, RunLog]:
    log = RunLog(days, 2, events=[])
    returns = Returns.model_construct(after_fr_failure=0.7, after_email_failure=0.9)
    return Outcomes(log, days, returns), log


def test_named_sets_are_the_reasons_they_name():
    assert {REASONS[i] for i in LASTING} == {"not_recorded", "no_smartphone", "no_email"}
    assert {REASONS[i] for i in FUNNEL} - {REASONS[i] for i in LASTING} == {"ios_not_supported"}
    assert {REASONS[i] for i in VISIT_FAILED} == {"fr_failed", "email_code_failed"}
    assert ACTIVATE not in LASTING | FUNNEL | VISIT_FAILED
    codes = np.array([ACTIVATE, *range(len(Reason))])
    assert is_lasting(codes).tolist() == [c in LASTING for c in codes.tolist()]
    assert in_funnel(codes).tolist() == [c in FUNNEL for c in codes.tolist()]


def test_reason_keys_are_the_output_names_in_order():
    """Outputs index counters by these names: their order is the file format."""
    assert REASONS[:4] == ("not_recorded", "no_smartphone", "no_email", "ios_not_supported")
    assert REASONS[-1] == "event_closed" and len(REASONS) == 12
    assert all(Reason[k.upper()] == i for i, k in enumerate(REASONS))


def test_activation_is_counted_on_its_day_and_segment():
    out, log = outcomes()
    unit = Unit(channel=2)
    out.settle(unit, ACTIVATE, 1.5 * DAY, seg=1, decided=True, offered=True)
    out.settle(unit, ACTIVATE, 10 * DAY, seg=0)  # after the period: the last day
    assert log.daily[1][2] == 1 and log.daily[2][2] == 1
    assert log.segment_activations == [1, 1] and log.segment_decided == [0, 1]
    assert log.offered_activations == 1 and unit.asked == []


@pytest.mark.parametrize("code", sorted(LASTING))
def test_a_lasting_reason_is_told_once_and_never_comes_back(code):
    out, log = outcomes()
    unit = Unit()
    out.settle(unit, code, 100.0, seg=1)
    assert log.turned_away[code] == 1 and log.segment_told == [0, 1] and unit.asked == []


@pytest.mark.parametrize(
    ("code", "prob"), [(Reason.FR_FAILED, 0.7), (Reason.EMAIL_CODE_FAILED, 0.9)]
)
def test_a_failed_visit_goes_to_the_units_return_policy(code, prob):
    out, log = outcomes()
    unit = Unit()
    out.settle(unit, int(code), DAY + 5.0, seg=0, decided=True)
    assert unit.asked == [(code, code, prob, 1, 0, True)]
    assert sum(log.turned_away) == 0  # the policy decides whether they are lost


def test_another_passing_reason_is_lost_at_once():
    out, log = outcomes()
    unit = Unit()
    out.settle(unit, int(Reason.IOS_NOT_SUPPORTED), 10.0, seg=0)
    assert log.turned_away[Reason.IOS_NOT_SUPPORTED] == 1 and unit.asked == []
    assert log.segment_told == [0, 0]


def test_at_an_institution_a_passing_failure_stays_there():
    out, log = outcomes()
    unit, register = Unit(), Register()
    out.settle(unit, ACTIVATE, 10.0, 0, register=register, inst=4)
    out.settle(unit, int(Reason.NO_SMARTPHONE), 10.0, 0, register=register, inst=4)
    out.settle(unit, int(Reason.FR_FAILED), 10.0, 0, register=register, inst=4)
    assert register.settled_as == [(4, True), (4, False)] and register.backs == 1
    assert unit.asked == []  # nobody from an institution is sent to the main office
    assert log.turned_away[Reason.FR_FAILED] == 1


def test_mobile_failures_go_to_the_main_office_or_are_lost_without_one():
    out, log = outcomes()
    out.to_main(int(Reason.FR_FAILED), int(Reason.FR_FAILED), 0.7, 1, 0)
    assert log.turned_away[Reason.FR_FAILED] == 1
    out.main = Unit()
    out.to_main(int(Reason.FR_FAILED), int(Reason.SYSTEM_DOWN), 0.5, 2, 1)
    assert out.main.asked == [(Reason.FR_FAILED, Reason.SYSTEM_DOWN, 0.5, 2, 1, False)]
