"""Staffing proposals as a planner names them: what each adds to today's staffing, from when,
at what cost, and what it changes.

A variant of the scenario file is described by its ``description``; what it adds is read from
the resolved scenarios, not from the variant's keys: officers and SIAK-connected devices in
IKD service during the period, and outreach team days. The cost of the difference is each
added officer's months from the proposal's start at a PPPK officer's monthly cost, the added
devices and the added team days, at ``staff.costs`` (the prices the staffing search uses).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sim.calendar import Calendar, days_of
from sim.decide.analysis import Comparison, Difference
from sim.decide.results import Summary
from sim.decide.search import DAYS_PER_MONTH, StaffingPlan
from sim.scenario import WEEKDAYS, Scenario, Variant, unit_names


@dataclass(frozen=True)
class Resources:
    """A scenario's IKD staffing over its period."""

    officers: int  # whole officers serving IKD at some time in the period (PPPK included)
    devices: int  # SIAK-connected devices with them
    team_days: int  # outreach team working days in the period

    def cost_over(
        self, today: Resources, scenario: Scenario, start: dt.date | None
    ) -> float | None:
        """Rupiah over the period of what this staffing adds to ``today``'s (None without
        ``staff.costs``): each added officer's months from ``start`` (the period's start when
        None), each added device, each added team day. Officers moved between sites cost
        nothing; what a proposal takes away is not counted as a saving."""
        costs = scenario.staff.costs
        if costs is None:
            return None
        months = _months(scenario, start, None)
        return (
            max(0, self.officers - today.officers) * months * costs.pppk_officer_per_month
            + max(0, self.devices - today.devices) * costs.device
            + max(0, self.team_days - today.team_days) * costs.vehicle_day
        )


def _months(scenario: Scenario, first: dt.date | None, last: dt.date | None) -> float:
    """Months between ``first`` and ``last`` (inclusive, None = open) within the period."""
    period = scenario.period
    start, end = max(period.start, first or period.start), min(period.end, last or period.end)
    return max(0, (end - start).days + 1) / DAYS_PER_MONTH


def _groups(scenario: Scenario):
    """(unit name, group name, officers, devices, first day, last day) of every serving unit."""
    for site in scenario.sites:
        if site.ikd_installed:
            for unit in unit_names(site.name, site.count):
                yield unit, site.name, site.officers, site.devices, site.opens_on, None
    for team in scenario.outreach.teams:
        for unit in unit_names(team.name, team.count):
            yield unit, team.name, team.officers, team.devices, team.from_date, team.until
    for team in scenario.home_visits:
        yield team.name, team.name, team.officers, team.devices, None, None


def resources(scenario: Scenario) -> Resources:
    """Officers, devices and team days of a scenario's IKD service in its period."""
    period, officers, devices = scenario.period, 0, 0
    for unit, group, n_officers, n_devices, first, last in _groups(scenario):
        if (first or period.start) > period.end or (last or period.end) < period.start:
            continue
        officers, devices = officers + n_officers, devices + n_devices
        for add in scenario.staff.pppk:
            if add.site in (unit, group) and add.from_date <= period.end:
                officers, devices = officers + add.officers, devices + add.devices
    return Resources(officers, devices, _team_days(scenario))


def _team_days(scenario: Scenario) -> int:
    """Scheduled working days of every outreach team unit in the period, offices open."""
    calendar = Calendar(scenario)
    open_days = [
        d for d in days_of(scenario.period.start, scenario.period.end) if not calendar.is_closed(d)
    ]
    return sum(
        team.count
        for team in scenario.outreach.teams
        for day in open_days
        if WEEKDAYS[day.weekday()] in team.weekly and team.works_on(day)
    )


def starts(scenario: Scenario, today: Scenario) -> dt.date | None:
    """The first day a proposal's added staff serves: the earliest start of a PPPK addition
    or team that today's scenario does not have (None when nothing added is dated)."""
    old_pppk = {(a.site, a.officers, a.devices, a.from_date) for a in today.staff.pppk}
    old_teams = {t.name for t in today.outreach.teams}
    dates = [
        a.from_date
        for a in scenario.staff.pppk
        if (a.site, a.officers, a.devices, a.from_date) not in old_pppk
    ]
    dates += [
        t.from_date or scenario.period.start
        for t in scenario.outreach.teams
        if t.name not in old_teams
    ]
    return min(dates) if dates else None


@dataclass(frozen=True)
class Proposal:
    """One proposal as page 1, the charts, the tables and the workbook name it."""

    name: str  # the variant's key in the scenario file ("plan" for the search's plan)
    description: str
    officers_added: int
    devices_added: int
    starts: dt.date | None  # the first day its added staff serves
    cost: float | None  # rupiah over the period (None without staff.costs)
    p_reach_target: float | None
    activations_mean: float
    difference: Difference | None = None  # activations against today's, paired replications
    added: dict[str, int] | None = None  # the search's plan: kind -> officers added
    description_id: str = ""  # the description in Bahasa Indonesia, when the file gives one

    @property
    def adds_staff(self) -> bool:
        return self.officers_added > 0 or self.devices_added > 0


def of_variants(
    scenarios: dict[str, Scenario],
    summaries: dict[str, Summary],
    variants: dict[str, Variant],
    comparison: Comparison,
) -> tuple[Proposal, ...]:
    """Every compared variant as a proposal, in declared order (today's staffing left out)."""
    today_scenario = scenarios[comparison.baseline]
    today = resources(today_scenario)
    found = []
    for name, kpis in comparison.differences.items():
        scenario, figures = scenarios[name], summaries[name].figures
        have, start = resources(scenario), starts(scenario, today_scenario)
        found.append(
            Proposal(
                name,
                variants[name].description if name in variants else "",
                have.officers - today.officers,
                have.devices - today.devices,
                start,
                have.cost_over(today, scenario, start),
                figures["p_reach_target"],
                figures["activations"]["mean"],
                (kpis or {}).get("activations"),
                description_id=variants[name].description_id if name in variants else "",
            )
        )
    return tuple(found)


def of_search(plan: StaffingPlan, start: dt.date, description: str = "") -> Proposal:
    """The staffing search's plan as a proposal (its cost is the search's own)."""
    return Proposal(
        "plan",
        description,
        plan.added_officers,
        plan.devices_added,
        start,
        plan.cost,
        plan.p_reach_target,
        plan.activations_mean,
        added=dict(plan.added),
    )
