"""Fixed sites (main office / MPP, kecamatan posts, village posts) as SimPy processes.

Officers are loops that pull the next resident from a FIFO queue, as outreach officers
do: an officer whose next resident is not ready yet sleeps until they are; with nobody
queued it parks on an event until the day's residents are queued or the site closes.
A busy site costs about one SimPy event per resident (``benchmarks/bench_site_queue.py``
measures this against a feeder that hands residents to parked officers). Residents who
wait past their patience are dropped lazily when they reach the head of the queue: for a
FIFO queue that is the same as leaving at the deadline.
"""

from __future__ import annotations

from collections import deque
from itertools import repeat
from typing import NamedTuple

import numpy as np

from sim.calendar import MIN_PER_DAY
from sim.model.codes import Reason, in_funnel
from sim.model.context import Context
from sim.model.residents import PoolShares, Resident, poisson_inverse
from sim.model.runlog import CHANNEL_INDEX
from sim.scenario import FixedSite

LEFT_QUEUE, CLOSED = int(Reason.LEFT_QUEUE), int(Reason.CLOSED)


class Spell:
    """A stretch of continuous opening: consecutive days join when one closes as the next opens.

    ``shifts`` lists (start minute, counters) for each day of the spell, so the number of
    counters can change at midnight (a PPPK start date) without closing the site.
    """

    __slots__ = ("close_min", "open_min", "shifts")

    def __init__(self, open_min: float, close_min: float, servers: int) -> None:
        self.open_min, self.close_min = open_min, close_min
        self.shifts = [(open_min, servers)]


class Batch(NamedTuple):
    """Residents arriving at a site on one day, as arrays (one entry per resident)."""

    arrive: np.ndarray  # minutes since period start
    join: np.ndarray  # arrival plus self-preparation
    hold: np.ndarray
    result: np.ndarray
    patience: np.ndarray
    offered: np.ndarray
    segment: np.ndarray
    decided: np.ndarray

    def select(self, mask: np.ndarray) -> Batch:
        return Batch(*(a[mask] for a in self))

    @staticmethod
    def join_all(batches: list[Batch]) -> Batch:
        return Batch(*(np.concatenate(parts) for parts in zip(*batches, strict=True)))


def _batch(arrive: np.ndarray, draws, offered: np.ndarray, decided: np.ndarray) -> Batch:
    return Batch(
        arrive,
        arrive + draws.prep_min,
        draws.hold_min,
        draws.result,
        draws.patience_min,
        offered,
        draws.segment,
        decided,
    )


_NOBODY = Batch(
    *(np.zeros(0) for _ in range(3)),
    np.zeros(0, dtype=np.int64),
    np.zeros(0),
    np.zeros(0, dtype=bool),
    np.zeros(0, dtype=np.int64),
    np.zeros(0, dtype=bool),
)


class FixedSiteRun:
    """One fixed site for one replication.

    ``key`` names its random streams: the first post of a group keeps the group's name,
    so growing a group from 1 to 3 posts leaves the first post's residents unchanged.
    """

    def __init__(
        self, ctx: Context, spec: FixedSite, name: str, key: str, servers: np.ndarray
    ) -> None:
        self.ctx, self.spec, self.name, self.key = ctx, spec, name, key
        self.env, self.log, self.sampler = ctx.env, ctx.log, ctx.sampler
        self.returns = ctx.scenario.demand.returns
        self.channel = CHANNEL_INDEX[spec.kind]
        self.hold_factor = ctx.hold_factor(spec.kind)
        self.rng_returns = ctx.streams(f"returns:{key}")
        self.down = ctx.outages.of_site(key, spec.network_trouble_prob_per_day)
        self.windows, self.closed_windows = self._windows()
        self.diversion: tuple[FixedSiteRun, float] | None = None  # set by the model
        self.servers = servers
        self.spells, self.spell_of_day = self._spells()
        self.queue: deque[Resident] = deque()
        self.idle: list = []  # events of parked officers (nobody queued)
        self.spell = -1
        self.close_min = -1.0
        self.wanted = 0  # counters the current shift staffs
        self.working = 0  # officer processes at work
        self.return_days: dict[int, list[tuple[int, int, bool]]] = {}  # code, segment, decided
        self.due = np.zeros(len(ctx.sampler.mix.groups))  # decided residents waiting to come
        self.today: list[Batch] = []  # residents drawn for today, own and diverted here

    # --- calendar -------------------------------------------------------------------------

    def _windows(self) -> tuple[list, list]:
        """Opening windows per day when IKD is served, and when the office is open without it."""
        spec, cal = self.spec, self.ctx.calendar
        hours = self.ctx.scenario.calendar.opening_hours[spec.hours_name]
        served, unserved = [], []
        for d in range(cal.days):
            day = cal.date_of(d)
            window = cal.window(hours, day)
            serving = spec.ikd_installed and (spec.opens_on is None or day >= spec.opens_on)
            served.append(window if serving else None)
            unserved.append(None if serving else window)
        return served, unserved

    def _spells(self) -> tuple[list[Spell], dict[int, int]]:
        spells: list[Spell] = []
        spell_of_day: dict[int, int] = {}
        for d, window in enumerate(self.windows):
            if window is None or self.servers[d] == 0 or self.ctx.outages.is_down(d, self.down):
                continue
            open_min, close_min = d * MIN_PER_DAY + window[0], d * MIN_PER_DAY + window[1]
            last = spells[-1] if spells else None
            if last and last.close_min == open_min:
                last.close_min = close_min
                if last.shifts[-1][1] != self.servers[d]:
                    last.shifts.append((open_min, int(self.servers[d])))
            else:
                spells.append(Spell(open_min, close_min, int(self.servers[d])))
            spell_of_day[d] = len(spells) - 1
        return spells, spell_of_day

    def next_open_day(self, day: int) -> int | None:
        for d in range(day, len(self.windows)):
            if self.windows[d] is not None:
                return d
        return None

    # --- arrivals, once a day: draw everywhere first, then admit ------------------------------

    def draw_day(self, d: int, shares: PoolShares) -> None:
        """Draw today's residents from this site's stream for the day (the same in every variant).

        On a day the office is open but does not serve IKD, the share given under
        ``when_closed`` goes to another site instead; the others do not come.
        """
        own = self.windows[d]
        diversion = None if own else self.diversion
        window = own or (self.closed_windows[d] if diversion else None)
        if window is None:
            return
        batch, moving = self._draw(d, window, shares)
        if own is not None:
            self.log.arrived += len(batch.result)
            self.today.append(batch)
            return
        target, share = diversion
        if target.windows[d] is not None:
            moved = batch.select(moving < share)
            self.log.arrived += len(moved.result)
            target.today.append(target.moved_here(moved, window, target.windows[d], d))

    def _draw(
        self, d: int, window: tuple[int, int], shares: PoolShares
    ) -> tuple[Batch, np.ndarray]:
        """The day's residents still to come, and a uniform each for a possible diversion.

        The number of variates drawn depends only on the day's count, never on the state of
        the run, so every variant draws the same residents. Residents who decided to come
        (adoption) are drawn after the others, so a change in their number leaves the
        others as they were.
        """
        sampler, spec = self.sampler, self.spec
        rng = self.ctx.streams.on_day(f"site:{self.key}", d)
        n_walk = sampler.count(rng, spec.walk_ins_per_day)
        n = n_walk + sampler.count(rng, spec.other_service_visitors_per_day)
        arrive = d * MIN_PER_DAY + sampler.minutes(rng, n, window)
        draws = sampler.residents(rng, n, d)
        offered = np.arange(n) >= n_walk
        accepts = rng.random(n) < sampler.offer_accept[draws.segment]
        moving = rng.random(n)
        present = draws.still_to_come(shares) & (~offered | accepts)
        batch = _batch(arrive, draws, offered, np.zeros(n, dtype=bool)).select(present)
        if not self.due.any():
            return batch, moving[present]
        decided, decided_moving = self._decided(rng, d, window)
        return Batch.join_all([batch, decided]), np.concatenate([moving[present], decided_moving])

    def _decided(self, rng, d: int, window: tuple[int, int]) -> tuple[Batch, np.ndarray]:
        """Today's residents who decided to activate (adoption), all of them coming."""
        sampler = self.sampler
        segments = self._decided_today(rng)
        m = len(segments)
        arrive = d * MIN_PER_DAY + sampler.minutes(rng, m, window)
        on_purpose = np.ones(m, dtype=bool)
        draws = sampler.residents(rng, m, d, on_purpose=on_purpose, given=segments)
        self.ctx.diffusion.came_on_purpose(draws.segment[~draws.blocked])
        return _batch(arrive, draws, np.zeros(m, dtype=bool), on_purpose), rng.random(m)

    def _decided_today(self, rng: np.random.Generator) -> np.ndarray:
        """Segments (indices into the mix) of the residents who decided to activate and come
        today: a Poisson count of those due (the rounded count, carrying the rest, with even
        arrivals), more by the share who come unprepared."""
        if not self.due.any():
            return np.zeros(0, dtype=np.int64)
        prepared = self.sampler.mix.prepared_share
        due = self.due / prepared
        if self.sampler.even:
            counts = np.round(due).astype(np.int64)
            self.due = (due - counts) * prepared
        else:
            counts = poisson_inverse(rng.random(len(due)), due)
            self.due = np.zeros_like(self.due)
        return np.repeat(np.arange(len(counts)), counts)

    def moved_here(self, batch: Batch, from_window, to_window, d: int) -> Batch:
        """Residents of a closed post, their times carried over to this site's window."""
        base = d * MIN_PER_DAY
        scale = (to_window[1] - to_window[0]) / (from_window[1] - from_window[0])
        arrive = base + to_window[0] + (batch.arrive - base - from_window[0]) * scale
        return batch._replace(arrive=arrive, join=arrive + (batch.join - batch.arrive))

    def admit_day(self, d: int) -> None:
        """Queue today's residents: own, diverted here, and those coming back."""
        window = self.windows[d]
        if window is None:
            return
        batches = [*self.today, self._returners(d, window)]
        self.today = []
        self._admit(d, Batch.join_all(batches))

    def _returners(self, d: int, window: tuple[int, int]) -> Batch:
        """Residents due back today. They keep their funnel state; the visit is drawn again."""
        back = np.asarray(self.return_days.pop(d, []), dtype=np.int64).reshape(-1, 3)
        codes, segments = back[:, 0], back[:, 1]
        m = len(codes)
        if m == 0:
            return _NOBODY
        self.log.return_visits += m
        sampler, rng = self.sampler, self.rng_returns
        arrive = d * MIN_PER_DAY + sampler.minutes(rng, m, window)
        hold_ok, result_ok = sampler.service(rng, m)
        check_min = sampler.activation.check_min.sample(rng, m)
        patience = sampler.patience_min(rng, m)
        capable = ~in_funnel(codes)  # the funnel result stays; the visit itself is drawn again
        return Batch(
            arrive,
            arrive,
            np.where(capable, hold_ok, check_min),
            np.where(capable, result_ok, codes),
            patience,
            np.zeros(m, dtype=bool),
            segments,
            back[:, 2].astype(bool),
        )

    def _admit(self, d: int, batch: Batch) -> None:
        if self.ctx.outages.is_down(d, self.down):
            self._all_home(batch, Reason.SYSTEM_DOWN, self.returns.after_outage, d)
            return
        if self.servers[d] == 0:
            self.log.left_many(Reason.NO_OFFICER, batch.segment)
            return
        quota = self.spec.queue_quota_per_day
        by_arrival = np.argsort(batch.arrive, kind="stable")
        if quota is not None and len(by_arrival) > quota:
            late = batch.select(by_arrival[quota:])
            self._all_home(late, Reason.QUOTA_FULL, self.returns.after_quota_full, d)
            by_arrival = by_arrival[:quota]
        order = by_arrival[np.argsort(batch.join[by_arrival], kind="stable")]
        spell = self.spell_of_day[d]
        deadline = batch.join + batch.patience
        columns = (batch.join, batch.hold, batch.result, deadline)
        self.queue.extend(
            map(  # map over columns: cheaper per resident than a generator that unpacks
                Resident,
                *(column[order].tolist() for column in columns),
                repeat(spell, len(order)),
                *(column[order].tolist() for column in (batch.offered, batch.segment)),
                batch.decided[order].tolist(),
            )
        )
        self._poke()

    # --- sent home: back another day, or lost ----------------------------------------------

    def _all_home(self, batch: Batch, reason: int, return_prob: float, d: int) -> None:
        who = zip(
            batch.result.tolist(), batch.segment.tolist(), batch.decided.tolist(), strict=True
        )
        for code, seg, decided in who:
            self.come_back(code, int(reason), return_prob, d, seg, decided)

    def come_back(
        self, code: int, reason: int, return_prob: float, d: int, seg: int, decided: bool = False
    ) -> None:
        """This site's return policy for a resident sent home: back another open day with
        ``return_prob`` (keeping their funnel result ``code``), else lost for ``reason``."""
        if self.rng_returns.random() >= return_prob:
            self.log.left(reason, seg, False)
            return
        delay = max(1, int(np.ceil(self.returns.delay_days.sample(self.rng_returns, 1)[0])))
        day = self.next_open_day(d + delay)
        if day is None:
            self.log.unserved_end += 1
        else:
            self.return_days.setdefault(day, []).append((code, seg, decided))

    # --- the SimPy processes -------------------------------------------------------------

    def start(self) -> None:
        if self.spells:
            self.env.process(self._open_and_close())

    def _open_and_close(self):
        env = self.env
        for i, spell in enumerate(self.spells):
            yield env.timeout(spell.open_min - env.now)
            self.spell, self.close_min = i, spell.close_min
            ends = [start for start, _ in spell.shifts[1:]] + [spell.close_min]
            for (start, servers), end in zip(spell.shifts, ends, strict=True):
                yield env.timeout(start - env.now)
                self.log.duty_min[self.channel] += servers * (end - start)
                self._staff(servers)
            yield env.timeout(spell.close_min - env.now)
            self._close()

    def _staff(self, counters: int) -> None:
        """Bring the number of officers at work to ``counters``: start officers, or wake the
        parked so that those beyond it stand down (the busy finish the resident in hand)."""
        self.wanted = counters
        for _ in range(counters - self.working):
            self.env.process(self._officer())
        if self.working > counters:
            self._poke()

    def _poke(self) -> None:
        """Residents were queued, or the site's staffing changed: parked officers look again."""
        parked, self.idle = self.idle, []
        for event in parked:
            event.succeed()

    def _take(self, now: float) -> Resident | None:
        queue = self.queue
        while queue and queue[0].join_min <= now < self.close_min:
            resident = queue.popleft()
            if now <= resident.deadline_min:
                return resident
            self.log.left(LEFT_QUEUE, resident.segment, False)
            self.log.note(resident.deadline_min, self.name, "left_queue")
        return None

    def _officer(self):
        env, log, channel, hold_factor = self.env, self.log, self.channel, self.hold_factor
        settle, queue = self.ctx.outcomes.settle, self.queue
        self.working += 1
        while self.working <= self.wanted and env.now < self.close_min:
            head = queue[0].join_min if queue else None
            if head is None or head >= self.close_min:
                parked = env.event()
                self.idle.append(parked)
                yield parked
            elif head > env.now:
                yield env.timeout(head - env.now)
            else:
                resident = self._take(env.now)
                if resident is None:
                    continue
                log.record_wait(channel, env.now - resident.join_min)
                occupied_min = resident.hold_min * hold_factor
                yield env.timeout(occupied_min)
                log.served(channel, resident.hold_min, occupied_min)
                settle(self, resident.result, env.now, *resident[6:], resident.offered)
        self.working -= 1

    def _close(self) -> None:
        """Closing time: the queue goes home; parked officers stop."""
        d = int((self.close_min - 1e-6) // MIN_PER_DAY)  # a 24:00 close belongs to its day
        queue, close_min = self.queue, self.close_min
        while queue and queue[0].spell == self.spell:
            resident = queue.popleft()
            if resident.deadline_min < close_min:
                self.log.left(LEFT_QUEUE, resident.segment, False)
                self.log.note(resident.deadline_min, self.name, "left_queue")
            else:
                self.log.note(close_min, self.name, "sent_home_at_closing")
                back = self.returns.after_closing
                self.come_back(resident.result, CLOSED, back, d, resident.segment, resident.decided)
        self.wanted = 0
        self._poke()

    def pending(self) -> int:
        """Residents still queued or due to return (unserved when the period ends)."""
        return len(self.queue) + sum(len(v) for v in self.return_days.values())
