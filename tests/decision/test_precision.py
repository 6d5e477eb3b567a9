"""--precision X adds replications until the 95% CI half-width of end-of-period activations
is within X% of the mean, says how many it took, and stops at --max-replications."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sim.decide.analysis import relative_half_width, replications_needed


def summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def half_width_pct(s: dict) -> float:
    low, high = s["activations"]["ci95"]
    return 100 * (high - low) / 2 / s["activations"]["mean"]


def rep_count(out: Path, variant: str = "baseline") -> int:
    return len(list((out / "replications" / variant).glob("rep-*.npz")))


def test_precision_adds_replications_until_the_ci_is_narrow_enough(
    short_mmc, write_scenario, cli, tmp_path
):
    path, out = write_scenario(short_mmc), tmp_path / "out"
    result = cli(
        path, "-n", "3", "--precision", "0.5", "--workers", "1", "--lang", "en", "--out", out
    )
    assert result.code == 0, result.err
    s = summary(out)
    n = s["provenance"]["replications"]
    assert n > 3  # three were not enough
    assert n <= 500
    assert rep_count(out) == n
    assert s["precision_pct"] <= 0.5
    assert s["precision_pct"] == pytest.approx(half_width_pct(s), rel=1e-9)
    assert f"after {n} replications" in result.out
    daily_reps = {line.split(",")[1] for line in (out / "daily.csv").read_text().splitlines()[1:]}
    assert daily_reps == {str(r) for r in range(n)}


def test_precision_respects_the_cap(short_mmc, write_scenario, run_sim_process, tmp_path):
    """In a process of its own with a time limit: without the cap this would run for ever."""
    path, out = write_scenario(short_mmc), tmp_path / "out"
    args = ["-n", "3", "--precision", "0.001", "--max-replications", "7", "--workers", "1"]
    done = run_sim_process(path, *args, "--lang", "en", "--out", out, timeout=60)
    assert done.returncode == 0, done.stderr
    s = summary(out)
    assert s["provenance"]["replications"] == 7
    assert rep_count(out) == 7
    assert s["precision_pct"] > 0.001  # not reached, and says so by the figure
    assert s["precision_pct"] == pytest.approx(half_width_pct(s), rel=1e-9)
    assert "after 7 replications" in done.stdout


def test_precision_already_met_runs_no_more(short_mmc, write_scenario, cli, tmp_path):
    path, out = write_scenario(short_mmc), tmp_path / "out"
    result = cli(path, "-n", "5", "--precision", "50", "--workers", "1", "--out", out)
    assert result.code == 0, result.err
    s = summary(out)
    assert s["provenance"]["replications"] == 5
    assert s["precision_pct"] <= 50


def test_without_precision_there_is_no_precision_figure(short_mmc, write_scenario, cli, tmp_path):
    path, out = write_scenario(short_mmc), tmp_path / "out"
    assert cli(path, "-n", "2", "--workers", "1", "--out", out).code == 0
    assert "precision_pct" not in summary(out)


def test_precision_holds_for_every_compared_variant(short_mmc, write_scenario, cli, tmp_path):
    """With --compare every variant gets the same number of replications (pairs), enough
    for the noisiest one."""
    variants = {
        "three_officers": {
            "description": "one officer fewer: a longer queue",
            "changes": {"sites.Loket.officers": 3, "sites.Loket.devices": 3},
        }
    }
    path, out = write_scenario(short_mmc, variants=variants), tmp_path / "out"
    args = ["--compare", "-n", "4", "--precision", "1", "--workers", "2"]
    result = cli(path, *args, "--out", out)
    assert result.code == 0, result.err
    data = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    counts = set()
    for name, variant in data["variants"].items():
        s = variant["summary"]
        assert s["precision_pct"] <= 1, name
        counts.add(s["provenance"]["replications"])
        assert rep_count(out, name) == s["provenance"]["replications"]
    assert len(counts) == 1
    assert counts.pop() > 4


def test_replications_needed_by_hand():
    """Relative half-width h with n values: n (h / target)^2 in all, at least a step more,
    never above the cap."""
    values = [90.0, 110.0, 100.0, 95.0, 105.0]
    now = relative_half_width(values)
    assert replications_needed(values, now, 500, 2) == 5  # met already
    assert replications_needed(values, now / 2, 500, 2) == 20  # 5 * 2^2
    assert replications_needed(values, now / 4, 500, 2) == 80  # 5 * 4^2
    assert replications_needed(values, now / 1.01, 500, 2) == 7  # at least a step more
    assert replications_needed(values, now / 8, 100, 2) == 100  # 320 above the cap
