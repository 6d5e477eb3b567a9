"""Where every service ends: one path for every channel, each unit with its return policy.

A resident leaves an officer activated, told of a lasting obstacle (they do not come
back), with a failed visit (face recognition, e-mail code: they may come back another
day, where the unit's :meth:`Unit.come_back` says), or for another passing reason.
Residents of an institution who are not settled stay there for the next visit.
"""

from __future__ import annotations

from typing import Protocol

from sim.calendar import MIN_PER_DAY
from sim.model.codes import ACTIVATE, LASTING, Reason
from sim.model.institutions import RegisterRun
from sim.model.runlog import RunLog
from sim.scenario import Returns


class Unit(Protocol):
    """A site or team, as the settle path sees it."""

    name: str
    channel: int

    def come_back(
        self, code: int, reason: int, return_prob: float, d: int, seg: int, decided: bool
    ) -> None: ...


class Outcomes:
    """Records how each service ended and applies the unit's return policy."""

    def __init__(self, log: RunLog, days: int, returns: Returns) -> None:
        self.log, self.last_day = log, days - 1
        self.failures = {
            int(Reason.FR_FAILED): returns.after_fr_failure,
            int(Reason.EMAIL_CODE_FAILED): returns.after_email_failure,
        }
        self.main: Unit | None = None  # where failed mobile visits come back to

    def settle(
        self,
        unit: Unit,
        result: int,
        now: float,
        seg: int,
        decided: bool = False,
        offered: bool = False,
        register: RegisterRun | None = None,
        inst: int = -1,
    ) -> None:
        """A resident leaves ``unit``'s officer at ``now`` with ``result``; ``inst`` is
        their institution in ``register`` (-1 for a resident who came on their own)."""
        log = self.log
        if result == ACTIVATE:  # the common case first: once per activation
            log.activated(min(int(now // MIN_PER_DAY), self.last_day), unit.channel, seg, decided)
            log.offered_activations += offered
            if inst >= 0:
                register.settled(inst, True)
            if log.events is not None:
                log.note(now, unit.name, "activated")
        elif result in LASTING:
            log.left(result, seg, True)
            if inst >= 0:
                register.settled(inst, False)
            log.note(now, unit.name, "turned_away")
        elif inst >= 0:  # a passing failure at an institution: still there for a revisit
            log.left(result, seg, False)
            register.back(inst)
        elif result in self.failures:
            d = min(int(now // MIN_PER_DAY), self.last_day)
            unit.come_back(result, result, self.failures[result], d, seg, decided)
        else:
            log.left(result, seg, False)
            log.note(now, unit.name, "turned_away")

    def to_main(self, code: int, reason: int, return_prob: float, d: int, seg: int) -> None:
        """A resident of a mobile service sent home: they may come to the main office later."""
        if self.main is None:
            self.log.left(reason, seg, False)
        else:
            self.main.come_back(code, reason, return_prob, d, seg, False)
