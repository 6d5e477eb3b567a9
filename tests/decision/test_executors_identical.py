"""Serial, a process pool and a dask cluster give bit-identical replications, ordered by
(variant, replication), and the command line writes byte-identical files whichever runs them.

The jobs are three weeks of Kab. Mojokerto (every channel, returns, outages, quotas) for two
variants, so anything a worker could get wrong (random streams, the scenario it rebuilds from
JSON, float sums) would show.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from sim.decide.executors import executor_for
from sim.decide.replicate import jobs_for, run_jobs, run_replications
from sim.decide.store import ResultStore
from sim.scenario import apply_changes, load, with_variant

ROOT = Path(__file__).resolve().parents[2]
MOJOKERTO = ROOT / "scenarios" / "mojokerto_2023.yaml"
THREE_WEEKS = {"period.end": "2023-03-21"}
SEED = 99
REPS = 4
VARIANTS = ("baseline", "hanya_14_kecamatan", "uncertain")
# the baseline with uncertain inputs: parameter sets must be drawn alike everywhere too
UNCERTAIN = {
    "uncertain.inputs": {
        "q": {
            "key": "demand.adoption.q_per_year",
            "distribution": {"kind": "lognormal", "median": 0.38, "sigma": 0.5},
        },
        "willing": {
            "key": "residents.willing_share",
            "distribution": {"kind": "uniform", "low": 0.3, "high": 0.7},
        },
    }
}


def short(name: str):
    base = load(MOJOKERTO)
    changes = THREE_WEEKS | (UNCERTAIN if name == "uncertain" else {})
    variant = "baseline" if name == "uncertain" else name
    return apply_changes(with_variant(base, variant, "test"), changes, "test", "")


@pytest.fixture(scope="module")
def jobs():
    return [job for name in VARIANTS for job in jobs_for(name, short(name), SEED, range(REPS))]


@pytest.fixture(scope="module")
def serial(jobs):
    return run_jobs(jobs)


@pytest.fixture(scope="module")
def pool():
    """Two local worker processes, started once for the module."""
    with executor_for(2) as executor:
        assert executor is not None
        yield executor


@pytest.fixture(scope="module")
def dask_cluster():
    """A local dask.distributed cluster: 2 worker processes with one thread each."""
    distributed = pytest.importorskip("dask.distributed")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, dashboard_address=":0", processes=True
    )
    try:
        yield cluster
    finally:
        cluster.close()


def test_serial_results_are_ordered_by_variant_then_replication(jobs, serial):
    assert list(serial) == list(VARIANTS)
    for reps in serial.values():
        assert [r.replication for r in reps] == list(range(REPS))
    # variants differ, replications differ: the comparison below is not trivially true
    assert serial["baseline"][0].daily.tobytes() != serial["hanya_14_kecamatan"][0].daily.tobytes()
    assert serial["baseline"][0].daily.tobytes() != serial["baseline"][1].daily.tobytes()


def test_jobs_in_any_order_give_the_same_results(jobs, serial, same_replications):
    shuffled = list(jobs)
    random.Random(3).shuffle(shuffled)
    shuffled.sort(key=lambda job: VARIANTS.index(job.variant))  # variants in order, reps not
    assert [j.replication for j in shuffled] != [j.replication for j in jobs]
    same_replications(run_jobs(shuffled), serial)


def test_process_pool_gives_bit_identical_replications(pool, jobs, serial, same_replications):
    seen = []
    pooled = run_jobs(jobs, pool, on_result=lambda v, r: seen.append((v, r.replication)))
    same_replications(pooled, serial)
    assert sorted(seen) == sorted((j.variant, j.replication) for j in jobs)


def test_run_replications_on_a_pool_equals_serial(pool, same_replications):
    scenario = short("baseline")
    here = run_replications(scenario, SEED, 3)
    there = run_replications(scenario, SEED, 3, pool)
    same_replications({"baseline": there}, {"baseline": here})


def test_one_worker_means_serial_in_this_process():
    with executor_for(1) as executor:
        assert executor is None


def test_dask_cluster_gives_bit_identical_replications(
    dask_cluster, jobs, serial, same_replications
):
    with executor_for(dask_address=dask_cluster.scheduler_address) as executor:
        on_dask = run_jobs(jobs, executor)
    same_replications(on_dask, serial)


def test_dask_local_cluster_gives_bit_identical_replications(jobs, serial, same_replications):
    """``executor_for(dask_local=2)``, what --dask-local 2 uses, starts and stops its own."""
    with executor_for(dask_local=2) as executor:
        on_dask = run_jobs(jobs, executor)
    same_replications(on_dask, serial)


def test_pool_keeps_the_variant_order_when_a_later_variant_finishes_first(pool, changed):
    """A year of M/M/c (~1 s) for the first variant, single days for the second: on two
    workers the second variant's replications finish first."""
    slow = changed({"period.end": "2023-12-31"})
    fast = changed({"period.end": "2023-01-02"})
    jobs = jobs_for("slow", slow, 1, range(1)) + jobs_for("fast", fast, 1, range(6))
    assert list(run_jobs(jobs)) == ["slow", "fast"]
    for _ in range(2):  # both workers up and idle before the race starts
        pool.submit(time.sleep, 0.2).result()
    pooled = run_jobs(jobs, pool)
    assert [r.replication for r in pooled["fast"]] == list(range(6))
    assert list(pooled) == ["slow", "fast"]


# --- the command line -----------------------------------------------------------------------


def outputs(folder: Path) -> dict[str, bytes]:
    return {
        name: (folder / name).read_bytes()
        for name in ("summary.json", "daily.csv", "comparison.json")
        if (folder / name).exists()
    }


def stored(folder: Path) -> dict:
    store = ResultStore(folder)
    return {
        variant.name: [reps[r] for r in sorted(reps)]
        for variant in sorted(p for p in store.root.iterdir() if p.is_dir())
        for reps in [store.load(variant.name)]
    }


def test_cli_workers_1_and_2_write_identical_files(cli, tmp_path, same_replications):
    args = [MOJOKERTO, "--compare", "-n", "2", "--seed", "5", "--set", "period.end=2023-03-14"]
    one, two = tmp_path / "one", tmp_path / "two"
    first = cli(*args, "--workers", "1", "--out", one)
    second = cli(*args, "--workers", "2", "--out", two)
    assert first.code == 0, first.err
    assert second.code == 0, second.err
    assert set(outputs(one)) == {"summary.json", "daily.csv", "comparison.json"}
    assert outputs(two) == outputs(one)
    assert first.out.replace(str(one), "DIR") == second.out.replace(str(two), "DIR")
    reps = stored(one)
    assert sorted(reps) == sorted(["baseline", *load(MOJOKERTO).variants])
    same_replications(stored(two), reps)


def test_cli_on_dask_writes_identical_files(dask_cluster, cli, tmp_path):
    args = [MOJOKERTO, "-n", "3", "--seed", "5", "--set", "period.end=2023-03-14"]
    here, there = tmp_path / "here", tmp_path / "there"
    assert cli(*args, "--workers", "1", "--out", here).code == 0
    result = cli(*args, "--dask", dask_cluster.scheduler_address, "--out", there)
    assert result.code == 0, result.err
    assert outputs(there) == outputs(here)
