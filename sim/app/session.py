"""What the app edits and runs, kept apart from Streamlit so it is tested directly.

The page edits a scenario's raw tree (every key, as ``--export-yaml`` writes it); a run writes
that tree as one YAML file in the working folder and runs the command line on it in a child
process, so the page shows exactly the CLI's results and its one-line errors.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sim import yaml_reader
from sim.scenario import WEEKDAYS, Scenario, ScenarioError, full_tree, validate
from sim.template.read import load_any

MODES = {"run": [], "compare": ["--compare"], "find_staff": ["--find-staff"]}


SKIPPED_DIRS = {"out", "app-runs", "app-uploads", "__pycache__", "node_modules"}
SKIPPED_FILES = {"defaults.yaml", "calibrated.yaml", "scenario.yaml"}


def scenario_files(work: Path) -> list[Path]:
    """The scenarios a planner can pick: YAML files and workbooks under the working folder,
    outside hidden folders (a virtual environment), outputs and the app's own runs."""
    found = []
    for folder, dirs, names in os.walk(work):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        found += [
            Path(folder) / n
            for n in names
            if n.endswith((".yaml", ".xlsx")) and n not in SKIPPED_FILES
        ]
    return sorted(found)


def tree_of(path: Path) -> dict:
    """The raw tree of a scenario file or workbook, variants included."""
    scenario, _ = load_any(path)
    return tree_with_variants(scenario)


def tree_with_variants(scenario: Scenario) -> dict:
    tree = full_tree(scenario)
    tree["variants"] = {n: v.model_dump(by_alias=True) for n, v in scenario.variants.items()}
    return tree


def set_staff(tree: dict, part: str, index: int, key: str, value: int) -> None:
    """Officers, devices or count of site (``part="sites"``) or team (``"teams"``) ``index``."""
    items = tree["sites"] if part == "sites" else tree["outreach"]["teams"]
    items[index][key] = int(value)


TEAM_STAFF = ("count", "officers", "devices")


def team_rows(tree: dict) -> list[dict[str, Any]]:
    """The outreach teams as rows: name, count, officers, devices and the event kind of each
    weekday ("" on a day without events)."""
    return [
        {"name": team["name"], **{k: team[k] for k in TEAM_STAFF}}
        | {day: team["weekly"].get(day) or "" for day in WEEKDAYS}
        for team in tree["outreach"]["teams"]
    ]


def set_teams(tree: dict, rows: list[dict[str, Any]]) -> None:
    """Staff and weekly plan of each team from its row (rows in the teams' order)."""
    for team, row in zip(tree["outreach"]["teams"], rows, strict=True):
        for key in TEAM_STAFF:
            if row.get(key) is not None:
                team[key] = int(row[key])
        team["weekly"] = {day: str(row[day]) for day in WEEKDAYS if row.get(day)}


def proposal_rows(tree: dict) -> list[dict[str, str]]:
    """The proposals as rows (proposal, key, value as text): one row per change, and one
    for each description."""
    rows = []
    for name, variant in tree.get("variants", {}).items():
        for key in ("description", "description_id"):
            if variant.get(key):
                rows.append({"usulan": name, "kunci": key, "nilai": variant[key]})
        for key, value in variant["changes"].items():
            rows.append({"usulan": name, "kunci": key, "nilai": as_text(value)})
    return rows


def as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return yaml.safe_dump(value, default_flow_style=True, sort_keys=False, width=10**6)[
        :-1
    ].removesuffix("\n...")


def set_proposals(tree: dict, rows: list[dict[str, Any]]) -> None:
    """Replace the proposals with those of ``rows`` (a value is read as YAML: 23, false,
    2023-07-03, [..] or {..}; a description as text)."""
    variants: dict[str, dict] = {}
    for row in rows:
        name, key = str(row.get("usulan") or "").strip(), str(row.get("kunci") or "").strip()
        if not name or not key:
            continue
        variant = variants.setdefault(name, {"description": "", "changes": {}})
        text = "" if row.get("nilai") is None else str(row["nilai"])
        if key in ("description", "description_id"):
            variant[key] = text
        else:
            variant["changes"][key] = _value(text, name, key)
    tree["variants"] = variants


def _value(text: str, name: str, key: str) -> Any:
    try:
        return yaml_reader.read(text) if text.strip() else None
    except yaml.YAMLError:
        raise ScenarioError(
            "Usulan", f"variants.{name}.changes.{key}", "cell_flow_unreadable"
        ) from None


def set_pppk(tree: dict, rows: list[dict[str, Any]]) -> None:
    """The PPPK additions from the edited table (rows with no site left out)."""
    kept = []
    for row in rows:
        if not row.get("site"):
            continue
        item = {k: row[k] for k in ("site", "officers", "devices") if row.get(k) is not None}
        for k in ("officers", "devices"):
            if k in item:
                item[k] = int(item[k])
        if row.get("from"):
            item["from"] = _date(row["from"])
        kept.append(item)
    tree["staff"]["pppk"] = kept


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def checked(tree: dict, source: str) -> Scenario:
    """The edited tree validated as the CLI would (ScenarioError on a problem)."""
    return validate(tree, source)


@dataclass
class Run:
    """One run of the command line in the working folder."""

    folder: Path
    process: subprocess.Popen
    expected: int  # replication files the run will write (0: unknown, a search)

    @property
    def out(self) -> Path:
        return self.folder / "hasil"

    def done_share(self) -> float:
        if not self.expected:
            return 0.0
        reps = self.out / "replications"
        return (
            min(1.0, len(list(reps.glob("*/rep-*.npz"))) / self.expected) if reps.exists() else 0.0
        )


def start(tree: dict, work: Path, mode: str, replications: int, seed: int, lang: str) -> Run:
    """Write the tree as one YAML file under ``work/app-runs`` and run the CLI on it."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    folder = work / "app-runs" / stamp
    folder.mkdir(parents=True)
    path = folder / "scenario.yaml"
    path.write_text(yaml.safe_dump(tree, sort_keys=False, allow_unicode=True), encoding="utf-8")
    cmd = [sys.executable, "-m", "sim.cli", "scenario.yaml", "-n", str(replications)]
    cmd += ["--seed", str(seed), "--lang", lang, "--quiet", "--out", "hasil", *MODES[mode]]
    with (folder / "stdout.txt").open("wb") as out, (folder / "stderr.txt").open("wb") as err:
        process = subprocess.Popen(cmd, cwd=folder, stdout=out, stderr=err)  # files: no pipe fills
    variants = 1 + len(tree.get("variants", {})) if mode == "compare" else 1
    return Run(folder, process, 0 if mode == "find_staff" else replications * variants)


def error_line(run: Run, work: Path) -> str:
    """The CLI's one-line error, with paths shown relative to the working folder."""
    run.process.wait()
    err = (run.folder / "stderr.txt").read_text(encoding="utf-8", errors="replace")
    lines = [line for line in err.strip().splitlines() if line.strip()]
    text = lines[-1] if lines else f"exit status {run.process.returncode}"
    return text.replace(f"{work}/", "")
