"""The arrival process: Poisson counts per open day, times following the hourly profile.

Arrival times are not logged, but they can be observed exactly: with ten counters for a
few dozen residents a day, a fixed 1-minute service, no preparation and nobody failing,
nobody ever waits (checked: the summed wait is 0), so each activation is logged exactly
1 minute after its resident arrived.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from scipy import stats

from sim.decide.replicate import run_one

MIN_PER_DAY = 1440
SEED = 17


def observer(make, hours: dict, walk_ins: float = 50, end: str = "2023-04-30", **changes):
    return make(
        {
            "period.end": end,
            "calendar.opening_hours.main_office": {
                **dict.fromkeys(("mon", "tue", "wed", "thu", "fri", "sat", "sun")),
                **hours,
            },
            "sites.Loket.officers": 10,
            "sites.Loket.devices": 10,
            "sites.Loket.walk_ins_per_day": walk_ins,
            "activation.officer_min": 1,
            **changes,
        }
    )


def arrival_minutes_of_day(log) -> np.ndarray:
    """Minutes after midnight at which the activated residents arrived."""
    assert log.wait_sum_min[0] == 0.0  # nobody waited: activation = arrival + 1 min
    done = np.array([t for t, _, what in log.events if what == "activated"])
    return (done - 1) % MIN_PER_DAY


WEEKDAYS_8_14 = {d: "08:00-14:00" for d in ("mon", "tue", "wed", "thu", "fri")}


def test_daily_counts_are_poisson_on_open_days_only(make):
    """Mon-Fri open, 50 walk-ins a day: weekend days have none; the open days' counts have
    mean 50 and an index of dispersion (variance / mean) consistent with Poisson."""
    scenario = observer(make, WEEKDAYS_8_14)
    log = run_one(scenario, SEED, 0, event_log=True)
    assert log.activations == log.arrived
    arrival_minutes_of_day(log)  # nobody waited
    start = scenario.period.start
    weekday = np.array(
        [(start + dt.timedelta(days=d)).weekday() < 5 for d in range(scenario.period.days)]
    )
    counts = log.daily[:, 0]
    assert (counts[~weekday] == 0).all()
    open_counts = counts[weekday]
    n = len(open_counts)
    assert n == 85  # 2 Jan - 30 Apr 2023, no holidays in mmc.yaml
    half = 2.58 * math.sqrt(50 / n)
    assert abs(open_counts.mean() - 50) < half, open_counts.mean()
    dispersion = (n - 1) * open_counts.var(ddof=1) / open_counts.mean()
    low, high = stats.chi2.ppf([0.005, 0.995], n - 1)
    assert low < dispersion < high, (dispersion / (n - 1), low / (n - 1), high / (n - 1))


def test_arrivals_uniform_inside_the_window_without_a_profile(make):
    log = run_one(observer(make, WEEKDAYS_8_14, end="2023-02-26"), SEED, 0, event_log=True)
    minutes = arrival_minutes_of_day(log)
    assert minutes.min() >= 480 and minutes.max() < 840
    # uniform on [480, 840): Kolmogorov-Smirnov
    assert stats.kstest(minutes, stats.uniform(480, 360).cdf).pvalue > 0.001


@pytest.mark.parametrize(
    ("window", "profile", "split", "share_before"),
    [
        # 08:00-10:00 with weights 3 (8h) and 1 (9h): 3/4 arrive before 09:00
        ("08:00-10:00", {8: 3, 9: 1}, 540, 0.75),
        # window opens 08:30: the 8h slice is 30 min of weight 1, the 9h slice 60 min
        ("08:30-10:00", {8: 1, 9: 1}, 540, 1 / 3),
        # an hour with weight 0 gets nobody even inside the window
        ("08:00-11:00", {8: 1, 9: 0, 10: 1}, 600, 0.5),
    ],
)
def test_arrivals_follow_the_hourly_profile(make, window, profile, split, share_before):
    hours = {d: window for d in ("mon", "tue", "wed", "thu", "fri")}
    scenario = observer(make, hours, end="2023-02-26", **{"demand.time_of_day_profile": profile})
    log = run_one(scenario, SEED, 0, event_log=True)
    minutes = arrival_minutes_of_day(log)
    opens, closes = (int(p[:2]) * 60 + int(p[3:]) for p in window.split("-"))
    assert minutes.min() >= opens and minutes.max() < closes
    n = len(minutes)
    share = float(np.mean(minutes < split))
    assert abs(share - share_before) < 4 * math.sqrt(share_before * (1 - share_before) / n)
    if profile.get(9) == 0:
        assert not ((minutes >= 540) & (minutes < 600)).any()


def test_self_preparation_delays_joining(make):
    """08:00-09:00, 30 min of self-preparation: residents join 30 min after arriving, so
    nobody is served before 08:30 and those arriving after 08:30 join after closing and go
    home (about half)."""
    scenario = observer(
        make,
        {"mon": "08:00-09:00"},
        walk_ins=60,
        end="2023-03-26",
        **{"activation.self_prep_min": 30},
    )
    log = run_one(scenario, SEED, 0, event_log=True)
    done = np.array([t for t, _, what in log.events if what == "activated"]) % MIN_PER_DAY
    assert done.min() >= 8 * 60 + 30 + 1
    assert done.max() <= 9 * 60 + 1
    closed = log.arrived - log.activations
    assert abs(closed / log.arrived - 0.5) < 4 * math.sqrt(0.25 / log.arrived)
