"""Mobile service: outreach ("jemput bola") events and home visits, as SimPy processes.

Outreach: on its scheduled weekdays a team travels, sets up and serves the gathered
attendees until the event window closes. The window is hard (the team must pack up):
an activation that would run past the close is not started, which counts the same as
one abandoned at the close. Attendees still waiting then go home (``event_closed``);
like residents whose visit failed, some come to the main office on a later day.

Home visits: requests from residents who cannot come (elderly, disabled) build up a
backlog; on visit days each officer with a device travels to the next house and serves
there, starting only a visit that ends before the team's day does. The backlog carries over.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from sim.calendar import MIN_PER_DAY
from sim.model.codes import Reason
from sim.model.context import Context
from sim.model.residents import PoolShares
from sim.model.runlog import CHANNEL_INDEX
from sim.scenario import WEEKDAYS, HomeVisitTeam, OutreachTeam, parse_window

OUTREACH = CHANNEL_INDEX["outreach"]
HOME_VISIT = CHANNEL_INDEX["home_visit"]
TIME_TOLERANCE_MIN = 1e-9  # sums of decimal service times land a hair past the close


class OutreachTeamRun:
    """One outreach team for one replication."""

    channel = OUTREACH

    def __init__(
        self, ctx: Context, spec: OutreachTeam, name: str, key: str, servers: np.ndarray
    ) -> None:
        self.ctx, self.spec, self.name, self.key, self.servers = ctx, spec, name, key, servers
        self.env, self.log = ctx.env, ctx.log
        self.hold_factor = ctx.hold_factor("outreach")
        returns = ctx.scenario.demand.returns
        self._return_prob = {
            Reason.SYSTEM_DOWN: returns.after_outage,
            Reason.EVENT_CLOSED: returns.after_closing,
        }
        self.event_kinds = ctx.scenario.outreach.event_kinds
        mix = ctx.sampler.mix
        self.mixes = {
            name: (mix.only(kind.segment) if kind.segment else mix).with_override(kind.funnel)
            for name, kind in self.event_kinds.items()
        }

    def start_day(self, d: int, shares: PoolShares) -> None:
        ctx, spec = self.ctx, self.spec
        day = ctx.calendar.date_of(d)
        kind_name = spec.weekly.get(WEEKDAYS[day.weekday()])
        if kind_name is None or ctx.calendar.is_closed(day) or not spec.works_on(day):
            return
        register = ctx.registers.get(kind_name)
        inst = register.visit(d, self.name) if register is not None else None
        if register is not None and inst is None:
            return  # its institutions are closed (holidays, exams) or every one is reached
        kind = self.event_kinds[kind_name]
        rng = ctx.streams.on_day(f"outreach:{self.key}", d)
        crowd = self._crowd(d, kind_name, rng, shares, register, inst)
        setup_min = float(spec.travel_min.sample(rng, 1)[0] + spec.setup_min.sample(rng, 1)[0])
        self.log.arrived += len(crowd)
        if ctx.outages.is_down(d):
            for _, code, seg, at in crowd:
                self._unserved(register, at, code, Reason.SYSTEM_DOWN, d, seg)
            return
        if self.servers[d] == 0:
            self.log.left_many(Reason.NO_OFFICER, np.array([c[2] for c in crowd], int))
            if register is not None:
                register.back(inst, len(crowd))
            return
        window = parse_window(kind.window)
        self.env.process(self._event(d, window, setup_min, deque(crowd), register))

    def _crowd(self, d: int, kind_name: str, rng, shares, register, inst) -> list[tuple]:
        """Who comes to the day's event: (hold, result, segment, institution) each."""
        kind = self.event_kinds[kind_name]
        if register is None:
            invited = max(0, round(float(kind.size.sample(rng, 1)[0])))
        else:
            invited = int(register.left[inst])
        comes = rng.random(invited) < kind.turnout_share
        draws = self.ctx.sampler.residents(rng, invited, d, self.mixes[kind_name], queueing=False)
        still = draws.still_to_come(shares)
        present = comes & still
        if register is not None:
            register.reached(inst, int(comes.sum()), int((comes & ~still).sum()))
        catchment = self.ctx.catchments.get(kind_name)
        if catchment is not None:  # drawn last: kinds without one draw as they did
            present &= catchment.fresh(rng.random(invited))
            catchment.met += int(present.sum())
        at = -1 if inst is None else inst
        return [
            (hold, code, seg, at)
            for hold, code, seg in zip(
                draws.hold_min[present].tolist(),
                draws.result[present].tolist(),
                draws.segment[present].tolist(),
                strict=True,
            )
        ]

    def _unserved(self, register, inst: int, code: int, reason: int, d: int, seg: int) -> None:
        """An attendee not served: home, perhaps to the main office later. One from an
        institution stays there instead, for the next visit (this visit's reason is logged)."""
        if inst < 0:
            self.come_back(code, int(reason), self._return_prob[reason], d, seg)
            return
        self.log.left(reason, seg, False)
        register.back(inst)

    def come_back(
        self, code: int, reason: int, return_prob: float, d: int, seg: int, decided: bool = False
    ) -> None:
        """Outreach's return policy: a resident sent home may come to the main office."""
        self.ctx.outcomes.to_main(code, reason, return_prob, d, seg)

    def _event(self, d: int, window: tuple[int, int], setup_min: float, queue: deque, register):
        env, log = self.env, self.log
        open_min, close_min = d * MIN_PER_DAY + window[0], d * MIN_PER_DAY + window[1]
        servers = int(self.servers[d])
        yield env.timeout(open_min - env.now)
        log.duty_min[OUTREACH] += servers * (close_min - open_min)
        start_min = open_min + setup_min
        officers = [
            env.process(self._officer(queue, start_min, close_min, register))
            for _ in range(servers)
        ]
        yield env.all_of(officers)
        log.note(env.now, self.name, f"event_closed:{len(queue)}")
        for _, code, seg, inst in queue:
            self._unserved(register, inst, code, Reason.EVENT_CLOSED, d, seg)

    def _officer(self, queue: deque, start_min: float, close_min: float, register):
        env, log = self.env, self.log
        if start_min > env.now:
            yield env.timeout(start_min - env.now)
        while queue:
            hold_min, result, seg, inst = queue[0]
            occupied_min = hold_min * self.hold_factor
            if env.now + occupied_min > close_min + TIME_TOLERANCE_MIN:
                return
            queue.popleft()
            log.record_wait(OUTREACH, env.now - start_min)
            yield env.timeout(occupied_min)
            log.served(OUTREACH, hold_min, occupied_min)
            self.ctx.outcomes.settle(self, result, env.now, seg, register=register, inst=inst)


class HomeVisitRun:
    """One home-visit team for one replication."""

    channel = HOME_VISIT

    def __init__(
        self, ctx: Context, spec: HomeVisitTeam, name: str, key: str, servers: np.ndarray
    ) -> None:
        self.ctx, self.spec, self.name, self.key, self.servers = ctx, spec, name, key, servers
        self.env, self.log = ctx.env, ctx.log
        self.hold_factor = ctx.hold_factor("home_visit")
        self.window = parse_window(spec.window)
        self.rng_again = ctx.streams(f"home_visits:{key}:again")  # failed visits asked again
        self.backlog: deque[tuple[float, int, float, int]] = deque()  # hold, result, travel, seg
        self._travel_min = 0.0  # travel to the house whose visit is being settled

    def start_day(self, d: int, shares: PoolShares) -> None:
        ctx = self.ctx
        rng = ctx.streams.on_day(f"home_visits:{self.key}", d)
        n = rng.poisson(self.spec.requests_per_week / 7.0)
        draws = ctx.sampler.residents(rng, n, d, queueing=False)
        travel_min = self.spec.travel_min.sample(rng, n)
        present = draws.still_to_come(shares)
        self.log.arrived += int(present.sum())
        self.backlog.extend(
            zip(
                draws.hold_min[present].tolist(),
                draws.result[present].tolist(),
                travel_min[present].tolist(),
                draws.segment[present].tolist(),
                strict=True,
            )
        )
        day = ctx.calendar.date_of(d)
        visit_day = WEEKDAYS[day.weekday()] in self.spec.weekdays
        if visit_day and not ctx.calendar.is_closed(day) and not ctx.outages.is_down(d):
            self.env.process(self._visit_day(d))

    def _visit_day(self, d: int):
        env = self.env
        open_min, close_min = d * MIN_PER_DAY + self.window[0], d * MIN_PER_DAY + self.window[1]
        yield env.timeout(open_min - env.now)
        servers = int(self.servers[d])
        self.log.duty_min[HOME_VISIT] += servers * (close_min - open_min)
        for _ in range(servers):
            env.process(self._officer(d, close_min))

    def _officer(self, d: int, close_min: float):
        env, log, settle = self.env, self.log, self.ctx.outcomes.settle
        while self.backlog:
            hold_min, result, travel_min, seg = self.backlog[0]
            occupied_min = (travel_min + hold_min) * self.hold_factor
            if env.now + occupied_min > close_min + TIME_TOLERANCE_MIN:
                return  # the next visit would not end today: it waits for the next visit day
            self.backlog.popleft()
            yield env.timeout(occupied_min)
            log.served(HOME_VISIT, travel_min + hold_min, occupied_min)
            self._travel_min = travel_min  # settled at once, before any other officer runs
            settle(self, result, env.now, seg)

    def come_back(
        self, code: int, reason: int, return_prob: float, d: int, seg: int, decided: bool = False
    ) -> None:
        """Home visits' return policy: a failed visit is asked for again with the return
        probability (back in the backlog, the same house, the visit drawn again)."""
        rng = self.rng_again
        if rng.random() >= return_prob:
            self.log.left(reason, seg, False)
            return
        hold, again = self.ctx.sampler.service(rng, 1)
        self.backlog.append((float(hold[0]), int(again[0]), self._travel_min, seg))

    def pending(self) -> int:
        return len(self.backlog)
