"""The model: one replication of a scenario's period, in SimPy, recorded into a RunLog.

``Model(scenario, streams).run()`` is pure: no file I/O, no printing, no global random
state. Once a day a driver draws each site's residents; the share of the not-yet-activated
pool still to come shrinks as activations accumulate.
"""

from __future__ import annotations

import numpy as np
import simpy

from sim.calendar import MIN_PER_DAY, Calendar
from sim.model.residents import ACTIVATE, EMAIL_FAILED, FR_FAILED, Resident
from sim.model.runlog import RunLog
from sim.model.sites import FixedSiteRun
from sim.model.teams import HomeVisitRun, OutreachTeamRun
from sim.scenario import Scenario
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
        self.log = RunLog(self.days, events=[] if event_log else None)
        self.activation = scenario.activation
        self.funnel = scenario.residents
        self.profile = scenario.demand.time_of_day_profile
        self.patience = scenario.demand.patience_min
        self.returns = scenario.demand.returns
        self.offer_accept_share = (
            1.0
            if scenario.demand.ikd_required_before_services
            else scenario.residents.willing_share
        )
        self._ios_ok = self._ios_days()
        self._national_down = self._national_outages()
        goal = scenario.goal
        self.pool = goal.residents_obliged_ktp - goal.activated_at_start
        self.sites = self._fixed_sites()
        self.teams = self._outreach_teams()
        self.home_visits = [
            HomeVisitRun(self, spec, self._servers(spec.name, spec.officers, spec.devices))
            for spec in scenario.home_visits
        ]

    # --- construction -----------------------------------------------------------------------

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

    def _servers(
        self, group: str, officers: int, devices: int, unit: str | None = None
    ) -> np.ndarray:
        """Officers able to serve each day: min(officers, devices), with PPPK additions."""
        officers_by_day = np.full(self.days, officers)
        devices_by_day = np.full(self.days, devices)
        for add in self.scenario.staff.pppk:
            if add.site in (group, unit):
                first = max(0, self.calendar.day_index(add.from_date))
                officers_by_day[first:] += add.officers
                devices_by_day[first:] += add.devices
        return np.minimum(officers_by_day, devices_by_day)

    def _fixed_sites(self) -> list[FixedSiteRun]:
        runs = []
        for spec in self.scenario.sites:
            for name in _unit_names(spec.name, spec.count):
                servers = self._servers(spec.name, spec.officers, spec.devices, name)
                runs.append(FixedSiteRun(self, spec, name, servers))
        return runs

    def _outreach_teams(self) -> list[OutreachTeamRun]:
        runs = []
        for spec in self.scenario.outreach.teams:
            for name in _unit_names(spec.name, spec.count):
                servers = self._servers(spec.name, spec.officers, spec.devices, name)
                runs.append(OutreachTeamRun(self, spec, name, servers))
        return runs

    # --- shared state the processes consult -------------------------------------------------

    def other_work_share(self, channel: str) -> float:
        return self.scenario.staff.other_work_share.get(channel, 0.0)

    def ios_ok(self, d: int) -> bool:
        return bool(self._ios_ok[d])

    def is_down(self, d: int, site_down: np.ndarray | None = None) -> bool:
        return bool(self._national_down[d] or (site_down is not None and site_down[d]))

    def pool_share(self) -> float:
        """Share of the period's starting pool of not-yet-activated residents still left."""
        if not self.scenario.demand.deplete_with_pool or self.pool <= 0:
            return 1.0 if self.pool > 0 else 0.0
        return max(0.0, 1.0 - self.log.activations / self.pool)

    # --- outcomes ---------------------------------------------------------------------------

    def _day(self, now: float) -> int:
        return min(int(now // MIN_PER_DAY), self.days - 1)

    def settle(self, where: str, channel: int, result: int, now: float) -> None:
        """Record a resident leaving an officer: activated, or turned away by reason."""
        if result == ACTIVATE:
            self.log.activated(self._day(now), channel)
            self.log.note(now, where, "activated")
        else:
            self.log.turned_away[result] += 1
            self.log.note(now, where, "turned_away")

    def finish(self, site: FixedSiteRun, resident: Resident, now: float) -> None:
        """A fixed-site visit ended without activation; visit failures may come back another day."""
        result, d = resident.result, self._day(now)
        if result == FR_FAILED:
            site.maybe_return(result, "fr_failed", self.returns.after_fr_failure, d)
        elif result == EMAIL_FAILED:
            site.maybe_return(result, "email_code_failed", self.returns.after_email_failure, d)
        else:
            self.settle(site.name, site.channel, result, now)

    # --- running ---------------------------------------------------------------------------

    def _days_driver(self):
        every = [*self.sites, *self.teams, *self.home_visits]
        for d in range(self.days):
            yield self.env.timeout(d * MIN_PER_DAY - self.env.now)
            # a second, zero-length wait puts the day's draws after everything else due at
            # midnight, so a site closing at 24:00 has sent its queue home (to come back on a
            # later day) before that day's residents are drawn
            yield self.env.timeout(0)
            share = self.pool_share()
            for unit in every:
                unit.start_day(d, share)

    def run(self) -> RunLog:
        """Simulate the whole period and return its log."""
        for site in self.sites:
            site.start()
        self.env.process(self._days_driver())
        self.env.run()
        self.log.unserved_end += sum(u.pending() for u in [*self.sites, *self.home_visits])
        return self.log.freeze()


def _unit_names(name: str, count: int) -> list[str]:
    return [name] if count == 1 else [f"{name} {i}" for i in range(1, count + 1)]
