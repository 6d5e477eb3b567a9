"""Find the staff needed: the smallest PPPK addition, and where, that makes the target likely.

Additions are PPPK officers with a device each, from a start date, at the kinds of site the
scenario has: the main office, kecamatan posts and village posts (one officer at a time, to
the post with the fewest added so far), and outreach: a whole new team like the first one,
visiting one event kind on the first team's weekdays ("outreach:school"). A team for a kind
with a register of institutions works through the same finite register as the teams there
already are, so once the register is used up another team adds nothing and is not chosen.

The search is greedy marginal allocation: each step tries one more unit at every kind, on the
same replications (common random numbers), and keeps the one that raises P(target) most per
officer (mean activations break ties). Once the goal is met, units whose removal still meets
it are taken away again. Before searching, an "as much staff as wanted" run tells whether
staff can reach the target at all; when it cannot, demand is the limit, and the search says
so with the funnel instead of returning an absurd number.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sim.calendar import Calendar, days_of
from sim.decide import kpi
from sim.metrics import Replication
from sim.model.core import Model
from sim.model.runlog import FUNNEL_REASONS, REASONS
from sim.scenario import FIXED_KINDS, WEEKDAYS, Scenario, full_tree, rebuilt, unit_names
from sim.streams import Streams

Evaluate = Callable[[dict[str, Scenario], range], dict[str, list[Replication]]]
UNLIMITED_FACTOR = 10  # "as much staff as wanted": ten times every site's and team's staff


@dataclass(frozen=True)
class Goal:
    p_target: float = 0.9
    max_main_wait_min: float | None = None
    max_added: int = 200


@dataclass(frozen=True)
class StaffingPlan:
    """One staffing plan as reported: what it adds and how it did."""

    added_officers: int
    added: dict[str, int]  # kind -> officers added (a team counts its officers)
    outreach_teams_added: int
    p_reach_target: float
    activations_mean: float
    main_office_wait_min: float | None
    devices_added: int = 0  # one SIAK-connected device per added officer
    cost: float | None = None  # rupiah, from staff.costs (None without them)


@dataclass
class Point:
    """One staffing plan and how it did."""

    plan: dict[str, int]  # kind -> units added (officers, or teams for outreach)
    p_reach: float
    activations_mean: float
    main_wait_min: float | None

    def officers(self, team_size: int) -> int:
        return sum(n * (team_size if is_team(kind) else 1) for kind, n in self.plan.items())

    def reported(self, team_size: int, cost: float | None = None) -> StaffingPlan:
        officers = self.officers(team_size)
        return StaffingPlan(
            added_officers=officers,
            added={
                kind: n * (team_size if is_team(kind) else 1) for kind, n in self.plan.items() if n
            },
            outreach_teams_added=sum(n for kind, n in self.plan.items() if is_team(kind)),
            p_reach_target=self.p_reach,
            activations_mean=self.activations_mean,
            main_office_wait_min=self.main_wait_min,
            devices_added=officers,
            cost=cost,
        )


@dataclass(frozen=True)
class Recheck:
    """The chosen plan again on fresh replications (not used to choose it)."""

    replications: str  # "first-last"
    p_reach_target: float
    activations_mean: float
    meets_goal: bool


@dataclass(frozen=True)
class Funnel:
    """What stops residents when staff is not the limit: means per replication."""

    arrived: float
    activated: float
    turned_away: dict[str, float]  # reason -> residents
    funnel_losses: float

    def largest(self, n: int) -> list[tuple[str, float]]:
        """The ``n`` reasons that turn most residents away, largest first, zeros left out."""
        losses = sorted(self.turned_away.items(), key=lambda kv: kv[1], reverse=True)[:n]
        return [(reason, count) for reason, count in losses if count > 0]


@dataclass(frozen=True)
class Visit:
    """A visit of a team the search added, in replication 0 of the chosen plan."""

    team: str
    date: dt.date
    event_kind: str
    institution: str
    eligible: int  # residents obliged to hold a KTP there not yet reached
    came: int


@dataclass(frozen=True)
class InstitutionVisits:
    """An institution an added team visits, over the period (replication 0)."""

    team: str
    event_kind: str
    institution: str
    visits: int
    first_visit: dt.date
    eligible_at_first: int  # residents obliged to hold a KTP there not yet reached
    came: int  # over all its visits


@dataclass(frozen=True)
class SearchResult:
    """The search's answer and its evidence. ``status`` is found, met_already,
    demand_limited (then ``funnel`` says why) or cap_reached."""

    status: str
    goal: Goal
    pppk_from: dt.date
    replications: int
    kinds: tuple[str, ...]
    outreach_team_size: int
    chosen: StaffingPlan | None
    one_unit_fewer: StaffingPlan | None
    steps: tuple[StaffingPlan, ...]
    unlimited_staff: StaffingPlan | None
    funnel: Funnel | None = None
    recheck: Recheck | None = None
    visits: tuple[Visit, ...] | None = None  # the added teams' visits (institution registers)

    def team_visits(self) -> list[tuple[str, int, int, int]]:
        """Per added team: (team, visits, institutions visited, residents who came)."""
        teams: dict[str, list[Visit]] = {}
        for visit in self.visits or ():
            teams.setdefault(visit.team, []).append(visit)
        return [
            (team, len(vs), len({v.institution for v in vs}), sum(v.came for v in vs))
            for team, vs in teams.items()
        ]

    def institutions_visited(self) -> list[InstitutionVisits]:
        """Per added team and institution, in the order of first visit: what it reached."""
        rows: dict[tuple[str, str, str], list[Visit]] = {}
        for visit in self.visits or ():
            rows.setdefault((visit.team, visit.event_kind, visit.institution), []).append(visit)
        return [
            InstitutionVisits(
                team, kind, name, len(vs), vs[0].date, vs[0].eligible, sum(v.came for v in vs)
            )
            for (team, kind, name), vs in rows.items()
        ]

    def units(self, plan: StaffingPlan) -> dict[str, int]:
        """A reported plan as the units ``staffed`` adds: officers, or whole teams."""
        size = self.outreach_team_size
        return {kind: n // size if is_team(kind) else n for kind, n in plan.added.items()}

    @property
    def by_officers(self) -> list[StaffingPlan]:
        """The plans tried, fewest officers added first."""
        return sorted(self.steps, key=lambda step: step.added_officers)


def is_team(kind: str) -> bool:
    return kind.startswith("outreach")


def kinds_of(scenario: Scenario) -> list[str]:
    """Kinds of site staff can be added to: fixed kinds, and a team per event kind visited."""
    kinds = [k for k in FIXED_KINDS if any(s.kind == k and s.ikd_installed for s in scenario.sites)]
    return kinds + [f"outreach:{kind}" for kind in event_kinds(scenario)]


def event_kinds(scenario: Scenario) -> list[str]:
    """The event kinds the scenario's teams visit, in the order they first appear."""
    found: list[str] = []
    for team in scenario.outreach.teams:
        for kind in team.weekly.values():
            if kind not in found:
                found.append(kind)
    return found


def team_size(scenario: Scenario) -> int:
    teams = scenario.outreach.teams
    return teams[0].officers if teams else 0


def staffed(scenario: Scenario, plan: dict[str, int], start: dt.date) -> Scenario:
    """The scenario with a plan's PPPK officers (and devices) added from ``start``."""
    tree = full_tree(scenario)
    pppk = tree["staff"]["pppk"]
    for kind, units in plan.items():
        if is_team(kind):
            tree["outreach"]["teams"] += _new_teams(scenario, kind, units, start)
        else:
            for unit, officers in _spread(scenario, kind, units).items():
                pppk.append(
                    {"site": unit, "officers": officers, "devices": officers, "from": start}
                )
    return rebuilt(tree, "search")


def _spread(scenario: Scenario, kind: str, officers: int) -> dict[str, int]:
    """Officers spread one at a time over the posts of a kind, in the scenario's order."""
    units = [
        u
        for s in scenario.sites
        if s.kind == kind and s.ikd_installed
        for u in unit_names(s.name, s.count)
    ]
    spread: dict[str, int] = {}
    for i in range(officers):
        unit = units[i % len(units)]
        spread[unit] = spread.get(unit, 0) + 1
    return spread


def _new_teams(scenario: Scenario, kind: str, teams: int, start: dt.date) -> list[dict]:
    """New teams like the first one, visiting the event kind of ``kind`` on its weekdays."""
    model = scenario.outreach.teams[0].model_dump(by_alias=True)
    event = kind.split(":", 1)[1]
    weekly = dict.fromkeys(model["weekly"], event)
    new = {"count": 1, "devices": model["officers"], "from": start, "weekly": weekly}
    return [model | new | {"name": f"{NEW_TEAM} {event} {i}"} for i in range(1, teams + 1)]


NEW_TEAM = "PPPK Tim"  # the name that starts every team the search adds


def _unlimited(scenario: Scenario, new_teams: int, start: dt.date) -> Scenario:
    """As much staff as the search may add: every site and team with ten times its staff and
    devices (at least one each), and as many new outreach teams as the cap allows (a new team
    brings its own events, so its own residents)."""
    if new_teams:
        plan = {kind: new_teams for kind in kinds_of(scenario) if is_team(kind)}
        scenario = staffed(scenario, plan, start)
    tree = full_tree(scenario)
    for group in [*tree["sites"], *tree["outreach"]["teams"], *tree["home_visits"]]:
        if group.get("ikd_installed", True):
            group["officers"] = max(1, group["officers"]) * UNLIMITED_FACTOR
            group["devices"] = max(1, group["devices"]) * UNLIMITED_FACTOR
    return rebuilt(tree, "search")


def _measure(plan: dict[str, int], reps: list[Replication], scenario: Scenario) -> Point:
    rows = kpi.rows_of(reps, scenario)
    return Point(
        plan=dict(plan),
        p_reach=kpi.p_reach(rows),
        activations_mean=float(np.mean(kpi.activations(rows))),
        main_wait_min=kpi.main_wait_mean(rows),
    )


def _meets(point: Point, goal: Goal) -> bool:
    wait_ok = (
        goal.max_main_wait_min is None
        or point.main_wait_min is None
        or point.main_wait_min <= goal.max_main_wait_min
    )
    return point.p_reach >= goal.p_target and wait_ok


def _key(plan: dict[str, int]) -> str:
    return ",".join(f"{k}={n}" for k, n in sorted(plan.items()) if n) or "none"


class Search:
    """The staffing search over one scenario, evaluating plans with ``evaluate``."""

    def __init__(
        self,
        scenario: Scenario,
        goal: Goal,
        evaluate: Evaluate,
        replications: int,
        start: dt.date,
        seed: int = 0,
    ) -> None:
        self.scenario, self.goal, self.evaluate, self.seed = scenario, goal, evaluate, seed
        self.reps = range(replications)
        self.start = start
        self.kinds = kinds_of(scenario)
        self.team_size = team_size(scenario)
        self.seen: dict[str, Point] = {}

    def points(self, plans: list[dict[str, int]]) -> list[Point]:
        """Evaluate plans (on the same replications), remembering each."""
        todo = {_key(p): p for p in plans if _key(p) not in self.seen}
        if todo:
            scenarios = {k: staffed(self.scenario, p, self.start) for k, p in todo.items()}
            results = self.evaluate(scenarios, self.reps)
            for k, plan in todo.items():
                self.seen[k] = _measure(plan, results[k], scenarios[k])
        return [self.seen[_key(p)] for p in plans]

    def run(self) -> SearchResult:
        baseline = self.points([{}])[0]
        if _meets(baseline, self.goal):
            return self._report("met_already", baseline, None, [baseline])
        ceiling = self._ceiling()
        if not _meets(ceiling, self.goal):
            return self._report("demand_limited", None, None, [baseline], ceiling)
        steps, current = [baseline], baseline
        while not _meets(current, self.goal):
            if current.officers(self.team_size) >= self.goal.max_added:
                return self._report("cap_reached", None, current, steps, ceiling)
            before = current
            current, kind = self._best_step(current)
            if kind is None:  # no unit anywhere adds an activation: nothing left to reach
                return self._report("no_gain", None, before, steps, ceiling)
            steps.append(current)
            current = self._gallop(before, current, kind, steps)
        chosen = self._prune(current)
        before = self._one_less(chosen)
        report = self._report("found", chosen, before, steps, ceiling, self._recheck(chosen))
        return dataclasses.replace(report, visits=self._visits(chosen))

    def _visits(self, point: Point) -> tuple[Visit, ...] | None:
        """Where the added teams go: replication 0 of the chosen plan, run here."""
        kinds = [kind for kind, n in point.plan.items() if n and is_team(kind)]
        scenario = staffed(self.scenario, point.plan, self.start)
        if not kinds or not scenario.outreach.institutions:
            return None
        model = Model(scenario, Streams(self.seed, 0))
        model.run()
        return tuple(
            Visit(team, model.calendar.date_of(d), kind, register.names[i], eligible, came)
            for kind, register in model.registers.items()
            for d, team, i, eligible, came in register.history
            if team.startswith(NEW_TEAM)
        )

    def _recheck(self, point: Point) -> Recheck:
        """The chosen plan again on fresh replications (not used to choose it)."""
        fresh = range(len(self.reps), 2 * len(self.reps))
        scenario = staffed(self.scenario, point.plan, self.start)
        again = _measure(
            point.plan, self.evaluate({"recheck": scenario}, fresh)["recheck"], scenario
        )
        return Recheck(
            replications=f"{fresh.start}-{fresh.stop - 1}",
            p_reach_target=again.p_reach,
            activations_mean=again.activations_mean,
            meets_goal=_meets(again, self.goal),
        )

    def _ceiling(self) -> Point:
        teams = self.goal.max_added // self.team_size if self.team_size else 0
        scenario = _unlimited(self.scenario, teams, self.start)
        reps = self.evaluate({"unlimited": scenario}, self.reps)["unlimited"]
        self.ceiling_rows = kpi.rows_of(reps, scenario)
        return _measure({}, reps, scenario)

    def _gain(self, before: Point, after: Point) -> tuple[float, float]:
        """What one plan adds over another, per officer: P(target), then activations."""
        extra = after.officers(self.team_size) - before.officers(self.team_size)
        return (
            (after.p_reach - before.p_reach) / extra,
            (after.activations_mean - before.activations_mean) / extra,
        )

    def _best_step(self, current: Point) -> tuple[Point, str | None]:
        """One more unit at the kind of site where it helps most per officer; no kind when
        none gains anything (every register and pool it could reach is used up)."""
        candidates = [{**current.plan, k: current.plan.get(k, 0) + 1} for k in self.kinds]
        points = self.points(candidates)
        best = max(range(len(points)), key=lambda i: self._gain(current, points[i]))
        if self._gain(current, points[best]) <= (0.0, 0.0):
            return current, None
        return points[best], self.kinds[best]

    def _gallop(self, before: Point, current: Point, kind: str, steps: list[Point]) -> Point:
        """Keep adding the kind that just helped, doubling the step, while each step still
        gains at least half as much per officer. A step that would meet the goal is bisected
        back to the most units that still miss it, and the one-unit greedy finishes from
        there (so the last units may go to another kind). Large answers take a few dozen
        evaluations instead of one per unit."""
        first_gain = self._gain(before, current)[1]
        add = 2
        while not _meets(current, self.goal) and first_gain > 0:
            if current.officers(self.team_size) >= self.goal.max_added:
                return current
            bigger = self.points([{**current.plan, kind: current.plan[kind] + add}])[0]
            if self._gain(current, bigger)[1] < first_gain / 2:
                return current
            if _meets(bigger, self.goal):
                return self._most_that_miss(current, bigger, kind)
            steps.append(bigger)
            current, add = bigger, add * 2
        return current

    def _most_that_miss(self, short: Point, enough: Point, kind: str) -> Point:
        """Bisect the units of ``kind`` between a plan that misses the goal and one that meets
        it: the plan with the most units that still misses."""
        low, high = short.plan[kind], enough.plan[kind]
        while high - low > 1:
            mid = (low + high) // 2
            point = self.points([{**enough.plan, kind: mid}])[0]
            if _meets(point, self.goal):
                high = mid
            else:
                low, short = mid, point
        return short

    def _prune(self, point: Point) -> Point:
        """Take away units the goal does not need, largest first (a team before an officer)."""
        improved = True
        while improved:
            improved = False
            order = sorted(point.plan, key=lambda k: not is_team(k))
            for kind in order:
                if not point.plan.get(kind):
                    continue
                smaller = self.points([{**point.plan, kind: point.plan[kind] - 1}])[0]
                if _meets(smaller, self.goal):
                    point, improved = smaller, True
                    break
        return point

    def _one_less(self, point: Point) -> Point | None:
        """The evidence below the answer: the best plan with one unit fewer."""
        smaller = [{**point.plan, k: n - 1} for k, n in point.plan.items() if n]
        if not smaller:
            return None
        return max(self.points(smaller), key=lambda p: (p.p_reach, p.activations_mean))

    def _cost(self, point: Point) -> float | None:
        return plan_cost(self.scenario, point.plan, self.start, self.team_size)

    def _report(self, status, chosen, before, steps, ceiling=None, recheck=None) -> SearchResult:
        size, cost = self.team_size, self._cost
        return SearchResult(
            status=status,
            goal=self.goal,
            pppk_from=self.start,
            replications=len(self.reps),
            kinds=tuple(self.kinds),
            outreach_team_size=size,
            chosen=chosen.reported(size, cost(chosen)) if chosen else None,
            one_unit_fewer=before.reported(size, cost(before)) if before else None,
            steps=tuple(p.reported(size, cost(p)) for p in steps),
            unlimited_staff=ceiling.reported(size) if ceiling else None,
            funnel=funnel(self.ceiling_rows) if status == "demand_limited" else None,
            recheck=recheck,
        )


def plan_cost(
    scenario: Scenario, plan: dict[str, int], start: dt.date, team_size: int
) -> float | None:
    """What a plan costs over the period (rupiah): each added officer's months from ``start``
    to the period's end and a device, and each added team's scheduled working days."""
    costs = scenario.staff.costs
    if costs is None:
        return None
    officers = sum(n * (team_size if is_team(kind) else 1) for kind, n in plan.items())
    months = max(0, (scenario.period.end - start).days + 1) / DAYS_PER_MONTH
    teams = sum(n for kind, n in plan.items() if is_team(kind))
    team_days = teams * _team_days(scenario, start) if teams else 0
    return (
        officers * (months * costs.pppk_officer_per_month + costs.device)
        + team_days * costs.vehicle_day
    )


DAYS_PER_MONTH = 365.25 / 12


def _team_days(scenario: Scenario, start: dt.date) -> int:
    """Days an added team works: the first team's weekdays from ``start``, offices open."""
    calendar, weekly = Calendar(scenario), scenario.outreach.teams[0].weekly
    return sum(
        1
        for day in days_of(max(start, scenario.period.start), scenario.period.end)
        if WEEKDAYS[day.weekday()] in weekly and not calendar.is_closed(day)
    )


def funnel(rows: list[kpi.KpiRow]) -> Funnel:
    """What stops residents when staff is not the limit: means per replication."""
    away = np.mean([row.by_reason for row in rows], axis=0)
    return Funnel(
        arrived=float(np.mean([row.arrived for row in rows])),
        activated=float(np.mean([row.new_activations for row in rows])),
        turned_away={reason: float(away[i]) for i, reason in enumerate(REASONS)},
        funnel_losses=float(sum(away[REASONS.index(r)] for r in FUNNEL_REASONS)),
    )
