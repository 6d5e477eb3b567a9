"""Uncertain inputs: each parameter set draws its values from its own random stream.

Replication ``r`` uses parameter set ``k = r // inner_replications``. Set ``k`` maps, for
each input, one uniform number from the stream (seed, k, ``parameters:<name>``) through the
input's quantile function; joint samples take one row from (seed, k, ``parameters:joint``).
The streams are keyed by names, not by the variant, so replication ``r`` of every proposal
runs under the same parameter set (common random numbers), and adding an input leaves the
others' draws as they were. Parameter draws never touch the streams of the simulation.
"""

from __future__ import annotations

import numpy as np

from sim.keypath import get_path
from sim.scenario import Scenario, ScenarioError, apply_changes, full_tree
from sim.streams import Streams

CHECK_QUANTILES = (0.001, 0.5, 0.999)  # where an unbounded input is checked before a run


def set_of(scenario: Scenario, replication: int) -> int:
    """The parameter set replication ``replication`` runs under."""
    return replication // scenario.uncertain.inner_replications


def declared(scenario: Scenario) -> bool:
    """Whether the scenario declares any uncertain input (zero-width ones included)."""
    return bool(scenario.uncertain.inputs) or scenario.uncertain.joint is not None


def draw(scenario: Scenario, seed: int, k: int) -> dict[str, float]:
    """Parameter set ``k``: a value for every uncertain key."""
    streams, block = Streams(seed, k), scenario.uncertain
    values = {
        item.key: float(item.distribution.quantile(streams(f"parameters:{name}").random()))
        for name, item in block.inputs.items()
    }
    if block.joint is not None:
        joint = block.joint
        p = None if joint.weights is None else np.asarray(joint.weights) / sum(joint.weights)
        row = streams("parameters:joint").choice(len(joint.samples), p=p)
        values |= dict(zip(joint.keys, joint.samples[row], strict=True))
    return values


def fixed_at(
    scenario: Scenario, values: dict[str, float], source: str = "", label: str = ""
) -> Scenario:
    """The scenario with these values set (whole numbers where a key holds one) and no
    uncertain inputs left: what one parameter set runs."""
    tree = full_tree(scenario)
    changes = {key: _typed(tree, key, value) for key, value in values.items()}
    changes["uncertain"] = {}
    return apply_changes(scenario, changes, source, label)


def drawn(scenario: Scenario, seed: int, replication: int) -> Scenario:
    """The scenario replication ``replication`` runs: its parameter set's values set."""
    return fixed_at(scenario, draw(scenario, seed, set_of(scenario, replication)))


def used(scenario: Scenario, seed: int, k: int) -> dict[str, float | int]:
    """Parameter set ``k`` as the run uses it (whole numbers where a key holds one)."""
    tree = full_tree(scenario)
    return {key: _typed(tree, key, value) for key, value in draw(scenario, seed, k).items()}


def _typed(tree: dict, key: str, value: float) -> float | int:
    current = get_path(tree, key)
    return round(value) if isinstance(current, int) and not isinstance(current, bool) else value


def check(scenario: Scenario, source: str) -> None:
    """Refuse, before anything runs, a key that is missing or not a number, and values of
    an input's range (or a joint sample) the scenario cannot take."""
    tree, block = full_tree(scenario), scenario.uncertain
    for name, item in block.inputs.items():
        label = f"uncertain.inputs.{name}.key: "
        _numeric(tree, item.key, source, label)
        for value in item.distribution.quantile(np.array(CHECK_QUANTILES)):
            fixed_at(scenario, {item.key: float(value)}, source, label)
    if block.joint is not None:
        for key in block.joint.keys:
            _numeric(tree, key, source, "uncertain.joint.keys: ")
        for i, row in enumerate(block.joint.samples):
            values = dict(zip(block.joint.keys, row, strict=True))
            fixed_at(scenario, values, source, f"uncertain.joint.samples.{i}: ")


def _numeric(tree: dict, key: str, source: str, label: str) -> None:
    where = label.removesuffix(": ")  # the message names the path itself
    try:
        current = get_path(tree, key)
    except KeyError as exc:
        raise ScenarioError(source, where, "no_such_key", path=exc.args[0]) from None
    if isinstance(current, bool) or not isinstance(current, int | float):
        found = type(current).__name__
        raise ScenarioError(source, where, "uncertain_not_number", path=key, found=found)
