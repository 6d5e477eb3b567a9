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
from sim.model.context import Context, Outages
from sim.model.institutions import Catchment, RegisterRun
from sim.model.outcomes import Outcomes
from sim.model.residents import Mix, PoolShares, Sampler
from sim.model.runlog import RunLog
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
        self.log = RunLog(self.days, len(groups), events=[] if event_log else None)
        self.capable_pool, self.blocked_pool = _pools(scenario, groups)
        adopting = scenario.demand.adoption is not None
        self.diffusion = Diffusion(scenario, groups, self.capable_pool) if adopting else None
        self.registers = {
            kind: RegisterRun(scenario, kind, self.streams(f"institutions:{kind}"), self.calendar)
            for kind in scenario.outreach.institutions
        }
        self.context = self._context(Mix.of(groups))
        self.sites = self._units(scenario.sites, FixedSiteRun)
        self.teams = self._units(scenario.outreach.teams, OutreachTeamRun)
        self.home_visits = self._units(scenario.home_visits, HomeVisitRun)
        self._connect()

    # --- construction -----------------------------------------------------------------------

    def _context(self, mix: Mix) -> Context:
        """What the sites and teams share: clock, log, draws, outages, the settle path."""
        scenario, cal = self.scenario, self.calendar
        return Context(
            env=self.env,
            log=self.log,
            scenario=scenario,
            calendar=cal,
            streams=self.streams,
            sampler=Sampler(scenario, mix, self._ios_days()),
            outages=Outages(scenario, cal, self.streams),
            outcomes=Outcomes(self.log, self.days, scenario.demand.returns),
            registers=self.registers,
            catchments={
                name: Catchment(kind.catchment)
                for name, kind in scenario.outreach.event_kinds.items()
                if kind.catchment is not None
            },
            diffusion=self.diffusion,
        )

    def _connect(self) -> None:
        """Where residents of a closed post go, and where failed mobile visits come back."""
        by_name = {site.name: site for site in self.sites}
        for site in self.sites:
            closed = site.spec.when_closed
            if closed is not None:
                site.diversion = (by_name[closed.to], closed.share)
        main = [site for site in self.sites if site.spec.kind == "main_office"]
        self.context.outcomes.main = (main or self.sites or [None])[0]

    def _ios_days(self) -> np.ndarray:
        ios_from = self.scenario.residents.ios_from
        dates = [self.calendar.date_of(d) for d in range(self.days)]
        return np.array([ios_from is not None and day >= ios_from for day in dates])

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
                runs.append(run_class(self.context, spec, name, key, servers))
        return runs

    # --- the pool ----------------------------------------------------------------------------

    def pool_shares(self) -> PoolShares:
        """Shares of the starting pool still to come: those who can activate and have not,
        and those with a lasting obstacle who have not yet been told."""
        if not self.scenario.demand.deplete_with_pool:
            return PoolShares(np.ones(len(self.capable_pool)), np.ones(len(self.blocked_pool)))
        return PoolShares(
            _share_left(np.asarray(self.log.segment_activations), self.capable_pool),
            _share_left(np.asarray(self.log.segment_told), self.blocked_pool),
        )

    # --- adoption ---------------------------------------------------------------------------

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
