"""The command line's calibration, forecast and backtest, and their bad input (exit 2, one line)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
MMC_PATH = ROOT / "scenarios" / "validation" / "mmc.yaml"

SCENARIO = {
    "base": str(MMC_PATH),
    "period": {"start": "2023-01-02", "end": "2023-01-29"},
    "sites": [
        {
            "name": "Loket",
            "kind": "main_office",
            "officers": 4,
            "devices": 4,
            "walk_ins_per_day": 40,
        }
    ],
    "uncertain": {
        "inputs": {
            "rate": {
                "key": "sites.Loket.walk_ins_per_day",
                "distribution": {"kind": "uniform", "low": 10, "high": 80},
            }
        }
    },
}
RECORD = "date,cumulative_activations\n2023-01-08,300\n2023-01-15,620\n2023-01-22,930\n"


def _run(tmp_path, *args, scenario=SCENARIO):
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(scenario))
    (tmp_path / "obs.csv").write_text(RECORD)
    cmd = [
        sys.executable,
        "run_sim.py",
        str(path),
        "-n",
        "4",
        "--quiet",
        "--workers",
        "1",
        "--out",
        str(tmp_path / "out"),
        *args,
    ]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)


def test_calibrate_writes_a_scenario_that_runs_and_reports_the_fit(tmp_path):
    done = _run(
        tmp_path,
        "--observed",
        str(tmp_path / "obs.csv"),
        "--calibrate",
        "--abc-population",
        "20",
        "--abc-simulations",
        "80",
    )
    assert done.returncode == 0, done.stderr
    out = tmp_path / "out"
    cal = json.loads((out / "calibration.json").read_text())
    assert cal["inputs"][0]["key"] == "sites.Loket.walk_ins_per_day"
    assert cal["simulations"] >= 80 and cal["effective_sample_size"] > 1
    low, high = cal["inputs"][0]["posterior_p05_p95"]
    assert 10 <= low < high <= 80
    html = (out / "report.html").read_text()
    assert 'id="uncertain"' in html and "Kalibrasi" in html
    from openpyxl import load_workbook

    book = load_workbook(out / "results.xlsx")
    rows = list(book["Kalibrasi"].iter_rows(values_only=True))
    assert rows[1][1] == "sites.Loket.walk_ins_per_day"
    assert rows[1][5:7] == pytest.approx((low, high))  # the posterior interval, as in the JSON
    assert book["Set parameter"].max_row == 1 + 2  # 4 replications, 2 per set
    again = subprocess.run(
        [
            sys.executable,
            "run_sim.py",
            str(out / "calibrated.yaml"),
            "-n",
            "4",
            "--quiet",
            "--out",
            str(tmp_path / "again"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert again.returncode == 0, again.stderr
    sets = json.loads((tmp_path / "again" / "uncertainty.json").read_text())["parameter_sets"]
    rates = [s["values"]["sites.Loket.walk_ins_per_day"] for s in sets]
    assert all(low - 1e-9 <= r <= high + 30 for r in rates)  # drawn from the posterior rows


def test_backtest_and_from_observed(tmp_path):
    done = _run(
        tmp_path,
        "--observed",
        str(tmp_path / "obs.csv"),
        "--backtest",
        "2023-01-16",
        "--abc-population",
        "20",
        "--abc-simulations",
        "60",
        "--lang",
        "en",
    )
    assert done.returncode == 0, done.stderr
    bt = json.loads((tmp_path / "out" / "backtest.json").read_text())
    assert bt["forecast_start"] == "2023-01-16" and bt["started_with"] == 620
    assert [c["date"] for c in bt["checks"]] == ["2023-01-22"]
    assert "Backtest" in done.stdout
    ahead = _run(tmp_path, "--observed", str(tmp_path / "obs.csv"), "--from-observed")
    assert ahead.returncode == 0, ahead.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["activated_at_start"] == 930


@pytest.mark.parametrize(
    ("args", "scenario", "words"),
    [
        (["--calibrate"], SCENARIO, "--observed"),
        (["--backtest", "2023-01-01", "--observed", "OBS"], SCENARIO, "--backtest"),
        (["--backtest", "2023-01-29", "--observed", "OBS"], SCENARIO, "--backtest"),
        (["--calibrate", "--observed", "OBS"], {**SCENARIO, "uncertain": {}}, "uncertain"),
        (
            [],
            {
                **SCENARIO,
                "uncertain": {"inputs": {"x": {"key": "sites.Loket.name", "distribution": 1}}},
            },
            "x",
        ),
        (
            [],
            {**SCENARIO, "uncertain": {"joint": {"keys": ["a", "b"], "samples": [[1]]}}},
            "uncertain.joint",
        ),
    ],
    ids=[
        "calibrate-no-record",
        "backtest-before",
        "backtest-nothing-after",
        "no-inputs",
        "not-a-number",
        "joint-row",
    ],
)
def test_bad_requests_give_one_line_and_exit_2(tmp_path, args, scenario, words):
    args = [str(tmp_path / "obs.csv") if a == "OBS" else a for a in args]
    done = _run(tmp_path, *args, scenario=scenario)
    assert done.returncode == 2, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr and words in lines[0]
