"""A study: what the user asked for, run and analysed into typed results.

``prepare`` resolves the scenario and its variants (bad input stops here, before anything
runs); ``run`` runs the replications, the staffing search and the sensitivity sweep it asks
for, and returns :class:`Results`, which the command line writes and prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sim.calendar import Calendar
from sim.decide import abk, analysis, forecast, proposals, screening, sensitivity
from sim.decide.brief import Brief, brief
from sim.decide.calibrate import Settings
from sim.decide.executors import executor_for
from sim.decide.fit import ObservedFit, fit
from sim.decide.kpi import KpiRow, rows_of
from sim.decide.replicate import run_one
from sim.decide.results import Caution, Summary, limits_of, provenance
from sim.decide.runner import Outcome, Plan, evaluator, resolve_variants, run_variants
from sim.decide.search import Goal, Search, SearchResult, staffed
from sim.decide.store import ResultStore
from sim.decide.summary import summarise
from sim.decide.variance import Uncertainty, uncertainty
from sim.metrics import Replication
from sim.observed import ObservedRecord, read_observed
from sim.origins import Origin
from sim.scenario import (
    Scenario,
    ScenarioError,
    Variant,
    parse_set,
    validate_variants,
)
from sim.template.read import load_any
from sim.uncertain import check, declared, drawn, fixed_at


@dataclass(frozen=True)
class Where:
    """Where replications run: local processes, or a dask cluster."""

    workers: int = 1
    dask: str | None = None
    dask_local: int | None = None


@dataclass(frozen=True)
class Request:
    """Everything the user asked for."""

    source: str  # the scenario file
    out: Path
    plan: Plan
    variant: str = "baseline"
    compare: bool = False
    overrides: tuple[str, ...] = ()  # --set KEY=VALUE items
    where: Where = field(default_factory=Where)
    resume: bool = False
    goal: Goal | None = None  # --find-staff
    pppk_from: dt.date | None = None
    sensitivity: str | None = None  # "auto", "morris", "sobol" or "oat" (one at a time)
    sensitivity_samples: int | None = None  # Morris trajectories or Sobol base samples
    event_log: bool = False
    observed: Path | None = None  # --observed: the office's record to set the run against
    calibrate: bool = False  # fit the uncertain inputs to the record
    from_observed: bool = False  # start from the last observed date and count
    backtest: dt.date | None = None  # calibrate up to this date, forecast the rest
    abc: Settings = field(default_factory=Settings)


@dataclass(frozen=True)
class Prepared:
    """The resolved scenarios of a request, in the order they run (the first is reported)."""

    request: Request
    variants: dict[str, Variant]  # the variants the scenario file declares
    scenarios: dict[str, Scenario]
    warnings: tuple[Caution, ...]
    origins: dict[str, Origin]  # where each key of the file (and its bases) was written
    observed: ObservedRecord | None = None

    @property
    def first(self) -> str:
        return next(iter(self.scenarios))


@dataclass(frozen=True)
class Results:
    """A study's results: the replications, their KPI rows and everything analysed from them."""

    prepared: Prepared
    reps: dict[str, list[Replication]]
    rows: dict[str, list[KpiRow]]
    summaries: dict[str, Summary]
    comparison: analysis.Comparison | None = None
    search: SearchResult | None = None
    sweep: sensitivity.Sensitivity | None = None
    screening: screening.GlobalSensitivity | None = None
    uncertainty: Uncertainty | None = None  # the first variant's input uncertainty
    calibrated: forecast.Calibrated | None = None
    backtest: forecast.Backtest | None = None
    events: list[tuple] | None = None  # replication 0's event log, when asked for
    fit: tuple[ObservedFit, ...] | None = None  # the observed record against the run
    proposals: tuple[proposals.Proposal, ...] = ()  # the compared variants, by description
    abk_cases: tuple[abk.Abk, ...] = ()  # ABK of today, each proposal or the plan, the target
    brief: Brief | None = None  # page 1: the decision

    @property
    def first(self) -> str:
        return self.prepared.first

    @property
    def summary(self) -> Summary:
        return self.summaries[self.prepared.first]

    @property
    def scenarios(self) -> dict[str, Scenario]:
        return self.prepared.scenarios

    def changes(self) -> dict[str, str]:
        """Keys a variant or --set changed on top of the scenario file, and who changed them."""
        request, changed = self.prepared.request, {}
        if request.variant != "baseline" and not request.compare:
            keys = self.prepared.variants[request.variant].changes
            changed |= dict.fromkeys(keys, f"variants.{request.variant}")
        for item in request.overrides:
            changed[item.partition("=")[0].strip()] = "--set"
        return changed


def prepare(request: Request) -> Prepared:
    """Load and resolve the scenario and the variants a request runs."""
    base, found = load_any(request.source)
    validate_variants(base, request.source)
    names = ["baseline", *base.variants] if request.compare else [request.variant]
    changes = parse_set(list(request.overrides), request.source)
    scenarios = resolve_variants(base, names, changes, request.source)
    for scenario in scenarios.values():
        check(scenario, request.source)
    observed = _observed(request, scenarios[names[0]])
    if request.from_observed:
        scenarios = {n: forecast.from_observed(s, observed) for n, s in scenarios.items()}
    warnings = tuple(Caution(key, years) for key, years in Calendar(scenarios[names[0]]).warnings())
    return Prepared(request, dict(base.variants), scenarios, warnings, found, observed)


def _observed(request: Request, scenario: Scenario) -> ObservedRecord | None:
    """The office's record, when given; refused when an option needs it and it is missing."""
    needs = [opt for opt, on in _NEEDS_RECORD.items() if getattr(request, on)]
    if needs and request.observed is None:
        raise ScenarioError(request.source, needs[0], "needs_observed")
    if not request.observed:
        return None
    record = read_observed(request.observed, scenario)
    if (request.calibrate or request.backtest) and not scenario.uncertain.inputs:
        raise ScenarioError(request.source, "uncertain.inputs", "no_uncertain_inputs")
    if request.backtest:
        forecast.up_to(record, request.backtest)
        forecast.later_than(record, request.backtest, scenario)
    return record


_NEEDS_RECORD = {
    "--calibrate": "calibrate",
    "--from-observed": "from_observed",
    "--backtest": "backtest",
}


def run(prepared: Prepared) -> Results:
    """Run what a prepared request asks for and analyse it."""
    request, scenarios = prepared.request, prepared.scenarios
    chosen = scenarios[prepared.first]
    where = request.where
    with executor_for(where.workers, where.dask, where.dask_local) as executor:
        store = ResultStore(request.out)
        outcome = run_variants(scenarios, request.plan, store, executor, request.resume)
        evaluate = evaluator(request.plan.seed, executor, request.plan.quiet)
        search = _find_staff(request, chosen, evaluate) if request.goal else None
        plan_abk = _plan_abk(search, chosen, evaluate, request.plan.replications)
        sweep, screened = _sensitivity(request, chosen, evaluate)
        fitted, tested = _from_record(prepared, chosen, evaluate, executor)
    first_rows = outcome.rows[prepared.first]
    seed = request.plan.seed
    summaries = _summaries(prepared, outcome)
    comparison = analysis.compare(outcome.rows) if request.compare else None
    offered = _proposals(prepared, summaries, comparison)
    summary = summaries[prepared.first]
    return Results(
        prepared=prepared,
        reps=outcome.reps,
        rows=outcome.rows,
        summaries=summaries,
        comparison=comparison,
        search=search,
        sweep=sweep,
        screening=screened,
        uncertainty=uncertainty(first_rows, chosen, seed) if chosen.uncertain.active else None,
        calibrated=fitted,
        backtest=tested,
        events=_events(chosen, request) if request.event_log else None,
        fit=_fit(prepared, outcome.reps[prepared.first], chosen),
        proposals=offered,
        abk_cases=_abk_cases(summaries, prepared.first, plan_abk),
        brief=brief(summary, offered, search, bool(chosen.outreach.institutions)),
    )


def _proposals(prepared: Prepared, summaries, comparison) -> tuple[proposals.Proposal, ...]:
    if comparison is None:
        return ()
    return proposals.of_variants(prepared.scenarios, summaries, prepared.variants, comparison)


def _plan_abk(search: SearchResult | None, scenario: Scenario, evaluate, n: int) -> abk.Abk | None:
    """The ABK of the search's plan, on the replications the search chose it on."""
    if search is None or search.status != "found" or search.chosen is None:
        return None
    planned = staffed(scenario, search.units(search.chosen), search.pppk_from)
    reps = evaluate({"plan": planned}, range(n))["plan"]
    figures = summarise(reps, planned, rows_of(reps, planned))
    return abk.table(planned, reps, figures, case="plan", variant="plan")


def _abk_cases(summaries: dict[str, Summary], first: str, plan: abk.Abk | None) -> tuple:
    """Today's ABK, each compared proposal's (or the search's plan's), and the target's."""
    today = summaries[first].abk
    others = [s.abk for name, s in summaries.items() if name != first and s.abk is not None]
    plans = [plan] if plan is not None else others
    return (today, *plans, abk.for_the_target(today))


def _fit(prepared: Prepared, reps: list[Replication], scenario: Scenario):
    """The record against the run: the observations inside the run's period."""
    inside = forecast.in_period(prepared.observed, scenario)
    return fit(inside, reps, scenario) if inside else None


def _sensitivity(request: Request, scenario: Scenario, evaluate):
    """The one-at-a-time sweep or the global screening the request asks for (or neither)."""
    method = request.sensitivity
    if method is None:
        return None, None
    if method == "auto":
        method = "morris" if scenario.uncertain.inputs else "oat"
    reps = request.plan.replications
    if method == "oat":
        fixed = fixed_at(scenario, {}) if declared(scenario) else scenario
        return sensitivity.sweep(fixed, evaluate, reps, request.source), None
    samples = request.sensitivity_samples or screening.DEFAULT_SAMPLES[method]
    seed = request.plan.seed
    return None, screening.screen(scenario, evaluate, reps, method, samples, seed)


def _from_record(prepared: Prepared, scenario: Scenario, evaluate, executor):
    """The calibration and the backtest the request asks for."""
    request, record = prepared.request, prepared.observed
    if not (request.calibrate or request.backtest):
        return None, None
    plan = request.plan
    how = forecast.Fitting(
        plan.seed,
        plan.replications,
        evaluate,
        executor,
        request.abc,
        request.where.workers,
        request.out,
    )
    fitted = forecast.calibrated(scenario, record, how) if request.calibrate else None
    tested = (
        forecast.backtest(scenario, record, request.backtest, how) if request.backtest else None
    )
    return fitted, tested


def _find_staff(request: Request, scenario: Scenario, evaluate) -> SearchResult:
    start = request.pppk_from or scenario.pppk_start
    plan = request.plan
    return Search(scenario, request.goal, evaluate, plan.replications, start, plan.seed).run()


def _events(scenario: Scenario, request: Request) -> list[tuple]:
    """Replication 0 again, with every resident's events kept (its counts are unchanged)."""
    seed = request.plan.seed
    chosen = drawn(scenario, seed, 0) if declared(scenario) else scenario
    return run_one(chosen, seed, 0, event_log=True).events


def _summaries(prepared: Prepared, outcome: Outcome) -> dict[str, Summary]:
    return {name: _summary(prepared, outcome, name, with_abk=True) for name in prepared.scenarios}


def _summary(prepared: Prepared, outcome: Outcome, name: str, with_abk: bool) -> Summary:
    scenario, reps = prepared.scenarios[name], outcome.reps[name]
    figures = summarise(reps, scenario, outcome.rows[name])
    seed = prepared.request.plan.seed
    case = "today" if name == prepared.first else "plan"
    table = abk.table(scenario, reps, figures, case, name) if with_abk else None
    return Summary(
        variant=name,
        figures=figures,
        warnings=prepared.warnings,
        provenance=provenance(scenario, seed, len(reps), name),
        limits=limits_of(figures["turned_away"]),
        precision_pct=outcome.precision.get(name),
        abk=table,
        staff_at_start=abk.staff_at_start(scenario),
    )
