"""The command line's files: reproducible byte for byte, with the keys and columns required."""

from __future__ import annotations

import csv
import json
import math
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from sim.cli import main
from sim.model.runlog import REASONS
from sim.scenario import load

ROOT = Path(__file__).resolve().parents[2]
MMC = ROOT / "scenarios" / "validation" / "mmc.yaml"
MOJOKERTO = ROOT / "scenarios" / "mojokerto_2023.yaml"
SHORT = "period.end=2023-03-31"  # one month of Kab. Mojokerto, every channel in use


def run_cli(out: Path, *args: str) -> Path:
    assert main([*args, "--out", str(out)]) == 0
    return out


def read_bytes(out: Path) -> tuple[bytes, bytes]:
    return (out / "summary.json").read_bytes(), (out / "daily.csv").read_bytes()


def test_same_seed_gives_identical_files(tmp_path, capsys):
    args = (str(MMC), "-n", "3", "--seed", "7")
    first = read_bytes(run_cli(tmp_path / "a", *args))
    second = read_bytes(run_cli(tmp_path / "b", *args))
    other = read_bytes(run_cli(tmp_path / "c", str(MMC), "-n", "3", "--seed", "8"))
    capsys.readouterr()
    assert first[0] == second[0]
    assert first[1] == second[1]
    assert other[0] != first[0]
    assert other[1] != first[1]


def test_same_seed_gives_identical_files_in_another_process(tmp_path, capsys):
    """``python run_sim.py`` in a fresh interpreter with another string-hash seed writes the
    same bytes as the in-process run: nothing depends on Python's per-process hashing."""
    args = [str(MMC), "-n", "3", "--seed", "7"]
    here = read_bytes(run_cli(tmp_path / "here", *args))
    capsys.readouterr()
    env = {**os.environ, "PYTHONHASHSEED": "4321"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "run_sim.py"), *args, "--out", str(tmp_path / "there")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert read_bytes(tmp_path / "there") == here


def test_same_seed_gives_identical_files_on_a_region(tmp_path, capsys):
    """Every channel, returns, outages: still the same bytes for the same seed."""
    args = (str(MOJOKERTO), "-n", "2", "--seed", "3", "--set", SHORT)
    first = read_bytes(run_cli(tmp_path / "a", *args))
    second = read_bytes(run_cli(tmp_path / "b", *args))
    capsys.readouterr()
    assert first == second


@pytest.fixture(scope="module")
def region_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("mojokerto")
    run_cli(out, str(MOJOKERTO), "-n", "3", "--seed", "11", "--set", SHORT, "--lang", "en")
    return out


@pytest.fixture(scope="module")
def summary(region_out) -> dict:
    return json.loads((region_out / "summary.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def daily(region_out) -> list[dict]:
    with (region_out / "daily.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


CHANNELS_USED = {"main_office", "kecamatan_post", "outreach", "home_visit"}


def test_summary_has_the_required_keys(summary):
    scenario = load(MOJOKERTO)
    assert summary["target"] == scenario.target == 212500
    act = summary["activations"]
    assert {"mean", "ci95", "p10", "p50", "p90"} <= act.keys()
    low, high = act["ci95"]
    assert low <= act["mean"] <= high
    assert act["p10"] <= act["p50"] <= act["p90"]
    assert 0.0 <= summary["p_reach_target"] <= 1.0
    assert set(summary["by_channel"]) == CHANNELS_USED
    for channel in CHANNELS_USED:
        assert isinstance(summary["by_channel"][channel]["activations_mean"], float)
    assert set(summary["turned_away"]) == set(REASONS)
    assert all(isinstance(v, float) and v >= 0 for v in summary["turned_away"].values())
    assert set(summary["wait_min"]) == CHANNELS_USED
    for channel, wait in summary["wait_min"].items():
        assert {"mean", "p90"} <= wait.keys(), channel
        if channel == "home_visit":  # officers go to the house: no queue wait is recorded
            continue
        assert wait["mean"] >= 0 and wait["p90"] >= 0, channel
    assert set(summary["utilisation"]) == CHANNELS_USED
    for channel, util in summary["utilisation"].items():
        assert 0 < util <= 1, channel
    prov = summary["provenance"]
    assert {"seed", "replications", "scenario_sha256", "version", "git_revision"} <= prov.keys()
    assert (prov["seed"], prov["replications"]) == (11, 3)
    assert len(prov["scenario_sha256"]) == 64
    int(prov["scenario_sha256"], 16)
    assert prov["version"] and prov["git_revision"]


def test_daily_csv_columns_rows_and_running_sum(daily):
    with_header = list(daily[0].keys())
    assert with_header == ["date", "replication", "channel", "activations", "cumulative"]
    days = 31  # March 2023
    assert len(daily) == days * 3 * len(CHANNELS_USED)
    assert {row["channel"] for row in daily} == CHANNELS_USED
    assert {row["replication"] for row in daily} == {"0", "1", "2"}
    running: dict[tuple[str, str], int] = defaultdict(int)
    dates: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in daily:
        key = (row["replication"], row["channel"])
        running[key] += int(row["activations"])
        assert int(row["cumulative"]) == running[key], row
        dates[key].append(row["date"])
    for seq in dates.values():
        assert seq[0] == "2023-03-01" and seq[-1] == "2023-03-31" and len(seq) == days
        assert seq == sorted(seq)


def test_summary_agrees_with_daily_csv(summary, daily):
    """By-channel means and the chance of reaching the target follow from daily.csv."""
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for row in daily:
        totals[(row["replication"], row["channel"])] += int(row["activations"])
    for channel in CHANNELS_USED:
        mean = sum(totals[(r, channel)] for r in "012") / 3
        assert math.isclose(summary["by_channel"][channel]["activations_mean"], mean)
    start = summary["activated_at_start"]
    reach = [
        start + sum(totals[(r, ch)] for ch in CHANNELS_USED) >= summary["target"] for r in "012"
    ]
    assert summary["p_reach_target"] == sum(reach) / 3
