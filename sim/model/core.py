"""The model: one replication of a scenario's period, in SimPy, recorded into a RunLog.

``Model(scenario, streams).run()`` is pure: no file I/O, no printing, no global random
state. Once a day a driver draws each site's residents; the share of the not-yet-activated
pool still to come shrinks as activations accumulate.
"""

from __future__ import annotations

import numpy as np
import simpy

from sim.calendar import MIN_PER_DAY, Calendar
from sim.model.adoption import Diffusion
from sim.model.institutions import RegisterRun
from sim.model.residents import (
    ACTIVATE,
    BLOCKING_CODES,
    EMAIL_FAILED,
    FR_FAILED,
    Mix,
    PoolShares,
    Resident,
    arrival_minutes,
    even_minutes,
)
from sim.model.runlog import REASON_INDEX, RunLog
from sim.model.sites import FixedSiteRun
from sim.model.teams import HomeVisitRun, OutreachTeamRun
from sim.scenario import Group, Scenario, unit_names
from sim.streams import Streams


class Model:
    """One replication of one scenario."""

    def __init__(
        self,
        scenario: Scenario,
        streams: Streams,
        calendar: Calendar | None = None,
        event_log: bool = False,
    ) -> None:
        self.scenario, self.streams = scenario, streams
        self.calendar = calendar or Calendar(scenario)
        self.env = simpy.Environment()
        self.days = self.calendar.days
        groups = scenario.residents.groups()
        self.mix = Mix.of(groups)
        self.log = RunLog(self.days, len(groups), events=[] if event_log else None)
        self.activation = scenario.activation
        self.profile = scenario.demand.time_of_day_profile
        self.even_arrivals = scenario.demand.arrival_pattern == "even"
        self.patience = scenario.demand.patience_min
        self.returns = scenario.demand.returns
        self._ios_ok = self._ios_days()
        returns = scenario.demand.returns
        self._visit_failures = {
            FR_FAILED: ("fr_failed", returns.after_fr_failure),
            EMAIL_FAILED: ("email_code_failed", returns.after_email_failure),
        }
        self._national_down = self._national_outages()
        self._demand(groups)
        self.sites = self._units(scenario.sites, FixedSiteRun)
        self.teams = self._units(scenario.outreach.teams, OutreachTeamRun)
        self.home_visits = self._units(scenario.home_visits, HomeVisitRun)
        by_name = {site.name: site for site in self.sites}
        self._diversions = {
            site.name: (by_name[site.spec.when_closed.to], site.spec.when_closed.share)
            for site in self.sites
            if site.spec.when_closed is not None
        }
        main = [site for site in self.sites if site.spec.kind == "main_office"]
        self.return_site = (main or self.sites or [None])[0]

    # --- construction -----------------------------------------------------------------------

    def _demand(self, groups: list[Group]) -> None:
        """Who there is to serve: the segments' pools, the adoption process, the registers."""
        scenario = self.scenario
        required = scenario.demand.ikd_required_before_services
        self.offer_accept = np.array([1.0 if required else g.willing_share for g in groups])
        self.capable_pool, self.blocked_pool = _pools(scenario, groups)
        adopting = scenario.demand.adoption is not None
        self.diffusion = Diffusion(scenario, groups, self.capable_pool) if adopting else None
        self.registers = {
            kind: RegisterRun(scenario, kind, self.streams(f"institutions:{kind}"), self.calendar)
            for kind in scenario.outreach.institutions
        }

    def _ios_days(self) -> np.ndarray:
        ios_from = self.scenario.residents.ios_from
        dates = [self.calendar.date_of(d) for d in range(self.days)]
        return np.array([ios_from is not None and day >= ios_from for day in dates])

    def _national_outages(self) -> np.ndarray:
        disruptions = self.scenario.disruptions
        rng = self.streams("outage:national")
        down = rng.random(self.days) < disruptions.national_outage_prob_per_day
        for day in disruptions.national_outage_dates:
            d = self.calendar.day_index(day)
            if 0 <= d < self.days:
                down[d] = True
        return down

    def site_down_days(self, name: str, prob_per_day: float) -> np.ndarray:
        """Days on which a site's own network fails (its own stream, drawn once)."""
        return self.streams(f"network:{name}").random(self.days) < prob_per_day

    def _servers(self, group: str, unit: str, officers: int, devices: int) -> np.ndarray:
        """Counters able to serve each day: min(officers, devices), with PPPK additions."""
        officers_by_day = np.full(self.days, officers)
        devices_by_day = np.full(self.days, devices)
        for add in self.scenario.staff.pppk:
            if add.site in (group, unit):
                first = max(0, self.calendar.day_index(add.from_date))
                officers_by_day[first:] += add.officers
                devices_by_day[first:] += add.devices
        return np.minimum(officers_by_day, devices_by_day)

    def _units(self, specs: list, run_class: type) -> list:
        """One run per unit; a group (``count: n``) becomes n units with their own streams."""
        runs = []
        for spec in specs:
            for i, name in enumerate(unit_names(spec.name, getattr(spec, "count", 1)), start=1):
                key = spec.name if i == 1 else name  # the first unit keeps the group's streams
                servers = self._servers(spec.name, name, spec.officers, spec.devices)
                runs.append(run_class(self, spec, name, key, servers))
        return runs

    # --- shared state the processes consult -------------------------------------------------

    def other_work_share(self, channel: str) -> float:
        return self.scenario.staff.other_work_share.get(channel, 0.0)

    def ios_ok(self, d: int) -> bool:
        return bool(self._ios_ok[d])

    def is_down(self, d: int, site_down: np.ndarray | None = None) -> bool:
        return bool(self._national_down[d] or (site_down is not None and site_down[d]))

    def pool_shares(self) -> PoolShares:
        """Shares of the starting pool still to come: those who can activate and have not,
        and those with a lasting obstacle who have not yet been told."""
        if not self.scenario.demand.deplete_with_pool:
            return PoolShares(np.ones(len(self.capable_pool)), np.ones(len(self.blocked_pool)))
        return PoolShares(
            _share_left(np.asarray(self.log.segment_activations), self.capable_pool),
            _share_left(np.asarray(self.log.segment_told), self.blocked_pool),
        )

    def daily_count(self, rng: np.random.Generator, per_day: float) -> int:
        """How many come today: Poisson, or exactly the rounded rate with even arrivals."""
        return round(per_day) if self.even_arrivals else int(rng.poisson(per_day))

    def arrival_minutes(
        self, rng: np.random.Generator, n: int, window: tuple[int, int]
    ) -> np.ndarray:
        """Arrival times (minutes after midnight) of n residents inside the window."""
        if self.even_arrivals:
            return even_minutes(n, window)
        return arrival_minutes(rng, n, window, self.profile)

    def diversion(self, site: FixedSiteRun) -> tuple[FixedSiteRun, float] | None:
        """Where residents of a post go while it does not serve IKD, and what share goes."""
        return self._diversions.get(site.name)

    # --- outcomes ---------------------------------------------------------------------------

    def _day(self, now: float) -> int:
        return min(int(now // MIN_PER_DAY), self.days - 1)

    def settle(
        self, where: str, channel: int, result: int, now: float, seg: int, decided: bool = False
    ) -> None:
        """Record a resident leaving an officer: activated, or turned away by reason."""
        if result == ACTIVATE:
            self.log.activated(self._day(now), channel, seg, decided)
            self.log.note(now, where, "activated")
            return
        self.log.left(result, seg, result in BLOCKING_CODES)
        self.log.note(now, where, "turned_away")

    def visit_failure(self, result: int) -> tuple[str, float] | None:
        """(reason, return probability) when a visit failed at the counter, else None."""
        return self._visit_failures.get(result)

    def finish(self, site: FixedSiteRun, resident: Resident, now: float) -> None:
        """A fixed-site visit ended: activated, turned away, or a failed visit that may return."""
        result, seg = resident.result, resident.segment
        log = self.log
        if result == ACTIVATE:  # the common case, inlined: once per activation
            log.activated(min(int(now // MIN_PER_DAY), self.days - 1), site.channel, seg)
            if resident.decided:
                log.segment_decided[seg] += 1
            log.offered_activations += resident.offered
            if log.events is not None:
                log.note(now, site.name, "activated")
            return
        if result in self._visit_failures:
            reason, return_prob = self._visit_failures[result]
            site.send_home(result, reason, return_prob, self._day(now), seg, resident.decided)
            return
        self.settle(site.name, site.channel, result, now, seg, resident.decided)

    def settle_mobile(self, where: str, channel: int, result: int, now: float, seg: int) -> None:
        """As :meth:`settle` for outreach and home visits; failed visits may come back to the
        main office another day."""
        if result in self._visit_failures:
            reason, return_prob = self._visit_failures[result]
            self.send_home(result, reason, return_prob, self._day(now), seg)
        else:
            self.settle(where, channel, result, now, seg)

    def send_home(self, code: int, reason: str, return_prob: float, d: int, seg: int) -> None:
        """A resident of a mobile service sent home: they may come to the main office later."""
        if self.return_site is None:
            self.log.left(REASON_INDEX[reason], seg, False)
        else:
            self.return_site.send_home(code, reason, return_prob, d, seg)

    # --- adoption ---------------------------------------------------------------------------

    def came(self, segments: np.ndarray) -> None:
        """Residents of these segments decided and came on purpose (they leave the market)."""
        np.add.at(self.diffusion.came, segments, 1)

    def _decide(self, d: int) -> None:
        """Today's decisions to activate, handed to the sites by their walk-in shares."""
        log, diffusion = self.log, self.diffusion
        if self.scenario.demand.deplete_with_pool:
            activated = np.asarray(log.segment_activations, float)
            other = activated - np.asarray(log.segment_decided, float)
        else:  # demand does not answer to what is served: word of mouth from the decisions
            activated, other = diffusion.came.copy(), np.zeros_like(diffusion.came)
        deciding = diffusion.deciding(self.calendar.date_of(d), activated, other)
        for site in self.sites:
            site.due += deciding * site.spec.walk_in_share / site.spec.count

    # --- running ---------------------------------------------------------------------------

    def _days_driver(self):
        mobile = [*self.teams, *self.home_visits]
        for d in range(self.days):
            yield self.env.timeout(d * MIN_PER_DAY - self.env.now)
            # a second, zero-length wait puts the day's draws after everything else due at
            # midnight, so a site closing at 24:00 has sent its queue home (to come back on a
            # later day) before that day's residents are drawn
            yield self.env.timeout(0)
            shares = self.pool_shares()
            if self.diffusion is not None:
                self._decide(d)
            for site in self.sites:  # every site draws before any admits: residents may move
                site.draw_day(d, shares)
            for site in self.sites:
                site.admit_day(d)
            for unit in mobile:
                unit.start_day(d, shares)

    def run(self) -> RunLog:
        """Simulate the whole period and return its log."""
        for site in self.sites:
            site.start()
        self.env.process(self._days_driver())
        self.env.run()
        self.log.unserved_end += sum(u.pending() for u in [*self.sites, *self.home_visits])
        return self.log.freeze()


def _pools(scenario: Scenario, groups: list[Group]) -> tuple[np.ndarray, np.ndarray]:
    """Each segment's residents not yet activated at the start: able to activate (capable),
    and with a lasting obstacle (blocked)."""
    goal = scenario.goal
    pool = goal.residents_obliged_ktp - goal.activated_at_start
    shares = np.array([g.share for g in groups])
    capable = pool * shares * np.array([g.capable_share for g in groups])
    return capable, pool * shares - capable


def _share_left(used: np.ndarray, pool: np.ndarray) -> np.ndarray:
    """1 - used / pool per segment, at least 0 (0 for an empty pool)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        left = np.where(pool > 0, 1.0 - used / pool, 0.0)
    return np.maximum(0.0, left)
