"""The workload analysis (analisis beban kerja, ABK) table, with its volumes from the simulation.

ABK (PermenPANRB 1/2020, task-by-task method): officers needed = Σ volume × standard time ÷
effective working time per officer. Here the volume of each task and its standard time come
from the simulated replications, the effective time from ``abk.effective_hours_per_year``
(pro-rated to the working days of the simulated period), and the officers in post
(bezetting) from the scenario, as average officers over the period.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np

from sim.calendar import Calendar
from sim.metrics import Replication, channels_in_use, ci95
from sim.scenario import CHANNELS, FIXED_KINDS, Scenario, unit_names

# Job effectiveness (EJ) grades as commonly cited from Permendagri 12/2008 (lower bounds).
GRADES = (("A", 1.0 + 1e-9), ("B", 0.90), ("C", 0.70), ("D", 0.50), ("E", -math.inf))


def grade(ej: float | None) -> str | None:
    """A above 1.00 (overloaded), B 0.90-1.00, C 0.70-0.89, D 0.50-0.69, E below 0.50."""
    if ej is None:
        return None
    return next(letter for letter, low in GRADES if ej >= low)


# --- time ------------------------------------------------------------------------------------


def year_share(scenario: Scenario) -> float:
    """The period's share of a working year: Mon-Fri working days in the period ÷ those of its
    calendar year(s), holidays, cuti bersama and local closures excluded."""
    period, calendar = scenario.period, Calendar(scenario)
    share = 0.0
    for year in calendar.years:
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        whole = calendar.weekdays_open(first, last)
        part = calendar.weekdays_open(max(first, period.start), min(last, period.end))
        share += part / whole if whole else 0.0
    return share


def _in_service(scenario: Scenario, start: dt.date | None, end: dt.date | None = None) -> float:
    """Share of the period's days between ``start`` and ``end`` (inclusive; None = open)."""
    period = scenario.period
    first, last = max(period.start, start or period.start), min(period.end, end or period.end)
    return max(0, (last - first).days + 1) / period.days


def _serving(scenario: Scenario) -> dict[str, tuple[str, int, dt.date | None, dt.date | None]]:
    """Each group and unit name -> (kind, units, first day, last day) while it serves IKD."""
    found = {}
    for site in scenario.sites:
        if site.ikd_installed:
            found[site.name] = (site.kind, site.count, site.opens_on, None)
    for team in scenario.outreach.teams:
        found[team.name] = ("outreach", team.count, team.from_date, team.until)
    for team in scenario.home_visits:
        found[team.name] = ("home_visit", 1, None, None)
    for name, (kind, count, first, last) in list(found.items()):
        for unit in unit_names(name, count):
            found.setdefault(unit, (kind, 1, first, last))
    return found


def officers_in_post(scenario: Scenario) -> dict[str, float]:
    """Average officers in post per kind of site over the period (bezetting), counting a post
    from the day it serves IKD, a team between its dates, and PPPK officers from their start
    while their post or team serves."""
    found = dict.fromkeys(CHANNELS, 0.0)
    serving = _serving(scenario)
    groups = [*scenario.sites, *scenario.outreach.teams, *scenario.home_visits]
    for group in groups:
        if group.name in serving:
            kind, count, first, last = serving[group.name]
            found[kind] += group.officers * count * _in_service(scenario, first, last)
    for add in scenario.staff.pppk:
        if add.site in serving:
            kind, count, first, last = serving[add.site]
            start = max(add.from_date, first) if first else add.from_date
            found[kind] += add.officers * count * _in_service(scenario, start, last)
    return found


def staff_at_start(scenario: Scenario) -> dict[str, tuple[int, int, int]]:
    """Units, officers and devices of each kind of site at the start (PPPK not included)."""
    groups = dict.fromkeys(CHANNELS, ())
    groups["outreach"] = [(g.count, g.officers, g.devices) for g in scenario.outreach.teams]
    groups["home_visit"] = [(1, g.officers, g.devices) for g in scenario.home_visits]
    for kind in FIXED_KINDS:
        groups[kind] = [(g.count, g.officers, g.devices) for g in scenario.sites if g.kind == kind]
    return {
        kind: (
            sum(n for n, _, _ in found),
            sum(n * o for n, o, _ in found),
            sum(n * d for n, _, d in found),
        )
        for kind, found in groups.items()
    }


# --- the table ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    """One task of one kind of site: its yearly-period volume, standard time and workload."""

    channel: str
    task: str  # "ikd", or "other_work" (the share of officer time kept for other services)
    volume: float | None
    volume_ci95: tuple[float, float] | None
    standard_min: float | None
    workload_min: float
    other_work_share: float | None = None


@dataclass(frozen=True)
class Staffing:
    """A subtotal (one kind of site) or the total: workload against effective time, officers
    needed and in post, effectiveness (EJ) and its grade; a subtotal also shows how the
    simulated site fared (utilisation, mean wait)."""

    row: str  # "subtotal" or "total"
    channel: str | None
    workload_min: float
    officers_needed: float
    officers_needed_whole: int
    officers_in_post: float
    difference: float
    ej: float | None
    grade: str | None
    utilisation: float | None = None
    wait_mean_min: float | None = None


@dataclass(frozen=True)
class ForTarget:
    """The IKD workload the target itself would take, at the simulated time per activation."""

    activations: int
    minutes_per_activation: float | None
    workload_min: float | None = None
    officers_needed: float | None = None
    officers_needed_whole: int | None = None


@dataclass(frozen=True)
class Abk:
    """The ABK table: task rows, a subtotal per kind of site, a total, and the target's load."""

    effective_hours_per_year: float
    year_share: float
    effective_min: float
    rows: tuple[Task | Staffing, ...]
    for_target: ForTarget

    @property
    def has_other_work(self) -> bool:
        return any(isinstance(row, Task) and row.task == "other_work" for row in self.rows)


def _task_rows(reps: list[Replication], ch: str, share: float) -> list[Task]:
    i = CHANNELS.index(ch)
    served = [float(r.served_n[i]) for r in reps]
    busy = [float(r.busy_min[i]) for r in reps]
    standard_min = float(np.sum(busy) / np.sum(served)) if np.sum(served) else None
    ci = ci95(served)
    rows = [
        Task(
            ch,
            "ikd",
            float(np.mean(served)),
            tuple(ci) if ci else None,
            standard_min,
            float(np.mean(busy)),
        )
    ]
    if share > 0:
        other = [float(r.occupied_min[i] - r.busy_min[i]) for r in reps]
        rows.append(Task(ch, "other_work", None, None, None, float(np.mean(other)), share))
    return rows


def _staffing(
    row: str,
    channel: str | None,
    workload_min: float,
    effective_min: float,
    in_post: float,
    **seen: float | None,
) -> Staffing:
    """The ABK verdict on a workload: officers needed, difference to bezetting, EJ and grade."""
    needed = workload_min / effective_min
    whole = math.ceil(needed - 1e-9)
    ej = workload_min / (in_post * effective_min) if in_post > 0 else None
    return Staffing(
        row, channel, workload_min, needed, whole, in_post, in_post - whole, ej, grade(ej), **seen
    )


def table(scenario: Scenario, reps: list[Replication], summary: dict) -> Abk:
    """The ABK table of one scenario's replications: task rows, a subtotal per kind of site,
    a total, and the workload the target itself would take."""
    effective_hours = scenario.abk.effective_hours_per_year
    share = year_share(scenario)
    effective_min = effective_hours * 60 * share
    in_post = officers_in_post(scenario)
    rows: list[Task | Staffing] = []
    subtotals: list[Staffing] = []
    for ch in channels_in_use(scenario):
        tasks = _task_rows(reps, ch, scenario.staff.other_work_share.get(ch, 0.0))
        workload = sum(task.workload_min for task in tasks)
        subtotal = _staffing(
            "subtotal",
            ch,
            workload,
            effective_min,
            in_post[ch],
            utilisation=summary["utilisation"][ch],
            wait_mean_min=summary["wait_min"][ch]["mean"],
        )
        rows += [*tasks, subtotal]
        subtotals.append(subtotal)
    total = _staffing(
        "total",
        None,
        sum(row.workload_min for row in subtotals),
        effective_min,
        sum(row.officers_in_post for row in subtotals),
    )
    return Abk(
        effective_hours,
        share,
        effective_min,
        (*rows, total),
        _for_target(scenario, reps, effective_min),
    )


def _for_target(scenario: Scenario, reps: list[Replication], effective_min: float) -> ForTarget:
    """The IKD workload if the period's activations were those the target needs, at the
    simulated officer time per activation (failed attempts and checks included)."""
    needed = max(0, scenario.target - scenario.goal.activated_at_start)
    activations = sum(r.activations for r in reps)
    busy = sum(float(r.busy_min.sum()) for r in reps)
    if not activations:
        return ForTarget(needed, None)
    per_activation = busy / activations
    workload = needed * per_activation
    return ForTarget(
        needed,
        per_activation,
        workload,
        workload / effective_min,
        math.ceil(workload / effective_min - 1e-9),
    )
