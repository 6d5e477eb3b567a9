"""Never lose work: a run interrupted part way and resumed with --resume DIR writes the same
files, byte for byte, as a run that was never interrupted; an interruption leaves no
half-written file; a resume with another scenario or seed, or of a folder with no earlier
run, is refused with one line.

The interrupted runs are real processes (``python run_sim.py``) sent Ctrl-C (SIGINT to the
process group, as a terminal does), SIGKILL, or having a pool worker killed, once some
replications are on disk.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import psutil
import pytest

from sim.decide.store import ResultStore, atomic_text, atomic_write

ROOT = Path(__file__).resolve().parents[2]
REPS = 40  # ~0.05 s each: about 2 s in all
SEED = 77
EARLY = 5  # interrupt once this many replications are on disk


@pytest.fixture(scope="module")
def scenario_file(tmp_path_factory, short_mmc, to_text) -> Path:
    path = tmp_path_factory.mktemp("scenario") / "short_mmc.yaml"
    path.write_text(to_text(short_mmc), encoding="utf-8")
    return path


def args_for(scenario_file: Path, *extra: str | Path) -> list[str]:
    return [str(scenario_file), "-n", str(REPS), "--seed", str(SEED), *map(str, extra)]


@pytest.fixture(scope="module")
def reference(tmp_path_factory, scenario_file) -> Path:
    """The same run, never interrupted."""
    from sim.cli import main

    out = tmp_path_factory.mktemp("reference")
    assert main([*args_for(scenario_file, "--workers", "1", "--quiet", "--out", out)]) == 0
    return out


def files(out: Path) -> tuple[bytes, bytes]:
    return (out / "summary.json").read_bytes(), (out / "daily.csv").read_bytes()


def rep_files(out: Path) -> list[Path]:
    return sorted((out / "replications" / "baseline").glob("rep-*.npz"))


def leftovers(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.name.endswith(".part")]


def start(scenario_file: Path, out: Path, workers: int, logs: Path) -> subprocess.Popen:
    """The run in its own process group (like a job started from a terminal)."""
    command = [sys.executable, str(ROOT / "run_sim.py")]
    command += args_for(scenario_file, "--workers", str(workers), "--out", out)
    with (logs / "stdout").open("w") as stdout, (logs / "stderr").open("w") as stderr:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=stdout,
            stderr=stderr,
            start_new_session=True,
            preexec_fn=_ctrl_c_as_in_a_terminal,
        )


def _ctrl_c_as_in_a_terminal() -> None:
    """The child takes SIGINT as a terminal job does, even when these tests run where it is
    ignored (pytest-xdist workers started from a background job inherit SIG_IGN, and a
    Python started with SIGINT ignored keeps ignoring it)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def wait_for_replications(proc: subprocess.Popen, out: Path, count: int) -> None:
    deadline = time.monotonic() + 120
    while len(rep_files(out)) < count:
        assert proc.poll() is None, "the run ended before it could be interrupted"
        assert time.monotonic() < deadline, "no replications written"
        time.sleep(0.005)


def finish(proc: subprocess.Popen) -> int:
    try:
        return proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise


def resume(cli, scenario_file: Path, out: Path, *extra: str):
    return cli(*args_for(scenario_file, "--workers", "1", "--resume", out, *extra))


def check_interrupted_part_way(out: Path) -> None:
    done = rep_files(out)
    assert EARLY <= len(done) < REPS, "the run was not interrupted part way"
    assert leftovers(out) == []
    for path in done:  # every result on disk is whole
        with np.load(path) as data:
            assert "daily" in data.files


@pytest.mark.parametrize("workers", [1, 2])
def test_ctrl_c_then_resume_gives_the_uninterrupted_results(
    workers, scenario_file, reference, cli, tmp_path
):
    out, logs = tmp_path / "run", tmp_path
    proc = start(scenario_file, out, workers, logs)
    wait_for_replications(proc, out, EARLY)
    children = psutil.Process(proc.pid).children(recursive=True)
    os.killpg(proc.pid, signal.SIGINT)
    assert finish(proc) == 130
    err = (logs / "stderr").read_text()
    assert "--resume" in err
    assert "Traceback" not in err
    check_interrupted_part_way(out)
    assert not (out / "summary.json").exists()
    psutil.wait_procs(children, timeout=20)
    assert [c.pid for c in children if c.is_running()] == [], "workers left running"

    result = resume(cli, scenario_file, out)
    assert result.code == 0, result.err
    assert files(out) == files(reference)
    assert len(rep_files(out)) == REPS
    assert leftovers(out) == []


def test_killed_run_then_resume_gives_the_uninterrupted_results(
    scenario_file, reference, cli, tmp_path
):
    """SIGKILL cannot be caught: whatever was on disk is whole, and resume completes it."""
    out = tmp_path / "run"
    proc = start(scenario_file, out, 1, tmp_path)
    wait_for_replications(proc, out, EARLY)
    proc.kill()
    assert finish(proc) == -signal.SIGKILL
    done = rep_files(out)
    assert EARLY <= len(done) < REPS
    for path in done:
        with np.load(path) as data:
            assert "daily" in data.files
    result = resume(cli, scenario_file, out)
    assert result.code == 0, result.err
    assert files(out) == files(reference)


def test_killed_worker_then_resume_gives_the_uninterrupted_results(
    scenario_file, reference, cli, tmp_path
):
    """A pool worker dies: the run stops (it does not hang) and leaves only whole files."""
    out = tmp_path / "run"
    proc = start(scenario_file, out, 2, tmp_path)
    wait_for_replications(proc, out, EARLY)
    children = psutil.Process(proc.pid).children(recursive=True)
    workers = [c for c in children if c.ppid() != proc.pid]
    assert workers, "no pool worker found"
    workers[0].kill()
    code = finish(proc)
    assert code != 0
    check_interrupted_part_way(out)
    psutil.wait_procs(children, timeout=20)
    assert [c.pid for c in children if c.is_running()] == [], "processes left running"
    result = resume(cli, scenario_file, out)
    assert result.code == 0, result.err
    assert files(out) == files(reference)


# --- refusals -------------------------------------------------------------------------


@pytest.fixture
def finished(reference, tmp_path) -> Path:
    """A copy of the finished reference run, to resume."""
    out = tmp_path / "finished"
    shutil.copytree(reference, out)
    return out


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


def test_resume_of_a_finished_run_reruns_nothing(finished, scenario_file, reference, cli):
    stamps = {p: p.stat().st_mtime_ns for p in rep_files(finished)}
    result = resume(cli, scenario_file, finished)
    assert result.code == 0, result.err
    assert {p: p.stat().st_mtime_ns for p in rep_files(finished)} == stamps
    assert files(finished) == files(reference)


def test_resume_with_a_changed_scenario_is_refused(finished, scenario_file, cli):
    before = {p: p.read_bytes() for p in finished.rglob("*") if p.is_file()}
    result = resume(cli, scenario_file, finished, "--set", "sites.Loket.officers=5", "--lang", "en")
    assert result.code == 2
    line = one_line(result.err)
    assert "--resume" in line
    assert "changed" in line
    assert "'baseline'" in line
    after = {p: p.read_bytes() for p in finished.rglob("*") if p.is_file()}
    assert after == before  # nothing overwritten, nothing added


def test_resume_of_a_changed_scenario_file_is_refused(
    finished, scenario_file, cli, tmp_path, short_mmc, to_text
):
    edited = tmp_path / "edited.yaml"
    edited.write_text(to_text(short_mmc, description="edited"), encoding="utf-8")
    result = resume(cli, edited, finished, "--lang", "en")
    assert result.code == 2
    assert "changed" in one_line(result.err)


def test_resume_with_another_seed_is_refused(finished, scenario_file, cli):
    args = [str(scenario_file), "-n", str(REPS), "--seed", str(SEED + 1), "--workers", "1"]
    result = cli(*args, "--resume", finished, "--lang", "en")
    assert result.code == 2
    line = one_line(result.err)
    assert str(SEED) in line
    assert str(SEED + 1) in line


@pytest.mark.parametrize("exists", [True, False])
def test_resume_of_a_folder_without_a_run_is_refused(exists, scenario_file, cli, tmp_path):
    empty = tmp_path / "empty"
    if exists:
        empty.mkdir()
    result = resume(cli, scenario_file, empty, "--lang", "en")
    assert result.code == 2
    line = one_line(result.err)
    assert "no earlier run to resume" in line
    assert str(empty) in line
    assert not (empty / "summary.json").exists()


# --- the store ---------------------------------------------------------------------------


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path):
    path = tmp_path / "result.txt"
    atomic_text(path, "old\n")

    def half_then_fail(out):
        out.write(b"new but not fin")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(path, half_then_fail)
    assert path.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["result.txt"]


def test_store_round_trip_is_bit_identical(short_mmc, tmp_path, same_replications):
    from sim.decide.replicate import run_replications

    reps = run_replications(short_mmc, SEED, 2)
    store = ResultStore(tmp_path)
    store.start(SEED, {"baseline": "x"}, resume=False)
    for rep in reps:
        store.save("baseline", rep)
    loaded = store.load("baseline")
    same_replications({"baseline": [loaded[0], loaded[1]]}, {"baseline": reps})
    assert leftovers(tmp_path) == []
