"""What matters most: one-at-a-time sweeps over the inputs a scenario declares uncertain.

Each input is set to its low and to its high value, everything else as in the scenario,
and all runs share the same replications (common random numbers), so each swing is the
effect of that input alone. Sorted by the swing in end-of-period activations: the data of a
tornado chart.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from sim.decide import kpi
from sim.metrics import Replication
from sim.scenario import Scenario, apply_changes

Evaluate = Callable[[dict[str, Scenario], range], dict[str, list[Replication]]]


def _kpis(reps: list[Replication], scenario: Scenario) -> dict:
    rows = kpi.rows_of(reps, scenario)
    return {
        "activations_mean": float(np.mean(kpi.activations(rows))),
        "p_reach_target": kpi.p_reach(rows),
    }


def sweep(scenario: Scenario, evaluate: Evaluate, replications: int, source: str) -> dict:
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
    inputs = []
    for name, item in scenario.sensitivity.items():
        low, high = measured[f"{name}:low"], measured[f"{name}:high"]
        inputs.append(
            {
                "name": name,
                "label": item.label or name,
                "key": item.key,
                "low_value": item.low,
                "high_value": item.high,
                "low": low,
                "high": high,
                "swing_activations": high["activations_mean"] - low["activations_mean"],
                "swing_p_reach_target": high["p_reach_target"] - low["p_reach_target"],
            }
        )
    inputs.sort(key=lambda row: abs(row["swing_activations"]), reverse=True)
    return {"replications": replications, "base": measured["base"], "inputs": inputs}
