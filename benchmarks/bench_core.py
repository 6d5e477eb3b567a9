"""Speed and memory benchmark of the simulator core.

Run from the repository root::

    python benchmarks/bench_core.py            # full run (under a minute on 2 cores)
    python benchmarks/bench_core.py --quick    # smaller sizes, a smoke test (~10 s)
    python benchmarks/bench_core.py --json out/bench.json

It measures, in one run:

1. Throughput on the M/M/c validation scenario (``scenarios/validation/mmc.yaml``) scaled to
   about 200,000 residents, against a plain SimPy M/M/c written here in the usual
   one-process-per-customer style, with each mean wait next to Erlang C as a sanity check.
2. One replication of every region scenario (``scenarios/*.yaml``): time, peak RSS of a fresh
   process and the tracemalloc peak of the model run alone.
3. Memory against the number of residents: the M/M/c scenario at two sizes.
4. Whether the goals are met. The exit status is 0 whether or not they are: the goals are
   reported, not enforced.

Peak RSS comes from ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` of a child process (POSIX
only). The child is forked from a "forkserver" process rather than started with "spawn":
on Linux a process started by exec inherits the high-water mark of the process that
exec'd it, so a spawned child reports at least the parent's peak (about 140 MB after the
reference run, more than a replication needs), whereas a forked child starts its own count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import os
import platform
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import simpy

from sim.analytic import mmc_mean_wait
from sim.calendar import MIN_PER_DAY
from sim.decide.replicate import run_one
from sim.model.runlog import RunLog
from sim.scenario import Scenario, apply_changes, load

REPO_DIR = Path(__file__).resolve().parent.parent
SCENARIO_DIR = REPO_DIR / "scenarios"
MMC_FILE = SCENARIO_DIR / "validation" / "mmc.yaml"
NOT_REGIONS = {"defaults.yaml"}  # files in scenarios/ that are not a region scenario
MOJOKERTO_FILE = "mojokerto_2023.yaml"
SEED = 12345  # the command line's default seed
BYTES_PER_MB = 2**20
T = TypeVar("T")
CHILD_PRELOAD = ["sim.decide.replicate", "sim.scenario"]  # imported once by the forkserver

# Goals.
MIN_THROUGHPUT_RATIO = 1.5  # model residents/s over reference residents/s
MAX_MOJOKERTO_S = 2.0  # one replication of Kab. Mojokerto 2023
MAX_PEAK_RSS_MB = 300.0  # the largest run
# Memory counts as flat in residents while the tracemalloc peak grows by less than one
# pointer per extra resident: keeping anything per resident (a float is 24 bytes, a tuple
# 40 and more) would cost several times that.
FLAT_BYTES_PER_RESIDENT = 8.0


@dataclass(frozen=True)
class Sizes:
    """How big each part of the benchmark is."""

    mmc_residents: int  # residents in the throughput comparison
    repeats: int  # timed runs of each; the best (throughput) or median (regions) counts
    memory_residents: tuple[int, int]  # the two M/M/c sizes of the memory-growth check
    region_days: int | None  # simulate only the first days of each region scenario


FULL = Sizes(mmc_residents=200_000, repeats=3, memory_residents=(50_000, 200_000), region_days=None)
QUICK = Sizes(mmc_residents=20_000, repeats=1, memory_residents=(5_000, 20_000), region_days=60)


# --- the M/M/c scenario ------------------------------------------------------------------------


@dataclass(frozen=True)
class MmcParams:
    """The textbook queue that the M/M/c scenario describes."""

    servers: int
    arrival_rate_per_min: float
    service_mean_min: float

    @property
    def utilisation(self) -> float:
        return self.arrival_rate_per_min * self.service_mean_min / self.servers

    @property
    def erlang_c_wait_min(self) -> float:
        return mmc_mean_wait(self.servers, self.arrival_rate_per_min, self.service_mean_min)


def mmc_params(scenario: Scenario) -> MmcParams:
    """c, lambda and 1/mu of the single round-the-clock site of the M/M/c scenario."""
    (site,) = scenario.sites
    return MmcParams(
        servers=min(site.officers, site.devices),
        arrival_rate_per_min=site.walk_ins_per_day / MIN_PER_DAY,
        service_mean_min=scenario.activation.officer_min.mean,
    )


def period_of(scenario: Scenario, days: int) -> dict[str, str]:
    """The change that makes a scenario's period ``days`` long from its start."""
    end = scenario.period.start + dt.timedelta(days=days - 1)
    return {"period.end": end.isoformat()}


def mmc_scenario(residents: int) -> Scenario:
    """The M/M/c scenario with its period stretched so that about ``residents`` arrive."""
    base = load(MMC_FILE)
    per_day = sum(site.walk_ins_per_day * site.count for site in base.sites)
    days = max(1, round(residents / per_day))
    return apply_changes(base, period_of(base, days), str(MMC_FILE), "")


def mean_wait_min(log: RunLog) -> float:
    """Mean wait of the residents who reached an officer, over every channel."""
    return float(log.wait_sum_min.sum() / max(1, log.wait_n.sum()))


# --- the reference: plain SimPy, one process per customer ----------------------------------------


def _customer(
    env: simpy.Environment, counter: simpy.Resource, service_min: float, waits_min: list[float]
) -> Generator[simpy.Event, Any, None]:
    arrived_min = env.now
    with counter.request() as request:
        yield request
        waits_min.append(env.now - arrived_min)
        yield env.timeout(service_min)


def _arrivals(
    env: simpy.Environment,
    counter: simpy.Resource,
    gaps_min: list[float],
    services_min: list[float],
    waits_min: list[float],
) -> Generator[simpy.Event, Any, None]:
    for gap_min, service_min in zip(gaps_min, services_min, strict=True):
        yield env.timeout(gap_min)
        env.process(_customer(env, counter, service_min, waits_min))


def reference_mmc(params: MmcParams, customers: int, seed: int) -> list[float]:
    """Simulate ``customers`` through a plain SimPy M/M/c; return their waits in minutes."""
    rng = np.random.default_rng(seed)
    gaps_min = rng.exponential(1.0 / params.arrival_rate_per_min, customers).tolist()
    services_min = rng.exponential(params.service_mean_min, customers).tolist()
    env = simpy.Environment()
    counter = simpy.Resource(env, capacity=params.servers)
    waits_min: list[float] = []
    env.process(_arrivals(env, counter, gaps_min, services_min, waits_min))
    env.run()
    return waits_min


# --- 1. throughput -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Throughput:
    """Timed runs of one M/M/c implementation."""

    label: str
    residents: int
    seconds: list[float]
    mean_wait_min: float

    @property
    def best_s(self) -> float:
        return min(self.seconds)

    @property
    def residents_per_s(self) -> float:
        return self.residents / self.best_s


def timed_once(run: Callable[..., T], *args: Any) -> tuple[T, float]:
    """``run(*args)`` and the seconds it took."""
    start_s = time.perf_counter()
    result = run(*args)
    return result, time.perf_counter() - start_s


def timed(run: Callable[[], T], repeats: int) -> tuple[T, list[float]]:
    """Call ``run`` ``repeats`` times; return its last result and each call's seconds."""
    runs = [timed_once(run) for _ in range(repeats)]
    return runs[-1][0], [seconds for _, seconds in runs]


def time_both(scenario: Scenario, params: MmcParams, repeats: int) -> tuple[Throughput, Throughput]:
    """Time ``run_one`` on the scaled M/M/c scenario and the reference on as many customers.

    Runs alternate (model, reference, model, ...) so that a change in the machine's load
    during the benchmark affects both alike.
    """
    model_s: list[float] = []
    reference_s: list[float] = []
    for _ in range(repeats):
        log, seconds = timed_once(run_one, scenario, SEED, 0)
        model_s.append(seconds)
        waits_min, seconds = timed_once(reference_mmc, params, log.arrived, SEED)
        reference_s.append(seconds)
    model = Throughput("model (run_one)", log.arrived, model_s, mean_wait_min(log))
    reference = Throughput("reference SimPy", log.arrived, reference_s, float(np.mean(waits_min)))
    return model, reference


# --- 2. and 3. one replication in a fresh process ---------------------------------------------


@dataclass(frozen=True)
class Footprint:
    """Time and memory of one replication, measured in a fresh process."""

    label: str
    days: int  # length of the simulated period
    residents_arrived: int
    activations: int
    seconds: list[float]  # each timed run (the first one in a cold process)
    peak_rss_mb: float  # of the whole child process, before tracemalloc starts
    tracemalloc_peak_mb: float  # Python allocations of one run_one, scenario already loaded

    @property
    def median_s(self) -> float:
        return statistics.median(self.seconds)


def peak_rss_mb() -> float:
    """This process's peak resident set size (ru_maxrss: KiB on Linux, bytes on macOS)."""
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return max_rss / BYTES_PER_MB if sys.platform == "darwin" else max_rss * 1024 / BYTES_PER_MB


def traced_peak_mb(run: Callable[[], Any]) -> float:
    """Peak of Python allocations made while ``run`` runs, in MB."""
    tracemalloc.start()
    try:
        run()
        _, peak_bytes = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak_bytes / BYTES_PER_MB


def measure_replication(label: str, path: str, changes: dict[str, Any], repeats: int) -> Footprint:
    """In the child process: load the scenario, time ``repeats`` replications, then memory."""
    scenario = load(path)
    if changes:
        scenario = apply_changes(scenario, changes, path, "")
    log, seconds = timed(lambda: run_one(scenario, SEED, 0), repeats)
    rss_mb = peak_rss_mb()
    traced_mb = traced_peak_mb(lambda: run_one(scenario, SEED, 0))
    days = scenario.period.days
    return Footprint(label, days, log.arrived, log.activations, seconds, rss_mb, traced_mb)


def child_context() -> mp.context.BaseContext:
    """Forkserver where available (see the module docstring), else spawn.

    The forkserver imports the simulator once, so that each child forked from it does not
    spend a second importing scipy (Python 3.11 does not preload ``__main__`` by itself).
    """
    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    context = mp.get_context("forkserver")
    context.set_forkserver_preload(CHILD_PRELOAD)
    return context


def in_fresh_process(label: str, path: Path, changes: dict[str, Any], repeats: int) -> Footprint:
    """Run :func:`measure_replication` in a new process of its own."""
    with ProcessPoolExecutor(max_workers=1, mp_context=child_context()) as pool:
        return pool.submit(measure_replication, label, str(path), changes, repeats).result()


def region_files() -> list[Path]:
    """Every region scenario: the YAML files directly in scenarios/, except defaults."""
    return sorted(p for p in SCENARIO_DIR.glob("*.yaml") if p.name not in NOT_REGIONS)


def measure_region(path: Path, repeats: int, days: int | None) -> Footprint:
    """One replication of a region scenario: its whole period, or only its first ``days``."""
    scenario = load(path)
    if days is None or days >= scenario.period.days:
        return in_fresh_process(scenario.name, path, {}, repeats)
    label = f"{scenario.name} (first {days} days)"
    return in_fresh_process(label, path, period_of(scenario, days), repeats)


def measure_regions(repeats: int, days: int | None) -> dict[str, Footprint]:
    """One replication of each region scenario, keyed by file name."""
    return {path.name: measure_region(path, repeats, days) for path in region_files()}


def measure_growth(sizes: tuple[int, int]) -> list[Footprint]:
    """The M/M/c scenario at each size, each in a fresh process."""
    rows = []
    for residents in sizes:
        days = mmc_scenario(residents).period.days
        label = f"M/M/c, ~{residents:,} residents"
        rows.append(in_fresh_process(label, MMC_FILE, period_of(load(MMC_FILE), days), 1))
    return rows


# --- 4. goals ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Goal:
    """One goal: what was measured against its limit."""

    text: str
    measured: str
    met: bool | None  # None when it could not be measured


def throughput_ratio(model: Throughput, reference: Throughput) -> float:
    """How many times more residents per second the model simulates than the reference."""
    return model.residents_per_s / reference.residents_per_s


def throughput_goal(model: Throughput, reference: Throughput) -> Goal:
    ratio = throughput_ratio(model, reference)
    return Goal(
        f"model M/M/c throughput >= {MIN_THROUGHPUT_RATIO}x the reference",
        f"{ratio:.2f}x",
        ratio >= MIN_THROUGHPUT_RATIO,
    )


def mojokerto_goal(regions: dict[str, Footprint], region_days: int | None) -> Goal:
    text = f"Kab. Mojokerto 2023 replication < {MAX_MOJOKERTO_S:g} s (median)"
    row = regions.get(MOJOKERTO_FILE)
    if row is None:
        return Goal(text, f"{MOJOKERTO_FILE} not found", None)
    if region_days is not None:
        return Goal(
            text, f"only the first {region_days} days simulated: {row.median_s:.2f} s", None
        )
    return Goal(text, f"{row.median_s:.2f} s", row.median_s < MAX_MOJOKERTO_S)


def memory_goal(runs: Sequence[Footprint]) -> Goal:
    largest = max(runs, key=lambda r: r.residents_arrived)
    worst = max(runs, key=lambda r: r.peak_rss_mb)
    return Goal(
        f"peak RSS < {MAX_PEAK_RSS_MB:g} MB for the largest scenario",
        f"{largest.peak_rss_mb:.0f} MB for {largest.label} ({largest.residents_arrived:,} "
        f"residents); highest of all runs {worst.peak_rss_mb:.0f} MB",
        worst.peak_rss_mb < MAX_PEAK_RSS_MB,
    )


# --- printing ------------------------------------------------------------------------------------


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table: first column left-aligned, the others right-aligned."""
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        first = str(cells[0]).ljust(widths[0])
        rest = (str(c).rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))
        return "  ".join([first, *rest]).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def print_throughput(params: MmcParams, model: Throughput, reference: Throughput) -> None:
    erlang_min = params.erlang_c_wait_min
    print(
        f"\n== 1. M/M/c throughput: c={params.servers}, "
        f"lambda={params.arrival_rate_per_min:.3f}/min, service mean "
        f"{params.service_mean_min:g} min, rho={params.utilisation:.2f} ==",
    )
    rows = [
        [
            t.label,
            f"{t.residents:,}",
            f"{t.best_s:.3f}",
            f"{t.residents_per_s:,.0f}",
            f"{t.mean_wait_min:.2f}",
            f"{erlang_min:.2f}",
            f"{100 * (t.mean_wait_min / erlang_min - 1):+.1f}%",
        ]
        for t in (model, reference)
    ]
    headers = ["", "residents", "best s", "residents/s", "wait min", "Erlang C min", "diff"]
    print(table(headers, rows))
    ratio = throughput_ratio(model, reference)
    print(f"ratio model/reference: {ratio:.2f}x (residents/s, best of {len(model.seconds)})")
    print(
        "(wait: one run each; at rho 0.9 the mean wait of one run of 200,000 residents "
        "scatters by about 5%, more for fewer residents)"
    )


def footprint_rows(runs: Sequence[Footprint]) -> list[list[str]]:
    return [
        [
            r.label,
            f"{r.residents_arrived:,}",
            f"{r.activations:,}",
            f"{r.median_s:.2f}",
            f"{r.seconds[0]:.2f}",
            f"{r.peak_rss_mb:.0f}",
            f"{r.tracemalloc_peak_mb:.2f}",
        ]
        for r in runs
    ]


FOOTPRINT_HEADERS = [
    "scenario",
    "arrived",
    "activations",
    "seconds",
    "first s",
    "peak RSS MB",
    "tracemalloc peak MB",
]


def print_regions(regions: dict[str, Footprint], repeats: int) -> None:
    print(f"\n== 2. One replication of each region scenario (median of {repeats}) ==")
    print(table(FOOTPRINT_HEADERS, footprint_rows(list(regions.values()))))


def growth_ratio(rows: Sequence[Footprint]) -> float:
    """tracemalloc peak of the largest run over that of the smallest."""
    return rows[-1].tracemalloc_peak_mb / rows[0].tracemalloc_peak_mb


def extra_bytes_per(rows: Sequence[Footprint], unit: Callable[[Footprint], int]) -> float:
    """Growth of the tracemalloc peak, smallest to largest run, per extra ``unit``."""
    small, large = rows[0], rows[-1]
    extra_bytes = (large.tracemalloc_peak_mb - small.tracemalloc_peak_mb) * BYTES_PER_MB
    return extra_bytes / max(1, unit(large) - unit(small))


def flat_in_residents(rows: Sequence[Footprint]) -> bool:
    """True when the peak grows by less than FLAT_BYTES_PER_RESIDENT per extra resident."""
    return extra_bytes_per(rows, lambda r: r.residents_arrived) < FLAT_BYTES_PER_RESIDENT


def print_growth(rows: Sequence[Footprint]) -> None:
    print("\n== 3. Memory as residents grow (M/M/c scenario, one replication each) ==")
    print(table(FOOTPRINT_HEADERS, footprint_rows(rows)))
    residents_ratio = rows[-1].residents_arrived / rows[0].residents_arrived
    per_resident_b = extra_bytes_per(rows, lambda r: r.residents_arrived)
    per_day_b = extra_bytes_per(rows, lambda r: r.days)
    verdict = "flat in residents" if flat_in_residents(rows) else "GROWS WITH RESIDENTS"
    print(
        f"tracemalloc peak x{growth_ratio(rows):.2f} for x{residents_ratio:.1f} residents: "
        f"{per_resident_b:+.2f} bytes per extra resident, or {per_day_b:+.0f} bytes per extra "
        f"day ({rows[0].days} -> {rows[-1].days} days): {verdict} "
        f"(< {FLAT_BYTES_PER_RESIDENT:g} bytes per resident)"
    )


def print_goals(goals: Sequence[Goal], quick: bool) -> None:
    print("\n== 4. Goals ==")
    if quick:
        print("(--quick: smaller sizes than the goals are stated for)")
    for goal in goals:
        mark = {True: "met", False: "NOT MET", None: "n/a"}[goal.met]
        print(f"[{mark:>7}] {goal.text}: {goal.measured}")


# --- main ----------------------------------------------------------------------------------------


def load_average() -> float:
    """The machine's one-minute load average (other work skews timings)."""
    return os.getloadavg()[0]


def environment() -> dict[str, str]:
    """What the figures were measured with."""
    return {
        "python": platform.python_version(),
        "simpy": simpy.__version__,
        "numpy": np.__version__,
        "machine": platform.machine(),
        "cpus": str(os.cpu_count()),
        "child_start_method": child_context().get_start_method(),
    }


def print_header(quick: bool) -> None:
    env = environment()
    print(
        f"IKD simulator core benchmark{' (--quick)' if quick else ''}: Python {env['python']}, "
        f"SimPy {env['simpy']}, numpy {env['numpy']}, {env['cpus']} CPUs, "
        f"load average {load_average():.1f}"
    )


@dataclass(frozen=True)
class Results:
    """Everything one benchmark run measured."""

    params: MmcParams
    model: Throughput
    reference: Throughput
    regions: dict[str, Footprint]  # by scenario file name
    growth: list[Footprint]
    goals: list[Goal]

    def as_json(self, quick: bool) -> dict[str, Any]:
        """The figures as plain data, derived values included."""

        def speed(t: Throughput) -> dict[str, Any]:
            return asdict(t) | {"best_s": t.best_s, "residents_per_s": t.residents_per_s}

        def footprint(r: Footprint) -> dict[str, Any]:
            return asdict(r) | {"median_s": r.median_s}

        return {
            "quick": quick,
            "environment": environment(),
            "load_average_end": load_average(),
            "mmc": {
                "params": asdict(self.params)
                | {"erlang_c_wait_min": self.params.erlang_c_wait_min},
                "model": speed(self.model),
                "reference": speed(self.reference),
                "ratio": throughput_ratio(self.model, self.reference),
            },
            "regions": {name: footprint(r) for name, r in self.regions.items()},
            "growth": {
                "runs": [footprint(r) for r in self.growth],
                "tracemalloc_ratio": growth_ratio(self.growth),
                "bytes_per_extra_resident": extra_bytes_per(
                    self.growth, lambda r: r.residents_arrived
                ),
                "bytes_per_extra_day": extra_bytes_per(self.growth, lambda r: r.days),
                "flat_in_residents": flat_in_residents(self.growth),
            },
            "goals": [asdict(g) for g in self.goals],
        }


def run_benchmark(sizes: Sizes) -> Results:
    """Measure and print sections 1 to 3; work out the goals."""
    scenario = mmc_scenario(sizes.mmc_residents)
    params = mmc_params(scenario)
    model, reference = time_both(scenario, params, sizes.repeats)
    print_throughput(params, model, reference)

    regions = measure_regions(sizes.repeats, sizes.region_days)
    print_regions(regions, sizes.repeats)
    growth = measure_growth(sizes.memory_residents)
    print_growth(growth)

    goals = [
        throughput_goal(model, reference),
        mojokerto_goal(regions, sizes.region_days),
        memory_goal([*regions.values(), *growth]),
    ]
    return Results(params, model, reference, regions, growth, goals)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke test")
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started_s = time.perf_counter()
    print_header(args.quick)
    results = run_benchmark(QUICK if args.quick else FULL)
    print_goals(results.goals, args.quick)
    elapsed_s = time.perf_counter() - started_s
    print(f"\ntotal {elapsed_s:.0f} s, load average at the end {load_average():.1f}")
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(results.as_json(args.quick), indent=2)
        args.json.write_text(text + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
