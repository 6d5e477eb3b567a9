"""Facts about each region scenario's demand, for checking it against what regions report.

    python tools/region_facts.py [-n REPLICATIONS] [SCENARIO.yaml ...]

For each scenario (default: every region in scenarios/), over n replications of the
baseline (seed 12345): activations by the end, outreach activations per team event
(a team's day at one event), the events held, and the register totals (residents obliged
to hold a KTP in the institutions of each event kind, and how many institutions).
Regions report 130-150 activations per open day for 2-3 teams (DOMAIN.md §5.2).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from sim.model.core import Model
from sim.model.runlog import CHANNEL_INDEX
from sim.scenario import load
from sim.streams import Streams

REPO_DIR = Path(__file__).resolve().parent.parent
SEED = 12345
OUTREACH = CHANNEL_INDEX["outreach"]


def facts(path: Path, replications: int) -> dict:
    scenario = load(path)
    activations, per_event, events = [], [], []
    registers: dict[str, tuple[int, int]] = {}
    for r in range(replications):
        model = Model(scenario, Streams(SEED, r), event_log=True)
        log = model.run()
        held = sum(1 for _, _, what in log.events if what.startswith("event_closed"))
        activations.append(scenario.goal.activated_at_start + int(log.activations))
        events.append(held)
        per_event.append(int(log.daily[:, OUTREACH].sum()) / max(1, held))
        if r == 0:
            registers = {
                kind: (len(run.headcount), int(run.headcount.sum()))
                for kind, run in model.registers.items()
            }
    return {
        "name": scenario.name,
        "target": scenario.target,
        "activations": statistics.mean(activations),
        "events": statistics.mean(events),
        "per_event": statistics.mean(per_event),
        "registers": registers,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=3, help="replications (default 3)")
    parser.add_argument("scenarios", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.scenarios or sorted(
        p for p in (REPO_DIR / "scenarios").glob("*.yaml") if p.name != "defaults.yaml"
    )
    for path in paths:
        f = facts(path, args.n)
        registers = "; ".join(
            f"{kind}: {n:,} institutions, {heads:,} residents"
            for kind, (n, heads) in f["registers"].items()
        )
        print(
            f"{f['name']}: {f['activations']:,.0f} activated by the end (target "
            f"{f['target']:,}); {f['events']:,.0f} team events, {f['per_event']:,.1f} "
            f"outreach activations per team event; registers: {registers or 'none'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
