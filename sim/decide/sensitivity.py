"""What matters most: one-at-a-time sweeps over the inputs a scenario declares uncertain.

Each input is set to its low and to its high value, everything else as in the scenario,
and all runs share the same replications (common random numbers), so each swing is the
effect of that input alone. Sorted by the swing in end-of-period activations: the data of a
tornado chart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from pydantic import TypeAdapter

from sim.decide import kpi
from sim.distributions import Distribution
from sim.metrics import Replication
from sim.scenario import Scenario, apply_changes

Evaluate = Callable[[dict[str, Scenario], range], dict[str, list[Replication]]]
_DISTRIBUTION = TypeAdapter(Distribution)


@dataclass(frozen=True)
class Kpis:
    """What one run of the sweep reached."""

    activations_mean: float
    p_reach_target: float


@dataclass(frozen=True)
class SweptInput:
    """One uncertain input at its low and its high value, and the swing between them."""

    name: str
    label: str
    key: str
    low_value: Any
    high_value: Any
    low: Kpis
    high: Kpis
    swing_activations: float
    swing_p_reach_target: float
    low_mean: float | None  # the mean of a distribution value (None for a plain value)
    high_mean: float | None
    label_id: str = ""  # the label in Bahasa Indonesia, when the scenario gives one


@dataclass(frozen=True)
class Sensitivity:
    """The one-at-a-time sweep: the base run and every input, widest swing first."""

    replications: int
    base: Kpis
    inputs: tuple[SweptInput, ...]

    def against_base(self, row: SweptInput) -> tuple[float, float]:
        """Mean activations at the low and at the high value, minus the base run's."""
        base = self.base.activations_mean
        return row.low.activations_mean - base, row.high.activations_mean - base


def _kpis(reps: list[Replication], scenario: Scenario) -> Kpis:
    rows = kpi.rows_of(reps, scenario)
    return Kpis(float(np.mean(kpi.activations(rows))), kpi.p_reach(rows))


def _mean_of(value: Any) -> float | None:
    return _DISTRIBUTION.validate_python(value).mean if isinstance(value, dict) else None


def sweep(scenario: Scenario, evaluate: Evaluate, replications: int, source: str) -> Sensitivity:
    """Low and high runs of every declared uncertain input, with the swings they cause."""
    runs = {"base": scenario}
    for name, item in scenario.sensitivity.items():
        for end in ("low", "high"):
            label = f"sensitivity.{name}.{end}: "
            runs[f"{name}:{end}"] = apply_changes(
                scenario, {item.key: getattr(item, end)}, source, label
            )
    results = evaluate(runs, range(replications))
    measured = {label: _kpis(results[label], runs[label]) for label in runs}
    inputs = [
        _swept(name, item, measured[f"{name}:low"], measured[f"{name}:high"])
        for name, item in scenario.sensitivity.items()
    ]
    inputs.sort(key=lambda row: abs(row.swing_activations), reverse=True)
    return Sensitivity(replications, measured["base"], tuple(inputs))


def _swept(name: str, item, low: Kpis, high: Kpis) -> SweptInput:
    return SweptInput(
        name=name,
        label=item.label or name,
        key=item.key,
        low_value=item.low,
        high_value=item.high,
        low=low,
        high=high,
        swing_activations=high.activations_mean - low.activations_mean,
        swing_p_reach_target=high.p_reach_target - low.p_reach_target,
        low_mean=_mean_of(item.low),
        high_mean=_mean_of(item.high),
        label_id=item.label_id,
    )
