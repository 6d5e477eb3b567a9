"""What a site or team run receives from the model that hosts it: a small context.

Sites and teams are written against :class:`Context`, not against
:class:`sim.model.core.Model`, so the model imports them and they never import the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import simpy

from sim.calendar import Calendar
from sim.model.outcomes import Outcomes
from sim.model.residents import Sampler
from sim.model.runlog import RunLog
from sim.scenario import Scenario
from sim.streams import Streams


class Outages:
    """Days on which nothing can be activated: national FR/SIAK outages and each site's own."""

    def __init__(self, scenario: Scenario, calendar: Calendar, streams: Streams) -> None:
        disruptions, self.days, self.streams = scenario.disruptions, calendar.days, streams
        rng = streams("outage:national")
        self.national = rng.random(self.days) < disruptions.national_outage_prob_per_day
        for day in disruptions.national_outage_dates:
            d = calendar.day_index(day)
            if 0 <= d < self.days:
                self.national[d] = True

    def of_site(self, key: str, prob_per_day: float) -> np.ndarray:
        """Days on which a site's own network fails (its own stream, drawn once)."""
        return self.streams(f"network:{key}").random(self.days) < prob_per_day

    def is_down(self, d: int, site_down: np.ndarray | None = None) -> bool:
        return bool(self.national[d] or (site_down is not None and site_down[d]))


@dataclass(frozen=True, slots=True)
class Context:
    """The clock, the log, the random streams, the residents' draws, the outages, where a
    service is settled, and the demand state shared by all units (registers, catchments,
    adoption)."""

    env: simpy.Environment
    log: RunLog
    scenario: Scenario
    calendar: Calendar
    streams: Streams
    sampler: Sampler
    outages: Outages
    outcomes: Outcomes
    registers: dict[str, Any]  # event kind -> its RegisterRun
    catchments: dict[str, Any]  # event kind without a register -> its Catchment
    diffusion: Any  # the adoption state (Diffusion), or None

    def hold_factor(self, channel: str) -> float:
        """Officer time per minute of IKD service: the other work it displaces included."""
        return 1.0 / (1.0 - self.scenario.staff.other_work_share.get(channel, 0.0))
