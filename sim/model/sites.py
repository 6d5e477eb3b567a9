"""Fixed sites (main office / MPP, kecamatan posts, village posts) as SimPy processes.

Officers are loops that pull the next resident from a FIFO queue; an officer with nobody
to serve parks on an event. A feeder process sleeps until the next resident is ready,
and only while an officer is idle, so a busy site costs about one SimPy event per resident.
Residents who wait past their patience are dropped lazily when they reach the head of the
queue: for a FIFO queue that is the same as leaving at the deadline.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

import numpy as np

from sim.calendar import MIN_PER_DAY
from sim.model.residents import ACTIVATE, Resident, arrival_minutes, draw_residents, service_draws
from sim.model.runlog import CHANNEL_INDEX, FUNNEL_REASONS, REASON_INDEX
from sim.scenario import FixedSite

if TYPE_CHECKING:
    from sim.model.core import Model

CLOSED = REASON_INDEX["closed"]
LEFT_QUEUE = REASON_INDEX["left_queue"]
_NONE = np.zeros(0)
FUNNEL_CODES = [REASON_INDEX[r] for r in FUNNEL_REASONS]


class Spell:
    """A stretch of continuous opening: consecutive days join when one closes as the next opens.

    ``shifts`` lists (start minute, counters) for each day of the spell, so the number of
    counters can change at midnight (a PPPK start date) without closing the site.
    """

    __slots__ = ("close_min", "open_min", "shifts")

    def __init__(self, open_min: float, close_min: float, servers: int) -> None:
        self.open_min, self.close_min = open_min, close_min
        self.shifts = [(open_min, servers)]


class FixedSiteRun:
    """One fixed site for one replication."""

    def __init__(self, model: Model, spec: FixedSite, name: str, servers: np.ndarray) -> None:
        self.model, self.spec, self.name = model, spec, name
        self.env, self.log = model.env, model.log
        self.channel = CHANNEL_INDEX[spec.kind]
        self.hold_factor = 1.0 / (1.0 - model.other_work_share(spec.kind))
        self.rng_arrivals = model.streams(f"arrivals:{name}")
        self.rng_residents = model.streams(f"residents:{name}")
        self.rng_returns = model.streams(f"returns:{name}")
        self.down = model.site_down_days(name, spec.network_trouble_prob_per_day)
        self.windows = self._windows(model)
        self.servers = servers
        self.spells, self.spell_of_day = self._spells()
        self.queue: deque[Resident] = deque()
        self.idle: list = []  # events of parked officers, first parked first woken
        self.wake = None  # event the feeder sleeps on
        self.spell = -1
        self.close_min = -1.0
        self.wanted = 0  # counters the current shift staffs
        self.working = 0  # officer processes at work
        self._leaving = 0  # parked officers told to stand down
        self.returns: dict[int, list[int]] = {}  # day -> funnel codes of returning residents

    # --- calendar -------------------------------------------------------------------------

    def _windows(self, model: Model) -> list[tuple[int, int] | None]:
        spec, cal = self.spec, model.calendar
        hours = model.scenario.calendar.opening_hours[spec.hours_name]
        windows = []
        for d in range(cal.days):
            day = cal.date_of(d)
            opened = spec.ikd_installed and (spec.opens_on is None or day >= spec.opens_on)
            windows.append(cal.window(hours, day) if opened else None)
        return windows

    def _spells(self) -> tuple[list[Spell], dict[int, int]]:
        spells: list[Spell] = []
        spell_of_day: dict[int, int] = {}
        for d, window in enumerate(self.windows):
            if window is None or self.servers[d] == 0 or self.model.is_down(d, self.down):
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

    # --- arrivals, once a day -----------------------------------------------------------------

    def start_day(self, d: int, pool_share: float) -> None:
        """Draw today's residents (the same draws in every variant) and queue them."""
        window = self.windows[d]
        if window is None:
            return
        model, spec, rng = self.model, self.spec, self.rng_arrivals
        n_walk = rng.poisson(spec.walk_ins_per_day)
        n = n_walk + rng.poisson(spec.other_service_visitors_per_day)
        arrive = d * MIN_PER_DAY + arrival_minutes(rng, n, window, model.profile)
        draws = draw_residents(
            self.rng_residents, n, model.activation, model.funnel, model.ios_ok(d), model.patience
        )
        offered = np.arange(n) >= n_walk
        accepts = self.rng_residents.random(n) < model.offer_accept_share
        present = (draws.present < pool_share) & (~offered | accepts)
        self.log.arrived += int(present.sum())
        b_arrive, b_hold, b_result, b_patience = self._returners(d, window)
        arrive_all = np.concatenate([arrive[present], b_arrive])
        self._admit(
            d,
            arrive=arrive_all,
            join=arrive_all + np.concatenate([draws.prep_min[present], np.zeros(len(b_arrive))]),
            hold=np.concatenate([draws.hold_min[present], b_hold]),
            result=np.concatenate([draws.result[present], b_result]),
            patience=np.concatenate([draws.patience_min[present], b_patience]),
            offered=np.concatenate([offered[present], np.zeros(len(b_arrive), dtype=bool)]),
        )

    def _returners(self, d: int, window: tuple[int, int]) -> tuple[np.ndarray, ...]:
        """Residents due back today. They keep their funnel state; the visit is drawn again."""
        codes = np.asarray(self.returns.pop(d, []), dtype=np.int64)
        m = len(codes)
        if m == 0:
            return _NONE, _NONE, _NONE.astype(np.int64), _NONE
        self.log.return_visits += m
        model, rng = self.model, self.rng_returns
        arrive = d * MIN_PER_DAY + arrival_minutes(rng, m, window, model.profile)
        hold_ok, result_ok = service_draws(rng, m, model.activation)
        check_min = model.activation.check_min.sample(rng, m)
        patience = model.patience.sample(rng, m) if model.patience else np.full(m, np.inf)
        capable = ~np.isin(codes, FUNNEL_CODES)
        return (
            arrive,
            np.where(capable, hold_ok, check_min),
            np.where(capable, result_ok, codes),
            patience,
        )

    def _admit(self, d: int, *, arrive, join, hold, result, patience, offered) -> None:
        model = self.model
        if model.is_down(d, self.down):
            self._send_home(result, "system_down", model.returns.after_outage, d)
            return
        if self.servers[d] == 0:
            self.log.turned_away[REASON_INDEX["no_officer"]] += len(result)
            return
        quota = self.spec.queue_quota_per_day
        by_arrival = np.argsort(arrive, kind="stable")
        if quota is not None and len(by_arrival) > quota:
            self._send_home(
                result[by_arrival[quota:]], "quota_full", model.returns.after_quota_full, d
            )
            by_arrival = by_arrival[:quota]
        order = by_arrival[np.argsort(join[by_arrival], kind="stable")]
        spell = self.spell_of_day[d]
        deadline = join + patience
        self.queue.extend(
            Resident(j, h, r, dl, spell, o)
            for j, h, r, dl, o in zip(
                join[order].tolist(),
                hold[order].tolist(),
                result[order].tolist(),
                deadline[order].tolist(),
                offered[order].tolist(),
                strict=True,
            )
        )
        self._poke()

    # --- returns ------------------------------------------------------------------------------

    def _send_home(self, results: np.ndarray, reason: str, return_prob: float, d: int) -> None:
        back = self.rng_returns.random(len(results)) < return_prob
        for code in np.asarray(results)[back].tolist():
            self._schedule_return(code, d)
        self.log.turned_away[REASON_INDEX[reason]] += int((~back).sum())

    def _schedule_return(self, code: int, d: int) -> None:
        delay = max(1, int(np.ceil(self.model.returns.delay_days.sample(self.rng_returns, 1)[0])))
        day = self.next_open_day(d + delay)
        if day is None:
            self.log.unserved_end += 1
        else:
            self.returns.setdefault(day, []).append(code)

    def maybe_return(self, code: int, reason: str, return_prob: float, d: int) -> None:
        """A resident sent home: back another day with ``return_prob``, else counted as lost."""
        if self.rng_returns.random() < return_prob:
            self._schedule_return(code, d)
        else:
            self.log.turned_away[REASON_INDEX[reason]] += 1

    # --- the SimPy processes -------------------------------------------------------------

    def start(self) -> None:
        if self.spells:
            self.env.process(self._open_and_close())

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
        """Bring the number of officers at work to ``counters``: start or stand down officers.

        An officer stood down finishes the resident in hand first.
        """
        self.wanted = counters
        for _ in range(counters - self.working):
            self.env.process(self._officer())
        while self.working - self._leaving > counters and self.idle:
            self._leaving += 1
            self.idle.pop().succeed(None)

    def _poke(self) -> None:
        if self.wake is not None and not self.wake.triggered:
            self.wake.succeed()

    def _take(self, now: float) -> Resident | None:
        queue = self.queue
        while queue and queue[0].join_min <= now < self.close_min:
            resident = queue.popleft()
            if now <= resident.deadline_min:
                return resident
            self.log.turned_away[LEFT_QUEUE] += 1
            self.log.note(resident.deadline_min, self.name, "left_queue")
        return None

    def _officer(self):
        env, log, channel, hold_factor = self.env, self.log, self.channel, self.hold_factor
        last_day = self.model.days - 1
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
            yield env.timeout(resident.hold_min * hold_factor)
            log.busy_min[channel] += resident.hold_min
            if resident.result == ACTIVATE:
                log.activated(min(int(env.now // MIN_PER_DAY), last_day), channel)
                log.offered_activations += resident.offered
                log.note(env.now, self.name, "activated")
            else:
                self.model.finish(self, resident, env.now)
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
        """Closing time: the queue goes home; parked officers and the feeder stop."""
        d = int((self.close_min - 1e-6) // MIN_PER_DAY)  # a 24:00 close belongs to its day
        queue, close_min = self.queue, self.close_min
        while queue and queue[0].spell == self.spell:
            resident = queue.popleft()
            if resident.deadline_min < close_min:
                self.log.turned_away[LEFT_QUEUE] += 1
                self.log.note(resident.deadline_min, self.name, "left_queue")
            else:
                self.log.note(close_min, self.name, "sent_home_at_closing")
                self.maybe_return(resident.result, "closed", self.model.returns.after_closing, d)
        self.wanted = 0
        for parked in self.idle:
            parked.succeed(None)
        self.idle.clear()
        self._leaving = 0
        self._poke()

    def pending(self) -> int:
        """Residents still queued or due to return (unserved when the period ends)."""
        return len(self.queue) + sum(len(v) for v in self.returns.values())
