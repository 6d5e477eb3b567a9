"""sim/decide/abk.py: the workload analysis (ABK) table, checked against hand counts.

Working days are counted here with the holidays package directly (Mon-Fri, national
holidays and cuti bersama excluded); the deterministic case is the counter of
tests/decision/conftest.py (even arrivals, a fixed 10-minute service) with an outreach team
whose events are fixed in size, so every volume and minute follows from the configuration.
"""

from __future__ import annotations

import datetime as dt
import json
import math

import holidays
import pytest
from cases import COUNTER, WEEKDAYS_8_16

from sim.decide import abk
from sim.decide.replicate import run_replications
from sim.decide.summary import summarise
from sim.report.files import abk_json

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def weekdays_open(start: dt.date, end: dt.date, closed: set[dt.date]) -> int:
    days = ((start + dt.timedelta(days=i)) for i in range((end - start).days + 1))
    return sum(1 for d in days if d.weekday() < 5 and d not in closed)


def indonesian_closures(year: int) -> set[dt.date]:
    return set(holidays.country_holidays("ID", years=year, categories=("public", "government")))


# --- grades -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ej", "letter"),
    [
        (1.5, "A"),
        (1.0001, "A"),
        (1.0, "B"),
        (0.95, "B"),
        (0.9, "B"),
        (0.8999, "C"),
        (0.7, "C"),
        (0.6999, "D"),
        (0.5, "D"),
        (0.4999, "E"),
        (0.0, "E"),
        (None, None),
    ],
)
def test_grade_boundaries(ej, letter):
    assert abk.grade(ej) == letter


# --- the share of a working year ----------------------------------------------------------------


def period(make, start: str, end: str, **more):
    return make({"period.start": start, "period.end": end, **more})


def test_year_share_of_a_whole_year_is_one(make):
    scenario = period(make, "2023-01-01", "2023-12-31", **{"calendar.national_holidays": True})
    assert abk.year_share(scenario) == pytest.approx(1.0, abs=1e-12)
    plain = period(make, "2023-01-01", "2023-12-31")
    assert abk.year_share(plain) == pytest.approx(1.0, abs=1e-12)


def test_year_share_of_a_week_without_holidays(make):
    """Mon 9 - Sun 15 January 2023: five working days, over the year's open weekdays."""
    closed = indonesian_closures(2023)
    whole = weekdays_open(dt.date(2023, 1, 1), dt.date(2023, 12, 31), closed)
    assert 230 < whole < 260  # 260 weekdays in 2023, less the holidays on weekdays
    scenario = period(make, "2023-01-09", "2023-01-15", **{"calendar.national_holidays": True})
    assert abk.year_share(scenario) == pytest.approx(5 / whole, rel=1e-12)


def test_year_share_skips_cuti_bersama(make):
    """Mon 16 - Sun 29 January 2023: ten weekdays, but Mon 23 January is cuti bersama
    for the Chinese New Year."""
    closed = indonesian_closures(2023)
    assert dt.date(2023, 1, 23) in closed
    whole = weekdays_open(dt.date(2023, 1, 1), dt.date(2023, 12, 31), closed)
    scenario = period(make, "2023-01-16", "2023-01-29", **{"calendar.national_holidays": True})
    assert abk.year_share(scenario) == pytest.approx(9 / whole, rel=1e-12)


def test_year_share_without_holidays_counts_weekdays(make):
    """2023 has 260 weekdays (365 days from a Sunday); Mon 2 January - Sun 2 July is 26
    weeks, half of them."""
    scenario = period(make, "2023-01-02", "2023-07-02")
    assert abk.year_share(scenario) == pytest.approx(0.5, rel=1e-12)


def test_year_share_skips_local_closures(make):
    scenario = period(
        make, "2023-01-09", "2023-01-15", **{"calendar.extra_closures": ["2023-01-11"]}
    )
    assert abk.year_share(scenario) == pytest.approx(4 / 259, rel=1e-12)


def test_year_share_across_new_year(make):
    """Mon 25 Dec 2023 - Sun 7 Jan 2024: five weekdays of 2023's 260 and five of 2024's 262
    (a leap year from a Monday)."""
    scenario = period(make, "2023-12-25", "2024-01-07")
    assert abk.year_share(scenario) == pytest.approx(5 / 260 + 5 / 262, rel=1e-12)


# --- officers in post (bezetting) -----------------------------------------------------------


HOURS = {"main_office": WEEKDAYS_8_16, "kecamatan_post": WEEKDAYS_8_16, "village_post": None}


def team(name: str, officers: int, count: int = 1, **dates) -> dict:
    return {
        "name": name,
        "count": count,
        "officers": officers,
        "devices": officers,
        "travel_min": 0,
        "setup_min": 0,
        "weekly": {"mon": "sekolah"},
        **dates,
    }


def staffed(make, pppk: list[dict], teams: list[dict]):
    return make(
        {
            "period.end": "2023-01-27",
            "calendar.opening_hours": {k: v for k, v in HOURS.items() if v},
            "sites.+": {
                "name": "Pos",
                "kind": "kecamatan_post",
                "count": 2,
                "officers": 3,
                "devices": 3,
                "walk_ins_per_day": 1,
                "opens_on": "2023-01-15",
            },
            "outreach": {
                "event_kinds": {
                    "sekolah": {"size": 10, "turnout_share": 1.0, "window": "08:00-12:00"}
                },
                "teams": teams,
            },
            "home_visits": [
                {
                    "name": "Rumah",
                    "officers": 1,
                    "devices": 1,
                    "weekdays": ["tue"],
                    "window": "08:00-12:00",
                    "requests_per_week": 1,
                    "travel_min": 10,
                }
            ],
            "staff.pppk": pppk,
        }
    )


def test_bezetting_counts_whole_officers_who_serve_in_the_period(make):
    scenario = staffed(
        make,
        pppk=[
            {"site": "Pos", "officers": 1, "devices": 1, "from": "2023-01-23"},  # both posts
            {"site": "Pos 2", "officers": 2, "devices": 2, "from": "2023-01-16"},  # one post
            {"site": "Tim B", "officers": 1, "devices": 1, "from": "2023-01-16"},
            {"site": "Loket", "officers": 5, "devices": 5, "from": "2023-02-01"},  # too late
        ],
        teams=[
            team("Tim", 2, count=2, **{"from": "2023-01-09", "until": "2023-01-20"}),
            team("Tim B", 3),
        ],
    )
    got = {kind: post.with_device for kind, post in abk.bezetting(scenario).items()}
    # Loket (mmc.yaml): 4 officers; the PPPK from February never starts
    assert got["main_office"] == 4
    # two posts of 3 (they open mid-period: whole officers all the same), one more at each,
    # two more at "Pos 2"
    assert got["kecamatan_post"] == 3 * 2 + 1 * 2 + 2
    # two teams of 2 (9 to 20 Jan), a team of 3 and its PPPK officer
    assert got["outreach"] == 2 * 2 + 3 + 1
    assert got["home_visit"] == 1
    assert got["village_post"] == 0


def test_officers_without_a_device_are_not_counted(make):
    scenario = make(
        {
            "calendar.opening_hours": {k: v for k, v in HOURS.items() if v},
            "sites.+": {
                "name": "Pos",
                "kind": "kecamatan_post",
                "count": 2,
                "officers": 3,
                "devices": 2,
                "walk_ins_per_day": 1,
            },
            "staff.pppk": [{"site": "Pos 1", "officers": 1, "devices": 2, "from": "2023-01-02"}],
        }
    )
    post = abk.bezetting(scenario)["kecamatan_post"]
    # Pos 1: 4 officers, 4 devices; Pos 2: 3 officers, 2 devices
    assert (post.officers, post.with_device, post.without_device) == (7, 6, 1)


def test_a_post_without_ikd_has_no_officers_in_post(make):
    scenario = make(
        {
            "calendar.opening_hours": {k: v for k, v in HOURS.items() if v},
            "sites.+": {
                "name": "Pos",
                "kind": "kecamatan_post",
                "officers": 2,
                "devices": 0,
                "ikd_installed": False,
                "walk_ins_per_day": 1,
            },
        }
    )
    assert abk.bezetting(scenario)["kecamatan_post"].officers == 0


@pytest.mark.parametrize(
    ("pppk", "kind", "want"),
    [
        # the teams work 9-20 Jan; an officer added to "Tim 1" on 16 Jan counts, one from the
        # 23rd (after the team stopped) does not
        ({"site": "Tim 1", "officers": 1, "devices": 1, "from": "2023-01-16"}, "outreach", 5),
        ({"site": "Tim 1", "officers": 1, "devices": 1, "from": "2023-01-23"}, "outreach", 4),
        # the posts serve from 15 Jan; officers added from the 2nd count at both
        ({"site": "Pos", "officers": 1, "devices": 1, "from": "2023-01-02"}, "kecamatan_post", 8),
    ],
    ids=["while-the-team-works", "after-team-until", "before-opens-on"],
)
def test_pppk_counts_only_while_their_unit_serves(make, pppk, kind, want):
    scenario = staffed(
        make,
        pppk=[pppk],
        teams=[team("Tim", 2, count=2, **{"from": "2023-01-09", "until": "2023-01-20"})],
    )
    assert abk.bezetting(scenario)[kind].with_device == want


# --- the table on a deterministic case --------------------------------------------------------

OTHER_WORK = 0.2  # a 10-minute service holds the counter 10 / (1 - 0.2) = 12.5 minutes
DAY_SERVED = 39  # services start at 0, 12.5, ..., 475 < 480 minutes of opening
OUTREACH_DAY = 48  # 2 officers x 240 minutes / 10 minutes, 240 invited and all come
WORKING_DAYS = 20
YEAR_DAYS = 260  # weekdays of 2023; mmc.yaml has no holidays


@pytest.fixture(scope="module")
def deterministic(make):
    scenario = make(
        {
            **COUNTER,
            "staff.other_work_share": {"main_office": OTHER_WORK},
            "outreach": {
                "event_kinds": {
                    "sekolah": {"size": 240, "turnout_share": 1.0, "window": "08:00-12:00"}
                },
                "teams": [
                    {
                        **team("Tim", 2),
                        "weekly": dict.fromkeys(WEEKDAYS, "sekolah"),
                    }
                ],
            },
        }
    )
    reps = run_replications(scenario, 3, 2)
    summary = summarise(reps, scenario)
    table = abk_json(abk.table(scenario, reps, summary))
    return scenario, reps, summary, json.loads(json.dumps(table))  # as summary.json has it


def rows_of(table: dict, kind: str, channel: str | None = None) -> list[dict]:
    return [
        r
        for r in table["rows"]
        if r["row"] == kind and (channel is None or r["channel"] == channel)
    ]


def test_effective_time_is_pro_rated(deterministic):
    _, _, _, table = deterministic
    assert table["effective_hours_per_year"] == 1250
    assert table["year_share"] == pytest.approx(WORKING_DAYS / YEAR_DAYS, rel=1e-12)
    assert table["effective_min"] == pytest.approx(1250 * 60 * WORKING_DAYS / YEAR_DAYS)


def test_ikd_workload_is_served_times_the_fixed_minutes(deterministic):
    _, reps, _, table = deterministic
    main = rows_of(table, "task", "main_office")
    assert [r["task"] for r in main] == ["ikd", "other_work"]
    ikd = main[0]
    assert ikd["volume"] == DAY_SERVED * WORKING_DAYS == 780
    assert ikd["volume_ci95"] == [780, 780]
    assert ikd["standard_min"] == pytest.approx(10)
    assert ikd["workload_min"] == pytest.approx(780 * 10)
    (outreach,) = rows_of(table, "task", "outreach")
    assert outreach["volume"] == OUTREACH_DAY * WORKING_DAYS == 960
    assert outreach["workload_min"] == pytest.approx(960 * 10)
    assert [int(r.served_n.sum()) for r in reps] == [780 + 960] * 2


def test_other_work_is_the_time_it_displaces(deterministic):
    _, _, _, table = deterministic
    ikd, other = rows_of(table, "task", "main_office")
    assert other["other_work_share"] == OTHER_WORK
    share = OTHER_WORK / (1 - OTHER_WORK)
    assert other["workload_min"] == pytest.approx(ikd["workload_min"] * share)
    assert other["workload_min"] == pytest.approx(1950)
    # shown as what it is: hours of counter time, at 60 minutes an hour
    assert other["volume"] == pytest.approx(1950 / 60) and other["standard_min"] == 60
    assert not [r for r in rows_of(table, "task", "outreach") if r["task"] == "other_work"]


def test_subtotals_follow_the_abk_formulas(deterministic):
    scenario, _, summary, table = deterministic
    effective = table["effective_min"]
    in_post = {"main_office": 1.0, "outreach": 2.0}
    workload = {"main_office": 7800 + 1950, "outreach": 9600}
    subtotals = rows_of(table, "subtotal")
    assert [r["channel"] for r in subtotals] == ["main_office", "outreach"]
    for row in subtotals:
        ch = row["channel"]
        tasks = rows_of(table, "task", ch)
        assert row["workload_min"] == pytest.approx(sum(t["workload_min"] for t in tasks))
        assert row["workload_min"] == pytest.approx(workload[ch])
        needed = workload[ch] / effective
        assert row["officers_needed"] == pytest.approx(needed)
        assert row["officers_needed_whole"] == math.ceil(needed)
        assert row["officers_in_post"] == pytest.approx(in_post[ch])
        assert row["difference"] == pytest.approx(in_post[ch] - math.ceil(needed))
        assert row["ej"] == pytest.approx(workload[ch] / (in_post[ch] * effective))
        assert row["grade"] == abk.grade(row["ej"])
        assert row["utilisation"] == summary["utilisation"][ch]
        assert row["wait_mean_min"] == summary["wait_min"][ch]["mean"]
    main, outreach = subtotals
    # 9750 / 5769.2 = 1.69 officers needed for 1 in post: overloaded, grade A, one short
    assert (main["officers_needed_whole"], main["difference"], main["grade"]) == (2, -1, "A")
    # 9600 / (2 x 5769.2) = 0.832: grade C, none short
    assert (outreach["officers_needed_whole"], outreach["difference"]) == (2, 0)
    assert outreach["grade"] == "C"
    assert scenario.target == 2000


def test_total_row_sums_the_subtotals(deterministic):
    _, _, _, table = deterministic
    assert table["rows"][-1]["row"] == "total"
    (total,) = rows_of(table, "total")
    subtotals = rows_of(table, "subtotal")
    effective = table["effective_min"]
    workload = sum(r["workload_min"] for r in subtotals)
    in_post = sum(r["officers_in_post"] for r in subtotals)
    assert total["channel"] is None
    assert total["workload_min"] == pytest.approx(workload) == 19350
    assert total["officers_in_post"] == pytest.approx(in_post) == 3
    assert total["officers_needed"] == pytest.approx(workload / effective)
    assert total["officers_needed_whole"] == math.ceil(workload / effective) == 4
    assert total["difference"] == pytest.approx(in_post - 4)
    assert total["ej"] == pytest.approx(workload / (in_post * effective))
    assert total["grade"] == "A"


def test_workload_for_the_target(deterministic):
    """The target's 2,000 activations at the simulated 10 officer minutes each."""
    _, _, _, table = deterministic
    target = table["for_target"]
    assert target["activations"] == 2000
    assert target["minutes_per_activation"] == pytest.approx(10)
    assert target["workload_min"] == pytest.approx(20000)
    assert target["officers_needed"] == pytest.approx(20000 / table["effective_min"])
    assert target["officers_needed_whole"] == math.ceil(20000 / table["effective_min"])


def test_the_target_case_scales_the_ikd_volumes_to_the_target(deterministic):
    """The target's table: 2,000 activations against the 780 + 960 simulated (every service
    an activation here), so every IKD volume and workload x 2000/1740; the displaced other
    work and the officers in post as today; officers needed = workload / effective time."""
    scenario, reps, summary, _ = deterministic
    today = abk.table(scenario, reps, summary)
    target = abk.for_the_target(today)
    assert target.case == "target" and today.case == "today"
    assert today.for_target.simulated_activations == pytest.approx(1740)
    scale = 2000 / 1740
    for old, new in zip(today.rows, target.rows, strict=True):
        if isinstance(old, abk.Task):
            factor = scale if old.task == "ikd" else 1.0
            assert new.volume == pytest.approx(old.volume * factor)
            assert new.workload_min == pytest.approx(old.workload_min * factor)
        else:
            assert new.officers_in_post == old.officers_in_post
            assert new.officers_needed == pytest.approx(new.workload_min / target.effective_min)
    ikd = target.total.workload_min - 1950  # the main office's other work stays
    assert ikd == pytest.approx(2000 * 10)  # 10 officer minutes an activation
