"""Helpers shared by the functional tests: reading a run log back, and small fixed sites.

Where a case can be deterministic it is (``demand.arrival_pattern: even``, fixed service
times); arrival times are then read back from the event log, as in
tests/validation/test_arrival_process.py: with enough counters nobody waits, so each
activation is logged one service time after its resident arrived.
"""

from __future__ import annotations

from sim.calendar import MIN_PER_DAY
from sim.model.runlog import CHANNEL_INDEX, REASON_INDEX

SEED = 3
MAIN = CHANNEL_INDEX["main_office"]
POST = CHANNEL_INDEX["kecamatan_post"]
OUTREACH = CHANNEL_INDEX["outreach"]
HOME = CHANNEL_INDEX["home_visit"]
OPEN = 8 * 60
WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAYS_8_14 = {d: ("08:00-14:00" if d in WEEK[:5] else None) for d in WEEK}


def turned(log, reason: str) -> int:
    return int(log.turned_away[REASON_INDEX[reason]])


def events(log, site: str | None = None, what: str | None = None) -> list[tuple[float, str]]:
    """(minute, what) of the logged events, optionally of one site and one kind, in order."""
    return sorted(
        (t, w)
        for t, s, w in log.events
        if (site is None or s == site) and (what is None or w == what)
    )


def day_of(minute: float) -> int:
    return int(minute // MIN_PER_DAY)


def conserved(log) -> bool:
    return log.arrived == log.activations + int(log.turned_away.sum()) + log.unserved_end


def site(name: str, kind: str = "main_office", **fields) -> dict:
    """A fixed site on the main office's hours (08:00-14:00 on weekdays in these cases)."""
    return {
        "name": name,
        "kind": kind,
        "hours": "main_office",
        "officers": 10,
        "devices": 10,
        "walk_ins_per_day": 0,
        **fields,
    }
