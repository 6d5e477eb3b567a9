"""--compare runs every declared variant with common random numbers and writes
comparison.json with paired differences against the baseline; the progress bar shows only
on a terminal, and not with --quiet."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pytest

from sim.decide.analysis import compare
from sim.decide.kpi import rows_of
from sim.decide.store import ResultStore
from sim.scenario import load, with_variant

ROOT = Path(__file__).resolve().parents[2]
REPS = 4
SEED = 21
VARIANTS = {
    "five_officers": {
        "description": "one more officer and device",
        "changes": {"sites.Loket.officers": 5, "sites.Loket.devices": 5},
    },
    "spare_devices": {
        "description": "more devices than officers: changes nothing",
        "changes": {"sites.Loket.devices": 6},
    },
    "quiet_day": {
        "description": "fewer walk-ins",
        "changes": {"sites.Loket.walk_ins_per_day": 300},
    },
}
KPIS = {"activations", "reached_target", "main_office_wait_min", "left_without_activating"}


@pytest.fixture(scope="module")
def compared(short_mmc, to_text, cli, tmp_path_factory):
    folder = tmp_path_factory.mktemp("compare")
    path, out = folder / "scenario.yaml", folder / "out"
    path.write_text(to_text(short_mmc, variants=VARIANTS), encoding="utf-8")
    args = ["--compare", "-n", str(REPS), "--seed", str(SEED), "--workers", "1", "--lang", "en"]
    result = cli(path, *args, "--out", out)
    assert result.code == 0, result.err
    data = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    return path, out, data, result


def test_every_declared_variant_is_in_the_comparison(compared):
    _, out, data, result = compared
    assert data["baseline"] == "baseline"
    assert list(data["variants"]) == ["baseline", *VARIANTS]
    assert data["variants"]["baseline"]["difference_vs_baseline"] is None
    for name, spec in VARIANTS.items():
        variant = data["variants"][name]
        assert variant["description"] == spec["description"]
        assert set(variant["difference_vs_baseline"]) == KPIS
        for diff in variant["difference_vs_baseline"].values():
            assert set(diff) == {"mean", "ci95", "significant"}
        assert variant["summary"]["provenance"]["variant"] == name
        assert variant["summary"]["provenance"]["replications"] == REPS
        assert len(list((out / "replications" / name).glob("rep-*.npz"))) == REPS
    for name in VARIANTS:
        assert name in result.out  # side by side in the terminal


def test_summary_json_is_the_baseline(compared):
    _, out, data, _ = compared
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary == data["variants"]["baseline"]["summary"]


def test_differences_are_paired_on_the_stored_replications(compared):
    path, out, data, _ = compared
    base = load(path)
    scenarios = {"baseline": base} | {n: with_variant(base, n, str(path)) for n in VARIANTS}
    store = ResultStore(out)
    reps = {name: [store.load(name)[r] for r in range(REPS)] for name in scenarios}
    rows = {name: rows_of(reps[name], s) for name, s in scenarios.items()}
    comparison = compare(rows)
    for name in VARIANTS:
        expected = {kpi: asdict(diff) for kpi, diff in comparison.of(name).items()}
        assert data["variants"][name]["difference_vs_baseline"] == json.loads(json.dumps(expected))


def test_differences_point_the_right_way(compared):
    _, _, data, _ = compared
    variants = data["variants"]
    # a 24-hour counter where nobody gives up: a fifth officer shortens the wait (rho 0.9 ->
    # 0.72) but activates hardly anyone more
    more = variants["five_officers"]["difference_vs_baseline"]
    assert more["main_office_wait_min"]["significant"] and more["main_office_wait_min"]["mean"] < 0
    fewer = variants["quiet_day"]["difference_vs_baseline"]["activations"]
    assert fewer["significant"] and fewer["mean"] < 0
    for diff in variants["spare_devices"]["difference_vs_baseline"].values():
        assert diff == {"mean": 0.0, "ci95": [0.0, 0.0], "significant": False}
    # the mean paired difference is the difference of the means
    for name in VARIANTS:
        mine = variants[name]["summary"]["activations"]["mean"]
        theirs = variants["baseline"]["summary"]["activations"]["mean"]
        diff = variants[name]["difference_vs_baseline"]["activations"]["mean"]
        assert np.isclose(diff, mine - theirs, rtol=0, atol=1e-9)


def test_compare_without_variants_is_just_the_baseline(short_mmc, write_scenario, cli, tmp_path):
    path, out = write_scenario(short_mmc), tmp_path / "out"
    result = cli(path, "--compare", "-n", "2", "--workers", "1", "--out", out)
    assert result.code == 0, result.err
    data = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    assert list(data["variants"]) == ["baseline"]


# --- the progress bar ---------------------------------------------------------------------


def run_on_a_terminal(*args: str | Path) -> tuple[int, str]:
    """``python run_sim.py ARGS`` with stderr on a pseudo-terminal 100 columns wide."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "run_sim.py"), *map(str, args)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=slave,
    )
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    return proc.wait(timeout=60), seen.decode("utf-8", "replace")


BAR = "rep/s"  # tqdm's rate unit, on every refresh of the bar


@pytest.fixture(scope="module")
def small_file(short_mmc, to_text, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("progress") / "scenario.yaml"
    path.write_text(to_text(short_mmc, variants=VARIANTS), encoding="utf-8")
    return path


def test_progress_bar_on_a_terminal(small_file, tmp_path):
    code, seen = run_on_a_terminal(small_file, "-n", "3", "--workers", "1", "--out", tmp_path)
    assert code == 0
    assert BAR in seen
    assert "0/3" in seen


def test_progress_bar_counts_variants_times_replications(small_file, tmp_path):
    code, seen = run_on_a_terminal(
        small_file, "--compare", "-n", "2", "--workers", "1", "--out", tmp_path
    )
    assert code == 0
    assert f"0/{2 * (1 + len(VARIANTS))}" in seen  # (variant x replication) tasks


def test_quiet_silences_the_progress_bar_on_a_terminal(small_file, tmp_path):
    args = ["-n", "3", "--workers", "1", "--quiet", "--compare", "--out", tmp_path]
    code, seen = run_on_a_terminal(small_file, *args)
    assert code == 0
    assert BAR not in seen
    assert seen.strip() == ""


def test_no_progress_bar_when_stderr_is_not_a_terminal(small_file, tmp_path, run_sim_process):
    args = ["--compare", "-n", "3", "--workers", "2", "--out", tmp_path]
    done = run_sim_process(small_file, *args)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert str(tmp_path) in done.stdout  # the results themselves still print
