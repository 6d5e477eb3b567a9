"""The typed results of a run, complete when made: what the files and renderers receive.

A ``Summary`` carries the KPIs over replications (keyed as summary.json shows them, so every
number a page prints can name its source), the holiday-data warnings, the provenance, the
precision reached and the ABK table of the variant it describes, and what limits the result.
Nothing is added to it afterwards.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sim
from sim.decide.abk import Abk
from sim.model.runlog import FUNNEL_REASONS
from sim.scenario import Scenario, scenario_sha256

RESIDENT_SIDE = (*FUNNEL_REASONS, "fr_failed", "email_code_failed")
SYSTEM_SIDE = ("system_down",)


def side_of(reason: str) -> str:
    """Whose side a reason for leaving is on: the resident's, the service's, or the system's."""
    if reason in RESIDENT_SIDE:
        return "resident"
    return "system" if reason in SYSTEM_SIDE else "capacity"


@dataclass(frozen=True)
class Limits:
    """What holds the result back: the reason most residents left without activating, and
    whether the losses are mostly on the residents' side or on the capacity side."""

    reason: str
    count: float  # mean residents per replication who left for ``reason``
    side: str  # "resident" or "capacity"
    side_share: float  # that side's share of all who left


def limits_of(turned_away: dict[str, float]) -> Limits | None:
    """The limits read from the mean count of each reason for leaving; None if nobody left."""
    total = sum(turned_away.values())
    if total <= 0:
        return None
    reason = max(turned_away, key=turned_away.get)
    shares = {"resident": 0.0, "capacity": 0.0, "system": 0.0}
    for name, count in turned_away.items():
        shares[side_of(name)] += count / total
    side = "resident" if shares["resident"] >= shares["capacity"] else "capacity"
    return Limits(reason, turned_away[reason], side, shares[side])


@dataclass(frozen=True)
class Caution:
    """A caution about the holiday data (a message key and the years it concerns)."""

    code: str
    years: str


@dataclass(frozen=True)
class Provenance:
    """What is needed to reproduce a result: inputs, seed, code version."""

    seed: int
    replications: int
    variant: str
    scenario_sha256: str
    version: str
    git_revision: str


def git_revision() -> str:
    """The source tree's commit (with '+dirty' for uncommitted changes), or 'unknown'."""
    root = Path(sim.__file__).resolve().parent.parent

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)
        return done.stdout.strip()

    try:
        rev, dirty = git("rev-parse", "HEAD"), git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return rev + ("+dirty" if dirty else "")


def provenance(scenario: Scenario, seed: int, replications: int, variant: str) -> Provenance:
    return Provenance(
        seed, replications, variant, scenario_sha256(scenario), sim.__version__, git_revision()
    )


@dataclass(frozen=True)
class Summary:
    """One variant's results over its replications."""

    variant: str
    figures: dict[str, Any]  # the KPIs over replications, keyed as in summary.json
    warnings: tuple[Caution, ...]
    provenance: Provenance
    limits: Limits | None
    precision_pct: float | None = None  # CI half-width reached, % of the mean (--precision)
    abk: Abk | None = None  # the ABK table (the first variant's only)
    staff_at_start: dict[str, tuple[int, int, int]] | None = (
        None  # kind -> units, officers, devices
    )

    @property
    def channel_shares(self) -> dict[str, float | None]:
        """Each channel's share of the mean activations during the period."""
        by_channel = self.figures["by_channel"]
        total = sum(values["activations_mean"] for values in by_channel.values())
        return {
            ch: v["activations_mean"] / total if total else None for ch, v in by_channel.items()
        }

    @property
    def share_of_target(self) -> float | None:
        """Mean end-of-period activations as a share of the target (None without a target)."""
        target = self.figures["target"]
        return self.figures["activations"]["mean"] / target if target else None

    @property
    def gap_to_target(self) -> float:
        """Activations the mean falls short of the target by (0 when it reaches it)."""
        return max(0.0, self.figures["target"] - self.figures["activations"]["mean"])
