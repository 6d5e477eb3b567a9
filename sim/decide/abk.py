"""The workload analysis (analisis beban kerja, ABK) table, with its volumes from the simulation.

ABK (PermenPANRB 1/2020, task-by-task method): officers needed = Σ volume × standard time ÷
effective working time per officer. Here the volume of each task and its standard time come
from the simulated replications, the effective time from ``abk.effective_hours_per_year``
(pro-rated to the working days of the simulated period), and the officers in post
(bezetting) from the scenario: whole officers, those with a SIAK-connected device only.
"""

from __future__ import annotations

import dataclasses
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


def _serves_in_period(scenario: Scenario, first: dt.date | None, last: dt.date | None) -> bool:
    """Whether a post or team with these dates serves IKD at some time in the period."""
    period = scenario.period
    return (first is None or first <= period.end) and (last is None or last >= period.start)


@dataclass(frozen=True)
class Post:
    """The officers of one kind of site in the ABK (bezetting): whole officers assigned to it
    during the period, and how many of them have a SIAK-connected device. Only those serve
    IKD counters, so only they are counted against the workload."""

    officers: int
    with_device: int

    @property
    def without_device(self) -> int:
        return self.officers - self.with_device


def _units(
    scenario: Scenario,
) -> list[tuple[str, str, int, int, int, dt.date | None, dt.date | None]]:
    """Each group serving IKD: (name, kind, units, officers, devices, first day, last day)."""
    groups = [
        (s.name, s.kind, s.count, s.officers, s.devices, s.opens_on, None)
        for s in scenario.sites
        if s.ikd_installed
    ]
    groups += [
        (g.name, "outreach", g.count, g.officers, g.devices, g.from_date, g.until)
        for g in scenario.outreach.teams
    ]
    groups += [
        (g.name, "home_visit", 1, g.officers, g.devices, None, None) for g in scenario.home_visits
    ]
    return groups


def bezetting(scenario: Scenario) -> dict[str, Post]:
    """Whole officers in post per kind of site, and those with a device, counting every post
    and team that serves IKD at some time in the period with the PPPK additions that start
    while it serves (they add officers and devices to the unit they name, or to every unit
    of the post they name)."""
    found = dict.fromkeys(CHANNELS, (0, 0))
    for name, kind, units, officers, devices, first, last in _units(scenario):
        if not _serves_in_period(scenario, first, last):
            continue
        until = min(scenario.period.end, last or scenario.period.end)
        for unit in unit_names(name, units):
            more = [
                a for a in scenario.staff.pppk if a.site in {name, unit} and a.from_date <= until
            ]
            officers_u = officers + sum(a.officers for a in more)
            devices_u = devices + sum(a.devices for a in more)
            total, serving = found[kind]
            found[kind] = (total + officers_u, serving + min(officers_u, devices_u))
    return {kind: Post(*counts) for kind, counts in found.items()}


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
    """One task of one kind of site: its volume in the period, norm time and workload. The
    IKD task counts officer services (failed attempts included); the other adminduk work IKD
    displaces is counted as what it is, hours of counter time kept for it (norm 60 minutes)."""

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
    needed, in post with a device (bezetting, whole officers) and the difference; the
    effectiveness (EJ) and its grade; a subtotal also shows how the simulated site fared."""

    row: str  # "subtotal" or "total"
    channel: str | None
    workload_min: float
    officers_needed: float
    officers_needed_whole: int
    officers_in_post: int  # with a device: the officers who can serve IKD
    officers_without_device: int  # in post but not counted (no SIAK-connected device)
    difference: int  # in post - needed (whole): + more than needed, - short
    ej: float | None
    grade: str | None
    utilisation: float | None = None
    wait_mean_min: float | None = None


@dataclass(frozen=True)
class ForTarget:
    """The IKD workload the target itself would take, at the simulated time per activation."""

    activations: int  # the target's activations still needed at the period's start
    minutes_per_activation: float | None
    simulated_activations: float = 0.0  # mean activations per replication in the period
    workload_min: float | None = None
    officers_needed: float | None = None
    officers_needed_whole: int | None = None


@dataclass(frozen=True)
class Abk:
    """The ABK table of one case: task rows, a subtotal per kind of site, a total, and the
    target's load. ``case`` is "today" (the scenario as it is), "plan" (a proposal or the
    search's plan, named by ``variant``) or "target" (the volume the target requires)."""

    effective_hours_per_year: float
    year_share: float
    effective_min: float
    rows: tuple[Task | Staffing, ...]
    for_target: ForTarget
    case: str = "today"
    variant: str = "baseline"

    @property
    def has_other_work(self) -> bool:
        return any(isinstance(row, Task) and row.task == "other_work" for row in self.rows)

    @property
    def total(self) -> Staffing:
        return self.rows[-1]


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
        other_min = float(np.mean([float(r.occupied_min[i] - r.busy_min[i]) for r in reps]))
        rows.append(Task(ch, "other_work", other_min / 60, None, 60.0, other_min, share))
    return rows


def _staffing(
    row: str, channel: str | None, workload_min: float, effective_min: float, post: Post, **seen
) -> Staffing:
    """The ABK verdict on a workload: officers needed, difference to bezetting, EJ and grade."""
    needed = workload_min / effective_min
    whole = math.ceil(needed - 1e-9)
    in_post = post.with_device
    ej = workload_min / (in_post * effective_min) if in_post > 0 else None
    return Staffing(
        row,
        channel,
        workload_min,
        needed,
        whole,
        in_post,
        post.without_device,
        in_post - whole,
        ej,
        grade(ej),
        **seen,
    )


def _total(subtotals: list[Staffing], effective_min: float) -> Staffing:
    post = Post(
        sum(r.officers_in_post + r.officers_without_device for r in subtotals),
        sum(r.officers_in_post for r in subtotals),
    )
    return _staffing("total", None, sum(r.workload_min for r in subtotals), effective_min, post)


def table(
    scenario: Scenario,
    reps: list[Replication],
    summary: dict,
    case: str = "today",
    variant: str = "baseline",
) -> Abk:
    """The ABK table of one scenario's replications: task rows, a subtotal per kind of site,
    a total, and the workload the target itself would take."""
    effective_hours = scenario.abk.effective_hours_per_year
    share = year_share(scenario)
    effective_min = effective_hours * 60 * share
    posts = bezetting(scenario)
    rows: list[Task | Staffing] = []
    subtotals: list[Staffing] = []
    for ch in channels_in_use(scenario):
        tasks = _task_rows(reps, ch, scenario.staff.other_work_share.get(ch, 0.0))
        subtotal = _staffing(
            "subtotal",
            ch,
            sum(task.workload_min for task in tasks),
            effective_min,
            posts[ch],
            utilisation=summary["utilisation"][ch],
            wait_mean_min=summary["wait_min"][ch]["mean"],
        )
        rows += [*tasks, subtotal]
        subtotals.append(subtotal)
    target = _for_target(scenario, reps, effective_min)
    return Abk(
        effective_hours,
        share,
        effective_min,
        (*rows, _total(subtotals, effective_min)),
        target,
        case,
        variant,
    )


def for_the_target(today: Abk) -> Abk:
    """The ABK of the target itself: today's table with each IKD volume and workload scaled
    so the period's activations are those the target needs (today's channel mix and officer
    time per service); the other work and the officers in post stay as they are."""
    simulated = today.for_target.simulated_activations
    scale = today.for_target.activations / simulated if simulated else 0.0
    rows: list[Task | Staffing] = []
    subtotals: list[Staffing] = []
    tasks: list[Task] = []
    for row in today.rows[:-1]:
        if isinstance(row, Task):
            tasks.append(_scaled(row, scale) if row.task == "ikd" else row)
            continue
        post = Post(row.officers_in_post + row.officers_without_device, row.officers_in_post)
        workload = sum(task.workload_min for task in tasks)
        subtotal = _staffing("subtotal", row.channel, workload, today.effective_min, post)
        rows += [*tasks, subtotal]
        subtotals.append(subtotal)
        tasks = []
    total = _total(subtotals, today.effective_min)
    return dataclasses.replace(today, rows=(*rows, total), case="target")


def _scaled(task: Task, scale: float) -> Task:
    ci = task.volume_ci95
    return dataclasses.replace(
        task,
        volume=task.volume * scale,
        volume_ci95=(ci[0] * scale, ci[1] * scale) if ci else None,
        workload_min=task.workload_min * scale,
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
        activations / len(reps),
        workload,
        workload / effective_min,
        math.ceil(workload / effective_min - 1e-9),
    )
