"""Fuzz the scenario loader with mutated region files: every mutation must be accepted (and
run) or refused in one line naming the file; nothing else (no traceback, no other exit).

    python tools/fuzz_scenarios.py 5000            # prepare only (load, variants, checks)
    python tools/fuzz_scenarios.py 300 --run       # and run accepted ones (1 rep, 3 days)

Each case is a seed: ``mutate(random.Random(seed), region)`` makes one region file with one
thing changed (a key deleted, a value retyped, an extreme or non-finite number, an invalid
date, a key written twice, unicode or control text, YAML aliases). The property test in
tests/badinput/test_fuzz_property.py draws seeds with hypothesis.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
REGIONS = ("denpasar_2023", "malang_2023", "mojokerto_2023", "serang_2024", "solok_selatan_2023")
NUMBERS = (-1, 0, -0.0, 1e-300, 1e22, 1e300, -1e300, math.inf, -math.inf, math.nan, 2**63, 10**9)
TEXTS = (
    "",
    "ok\x01",
    "\x1b[31mred",
    "=1+1",
    "+cmd|'/c calc'!A0",
    "x$\\frac{$",
    "<script>alert(1)</script>",
    "\u202eRTL",
    "Pos 😀",
    "a" * 5000,
)
RETYPED = ("abc", [1, 2], {"a": 1}, None, True, "2023-02-30")
BAD_DATES = ("2023-02-29", "2023-02-30", "2023-13-01", "0000-01-01", "2023-03-32", "9999-12-31")


def leaves(tree: Any, path: tuple = ()) -> list[tuple]:
    """Every (path, value) in a tree of mappings and lists, inner nodes included."""
    found = [(path, tree)] if path else []
    if isinstance(tree, dict):
        for key, value in tree.items():
            found += leaves(value, (*path, key))
    elif isinstance(tree, list):
        for i, value in enumerate(tree):
            found += leaves(value, (*path, i))
    return found


def _set(tree: Any, path: tuple, value: Any) -> None:
    node = tree
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


def _delete(tree: Any, path: tuple) -> None:
    node = tree
    for part in path[:-1]:
        node = node[part]
    del node[path[-1]]


def _tree_mutation(rng: random.Random, text: str) -> tuple[str, str]:
    tree = yaml.safe_load(text)
    kind = rng.choice(("delete", "retype", "number", "text"))
    spots = leaves(tree)
    if kind == "number":
        spots = [s for s in spots if isinstance(s[1], int | float) and not isinstance(s[1], bool)]
    elif kind == "text":
        spots = [s for s in spots if isinstance(s[1], str)]
    path, _ = rng.choice(spots)
    if kind == "delete":
        _delete(tree, path)
    else:
        pool = {"retype": RETYPED, "number": NUMBERS, "text": TEXTS}[kind]
        _set(tree, path, rng.choice(pool))
    name = ".".join(map(str, path))
    return f"{kind} {name}", yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)


def _text_mutation(rng: random.Random, text: str) -> tuple[str, str]:
    lines = text.splitlines()
    kind = rng.choice(("date", "duplicate", "alias"))
    if kind == "date":
        dates = [i for i, line in enumerate(lines) if re.search(r"\d{4}-\d{2}-\d{2}", line)]
        i = rng.choice(dates)
        lines[i] = re.sub(r"\d{4}-\d{2}-\d{2}", rng.choice(BAD_DATES), lines[i], count=1)
        return f"date line {i + 1}", "\n".join(lines) + "\n"
    if kind == "duplicate":
        keyed = [i for i, line in enumerate(lines) if re.match(r"^\s*[A-Za-z_]+:\s*\S", line)]
        i = rng.choice(keyed)
        lines.insert(i + 1, lines[i])
        return f"duplicate line {i + 1}", "\n".join(lines) + "\n"
    depth = rng.randint(1, 9)
    bomb = ["  a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    bomb += [f"  a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, depth)]
    return f"alias depth {depth}", text + "\nsensitivity_extra:\n" + "\n".join(bomb) + "\n"


def mutate(rng: random.Random, region: str) -> tuple[str, str]:
    """(what changed, the mutated text) of one region file."""
    text = (SCENARIOS / f"{region}.yaml").read_text(encoding="utf-8")
    if rng.random() < 0.6:
        return _tree_mutation(rng, text)
    return _text_mutation(rng, text)


def folder_with(text: str, region: str, where: Path) -> Path:
    """The mutated region file, alone in a folder (its defaults come from the package)."""
    where.mkdir(parents=True, exist_ok=True)
    path = where / f"{region}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def check(path: Path, out: Path, run: bool = False) -> str:
    """ "accepted" or "refused" (one line naming the file); anything else raises."""
    from sim.decide.runner import Plan
    from sim.decide.study import Request, prepare
    from sim.decide.study import run as run_study
    from sim.scenario import PACKAGE_DEFAULTS, ScenarioError

    plan = Plan(seed=1, replications=1, quiet=True)
    try:
        request = Request(source=str(path), out=out, plan=plan)
        prepared = prepare(request)
        if run:
            start = prepared.scenarios[prepared.first].period.start
            end = (start + dt.timedelta(days=2)).isoformat()
            short = Request(source=str(path), out=out, plan=plan, overrides=(f"period.end={end}",))
            run_study(prepare(short))
    except ScenarioError as exc:
        message = exc.render("en")
        assert "\n" not in message.strip(), message
        # the file, a base it names, or the shipped defaults (a key written there)
        assert message.startswith((str(path.parent), str(PACKAGE_DEFAULTS))), message
        return "refused"
    return "accepted"


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("cases", type=int)
    args.add_argument("--run", action="store_true")
    args.add_argument("--first-seed", type=int, default=0)
    options = args.parse_args(argv)
    tally: Counter[str] = Counter()
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(options.first_seed, options.first_seed + options.cases):
            region = REGIONS[seed % len(REGIONS)]
            what, text = mutate(random.Random(seed), region)
            path = folder_with(text, region, Path(tmp) / "case")
            try:
                tally[check(path, Path(tmp) / "out", options.run)] += 1
            except Exception as exc:  # counting what must not happen
                tally["other"] += 1
                print(f"seed {seed} ({region}: {what}): {type(exc).__name__}: {exc}"[:300])
    seconds = time.perf_counter() - began
    print(
        f"tried {options.cases}: accepted {tally['accepted']}, refused in one line "
        f"{tally['refused']}, other {tally['other']} ({seconds:.0f} s)"
    )
    return 1 if tally["other"] else 0


if __name__ == "__main__":
    sys.exit(main())
