"""Fixtures for the bad-input tests: scenario files that differ from mmc.yaml in one thing,
the command line run in-process or as a real process, and the check of its one-line error."""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from sim.cli import main

ROOT = Path(__file__).resolve().parents[2]
MMC = ROOT / "scenarios" / "validation" / "mmc.yaml"
_MMC_DATA = yaml.safe_load(MMC.read_text(encoding="utf-8"))
# Error messages start with the word for "error" in the chosen language.
_PREFIXES = ("kesalahan: ", "error: ")


@dataclass
class Result:
    status: int
    stdout: str
    stderr: str


def _set(tree: Any, dotted: str, value: Any) -> None:
    """Set a value at a dotted path (digits index lists), creating the last key if needed."""
    *parents, last = dotted.split(".")
    node = tree
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


def _drop(tree: Any, dotted: str) -> None:
    *parents, last = dotted.split(".")
    node = tree
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    del node[last]


@pytest.fixture
def mmc_data() -> dict:
    """The raw mapping of scenarios/validation/mmc.yaml; each test gets its own copy."""
    return copy.deepcopy(_MMC_DATA)


@pytest.fixture
def scenario_file(tmp_path: Path) -> Callable[..., Path]:
    """Write mmc.yaml with the given dotted-path changes (or the given text) to tmp_path."""

    def make(
        changes: dict[str, Any] | None = None,
        *,
        drop: tuple[str, ...] = (),
        data: Any = None,
        text: str | bytes | None = None,
        name: str = "scenario.yaml",
    ) -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        elif text is not None:
            path.write_text(text, encoding="utf-8")
        else:
            tree = copy.deepcopy(_MMC_DATA) if data is None else data
            for dotted, value in (changes or {}).items():
                _set(tree, dotted, value)
            for dotted in drop:
                _drop(tree, dotted)
            path.write_text(yaml.safe_dump(tree, sort_keys=False), encoding="utf-8")
        return path

    return make


def _english_unless_chosen(argv: list[str]) -> list[str]:
    """The phrases checked below are English: ask for English unless the test chose a language."""
    return argv if "--lang" in argv else [*argv, "--lang", "en"]


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Call sim.cli.main in-process. Output goes under tmp_path and one replication is run,
    so a bad file wrongly accepted cannot litter the work tree or take long."""

    def run(*args: str | Path, guard: bool = True) -> Result:
        argv = _english_unless_chosen([str(a) for a in args])
        if guard:
            argv += ["--out", str(tmp_path / "out"), "--replications", "1"]
        capsys.readouterr()
        try:
            status = main(argv)
        except SystemExit as exc:  # argparse
            status = exc.code
        captured = capsys.readouterr()
        return Result(status, captured.out, captured.err)

    return run


@pytest.fixture
def run_sim(tmp_path: Path) -> Callable[..., Result]:
    """Run ``python run_sim.py ...`` as a real process, from tmp_path."""

    def run(*args: str | Path, guard: bool = True) -> Result:
        argv = _english_unless_chosen([str(a) for a in args])
        if guard:
            argv += ["--out", str(tmp_path / "out"), "--replications", "1"]
        done = subprocess.run(
            [sys.executable, str(ROOT / "run_sim.py"), *argv],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    return run


def check_error(result: Result, source: str | Path, key: str, phrase: str) -> str:
    """Exit status 2 and exactly one line on stderr: ``<error>: SOURCE[:LINE]: KEY...: PROBLEM``
    (a scenario file's problem names the line of the key it is about, or of the nearest
    enclosing key written in the file).

        ``key`` must open the key slot (it may go on with more path segments, but no spaces);
        ``phrase`` must appear, case-insensitively, in the problem after it. With key "" the
        message has no key slot and the phrase is looked for in everything after the source.
        Returns the problem text.
    """
    assert result.status == 2, (result.status, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stdout == "", result.stdout
    assert result.stderr.endswith("\n")
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith(_PREFIXES), line
    head = re.search(rf"{re.escape(str(source))}(:\d+)?: ", line)
    assert head, f"the message does not name the file {source}: {line}"
    rest = line[head.end() :]
    if key:
        match = re.match(rf"{re.escape(key)}[\w.\[\]-]*: (.+)$", rest)
        assert match, f"the message does not give the key path {key!r} in its key slot: {line}"
        problem = match.group(1)
    else:
        problem = rest
    assert phrase.lower() in problem.lower(), f"{phrase!r} not in {problem!r}"
    return problem


@pytest.fixture
def expect_error() -> Callable[..., str]:
    return check_error
