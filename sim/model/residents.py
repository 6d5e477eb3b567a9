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
from scipy.special import gammaln, ndtri

from sim.model.codes import ACTIVATE, LASTING_ORDER, Reason, is_lasting
from sim.scenario import Activation, Group, Scenario

_LASTING_ORDER = np.array(LASTING_ORDER, dtype=np.int64)


class Resident(NamedTuple):
    """One resident in a queue (a tuple: cheap to create and to read)."""

    join_min: float  # when they are ready and in the queue (minutes since period start)
    hold_min: float  # officer time their visit takes (activation, retries, or a check)
    result: int  # ACTIVATE, or the REASONS index they leave with
    deadline_min: float  # they leave the queue unserved after this moment
    spell: int  # the opening spell they came in
    offered: bool  # came for another service and was offered IKD
    segment: int  # index of their segment (residents.segments)
    decided: bool  # came on purpose from the adoption process (demand.adoption)


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


def poisson_inverse(u: np.ndarray, lam: np.ndarray) -> np.ndarray:
    """Poisson counts by inversion: the smallest k with CDF(k; lam) >= u, so a count grows
    with its rate for the same uniform (variants with nearly equal rates draw equal counts).
    Exact up to a rate of 400, the normal approximation with continuity correction above."""
    lam = np.asarray(lam, float)
    small = np.minimum(lam, 400.0)
    top = int(small.max() + 12 * math.sqrt(small.max()) + 20) if len(lam) else 1
    k = np.arange(top)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_pmf = k * np.log(small)[:, None] - small[:, None] - gammaln(k + 1)
    cdf = np.cumsum(np.exp(log_pmf), axis=1)
    counts = np.minimum((cdf < u[:, None]).sum(axis=1), top - 1)
    big = lam > 400
    if big.any():
        normal = np.round(lam[big] + np.sqrt(lam[big]) * ndtri(u[big]))
        counts[big] = np.maximum(0, normal).astype(np.int64)
    return np.where(lam > 0, counts, 0).astype(np.int64)


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


class Mix(NamedTuple):
    """The residents' groups as arrays, indexed by segment (one group without segments)."""

    groups: tuple[Group, ...]
    ids: np.ndarray  # each group's index in residents.segments
    cdf: np.ndarray  # cumulative shares, for drawing a segment
    not_recorded: np.ndarray
    phone: np.ndarray
    android: np.ndarray
    android_email: np.ndarray
    other_email: np.ndarray
    unprepared: np.ndarray  # came_unprepared_share, NaN where walk-ins meet the full funnel
    lasting_cdf: np.ndarray  # [group, 3]: cumulative chance of each lasting reason, if blocked

    @staticmethod
    def of(groups: list[Group], ids: list[int] | None = None) -> Mix:
        def column(field: str) -> np.ndarray:
            values = [getattr(g, field) for g in groups]
            return np.array([np.nan if v is None else v for v in values], float)

        return Mix(
            tuple(groups),
            np.asarray(range(len(groups)) if ids is None else ids, dtype=np.int64),
            np.cumsum(column("share")),
            column("not_recorded_share"),
            column("compatible_smartphone_share"),
            column("android_share"),
            column("android_email_share"),
            column("other_email_share"),
            column("came_unprepared_share"),
            np.array([_lasting_cdf(g) for g in groups]).reshape(len(groups), 3),
        )

    @property
    def prepared_share(self) -> np.ndarray:
        """Per group, the share of walk-ins who have prepared (1 where none is declared)."""
        return 1.0 - np.minimum(np.nan_to_num(self.unprepared), 0.999)

    @property
    def any_unprepared(self) -> bool:
        return not np.isnan(self.unprepared).all()

    def only(self, segment: str) -> Mix:
        """The mix of one segment (residents drawn from it alone), keeping its index."""
        i = next(i for i, g in enumerate(self.groups) if g.name == segment)
        return Mix.of([self.groups[i]], [int(self.ids[i])])

    def segments(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """A group (index into this mix) for each of n residents, by the groups' shares
        (none drawn with a single group)."""
        if len(self.groups) == 1:
            return np.zeros(n, dtype=np.int64)
        u = rng.random(n) * self.cdf[-1]
        return np.minimum(np.searchsorted(self.cdf, u, side="right"), len(self.cdf) - 1)

    def with_override(self, funnel) -> Mix:
        return Mix.of([g.overridden(funnel) for g in self.groups], self.ids.tolist())


def funnel_results(u: np.ndarray, mix: Mix, seg: np.ndarray, ios_ok: bool) -> np.ndarray:
    """The first reason each resident cannot activate, or ACTIVATE. ``u`` is (n, 4) uniforms.

    Lasting reasons (not recorded, no phone, no e-mail) come before the passing one (an
    iPhone before the app supported iOS), so a resident who can never activate says so.
    E-mail is drawn given the phone: Android phones and others have their own shares.
    """
    result = np.full(len(u), ACTIVATE, dtype=np.int64)
    android = u[:, 2] < mix.android[seg]
    email = np.where(android, mix.android_email[seg], mix.other_email[seg])
    checks = (  # applied last-first so that the first failing check wins
        (Reason.IOS_NOT_SUPPORTED, ~android & (not ios_ok)),
        (Reason.NO_EMAIL, u[:, 3] >= email),
        (Reason.NO_SMARTPHONE, u[:, 1] >= mix.phone[seg]),
        (Reason.NOT_RECORDED, u[:, 0] < mix.not_recorded[seg]),
    )
    for reason, failed in checks:
        result[failed] = reason
    return result


def _lasting_cdf(group: Group) -> np.ndarray:
    """Cumulative chances of the lasting reasons of a blocked resident of the group, in
    proportion to how often each is the first to fail (not recorded, no phone, no e-mail)."""
    nr, phone = group.not_recorded_share, group.compatible_smartphone_share
    weights = np.array([nr, (1 - nr) * (1 - phone), (1 - nr) * phone * (1 - group.email_share)])
    if weights.sum() <= 0:
        return np.array([0.0, 1.0, 1.0])  # nobody is blocked: "no smartphone" if ever needed
    return np.cumsum(weights) / weights.sum()


def lasting_reason(u: np.ndarray, mix: Mix, seg: np.ndarray) -> np.ndarray:
    """A lasting reason for each resident (segment ``seg``, uniform ``u``), drawn from their
    group's chances (:func:`_lasting_cdf`)."""
    index = np.minimum((u[:, None] >= mix.lasting_cdf[seg]).sum(axis=1), 2)
    return _LASTING_ORDER[index]


def capable_share(group: Group) -> float:
    """Share of a group's residents with no lasting obstacle (recorded, phone, e-mail)."""
    return group.capable_share


class PoolShares(NamedTuple):
    """Share of the period's starting pool still to come, per segment, for each kind of
    resident."""

    capable: np.ndarray  # not yet activated, of those who can activate
    blocked: np.ndarray  # not yet told they cannot, of those with a lasting obstacle


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
    failed = np.where(email_failed, Reason.EMAIL_CODE_FAILED, ACTIVATE)
    result = np.where(fr_failed, Reason.FR_FAILED, failed)
    return hold, result


class Draws(NamedTuple):
    """Attributes of n residents, before they are placed on the clock."""

    result: np.ndarray
    hold_min: np.ndarray
    prep_min: np.ndarray
    patience_min: np.ndarray
    present: np.ndarray  # uniform used to thin by the shrinking pool
    blocked: np.ndarray  # has a lasting obstacle (not recorded, no phone, no e-mail)
    segment: np.ndarray  # index in residents.segments

    def still_to_come(self, shares: PoolShares) -> np.ndarray:
        """Which of these residents are still in the pool (thinning by the pool left)."""
        seg = self.segment
        return self.present < np.where(self.blocked, shares.blocked[seg], shares.capable[seg])


def draw_residents(
    rng: np.random.Generator,
    n: int,
    act: Activation,
    mix: Mix,
    ios_ok: bool,
    patience,
    on_purpose: np.ndarray | None = None,
    given: np.ndarray | None = None,
) -> Draws:
    """Draw everything about n residents, a fixed number of variates each (for CRN).

    ``on_purpose`` marks residents who came to activate: in a segment that declares
    ``came_unprepared_share`` they have prepared (only a passing obstacle can stop them),
    except that share, who lack a requirement and are turned away for it. ``given`` holds
    a segment (index into ``mix``) for residents whose segment is known, -1 for the others.
    """
    u = rng.random((n, 4))
    hold_ok, result_ok = service_draws(rng, n, act)
    check_min = act.check_min.sample(rng, n)
    prep_min = act.self_prep_min.sample(rng, n)
    patience_min = patience.sample(rng, n) if patience is not None else np.full(n, np.inf)
    present = rng.random(n)
    seg = mix.segments(rng, n)
    if given is not None:
        seg = np.where(given >= 0, given, seg)
    funnel_result = funnel_results(u, mix, seg, ios_ok)
    if on_purpose is not None and mix.any_unprepared:
        funnel_result = _self_selected(rng, funnel_result, u, mix, seg, on_purpose, ios_ok)
    capable = funnel_result == ACTIVATE
    return Draws(
        result=np.where(capable, result_ok, funnel_result),
        hold_min=np.where(capable, hold_ok, check_min),
        prep_min=prep_min,
        patience_min=patience_min,
        present=present,
        blocked=is_lasting(funnel_result),
        segment=mix.ids[seg],
    )


def _self_selected(rng, result, u, mix: Mix, seg, on_purpose, ios_ok: bool) -> np.ndarray:
    """Funnel results of residents who came on purpose: prepared (only an iPhone before the
    app supported iOS stops them), or unprepared for a lasting reason drawn from their
    segment. Residents of segments without ``came_unprepared_share`` keep ``result``."""
    v, w = rng.random(len(seg)), rng.random(len(seg))
    share = mix.unprepared[seg]
    declared = on_purpose & ~np.isnan(share)
    unprepared = v < np.where(declared, share, 0.0)
    iphone_too_early = ~(u[:, 2] < mix.android[seg]) & (not ios_ok)
    prepared = np.where(iphone_too_early, Reason.IOS_NOT_SUPPORTED, ACTIVATE)
    reasons = lasting_reason(w, mix, seg)
    return np.where(declared, np.where(unprepared, reasons, prepared), result)


class Sampler:
    """How this run draws residents: daily counts, arrival times, attributes, service."""

    def __init__(self, scenario: Scenario, mix: Mix, ios_ok: np.ndarray) -> None:
        demand = scenario.demand
        self.activation, self.mix, self.ios_ok = scenario.activation, mix, ios_ok
        self.patience = demand.patience_min
        self.profile = demand.time_of_day_profile
        self.even = demand.arrival_pattern == "even"
        required = demand.ikd_required_before_services
        self.offer_accept = np.array([1.0 if required else g.willing_share for g in mix.groups])

    def count(self, rng: np.random.Generator, per_day: float) -> int:
        """How many come today: Poisson, or exactly the rounded rate with even arrivals."""
        return round(per_day) if self.even else int(rng.poisson(per_day))

    def minutes(self, rng: np.random.Generator, n: int, window: tuple[int, int]) -> np.ndarray:
        """Arrival times (minutes after midnight) of n residents inside the window."""
        if self.even:
            return even_minutes(n, window)
        return arrival_minutes(rng, n, window, self.profile)

    def residents(
        self,
        rng: np.random.Generator,
        n: int,
        d: int,
        mix: Mix | None = None,
        queueing: bool = True,
        on_purpose: np.ndarray | None = None,
        given: np.ndarray | None = None,
    ) -> Draws:
        """n residents of day d (:func:`draw_residents`); ``queueing`` draws their patience."""
        patience = self.patience if queueing else None
        mix = self.mix if mix is None else mix
        return draw_residents(
            rng, n, self.activation, mix, bool(self.ios_ok[d]), patience, on_purpose, given
        )

    def service(self, rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
        return service_draws(rng, n, self.activation)

    def patience_min(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return self.patience.sample(rng, n) if self.patience else np.full(n, np.inf)
