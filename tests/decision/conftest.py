"""Fixtures for the decision-support tests (issue 3): many replications, resume, comparisons,
the staffing search, precision and sensitivity.

Small scenarios come from ``scenarios/validation/mmc.yaml`` (every feature switched off) with
dotted-path changes applied by :func:`sim.scenario.apply_changes`, as a variant or ``--set``
would. Deterministic cases come from configuration (fixed service times, "even" arrivals),
never from patching the model. Scenario files for the command line are the resolved
scenario written out as JSON (which is YAML), plus any ``variants:`` or ``sensitivity:``.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from cases import COUNTER

from sim.cli import main
from sim.metrics import Replication
from sim.scenario import Scenario, apply_changes, load

ROOT = Path(__file__).resolve().parents[2]
MMC_PATH = ROOT / "scenarios" / "validation" / "mmc.yaml"

Change = Callable[..., Scenario]


@pytest.fixture(scope="session")
def mmc_base() -> Scenario:
    """scenarios/validation/mmc.yaml: one 24-hour site, 4 officers, M/M/c at rho 0.9."""
    return load(MMC_PATH)


@pytest.fixture(scope="session")
def changed(mmc_base: Scenario) -> Change:
    """``changed({"a.b": 1}, base=other)``: a scenario with dotted-path changes applied in
    order and validated again (default base: the mmc scenario)."""

    def _changed(changes: dict[str, Any], /, *, base: Scenario | None = None) -> Scenario:
        return apply_changes(base or mmc_base, copy.deepcopy(changes), "test", "")

    return _changed


@pytest.fixture(scope="session")
def counter(changed: Change) -> Change:
    """The hand-computable counter (see ``COUNTER``), with further ``changes`` on top."""

    def _counter(changes: dict[str, Any] | None = None, /) -> Scenario:
        return changed({**COUNTER, **(changes or {})})

    return _counter


@pytest.fixture(scope="session")
def short_mmc(changed: Change) -> Scenario:
    """mmc.yaml cut to 20 days (~10,000 residents, ~0.05 s a replication): a stochastic
    scenario for runs of many replications."""
    return changed({"period.end": "2023-01-21"})


def scenario_text(scenario: Scenario, **raw: Any) -> str:
    data = scenario.model_dump(mode="json", by_alias=True)
    data.update(copy.deepcopy(raw))
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


@pytest.fixture(scope="session")
def to_text() -> Callable[..., str]:
    """``to_text(scenario, **raw)``: a scenario file's text (JSON, which is YAML)."""
    return scenario_text


@pytest.fixture
def write_scenario(tmp_path: Path) -> Callable[..., Path]:
    """``write_scenario(scenario, name="s.yaml", variants=..., sensitivity=...)``: the
    scenario as a file the command line reads, with raw top-level keys added."""

    def _write(scenario: Scenario, name: str = "scenario.yaml", **raw: Any) -> Path:
        path = tmp_path / name
        path.write_text(scenario_text(scenario, **raw), encoding="utf-8")
        return path

    return _write


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture(scope="session")
def cli() -> Callable[..., CliResult]:
    """Run the command line in this process: ``cli(arg, ...)`` -> exit code, stdout, stderr.
    Its stderr is a StringIO, not a terminal."""

    def _cli(*args: str | Path) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as exc:  # argparse errors
                code = int(exc.code or 0)
        return CliResult(code, out.getvalue(), err.getvalue())

    return _cli


def run_sim(*args: str | Path, timeout: float = 120, **kwargs: Any) -> subprocess.CompletedProcess:
    """``python run_sim.py ARGS`` in a fresh interpreter, output captured (not a terminal)."""
    return subprocess.run(
        [sys.executable, str(ROOT / "run_sim.py"), *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        **kwargs,
    )


@pytest.fixture(scope="session")
def run_sim_process() -> Callable[..., subprocess.CompletedProcess]:
    return run_sim


def assert_same_replications(
    got: dict[str, list[Replication]], want: dict[str, list[Replication]]
) -> None:
    """Same variants, same replication indices in the same order, every array bit-identical
    (values and dtype)."""
    assert list(got) == list(want)
    for variant in want:
        assert [r.replication for r in got[variant]] == [r.replication for r in want[variant]]
        for mine, theirs in zip(got[variant], want[variant], strict=True):
            for f in fields(Replication):
                a, b = np.asarray(getattr(mine, f.name)), np.asarray(getattr(theirs, f.name))
                assert a.dtype == b.dtype, (variant, mine.replication, f.name)
                assert a.shape == b.shape, (variant, mine.replication, f.name)
                assert a.tobytes() == b.tobytes(), (variant, mine.replication, f.name)


@pytest.fixture(scope="session")
def same_replications() -> Callable[..., None]:
    return assert_same_replications
