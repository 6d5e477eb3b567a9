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
from sim.model.host import Host
from sim.model.residents import (
    ACTIVATE,
    BLOCKING_CODES,
    PoolShares,
    draw_residents,
    service_draws,
)
from sim.model.runlog import CHANNEL_INDEX, REASON_INDEX
from sim.scenario import WEEKDAYS, HomeVisitTeam, OutreachTeam, parse_window

OUTREACH = CHANNEL_INDEX["outreach"]
HOME_VISIT = CHANNEL_INDEX["home_visit"]
TIME_TOLERANCE_MIN = 1e-9  # sums of decimal service times land a hair past the close


class OutreachTeamRun:
    """One outreach team for one replication."""

    def __init__(
        self, model: Host, spec: OutreachTeam, name: str, key: str, servers: np.ndarray
    ) -> None:
        self.model, self.spec, self.name, self.key, self.servers = model, spec, name, key, servers
        self.env, self.log = model.env, model.log
        self.hold_factor = 1.0 / (1.0 - model.other_work_share("outreach"))
        returns = model.returns
        self._return_prob = {
            "system_down": returns.after_outage,
            "event_closed": returns.after_closing,
        }
        self.event_kinds = model.scenario.outreach.event_kinds
        self.mixes = {
            name: (model.mix.only(kind.segment) if kind.segment else model.mix).with_override(
                kind.funnel
            )
            for name, kind in self.event_kinds.items()
        }

    def start_day(self, d: int, shares: PoolShares) -> None:
        model, spec = self.model, self.spec
        day = model.calendar.date_of(d)
        kind_name = spec.weekly.get(WEEKDAYS[day.weekday()])
        if kind_name is None or model.calendar.is_closed(day) or not spec.works_on(day):
            return
        register = model.registers.get(kind_name)
        inst = register.visit(d, self.name) if register is not None else None
        if register is not None and inst is None:
            return  # its institutions are closed (holidays, exams) or every one is reached
        kind = self.event_kinds[kind_name]
        rng = model.streams.on_day(f"outreach:{self.key}", d)
        crowd = self._crowd(d, kind_name, rng, shares, register, inst)
        setup_min = float(spec.travel_min.sample(rng, 1)[0] + spec.setup_min.sample(rng, 1)[0])
        self.log.arrived += len(crowd)
        if model.is_down(d):
            for _, code, seg, at in crowd:
                self._unserved(register, at, code, "system_down", d, seg)
            return
        if self.servers[d] == 0:
            self.log.left_many(REASON_INDEX["no_officer"], np.array([c[2] for c in crowd], int))
            if register is not None:
                register.back(inst, len(crowd))
            return
        window = parse_window(kind.window)
        self.env.process(self._event(d, window, setup_min, deque(crowd), register))

    def _crowd(self, d: int, kind_name: str, rng, shares, register, inst) -> list[tuple]:
        """Who comes to the day's event: (hold, result, segment, institution) each."""
        kind, model = self.event_kinds[kind_name], self.model
        if register is None:
            invited = max(0, round(float(kind.size.sample(rng, 1)[0])))
        else:
            invited = int(register.left[inst])
        comes = rng.random(invited) < kind.turnout_share
        draws = draw_residents(
            rng, invited, model.activation, self.mixes[kind_name], model.ios_ok(d), None
        )
        still = draws.still_to_come(shares)
        present = comes & still
        if register is not None:
            register.reached(inst, int(comes.sum()), int((comes & ~still).sum()))
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

    def _unserved(self, register, inst: int, code: int, reason: str, d: int, seg: int) -> None:
        """An attendee not served: home, perhaps to the main office later. One from an
        institution stays there instead, for the next visit (this visit's reason is logged)."""
        if inst < 0:
            self.model.send_home(code, reason, self._return_prob[reason], d, seg)
            return
        self.log.left(REASON_INDEX[reason], seg, False)
        register.back(inst)

    def _settle_at(self, register, inst: int, result: int, now: float, seg: int) -> None:
        """A served attendee of an institution: activated or told of a lasting obstacle (the
        institution's count of them grows), or a passing failure (they stay for a revisit)."""
        if result == ACTIVATE or result in BLOCKING_CODES:
            self.model.settle(self.name, OUTREACH, result, now, seg)
            register.settled(inst, result == ACTIVATE)
        else:
            self.log.left(result, seg, False)
            register.back(inst)

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
            self._unserved(register, inst, code, "event_closed", d, seg)

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
            if inst < 0:
                self.model.settle_mobile(self.name, OUTREACH, result, env.now, seg)
            else:
                self._settle_at(register, inst, result, env.now, seg)


class HomeVisitRun:
    """One home-visit team for one replication."""

    def __init__(
        self, model: Host, spec: HomeVisitTeam, name: str, key: str, servers: np.ndarray
    ) -> None:
        self.model, self.spec, self.name, self.key, self.servers = model, spec, name, key, servers
        self.env, self.log = model.env, model.log
        self.hold_factor = 1.0 / (1.0 - model.other_work_share("home_visit"))
        self.window = parse_window(spec.window)
        self.rng_again = model.streams(f"home_visits:{key}:again")  # failed visits asked again
        self.backlog: deque[tuple[float, int, float, int]] = deque()  # hold, result, travel, seg

    def start_day(self, d: int, shares: PoolShares) -> None:
        model = self.model
        rng = model.streams.on_day(f"home_visits:{self.key}", d)
        n = rng.poisson(self.spec.requests_per_week / 7.0)
        draws = draw_residents(rng, n, model.activation, model.mix, model.ios_ok(d), None)
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
        day = model.calendar.date_of(d)
        visit_day = WEEKDAYS[day.weekday()] in self.spec.weekdays
        if visit_day and not model.calendar.is_closed(day) and not model.is_down(d):
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
        env, log = self.env, self.log
        while self.backlog:
            hold_min, result, travel_min, seg = self.backlog[0]
            occupied_min = (travel_min + hold_min) * self.hold_factor
            if env.now + occupied_min > close_min + TIME_TOLERANCE_MIN:
                return  # the next visit would not end today: it waits for the next visit day
            self.backlog.popleft()
            yield env.timeout(occupied_min)
            log.served(HOME_VISIT, travel_min + hold_min, occupied_min)
            self._settle(result, travel_min, env.now, seg)

    def _settle(self, result: int, travel_min: float, now: float, seg: int) -> None:
        """A failed visit is asked for again with the return probability (back in the backlog)."""
        model = self.model
        failure = model.visit_failure(result)
        if failure is None:
            model.settle(self.name, HOME_VISIT, result, now, seg)
            return
        reason, return_prob = failure
        rng = self.rng_again
        if rng.random() >= return_prob:
            self.log.left(REASON_INDEX[reason], seg, False)
            return
        hold, again = service_draws(rng, 1, model.activation)
        self.backlog.append((float(hold[0]), int(again[0]), travel_min, seg))

    def pending(self) -> int:
        return len(self.backlog)
