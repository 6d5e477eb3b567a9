"""Walk-ins who come to activate, from each segment's remaining willing pool (Bass diffusion).

For segment s with market M_s (its willing residents able to activate), N_s of whom have
already decided (activated before the period, came on purpose since, or activated through
another channel) and A_s activated, the expected number deciding on calendar day d is

    lambda_s(d) = (p_s + q_s * A_s / M_s) * (M_s - N_s) * g_s(d) / 365

with p, q per year and g_s(d) the product of the dated drivers' factors in force. With
g = 1 and every decision an activation on the same day, N_s follows the Bass curve
F(t) = (1 - c e^{-(p+q)t}) / (1 + (q/p) c e^{-(p+q)t}), c = (1 - F0) / (1 + (q/p) F0)
(see :func:`sim.analytic.bass_share`). Each site takes its ``walk_in_share`` of the day's
decisions; decisions on a day a site is closed wait for its next open day.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from sim.scenario import Adoption, Group, Scenario

DAYS_PER_YEAR = 365.0


class Diffusion:
    """The adoption state of one replication: each segment's market and decisions so far."""

    def __init__(self, scenario: Scenario, groups: list[Group], capable_pool: np.ndarray) -> None:
        adoption: Adoption = scenario.demand.adoption
        goal = scenario.goal
        wktp = goal.residents_obliged_ktp
        share = np.array([g.share for g in groups])
        capable = np.array([g.capable_share for g in groups])
        willing = np.array([g.willing_share for g in groups])
        self.market = willing * capable * share * wktp
        reached = wktp * share * capable - capable_pool  # activated before the period
        self.activated_before = np.minimum(reached * willing, self.market)
        self.p = np.array([(g.adoption or adoption).p_per_year for g in groups])
        self.q = np.array([(g.adoption or adoption).q_per_year for g in groups])
        self.names = [g.name for g in groups]
        self.drivers = adoption.drivers
        self.came = np.zeros(len(groups))  # decided and came on purpose during the period

    def came_on_purpose(self, segments: np.ndarray) -> None:
        """Residents of these segments decided and came (they leave the market)."""
        np.add.at(self.came, segments, 1)

    def factor(self, day: dt.date) -> np.ndarray:
        """The drivers' combined factor on ``day``, per segment."""
        g = np.ones(len(self.names))
        for driver in self.drivers:
            on = driver.from_date <= day and (driver.until is None or day <= driver.until)
            if on:
                mine = [not driver.segments or n in driver.segments for n in self.names]
                g = np.where(mine, g * driver.factor, g)
        return g

    def deciding(self, day: dt.date, activated: np.ndarray, other: np.ndarray) -> np.ndarray:
        """Expected residents deciding today, per segment. ``activated``: activations of
        the period so far; ``other``: those of them through channels other than walk-ins."""
        with np.errstate(divide="ignore", invalid="ignore"):
            told = np.where(self.market > 0, (self.activated_before + activated) / self.market, 0)
        decided = self.activated_before + self.came + other
        left = np.maximum(0.0, self.market - decided)
        return (self.p + self.q * np.minimum(told, 1.0)) * left * self.factor(day) / DAYS_PER_YEAR
