"""Fixed-site officers: the feeder that hands residents to parked officers, against officers
that pull from the queue themselves (as outreach officers do).

Run from the repository root::

    python benchmarks/bench_site_queue.py           # Kab. Mojokerto 2023 and the M/M/c case
    python benchmarks/bench_site_queue.py --quick   # the first 60 days only

Pulling is the simpler design: an idle officer looks at the head of the queue and sleeps
until that resident is ready. But every idle officer does so, so each arrival at a quiet
site wakes all its idle officers (one SimPy event each), where the feeder wakes only the
one who serves. This script measures what that costs: SimPy events scheduled, wall time
(median of the repeats) and the activations of both, on the same seed. It also times the
same replication of a plain SimPy reference (the one-process-per-customer M/M/c of
``bench_core``) so the ratios can be read against the other benchmarks.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import sim.model.core as core
from sim.model.core import Model
from sim.model.sites import FixedSiteRun
from sim.scenario import apply_changes, load
from sim.streams import Streams

REPO_DIR = Path(__file__).resolve().parent.parent
SCENARIOS = {
    "Kab. Mojokerto 2023": REPO_DIR / "scenarios" / "mojokerto_2023.yaml",
    "M/M/c (validation)": REPO_DIR / "scenarios" / "validation" / "mmc.yaml",
}
SEED = 12345


class FeederSite(FixedSiteRun):
    """A fixed site as it was before officers pulled: a feeder process sleeps until the next
    resident is ready, only while an officer is parked, and hands them to the first parked."""

    def start(self) -> None:
        self.wake, self._leaving = None, 0
        super().start()

    def _open_and_close(self):
        env = self.env
        for i, spell in enumerate(self.spells):
            yield env.timeout(spell.open_min - env.now)
            self.spell, self.close_min = i, spell.close_min
            env.process(self._feeder())
            ends = [start for start, _ in spell.shifts[1:]] + [spell.close_min]
            for (start, servers), end in zip(spell.shifts, ends, strict=True):
                yield env.timeout(start - env.now)
                self.log.duty_min[self.channel] += servers * (end - start)
                self._staff(servers)
            yield env.timeout(spell.close_min - env.now)
            self._close()

    def _staff(self, counters: int) -> None:
        self.wanted = counters
        for _ in range(counters - self.working):
            self.env.process(self._officer())
        while self.working - self._leaving > counters and self.idle:
            self._leaving += 1
            self.idle.pop().succeed(None)

    def _poke(self) -> None:
        if self.wake is not None and not self.wake.triggered:
            self.wake.succeed()

    def _officer(self):
        env, log, channel, hold_factor = self.env, self.log, self.channel, self.hold_factor
        settle = self.ctx.outcomes.settle
        self.working += 1
        while True:
            resident = None if self.working > self.wanted else self._take(env.now)
            if resident is None:
                if env.now >= self.close_min or self.working > self.wanted:
                    break
                parked = env.event()
                self.idle.append(parked)
                self._poke()
                resident = yield parked
                if resident is None:
                    self._leaving = max(0, self._leaving - 1)
                    break
            log.record_wait(channel, env.now - resident.join_min)
            occupied_min = resident.hold_min * hold_factor
            yield env.timeout(occupied_min)
            log.served(channel, resident.hold_min, occupied_min)
            settle(self, resident.result, env.now, *resident[6:], resident.offered)
        self.working -= 1

    def _feeder(self):
        env = self.env
        while env.now < self.close_min:
            queue = self.queue
            head = queue[0].join_min if queue else None
            if not self.idle or head is None or head >= self.close_min:
                self.wake = env.event()
                yield self.wake
            elif head > env.now:
                yield env.timeout(head - env.now)
            else:
                resident = self._take(env.now)
                if resident is not None:
                    self.idle.pop(0).succeed(resident)

    def _close(self) -> None:
        idle, self.idle = self.idle, []
        super()._close()
        for parked in idle:
            parked.succeed(None)
        self._leaving = 0
        self._poke()


def run(path: Path, site_class: type, days: int | None) -> tuple[float, int, int]:
    """Wall seconds, SimPy events scheduled and activations of replication 0."""
    scenario = load(path)
    if days is not None:
        end = scenario.period.start.toordinal() + days - 1
        scenario = apply_changes(scenario, {"period.end": _iso(end)}, str(path), "")
    core.FixedSiteRun = site_class
    try:
        model = Model(scenario, Streams(SEED, 0))
        start = time.perf_counter()
        log = model.run()
        seconds = time.perf_counter() - start
    finally:
        core.FixedSiteRun = FixedSiteRun
    return seconds, next(model.env._eid), int(log.activations)


def _iso(ordinal: int) -> str:
    import datetime as dt

    return dt.date.fromordinal(ordinal).isoformat()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="first 60 days, one repeat")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    days, repeats = (60, 1) if args.quick else (None, args.repeats)
    print(f"{'scenario':22} {'officers':8} {'seconds':>8} {'events':>10} {'activations':>12}")
    for label, path in SCENARIOS.items():
        rows = {}
        for name, cls in (("feeder", FeederSite), ("pulling", FixedSiteRun)):
            runs = [run(path, cls, days) for _ in range(repeats)]
            seconds = statistics.median(r[0] for r in runs)
            rows[name] = (seconds, runs[0][1], runs[0][2])
            print(f"{label:22} {name:8} {seconds:8.2f} {runs[0][1]:10,} {runs[0][2]:12,}")
        (fs, fe, _), (ps, pe, _) = rows["feeder"], rows["pulling"]
        print(f"{'':22} {'ratio':8} {ps / fs:7.2f}x {pe / fe:9.2f}x   pulling / feeder")
    return 0


if __name__ == "__main__":
    sys.exit(main())
