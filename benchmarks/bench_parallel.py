"""Benchmark of many replications: the speed-up of ``--workers 2`` and the staffing search.

Run from the repository root::

    python benchmarks/bench_parallel.py            # full run (about 4 minutes on 2 cores)
    python benchmarks/bench_parallel.py --quick    # smaller sizes, a smoke test (~15 s)
    python benchmarks/bench_parallel.py --json out/bench_parallel.json

It measures, each as the wall time of the command line end to end in a fresh interpreter
(``python run_sim.py ...``: start-up, scenario loading, workers, writing the files):

1. ``--workers 1`` against ``--workers 2`` for 20 replications of Kab. Mojokerto 2023, the
   speed-up (goal: at least 1.7x on a 2-core machine), and whether both wrote the same
   summary.json and daily.csv byte for byte.
2. ``--find-staff`` with ``-n 10`` on Kab. Mojokerto 2023, on Kota Malang 2023 as it is, and
   on Kota Malang with a target the search has to search for (36,500), with the answer.

The exit status is 0 whether or not the goal is met (it is reported, not enforced); it is 1
when a run fails.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
RUN_SIM = REPO_DIR / "run_sim.py"
SCENARIO_DIR = REPO_DIR / "scenarios"
MOJOKERTO = SCENARIO_DIR / "mojokerto_2023.yaml"
MALANG = SCENARIO_DIR / "malang_2023.yaml"
SEED = 12345  # the command line's default
MIN_SPEEDUP = 1.7  # --workers 2 over --workers 1, on a 2-core machine


@dataclass(frozen=True)
class Search:
    """One --find-staff run to time."""

    label: str
    scenario: Path
    changes: tuple[str, ...] = ()  # --set KEY=VALUE


@dataclass(frozen=True)
class Sizes:
    replications: int  # for the speed-up
    speed_changes: tuple[str, ...]  # --set changes of the speed-up runs (a shorter period)
    search_replications: int
    searches: tuple[Search, ...]


FULL = Sizes(
    replications=20,
    speed_changes=(),
    search_replications=10,
    searches=(
        Search("Kab. Mojokerto 2023", MOJOKERTO),
        Search("Kota Malang 2023", MALANG),
        Search("Kota Malang 2023, target 36,500", MALANG, ("goal.target_count=36500",)),
    ),
)
QUICK = Sizes(
    replications=2,
    speed_changes=("period.end=2023-03-31",),
    search_replications=2,
    searches=(
        Search("Kab. Mojokerto, March", MOJOKERTO, ("period.end=2023-03-31",)),
        Search(
            "Kota Malang, January-February, target 6,000",
            MALANG,
            ("period.end=2023-02-28", "goal.target_count=6000"),
        ),
    ),
)


@dataclass
class Timed:
    label: str
    command: list[str]
    seconds: float
    returncode: int
    stderr_tail: str = ""


@dataclass
class Results:
    quick: bool
    machine: dict
    speed: dict = field(default_factory=dict)
    searches: list[dict] = field(default_factory=list)
    failed: bool = False

    def as_json(self) -> dict:
        return {
            "quick": self.quick,
            "machine": self.machine,
            "speed_up": self.speed,
            "find_staff": self.searches,
        }


def run_cli(label: str, args: Sequence[str]) -> Timed:
    """``python run_sim.py ARGS`` in a fresh interpreter, timed end to end."""
    command = [sys.executable, str(RUN_SIM), *args]
    start_s = time.perf_counter()
    done = subprocess.run(command, cwd=REPO_DIR, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start_s
    tail = "\n".join(done.stderr.strip().splitlines()[-5:])
    return Timed(label, command, seconds, done.returncode, tail)


def report_failure(run: Timed) -> None:
    print(f"  FAILED ({run.returncode}): {' '.join(run.command)}\n{run.stderr_tail}")


def same_files(first: Path, second: Path) -> bool:
    names = ("summary.json", "daily.csv")
    return all((first / n).read_bytes() == (second / n).read_bytes() for n in names)


def speed_up(sizes: Sizes, work: Path, results: Results) -> None:
    n = sizes.replications
    sets = [arg for change in sizes.speed_changes for arg in ("--set", change)]
    where = f"{MOJOKERTO.name}{' ' + ' '.join(sizes.speed_changes) if sets else ''}"
    print(f"Replications on worker processes: {where}, {n} replications, seed {SEED}")
    runs = {}
    for workers in (1, 2):
        out = work / f"workers-{workers}"
        args = [str(MOJOKERTO), "-n", str(n), "--seed", str(SEED), "--quiet", *sets]
        run = run_cli(f"--workers {workers}", [*args, "--workers", str(workers), "--out", str(out)])
        if run.returncode != 0:
            report_failure(run)
            results.failed = True
            return
        runs[workers] = run
        print(f"  --workers {workers}: {run.seconds:6.1f} s wall")
    ratio = runs[1].seconds / runs[2].seconds
    identical = same_files(work / "workers-1", work / "workers-2")
    verdict = "met" if ratio >= MIN_SPEEDUP else "NOT met"
    goal = f"goal >= {MIN_SPEEDUP}x: {verdict}"
    print(f"  speed-up --workers 2 over --workers 1: {ratio:.2f}x ({goal})")
    print(f"  summary.json and daily.csv identical: {'yes' if identical else 'NO'}")
    results.speed = {
        "scenario": MOJOKERTO.name,
        "changes": list(sizes.speed_changes),
        "replications": n,
        "seconds_workers_1": runs[1].seconds,
        "seconds_workers_2": runs[2].seconds,
        "speed_up": ratio,
        "goal": MIN_SPEEDUP,
        "goal_met": ratio >= MIN_SPEEDUP,
        "files_identical": identical,
    }


def answer_of(report: dict) -> str:
    status = report["status"]
    if status == "found":
        chosen = report["chosen"]
        where = ", ".join(f"{kind} {n}" for kind, n in chosen["added"].items())
        steps = len(report["steps"]) - 1
        return (
            f"found: +{chosen['added_officers']} officers ({where}), "
            f"P {chosen['p_reach_target']:.0%}, {steps} greedy step{'' if steps == 1 else 's'}"
        )
    if status == "demand_limited":
        ceiling = report["unlimited_staff"]["activations_mean"]
        return f"demand_limited (unlimited staff: {ceiling:,.0f} activations)"
    return status


def find_staff(sizes: Sizes, work: Path, results: Results) -> None:
    n = sizes.search_replications
    print(f"\nStaffing search: --find-staff -n {n} --workers 2, seed {SEED}")
    for i, search in enumerate(sizes.searches):
        out = work / f"search-{i}"
        sets = [arg for change in search.changes for arg in ("--set", change)]
        args = [str(search.scenario), "--find-staff", "-n", str(n), "--seed", str(SEED)]
        args += ["--workers", "2", "--quiet", *sets, "--out", str(out)]
        run = run_cli(search.label, args)
        if run.returncode != 0:
            report_failure(run)
            results.failed = True
            continue
        report = json.loads((out / "search.json").read_text(encoding="utf-8"))
        print(f"  {search.label}: {run.seconds:6.1f} s wall; {answer_of(report)}")
        results.searches.append(
            {
                "label": search.label,
                "scenario": search.scenario.name,
                "changes": list(search.changes),
                "replications": n,
                "seconds": run.seconds,
                "status": report["status"],
                "chosen": report["chosen"],
                "steps": len(report["steps"]),
            }
        )


def machine() -> dict:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return {"python": platform.python_version(), "platform": platform.platform(), "cores": cores}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="smaller sizes (a smoke test)")
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = QUICK if args.quick else FULL
    info = machine()
    print(
        f"bench_parallel{' --quick' if args.quick else ''}: Python {info['python']}, "
        f"{info['cores']} cores, {info['platform']}\n"
    )
    results = Results(args.quick, info)
    started_s = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench_parallel-") as folder:
        speed_up(sizes, Path(folder), results)
        find_staff(sizes, Path(folder), results)
    print(f"\ntotal {time.perf_counter() - started_s:.0f} s")
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results.as_json(), indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
