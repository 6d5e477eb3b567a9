"""How much of the spread in activations comes from the uncertain inputs, and how much
from chance (who comes, how long each takes), by the law of total variance.

Replications run in groups sharing a parameter set (``uncertain.inner_replications``). With
K sets of m replications each, the balanced one-way random-effects analysis of variance
gives unbiased estimates of both parts:

    chance = mean over sets of the variance within a set           (E[Var(Y | inputs)])
    inputs = (m * variance of the set means - chance) / m, at least 0  (Var(E[Y | inputs]))

Their sum estimates the total variance of Y. With m = 1 the two cannot be told apart.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.decide import kpi
from sim.scenario import Scenario
from sim.uncertain import used


@dataclass(frozen=True)
class VarianceSplit:
    """The variance of end-of-period activations, split into inputs and chance."""

    sets: int  # parameter sets with all their inner replications
    inner: int  # replications per set
    inputs_var: float
    chance_var: float

    @property
    def total_var(self) -> float:
        return self.inputs_var + self.chance_var

    @property
    def inputs_share(self) -> float | None:
        """The share of the variance from the inputs (None when nothing varies)."""
        return self.inputs_var / self.total_var if self.total_var > 0 else None


@dataclass(frozen=True)
class ParameterSet:
    """One parameter set: the values drawn and the mean activations its replications reached."""

    index: int
    values: dict[str, float | int]  # key -> value used
    activations_mean: float


@dataclass(frozen=True)
class Uncertainty:
    """The input uncertainty of one variant's run."""

    split: VarianceSplit | None  # None with one replication per set, or fewer than two sets
    sets: tuple[ParameterSet, ...]


def split(values: np.ndarray, inner: int) -> VarianceSplit | None:
    """The split of ``values`` (replications in order, ``inner`` per set)."""
    sets = len(values) // inner
    if inner < 2 or sets < 2:
        return None
    groups = np.asarray(values[: sets * inner], float).reshape(sets, inner)
    chance = float(groups.var(axis=1, ddof=1).mean())
    between = float(inner * groups.mean(axis=1).var(ddof=1))
    return VarianceSplit(sets, inner, max(0.0, (between - chance) / inner), chance)


def uncertainty(rows: list[kpi.KpiRow], scenario: Scenario, seed: int) -> Uncertainty:
    """The split and the parameter sets of one variant's replications."""
    inner = scenario.uncertain.inner_replications
    values = kpi.activations(rows)
    sets = [
        ParameterSet(k, used(scenario, seed, k), float(values[k * inner : (k + 1) * inner].mean()))
        for k in range(-(-len(values) // inner))
    ]
    return Uncertainty(split(values, inner), tuple(sets))
