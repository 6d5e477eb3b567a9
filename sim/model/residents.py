"""Vectorised draws of residents: when they come, whether they can activate, how long it takes.

Every resident's own attributes (phone, OS, e-mail, face-recognition luck, service time,
patience) are drawn here from citizen-side streams, in a fixed number of variates per
resident. A staffing change therefore reorders service but never changes who needs what.
"""

from __future__ import annotations

import functools
import math
from typing import NamedTuple

import numpy as np

from sim.model.runlog import BLOCKING_REASONS, REASON_INDEX
from sim.scenario import Activation, Funnel

ACTIVATE = -1  # result code of a resident whose activation will succeed
FR_FAILED = REASON_INDEX["fr_failed"]
EMAIL_FAILED = REASON_INDEX["email_code_failed"]
BLOCKING_CODES = [REASON_INDEX[r] for r in BLOCKING_REASONS]  # 0, 1, 2: REASONS lists them first


class Resident(NamedTuple):
    """One resident in a queue (a tuple: cheap to create and to read)."""

    join_min: float  # when they are ready and in the queue (minutes since period start)
    hold_min: float  # officer time their visit takes (activation, retries, or a check)
    result: int  # ACTIVATE, or the REASONS index they leave with
    deadline_min: float  # they leave the queue unserved after this moment
    spell: int  # the opening spell they came in
    offered: bool  # came for another service and was offered IKD


def arrival_minutes(
    rng: np.random.Generator, n: int, window: tuple[int, int], profile: dict[int, float] | None
) -> np.ndarray:
    """Arrival times (minutes after midnight) inside the window, following an hourly profile.

    Within an hour the rate is constant, so per-day Poisson counts with these times form a
    Poisson process with a piecewise-constant rate.
    """
    if profile is None:
        return rng.uniform(window[0], window[1], n)
    lows, highs, cdf = _profile_bins(window, tuple(sorted(profile.items())))
    bins = np.minimum(np.searchsorted(cdf, rng.random(n), side="right"), len(cdf) - 1)
    return rng.uniform(lows[bins], highs[bins])


def even_minutes(n: int, window: tuple[int, int]) -> np.ndarray:
    """n arrival times (minutes after midnight) evenly spaced from the opening: k * length / n."""
    start, end = window
    return start + np.arange(n) * ((end - start) / n) if n else np.zeros(0)


@functools.lru_cache(maxsize=256)
def _profile_bins(
    window: tuple[int, int], profile: tuple[tuple[int, float], ...]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The hour slices of a window and their cumulative probabilities (even if none has weight)."""
    start, end = window
    weight_of = dict(profile)
    lows, highs, weights = [], [], []
    for hour in range(start // 60, math.ceil(end / 60)):
        low, high = max(start, hour * 60), min(end, hour * 60 + 60)
        lows.append(low)
        highs.append(high)
        weights.append(weight_of.get(hour, 0.0) * (high - low))
    if sum(weights) <= 0:
        weights = [high - low for low, high in zip(lows, highs, strict=True)]
    cdf = np.cumsum(weights) / sum(weights)
    return np.asarray(lows, float), np.asarray(highs, float), cdf


def funnel_results(u: np.ndarray, funnel: Funnel, ios_ok: bool) -> np.ndarray:
    """The first reason each resident cannot activate, or ACTIVATE. ``u`` is (n, 4) uniforms.

    Lasting reasons (not recorded, no phone, no e-mail) come before the passing one (an
    iPhone before the app supported iOS), so a resident who can never activate says so.
    """
    result = np.full(len(u), ACTIVATE, dtype=np.int64)
    checks = (  # applied last-first so that the first failing check wins
        ("ios_not_supported", (u[:, 2] >= funnel.android_share) & (not ios_ok)),
        ("no_email", u[:, 3] >= funnel.email_share),
        ("no_smartphone", u[:, 1] >= funnel.compatible_smartphone_share),
        ("not_recorded", u[:, 0] < funnel.not_recorded_share),
    )
    for reason, failed in checks:
        result[failed] = REASON_INDEX[reason]
    return result


def capable_share(funnel: Funnel) -> float:
    """Share of residents with no lasting obstacle (recorded, compatible phone, e-mail)."""
    return (1 - funnel.not_recorded_share) * funnel.compatible_smartphone_share * funnel.email_share


class PoolShares(NamedTuple):
    """Share of the period's starting pool still to come, for each kind of resident."""

    capable: float  # not yet activated, of those who can activate
    blocked: float  # not yet told they cannot, of those with a lasting obstacle


def service_draws(
    rng: np.random.Generator, n: int, act: Activation
) -> tuple[np.ndarray, np.ndarray]:
    """Officer time and outcome for residents able to activate: (hold_min, result)."""
    fr = act.face_recognition
    officer_min = act.officer_min.sample(rng, n)
    attempts = rng.geometric(1.0 - fr.fail_prob, n)
    fr_failed = attempts > fr.max_attempts
    used = np.minimum(attempts, fr.max_attempts)
    attempt_min = fr.attempt_min.sample(rng, n * fr.max_attempts).reshape(n, fr.max_attempts)
    fr_min = np.where(np.arange(fr.max_attempts) < used[:, None], attempt_min, 0.0).sum(axis=1)
    code_min = act.email_code.code_min.sample(rng, n)
    email_failed = rng.random(n) < act.email_code.second_visit_prob
    hold = officer_min + fr_min + np.where(fr_failed, 0.0, code_min)
    result = np.where(fr_failed, FR_FAILED, np.where(email_failed, EMAIL_FAILED, ACTIVATE))
    return hold, result


class Draws(NamedTuple):
    """Attributes of n residents, before they are placed on the clock."""

    result: np.ndarray
    hold_min: np.ndarray
    prep_min: np.ndarray
    patience_min: np.ndarray
    present: np.ndarray  # uniform used to thin by the shrinking pool
    blocked: np.ndarray  # has a lasting obstacle (not recorded, no phone, no e-mail)

    def still_to_come(self, shares: PoolShares) -> np.ndarray:
        """Which of these residents are still in the pool (thinning by the pool left)."""
        return self.present < np.where(self.blocked, shares.blocked, shares.capable)


def draw_residents(
    rng: np.random.Generator,
    n: int,
    act: Activation,
    funnel: Funnel,
    ios_ok: bool,
    patience,
) -> Draws:
    """Draw everything about n residents, a fixed number of variates each (for CRN)."""
    funnel_result = funnel_results(rng.random((n, 4)), funnel, ios_ok)
    hold_ok, result_ok = service_draws(rng, n, act)
    check_min = act.check_min.sample(rng, n)
    prep_min = act.self_prep_min.sample(rng, n)
    patience_min = patience.sample(rng, n) if patience is not None else np.full(n, np.inf)
    present = rng.random(n)
    capable = funnel_result == ACTIVATE
    return Draws(
        result=np.where(capable, result_ok, funnel_result),
        hold_min=np.where(capable, hold_ok, check_min),
        prep_min=prep_min,
        patience_min=patience_min,
        present=present,
        blocked=(funnel_result >= 0) & (funnel_result < len(BLOCKING_CODES)),
    )
