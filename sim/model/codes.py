"""Result codes: how a resident leaves an officer, and the named sets the model acts on.

A resident's ``result`` is :data:`ACTIVATE` or a :class:`Reason`. Code that decides what
happens next asks which set a code is in (:data:`LASTING`, :data:`FUNNEL`,
:data:`VISIT_FAILED`), never where it stands in the list.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

ACTIVATE = -1  # the resident's activation will succeed


class Reason(IntEnum):
    """Why a resident left without activating (the index in every per-reason counter)."""

    NOT_RECORDED = 0  # e-KTP biometrics not yet recorded: cannot activate
    NO_SMARTPHONE = 1  # no compatible smartphone (Android 8 / iOS 11 or newer)
    NO_EMAIL = 2  # no working e-mail address for the activation code
    IOS_NOT_SUPPORTED = 3  # iPhone before the app supported iOS
    FR_FAILED = 4  # face recognition failed every attempt, did not come back
    EMAIL_CODE_FAILED = 5  # activation code never arrived, did not come back
    LEFT_QUEUE = 6  # waited longer than their patience
    CLOSED = 7  # still queued (or preparing) at closing time, did not come back
    QUOTA_FULL = 8  # the day's queue numbers had run out, did not come back
    SYSTEM_DOWN = 9  # national FR/SIAK outage or site network trouble, did not come back
    NO_OFFICER = 10  # the site was open but had no officer with a device that day
    EVENT_CLOSED = 11  # outreach window ended before their turn

    @property
    def key(self) -> str:
        """The reason's name in outputs and scenario files (``no_smartphone``)."""
        return self.name.lower()


# in the order a blocked resident's reason is drawn (the funnel's order of checks)
LASTING_ORDER = (Reason.NOT_RECORDED, Reason.NO_SMARTPHONE, Reason.NO_EMAIL)
# lasting: such a resident learns it once and does not come back
LASTING = frozenset(int(r) for r in LASTING_ORDER)
# the population funnel: a reason found before any officer time is spent on activation
FUNNEL = LASTING | {int(Reason.IOS_NOT_SUPPORTED)}
# the visit failed at the counter: the resident may come back another day
VISIT_FAILED = frozenset({int(Reason.FR_FAILED), int(Reason.EMAIL_CODE_FAILED)})

REASONS = tuple(r.key for r in Reason)
REASON_INDEX = {r.key: int(r) for r in Reason}


def _table(members: frozenset[int]) -> np.ndarray:
    """Membership of every result code, indexed by code + 1 (ACTIVATE is -1)."""
    return np.array([code in members for code in range(ACTIVATE, len(Reason))])


_LASTING_TABLE, _FUNNEL_TABLE = _table(LASTING), _table(FUNNEL)


def is_lasting(codes: np.ndarray) -> np.ndarray:
    return _LASTING_TABLE[codes + 1]


def in_funnel(codes: np.ndarray) -> np.ndarray:
    return _FUNNEL_TABLE[codes + 1]
