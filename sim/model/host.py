"""What a site or team run needs from the model that hosts it.

Sites and teams are written against this protocol, not against :class:`sim.model.core.Model`,
so the model imports them and they never import the model.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np
import simpy

from sim.calendar import Calendar
from sim.distributions import Distribution
from sim.model.residents import Mix
from sim.model.runlog import RunLog
from sim.scenario import Activation, Returns, Scenario
from sim.streams import Streams


class Host(Protocol):
    """The model as its sites and teams see it: the clock, the log, the random streams, the
    shared rules, and where a resident's visit is settled."""

    env: simpy.Environment
    log: RunLog
    scenario: Scenario
    calendar: Calendar
    streams: Streams
    activation: Activation
    mix: Mix
    patience: Distribution | None
    returns: Returns
    offer_accept: np.ndarray  # per segment: share offered IKD who agree
    even_arrivals: bool
    registers: dict[str, Any]  # event kind -> its RegisterRun

    def other_work_share(self, channel: str) -> float: ...
    def site_down_days(self, name: str, prob_per_day: float) -> np.ndarray: ...
    def ios_ok(self, d: int) -> bool: ...
    def is_down(self, d: int, site_down: np.ndarray | None = None) -> bool: ...
    def daily_count(self, rng: np.random.Generator, per_day: float) -> int: ...
    def arrival_minutes(
        self, rng: np.random.Generator, n: int, window: tuple[int, int]
    ) -> np.ndarray: ...
    def diversion(self, site: Any) -> tuple[Any, float] | None: ...
    def came(self, segments: np.ndarray) -> None: ...
    def finish(self, site: Any, resident: Any, now: float) -> None: ...
    def settle(self, where: str, channel: int, result: int, now: float, seg: int) -> None: ...
    def settle_mobile(
        self, where: str, channel: int, result: int, now: float, seg: int
    ) -> None: ...
    def send_home(self, code: int, reason: str, return_prob: float, d: int, seg: int) -> None: ...
    def visit_failure(self, result: int) -> tuple[str, float] | None: ...
