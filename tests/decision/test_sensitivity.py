"""--sensitivity: one-at-a-time low/high runs of the inputs a scenario declares uncertain,
sorted by the swing of end-of-period activations (tornado data) in sensitivity.json."""

from __future__ import annotations

import json

import numpy as np
import pytest

from sim.decide.kpi import reached_day
from sim.decide.replicate import run_replications
from sim.scenario import apply_changes

SEED = 4
REPS = 3

# On the 20-day M/M/c scenario (4 officers, 518 walk-ins a day, rho 0.9).
UNCERTAIN = {
    "walk_ins": {
        "key": "sites.Loket.walk_ins_per_day",
        "low": 300,
        "high": 560,
        "label": "Walk-ins a day",
    },
    "smartphone": {"key": "residents.compatible_smartphone_share", "low": 0.8, "high": 0.9},
    "service": {  # longer service, fewer activations: a negative swing
        "key": "activation.officer_min",
        "low": {"kind": "exponential", "mean": 9},
        "high": {"kind": "exponential", "mean": 11},
    },
    "spare_devices": {"key": "sites.Loket.devices", "low": 4, "high": 8},  # no effect
}


@pytest.fixture(scope="module")
def swept(short_mmc, changed, to_text, cli, tmp_path_factory):
    scenario = changed({"goal.target_count": 9000}, base=short_mmc)
    folder = tmp_path_factory.mktemp("sensitivity")
    path, out = folder / "scenario.yaml", folder / "out"
    path.write_text(to_text(scenario, sensitivity=UNCERTAIN), encoding="utf-8")
    args = ["--sensitivity", "-n", str(REPS), "--seed", str(SEED), "--workers", "1"]
    result = cli(path, *args, "--lang", "en", "--out", out)
    assert result.code == 0, result.err
    data = json.loads((out / "sensitivity.json").read_text(encoding="utf-8"))
    return scenario, data, result, out


def kpis(scenario) -> dict:
    reps = run_replications(scenario, SEED, REPS)
    return {
        "activations_mean": float(np.mean([r.activations for r in reps])),
        "p_reach_target": float(np.mean([reached_day(r, scenario) is not None for r in reps])),
    }


def test_every_declared_input_sorted_by_absolute_swing(swept):
    _, data, _, _ = swept
    inputs = data["inputs"]
    assert sorted(row["name"] for row in inputs) == sorted(UNCERTAIN)
    swings = [abs(row["swing_activations"]) for row in inputs]
    assert swings == sorted(swings, reverse=True)
    assert swings[0] > swings[-1]  # a real ordering, not all equal
    assert inputs[-1]["name"] == "spare_devices"
    assert inputs[-1]["swing_activations"] == 0
    assert data["replications"] == REPS


def test_swings_are_high_minus_low(swept):
    _, data, _, _ = swept
    by_name = {row["name"]: row for row in data["inputs"]}
    for row in data["inputs"]:
        high, low = row["high"], row["low"]
        assert row["swing_activations"] == high["activations_mean"] - low["activations_mean"]
        assert row["swing_p_reach_target"] == high["p_reach_target"] - low["p_reach_target"]
        spec = UNCERTAIN[row["name"]]
        assert (row["key"], row["low_value"], row["high_value"]) == (
            spec["key"],
            spec["low"],
            spec["high"],
        )
        assert row["label"] == spec.get("label", row["name"])
    assert by_name["walk_ins"]["swing_activations"] > 0
    assert by_name["service"]["swing_activations"] < 0
    # 300 walk-ins a day cannot reach 9000 in 20 days; 560 can
    assert by_name["walk_ins"]["swing_p_reach_target"] == 1.0


def test_low_and_high_are_the_scenario_with_only_that_input_changed(swept):
    """Recomputed here, on the same seed and replications: the same figures exactly."""
    scenario, data, _, _ = swept
    assert data["base"] == kpis(scenario)
    for row in data["inputs"]:
        if row["name"] in ("walk_ins", "service"):
            for end in ("low", "high"):
                alone = apply_changes(scenario, {row["key"]: row[f"{end}_value"]}, "test", "")
                assert row[end] == kpis(alone), (row["name"], end)


def test_base_matches_the_summary(swept):
    _, data, _, out = swept
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert data["base"]["activations_mean"] == summary["activations"]["mean"]
    assert data["base"]["p_reach_target"] == summary["p_reach_target"]


def test_the_terminal_shows_the_inputs(swept):
    _, _, result, _ = swept
    assert "Walk-ins a day" in result.out
    assert "spare_devices" in result.out


@pytest.mark.parametrize("end", ["low", "high"])
def test_an_input_that_cannot_be_applied_is_refused(end, short_mmc, write_scenario, cli, tmp_path):
    """low: a key path that does not exist; high: a value out of range at one end only.
    Refused before any run, with one line naming the input, the end and the key path."""
    broken = {**UNCERTAIN, "typo": {"key": "sites.Loket.walkins_per_day", "low": 1, "high": 2}}
    if end == "high":  # a key that exists, a value that does not validate at one end only
        broken["typo"] = {"key": "residents.android_share", "low": 0.5, "high": 1.5}
    path, out = write_scenario(short_mmc, sensitivity=broken), tmp_path / "out"
    result = cli(path, "--sensitivity", "-n", "2", "--workers", "1", "--lang", "en", "--out", out)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert str(path) in lines[0]
    assert f"sensitivity.typo.{end}" in lines[0]
    if end == "low":
        assert "sites.Loket.walkins_per_day" in lines[0]
        assert "does not exist" in lines[0]
    else:
        assert "residents.android_share" in lines[0]
    assert not out.exists()  # refused before any run
