"""Random streams per (unit, day): changing one site or day leaves the other residents alone."""

from __future__ import annotations

from scenes import (
    SEED,
    WEEK,
    WEEKDAYS_8_14,
    day_of,
    events,
    site,
)

from sim.decide.replicate import run_one


def posts(make, count: int, **changes):
    """Only a group of kecamatan posts (Poisson arrivals, exponential service, patience),
    weekdays 08:00-14:00, no pool depletion: what each post sees is its own business."""
    return make(
        {
            "period.end": "2023-01-22",
            "calendar.opening_hours.main_office": WEEKDAYS_8_14,
            "sites": [
                site(
                    "Pos", "kecamatan_post", count=count, officers=1, devices=1, walk_ins_per_day=40
                )
            ],
            "demand.patience_min": {"kind": "exponential", "mean": 30},
            **changes,
        }
    )


def test_growing_a_group_keeps_the_first_units_residents(make):
    """``count: 1`` names the post "Pos"; ``count: 3`` names "Pos 1" .. "Pos 3", and the
    first keeps the group's streams: its events are exactly those of the single post."""
    single = run_one(posts(make, 1), SEED, 0, event_log=True)
    group = run_one(posts(make, 3), SEED, 0, event_log=True)
    assert len(events(single, "Pos")) > 200
    assert events(group, "Pos 1") == events(single, "Pos")
    # the other posts draw their own residents
    assert events(group, "Pos 2") != events(group, "Pos 1") != events(group, "Pos 3")
    assert events(group, "Pos") == []


def test_opening_on_saturdays_leaves_the_weekday_residents_unchanged(make):
    """Draws are keyed by day: a Saturday session does not shift Monday-Friday residents.
    Weekday events are identical; Saturdays add their own."""
    weekdays = run_one(posts(make, 2), SEED, 0, event_log=True)
    saturdays = run_one(
        posts(make, 2, **{"calendar.opening_hours.main_office.sat": "08:00-12:00"}),
        SEED,
        0,
        event_log=True,
    )

    def on_weekdays(log):
        return [(t, s, w) for t, s, w in sorted(log.events) if day_of(t) % 7 < 5]

    assert len(on_weekdays(weekdays)) > 200
    assert on_weekdays(saturdays) == on_weekdays(weekdays)
    assert any(day_of(t) % 7 == 5 for t, _, _ in saturdays.events)
    assert not any(day_of(t) % 7 == 5 for t, _, _ in weekdays.events)


def test_outreach_days_draw_their_own_attendees(make, office):
    """Adding a Tuesday event leaves the team's Monday and Wednesday events unchanged, and
    growing the team to two keeps the first team's events."""
    base = office({"sites": [], "home_visits": []})
    more_days = office(
        {
            "sites": [],
            "home_visits": [],
            "outreach.teams.Tim.weekly": {"mon": "school", "tue": "village", "wed": "village"},
        }
    )
    two = make({"outreach.teams.Tim.count": 2}, base=base)
    logs = [run_one(s, SEED, 0, event_log=True) for s in (base, more_days, two)]
    first = events(logs[0], "Tim")
    assert len(first) > 100
    assert [e for e in events(logs[1], "Tim") if day_of(e[0]) % 7 != 1] == first
    assert any(day_of(t) % 7 == 1 for t, _ in events(logs[1], "Tim"))
    assert events(logs[2], "Tim 1") == first
    assert events(logs[2], "Tim 2") != first


def test_home_visit_requests_do_not_depend_on_the_visit_days(office):
    """Requests are drawn every day from the team's stream for that day: visiting on more
    days changes who is visited when, not how many ask."""
    only_home = {"sites": [], "outreach.teams": []}
    two_days = run_one(office(only_home), SEED, 0)
    every_day = office(only_home, **{"home_visits.Rumah.weekdays": list(WEEK[:5])})
    assert run_one(every_day, SEED, 0).arrived == two_days.arrived > 20
