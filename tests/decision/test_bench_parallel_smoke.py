"""The parallel benchmark script runs end to end (a smoke test: it checks no speed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "benchmarks" / "bench_parallel.py"


def test_bench_parallel_quick_runs(tmp_path: Path) -> None:
    json_path = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--json", str(json_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "speed-up --workers 2 over --workers 1:" in result.stdout
    assert "summary.json and daily.csv identical: yes" in result.stdout
    assert "--workers 1:" in result.stdout
    assert "Staffing search" in result.stdout
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["quick"] is True
    speed = data["speed_up"]
    assert speed["speed_up"] > 0
    assert speed["files_identical"] is True
    assert speed["speed_up"] == speed["seconds_workers_1"] / speed["seconds_workers_2"]
    assert [s["status"] for s in data["find_staff"]] != []
    for search in data["find_staff"]:
        assert search["seconds"] > 0
        assert search["status"] in {"found", "demand_limited", "met_already", "cap_reached"}
