"""Where replications run: in this process, a local process pool, or a dask cluster."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager

from sim.scenario import ScenarioError


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


PARENT_CHECK_S = 1.0  # how often a worker looks whether the run that started it still lives


def watch_parent(parent: int) -> None:
    """In a worker: end this process when the run that started it is gone (killed with
    SIGKILL, say), instead of living on with its memory and the pool's helper processes.
    POSIX only: on Windows ``os.kill(pid, 0)`` would send CTRL_C_EVENT."""
    if sys.platform == "win32":
        return
    threading.Thread(target=_exit_without, args=(parent,), daemon=True).start()


def _exit_without(parent: int) -> None:
    while _alive(parent):
        time.sleep(PARENT_CHECK_S)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # the pid now belongs to someone else's process: ours is gone
        return False
    return True


@contextmanager
def executor_for(
    workers: int = 1, dask_address: str | None = None, dask_local: int | None = None
) -> Iterator[Executor | None]:
    """An executor for the run (None: serially in this process), shut down afterwards.

    On an interruption pending replications are cancelled rather than waited for.
    """
    if dask_address or dask_local:
        with _dask(dask_address, dask_local) as executor:
            yield executor
    elif workers <= 1:
        yield None
    else:
        context = multiprocessing.get_context("forkserver" if sys.platform == "linux" else None)
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=watch_parent,
            initargs=(os.getpid(),),
        )
        try:
            yield pool
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown(wait=True)


DASK_TIMEOUT_S = 10  # seconds to wait for a scheduler before saying it does not answer


@contextmanager
def _dask(address: str | None, local_workers: int | None) -> Iterator[Executor]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ScenarioError("--dask", "", "no_dask") from None
    cluster = None
    if address is None:
        cluster = LocalCluster(
            n_workers=local_workers, threads_per_worker=1, dashboard_address=":0"
        )
    try:
        client = Client(address or cluster, timeout=DASK_TIMEOUT_S)
    except (OSError, TimeoutError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ScenarioError(
            "--dask", "", "dask_unreachable", address=address, reason=reason
        ) from None
    try:
        yield client.get_executor()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
