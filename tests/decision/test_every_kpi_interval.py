"""Every KPI in summary.json carries a t-based 95% CI, and a dead worker gives one line."""

from __future__ import annotations

import json
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import numpy as np

import sim.cli
import sim.decide.study
from sim.metrics import t_interval

ROOT = Path(__file__).resolve().parents[2]
MMC = ROOT / "scenarios" / "validation" / "mmc.yaml"


def test_every_kpi_has_its_interval(tmp_path, capsys):
    out = tmp_path / "out"
    code = sim.cli.main(
        [
            str(MMC),
            "-n",
            "4",
            "--workers",
            "1",
            "--quiet",
            "--out",
            str(out),
            "--set",
            "period.end=2023-01-10",
        ]
    )
    assert code == 0
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    for kpi in ("activations", "new_activations"):
        assert len(s[kpi]["ci95"]) == 2
    assert all(len(v["ci95"]) == 2 for v in s["by_channel"].values())
    assert set(s["turned_away_ci95"]) == set(s["turned_away"])
    assert all(len(v["ci95"]) == 2 for v in s["wait_min"].values())
    assert set(s["utilisation_ci95"]) == set(s["utilisation"])
    for name in ("arrived", "return_visits", "offered_activations", "unserved_end"):
        assert len(s["flow"][f"{name}_ci95"]) == 2
    # the by-channel interval is the t-interval of the per-replication channel totals
    daily = [line.split(",") for line in (out / "daily.csv").read_text().splitlines()[1:]]
    totals = np.zeros(4)
    for _, rep, channel, activations, _ in daily:
        if channel == "main_office":
            totals[int(rep)] += int(activations)
    assert s["by_channel"]["main_office"]["ci95"] == list(t_interval(totals))


def test_a_worker_that_dies_gives_one_line(tmp_path, capsys, monkeypatch):
    def dies(*args, **kwargs):
        raise BrokenProcessPool("a child process terminated abruptly")

    monkeypatch.setattr(sim.decide.study, "run_variants", dies)
    code = sim.cli.main([str(MMC), "-n", "2", "--out", str(tmp_path / "o"), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "--resume" in err
