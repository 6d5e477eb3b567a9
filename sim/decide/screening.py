"""Global sensitivity over the uncertain inputs, with SALib: which inputs drive the result.

Points are sampled in the unit cube (one axis per input of ``uncertain.inputs``) by Morris
trajectories (screening, the default) or Saltelli's scheme for Sobol indices, and each axis
is mapped through its input's quantile function, so a point is a set of plausible values.
Every point runs the same replications (common random numbers), with its values fixed, so
the differences between points are the inputs' effects and little noise. Quantiles are
kept within [0.5%, 99.5%] so unbounded inputs (log-normal) stay finite.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sim.decide import kpi
from sim.metrics import Replication
from sim.scenario import Scenario, ScenarioError
from sim.uncertain import fixed_at

Evaluate = Callable[[dict[str, Scenario], range], dict[str, list[Replication]]]
METHODS = ("morris", "sobol")
DEFAULT_SAMPLES = {"morris": 8, "sobol": 16}  # trajectories; Sobol base samples (power of 2)
MORRIS_LEVELS = 4
EDGE = 0.005


@dataclass(frozen=True)
class InputEffect:
    """One input's effect on end-of-period activations and on P(target)."""

    name: str
    label: str
    key: str
    activations: float  # Morris mu*: mean |effect| across the whole range; Sobol: total index
    activations_spread: float  # Morris sigma (interactions, non-linearity); Sobol: first order
    p_reach_target: float  # the same two measures for P(target reached)
    p_reach_spread: float
    label_id: str = ""  # the label in Bahasa Indonesia, when the scenario gives one


@dataclass(frozen=True)
class GlobalSensitivity:
    """The inputs by their effect on activations, largest first."""

    method: str
    samples: int  # Morris trajectories, or Sobol base samples
    points: int  # parameter sets run
    replications: int  # per point
    inputs: tuple[InputEffect, ...]


def problem_of(scenario: Scenario) -> dict:
    """SALib's problem: one unit axis per uncertain input."""
    names = list(scenario.uncertain.inputs)
    return {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}


def unit_points(method: str, problem: dict, samples: int, seed: int) -> np.ndarray:
    """The points of the design in the unit cube, one row per point."""
    from SALib.sample import morris as morris_sample  # here: only screening runs need SALib
    from SALib.sample import sobol as sobol_sample

    if method == "morris":
        return morris_sample.sample(problem, samples, num_levels=MORRIS_LEVELS, seed=seed)
    return sobol_sample.sample(problem, samples, calc_second_order=False, seed=seed)


def values_at(scenario: Scenario, u: np.ndarray) -> dict[str, float]:
    """The input values at one point of the unit cube."""
    items = scenario.uncertain.inputs.values()
    edge = np.clip(u, EDGE, 1 - EDGE)
    return {it.key: float(it.distribution.quantile(x)) for it, x in zip(items, edge, strict=True)}


def screen(
    scenario: Scenario, evaluate: Evaluate, replications: int, method: str, samples: int, seed: int
) -> GlobalSensitivity:
    """Run every point of the design and estimate each input's effect."""
    if not scenario.uncertain.inputs:
        raise ScenarioError("--sensitivity", "uncertain.inputs", "no_uncertain_inputs")
    problem = problem_of(scenario)
    points = unit_points(method, problem, samples, seed)
    runs = {f"p{i}": fixed_at(scenario, values_at(scenario, u)) for i, u in enumerate(points)}
    results = evaluate(runs, range(replications))
    rows = [kpi.rows_of(results[name], runs[name]) for name in runs]
    activations = np.array([kpi.activations(r).mean() for r in rows])
    reached = np.array([kpi.p_reach(r) for r in rows])
    effects = _effects(method, problem, points, activations, seed)
    on_p = _effects(method, problem, points, reached, seed)
    inputs = [
        InputEffect(name, item.label or name, item.key, *effects[i], *on_p[i], item.label_id)
        for i, (name, item) in enumerate(scenario.uncertain.inputs.items())
    ]
    inputs.sort(key=lambda row: row.activations, reverse=True)
    return GlobalSensitivity(method, samples, len(points), replications, tuple(inputs))


def _effects(method, problem, points, y: np.ndarray, seed: int) -> list[tuple[float, float]]:
    """(main measure, second measure) per input; zeros when ``y`` does not vary."""
    from SALib.analyze import morris as morris_analyze
    from SALib.analyze import sobol as sobol_analyze

    if np.ptp(y) == 0:
        return [(0.0, 0.0)] * problem["num_vars"]
    if method == "morris":
        found = morris_analyze.analyze(problem, points, y, num_levels=MORRIS_LEVELS, seed=seed)
        return list(zip(map(float, found["mu_star"]), map(float, found["sigma"]), strict=True))
    found = sobol_analyze.analyze(problem, y, calc_second_order=False, seed=seed)
    return list(zip(map(float, found["ST"]), map(float, found["S1"]), strict=True))
