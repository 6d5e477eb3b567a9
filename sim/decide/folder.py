"""The output folder of a run: usable, held by one run at a time, never mixing two runs.

- ``--out`` must be a folder that can be written (an existing file, or a folder without
  write permission, is refused in one line before anything runs).
- A run holds an exclusive lock on ``DIR/.run.lock`` until it has written its files; a
  second run on the same folder is refused in one line. The operating system releases the
  lock when the process ends, however it ends, so a killed run leaves no stale lock.
- A fresh run (not ``--resume``) first removes the files a previous run wrote there, so a
  run that fails half way leaves its own files only, never beside another run's report.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from sim.scenario import ScenarioError

LOCK = ".run.lock"
# every file and folder a run writes (replications/ is the store's and handled by it)
OUTPUTS = (
    "summary.json",
    "daily.csv",
    "events.csv",
    "comparison.json",
    "search.json",
    "sensitivity.json",
    "observed.json",
    "uncertainty.json",
    "calibration.json",
    "calibration.db",
    "calibrated.yaml",
    "backtest.json",
    "abk.json",
    "brief.json",
    "report.html",
    "results.xlsx",
    "plots",
)


def prepare(out: Path) -> None:
    """Create ``out`` if needed; refuse a path that is a file or cannot be written."""
    if out.exists() and not out.is_dir():
        raise ScenarioError(str(out), "--out", "out_is_file")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ScenarioError(str(out), "--out", "cannot_write", reason=exc.strerror) from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise ScenarioError(str(out), "--out", "cannot_write", reason="permission denied")


def clear_previous(out: Path) -> None:
    """Remove what an earlier run wrote in ``out`` (a fresh run's folder holds one run)."""
    for name in OUTPUTS:
        path = out / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()


@contextmanager
def held(out: Path) -> Iterator[None]:
    """Hold ``out`` for this run: an exclusive lock, refused if another run holds it."""
    prepare(out)
    with open(out / LOCK, "a+b") as handle:
        if not _try_lock(handle):
            raise ScenarioError(str(out), "--out", "out_locked")
        try:
            yield
        finally:
            _unlock(handle)


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
