"""Machine-readable outputs: summary.json, daily.csv and the optional events.csv."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import numpy as np

import sim
from sim.metrics import Replication, channels_in_use
from sim.scenario import CHANNELS, Scenario, scenario_sha256
from sim.store import atomic_text


def git_revision() -> str:
    """The source tree's commit (with '+dirty' for uncommitted changes), or 'unknown'."""
    root = Path(sim.__file__).resolve().parent.parent
    try:
        rev = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return rev + ("+dirty" if dirty else "")


def provenance(scenario: Scenario, seed: int, replications: int, variant: str) -> dict:
    """What is needed to reproduce a result: inputs, seed, code version."""
    return {
        "seed": seed,
        "replications": replications,
        "variant": variant,
        "scenario_sha256": scenario_sha256(scenario),
        "version": sim.__version__,
        "git_revision": git_revision(),
    }


def _json(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_summary(path: Path, summary: dict) -> None:
    atomic_text(path, _json(summary))


def write_json(path: Path, data: dict) -> None:
    atomic_text(path, _json(data))


def write_comparison(
    path: Path, results: dict[str, dict], differences: dict[str, dict], variants: dict
) -> None:
    """Every variant's summary and its paired differences against the baseline."""
    data = {
        "baseline": "baseline",
        "variants": {
            name: {
                "description": variants[name].description if name in variants else "",
                "summary": summary,
                "difference_vs_baseline": differences.get(name),
            }
            for name, summary in results.items()
        },
    }
    atomic_text(path, _json(data))


def write_daily(path: Path, reps: list[Replication], scenario: Scenario) -> None:
    """One row per (date, replication, channel): activations that day and cumulative so far."""
    used = [(ch, CHANNELS.index(ch)) for ch in channels_in_use(scenario)]
    first = np.datetime64(scenario.period.start)
    dates = [str(first + np.timedelta64(d, "D")) for d in range(scenario.period.days)]
    text = io.StringIO()
    out = csv.writer(text, lineterminator="\n")
    out.writerow(["date", "replication", "channel", "activations", "cumulative"])
    for rep in reps:
        cumulative = np.cumsum(rep.daily, axis=0)
        for d, date in enumerate(dates):
            for channel, i in used:
                out.writerow([date, rep.replication, channel, rep.daily[d, i], cumulative[d, i]])
    atomic_text(path, text.getvalue())


def write_events(path: Path, events: list[tuple]) -> None:
    """The opt-in per-resident event log of one replication."""
    text = io.StringIO()
    out = csv.writer(text, lineterminator="\n")
    out.writerow(["minute", "site", "event"])
    for minute, site, what in events:
        out.writerow([f"{minute:.3f}", site, what])
    atomic_text(path, text.getvalue())
