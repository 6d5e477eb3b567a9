"""Page 1's answer, decided here so that every renderer says the same thing: today's staff,
the chance of reaching the target and how sure it is, what limits the result, and the plan
recommended, with a limit and a recommendation that never contradict each other.

What limits the result is read from the staffing search when it ran ("as much staff as
wanted" tells whether staff can reach the target at all); without it, from whose side most
residents who left without activating were stopped on, and then staff is neither ruled in
nor out. The recommendation is the search's plan, or else the compared proposal with the
highest chance of the target (then the most activations) whose gain over today is
significant; a proposal that adds staff is never recommended when the search found that
staff cannot reach the target.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sim.decide.proposals import Proposal, of_search
from sim.decide.results import Summary
from sim.decide.search import Recheck, SearchResult

ROUGH_WIDTH = 0.2  # a chance whose 95% interval is wider than 20 points is shown as rough
GOAL_P = 0.9  # "likely" when no search states its own goal (the search's default)


@dataclass(frozen=True)
class Chance:
    """The chance of reaching the target: estimate, 95% interval and the runs behind it."""

    p: float | None
    ci95: tuple[float, float] | None
    runs: int
    reached_in: int  # runs that reached the target

    @property
    def rough(self) -> bool:
        """True when the interval is too wide to read the estimate as a figure."""
        return self.ci95 is None or self.ci95[1] - self.ci95[0] > ROUGH_WIDTH


@dataclass(frozen=True)
class Limit:
    """What holds the result back. ``kind`` is "residents" (the residents' side: phone,
    e-mail, e-KTP, face check, or not enough residents willing), "register" (the
    institutions outreach can visit are used up), "capacity" (staff, hours, queues), or
    "none" (the target is likely already). ``staff_helps`` is the search's finding (None
    when it did not run)."""

    kind: str
    staff_helps: bool | None
    reason: str | None = None  # the largest reason residents left without activating
    resident_share: float | None = None  # residents' side share of all who left


@dataclass(frozen=True)
class Brief:
    """Page 1: the decision in a few facts."""

    staff: dict[str, tuple[int, int, int]]  # kind -> units, officers, devices at the start
    target: int
    period_end: dt.date
    chance: Chance
    activations_mean: float
    activations_p10: float
    activations_p90: float
    share_of_target: float | None
    gap_to_target: float
    reached_median: dt.date | None
    limit: Limit
    goal_p: float
    today: Proposal  # today's staffing, for "from ... to ..."
    plan: Proposal | None  # the recommendation (None: nothing to recommend)
    plan_meets_goal: bool
    proposals: tuple[Proposal, ...] = ()  # every compared proposal
    recheck: Recheck | None = None  # the search's plan on fresh replications
    recheck_runs: int = 0  # how many fresh replications


def chance_of(summary: Summary) -> Chance:
    """P(target) of a summary with its Wilson interval and the runs behind it."""
    runs, figures = summary.provenance.replications, summary.figures
    p, ci = figures["p_reach_target"], figures["p_reach_target_ci95"]
    reached = round(p * runs) if p is not None else 0
    return Chance(p, tuple(ci) if ci else None, runs, reached)


def limit_of(summary: Summary, search: SearchResult | None, has_register: bool) -> Limit:
    """What limits the result, from the search's finding when it ran."""
    limits = summary.limits
    reason = limits.reason if limits else None
    share = None
    if limits is not None:
        share = limits.side_share if limits.side == "resident" else 1 - limits.side_share
    if search is None:
        kind = (
            "none" if limits is None else ("residents" if limits.side == "resident" else "capacity")
        )
        return Limit(kind, None, reason, share)
    if search.status == "met_already":
        return Limit("none", False, reason, share)
    if search.status == "no_gain":
        return Limit("register" if has_register else "residents", False, reason, share)
    if search.status == "demand_limited":
        return Limit("residents", False, reason, share)
    return Limit("capacity", True, reason, share)


def _today(summary: Summary) -> Proposal:
    figures = summary.figures
    return Proposal(
        "baseline", "", 0, 0, None, 0.0, figures["p_reach_target"], figures["activations"]["mean"]
    )


def recommend(
    proposals: tuple[Proposal, ...], search: SearchResult | None, limit: Limit
) -> Proposal | None:
    """The search's plan, else the best compared proposal that significantly beats today
    (never one that adds staff when staff cannot reach the target)."""
    if search is not None and search.status == "found" and search.chosen is not None:
        return of_search(search.chosen, search.pppk_from)
    allowed = [
        p
        for p in proposals
        if p.difference is not None
        and p.difference.significant
        and (p.difference.mean or 0) > 0
        and not (limit.staff_helps is False and p.adds_staff)
    ]
    if not allowed:
        return None
    return max(allowed, key=lambda p: (p.p_reach_target or 0.0, p.activations_mean))


def brief(
    summary: Summary,
    proposals: tuple[Proposal, ...],
    search: SearchResult | None,
    has_register: bool,
) -> Brief:
    """Page 1 of a study: the baseline's figures, the limit and the recommendation."""
    figures = summary.figures
    activations = figures["activations"]
    limit = limit_of(summary, search, has_register)
    goal_p = search.goal.p_target if search is not None else GOAL_P
    plan = recommend(proposals, search, limit)
    median = figures["target_reached_date"]["median"]
    recheck = search.recheck if search is not None and plan is not None else None
    return Brief(
        staff=summary.staff_at_start or {},
        target=figures["target"],
        period_end=dt.date.fromisoformat(figures["period"]["end"]),
        chance=chance_of(summary),
        activations_mean=activations["mean"],
        activations_p10=activations["p10"],
        activations_p90=activations["p90"],
        share_of_target=summary.share_of_target,
        gap_to_target=summary.gap_to_target,
        reached_median=dt.date.fromisoformat(median) if median else None,
        limit=limit,
        goal_p=goal_p,
        today=_today(summary),
        plan=plan,
        plan_meets_goal=plan is not None and (plan.p_reach_target or 0.0) >= goal_p,
        proposals=proposals,
        recheck=recheck,
        recheck_runs=_runs(recheck),
    )


def _runs(recheck: Recheck | None) -> int:
    """The fresh replications of a recheck ("20-39" -> 20)."""
    if recheck is None:
        return 0
    first, last = (int(n) for n in recheck.replications.split("-"))
    return last - first + 1
