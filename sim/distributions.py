"""Declared probability distributions: validated values that sample and know their mean.

A scenario declares every random duration or size as one of these, for example
``{kind: triangular, low: 2, mode: 5, high: 15}``. A bare number is shorthand for
``{kind: fixed, value: <number>}``. Sampling is vectorised: ``dist.sample(rng, n)``.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal, get_args

import numpy as np
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from sim.problems import Problem


def number_only(value: object) -> object:
    """YAML's true and false are not numbers (pydantic would read them as 1 and 0), and
    .inf and .nan are not values a scenario can hold."""
    if isinstance(value, bool):
        raise Problem("bool_number")
    if isinstance(value, float) and not math.isfinite(value):
        raise Problem("not_finite")
    return value


# Minutes, headcounts and counts: ten million is beyond any office's year (19 years in
# minutes), so anything larger is a typing error, and would overflow the clock.
MAX_VALUE = 10_000_000
NonNeg = Annotated[
    float, BeforeValidator(number_only), Field(ge=0, le=MAX_VALUE, allow_inf_nan=False)
]
Positive = Annotated[
    float, BeforeValidator(number_only), Field(gt=0, le=MAX_VALUE, allow_inf_nan=False)
]


class _Dist(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @property
    def mean(self) -> float:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:  # pragma: no cover
        raise NotImplementedError

    def quantile(self, u: np.ndarray) -> np.ndarray:  # pragma: no cover
        """The values at cumulative probabilities ``u`` (the inverse of the CDF)."""
        raise NotImplementedError

    @property
    def fixed(self) -> bool:
        """Whether every draw is the same value (a distribution of zero width)."""
        return False


class Fixed(_Dist):
    """Always the same value (deterministic runs and hand-worked timelines)."""

    kind: Literal["fixed"] = "fixed"
    value: NonNeg

    @property
    def mean(self) -> float:
        return self.value

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return np.full(n, self.value)

    def quantile(self, u: np.ndarray) -> np.ndarray:
        return np.full(np.shape(u), self.value)

    @property
    def fixed(self) -> bool:
        return True


class Exponential(_Dist):
    """Exponential with the given mean (memoryless service or inter-arrival times)."""

    kind: Literal["exponential"]
    mean_value: Positive = Field(alias="mean")

    @property
    def mean(self) -> float:
        return self.mean_value

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return rng.exponential(self.mean_value, n)

    def quantile(self, u: np.ndarray) -> np.ndarray:
        from scipy import stats  # here, not at import: only parameter draws need it

        return stats.expon.ppf(u, scale=self.mean_value)


class Triangular(_Dist):
    """Triangular on [low, high] with the given mode."""

    kind: Literal["triangular"]
    low: NonNeg
    mode: NonNeg
    high: NonNeg

    @model_validator(mode="after")
    def _ordered(self) -> Triangular:
        if not self.low <= self.mode <= self.high or self.low == self.high:
            raise Problem("triangular_order")
        return self

    @property
    def mean(self) -> float:
        return (self.low + self.mode + self.high) / 3

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return rng.triangular(self.low, self.mode, self.high, n)

    def quantile(self, u: np.ndarray) -> np.ndarray:
        from scipy import stats

        width = self.high - self.low
        c = (self.mode - self.low) / width
        return stats.triang.ppf(u, c, loc=self.low, scale=width)


class LogNormal(_Dist):
    """Log-normal given by its median and the standard deviation of log(x)."""

    kind: Literal["lognormal"]
    median: Positive
    sigma: Annotated[float, Field(gt=0, le=3)]

    @property
    def mean(self) -> float:
        return self.median * math.exp(self.sigma**2 / 2)

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return rng.lognormal(math.log(self.median), self.sigma, n)

    def quantile(self, u: np.ndarray) -> np.ndarray:
        from scipy import stats

        return stats.lognorm.ppf(u, self.sigma, scale=self.median)


class Uniform(_Dist):
    """Uniform on [low, high]."""

    kind: Literal["uniform"]
    low: NonNeg
    high: NonNeg

    @model_validator(mode="after")
    def _ordered(self) -> Uniform:
        if self.low > self.high:
            raise Problem("uniform_order")
        return self

    @property
    def mean(self) -> float:
        return (self.low + self.high) / 2

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return rng.uniform(self.low, self.high, n)

    def quantile(self, u: np.ndarray) -> np.ndarray:
        return self.low + np.asarray(u) * (self.high - self.low)

    @property
    def fixed(self) -> bool:
        return self.low == self.high


class Empirical(_Dist):
    """Observed values, drawn with replacement, optionally weighted."""

    kind: Literal["empirical"]
    values: Annotated[list[NonNeg], Field(min_length=1)]
    weights: list[NonNeg] | None = None

    @model_validator(mode="after")
    def _weights_match(self) -> Empirical:
        if self.weights is not None:
            if len(self.weights) != len(self.values):
                raise Problem("weights_length")
            if sum(self.weights) <= 0:
                raise Problem("weights_zero")
        return self

    def _p(self) -> np.ndarray | None:
        if self.weights is None:
            return None
        w = np.asarray(self.weights, dtype=float)
        return w / w.sum()

    @property
    def mean(self) -> float:
        p = self._p()
        return float(np.mean(self.values) if p is None else np.dot(self.values, p))

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return rng.choice(np.asarray(self.values, dtype=float), size=n, p=self._p())

    def quantile(self, u: np.ndarray) -> np.ndarray:
        """The inverse of the step CDF: the smallest value whose cumulative weight reaches u."""
        order = np.argsort(self.values, kind="stable")
        values = np.asarray(self.values, dtype=float)[order]
        p = self._p()
        cdf = np.cumsum(np.full(len(values), 1 / len(values)) if p is None else p[order])
        index = np.searchsorted(cdf, np.asarray(u) * cdf[-1], side="left")
        return values[np.minimum(index, len(values) - 1)]

    @property
    def fixed(self) -> bool:
        return len(set(self.values)) == 1


def _number_is_fixed(value: object) -> object:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {"kind": "fixed", "value": value}
    return value


KINDS = frozenset(
    get_args(cls.model_fields["kind"].annotation)[0]
    for cls in (Fixed, Exponential, Triangular, LogNormal, Uniform, Empirical)
)
"""The ``kind`` tags of the declared distributions."""

_Declared = Annotated[
    Fixed | Exponential | Triangular | LogNormal | Uniform | Empirical,
    Field(discriminator="kind"),
]

Distribution = Annotated[
    _Declared,
    BeforeValidator(_number_is_fixed, json_schema_input_type=float | _Declared),
]
"""Any declared distribution; a bare number means ``fixed``."""
