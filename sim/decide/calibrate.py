"""Calibration of the uncertain inputs to an office's observed record, with pyabc's ABC-SMC.

Approximate Bayesian computation by sequential Monte Carlo: parameter sets are drawn from
the priors (``uncertain.inputs``), each is simulated once to the last observed date, and
those whose cumulative activations come close to the record are kept and perturbed,
generation after generation, with a shrinking tolerance. The last generation is a weighted
sample of the posterior: the input values compatible with what the office has seen, given
the model's own chance variation. The distance is the root-mean-square relative error over
the observed dates.

Each simulation's random streams are keyed by a hash of its parameter values, so a
parameter set always simulates the same way; pyabc's proposals use numpy's global generator,
seeded for a serial run (on a pool or cluster pyabc reseeds every job, so results agree only
in distribution).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
import tempfile
import time
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sim.calendar import Calendar
from sim.decide.replicate import run_one
from sim.distributions import Exponential, LogNormal, Triangular, Uniform
from sim.observed import ObservedRecord
from sim.scenario import Scenario, ScenarioError, UncertainInput, apply_changes
from sim.uncertain import fixed_at

STREAM_SLOTS = 2**31  # replication slots the parameter hashes map into


@dataclass(frozen=True)
class Settings:
    """How hard ABC-SMC works (the defaults keep Kota Malang under 10 minutes on 2 cores)."""

    population: int = 60
    max_simulations: int = 700  # checked after each generation: the last one may pass it
    max_generations: int = 8
    min_epsilon: float = 0.01  # stop at a 1% RMS relative error


@dataclass(frozen=True)
class Calibration:
    """The prior and posterior of the calibrated inputs, and what the fit cost."""

    names: tuple[str, ...]
    keys: tuple[str, ...]
    labels: tuple[str, ...]
    prior: np.ndarray  # [sample, input] draws from the priors
    posterior: np.ndarray  # [particle, input]
    weights: np.ndarray  # [particle], summing to 1
    epsilons: tuple[float, ...]  # the tolerance of each generation (after the prior sample)
    simulations: int
    seconds: float
    observations: int  # observed dates fitted
    until: dt.date  # the last of them
    record: str  # the observed file

    @property
    def ess(self) -> float:
        """Effective sample size of the weighted posterior (Kish)."""
        return float(1 / np.sum(self.weights**2))

    def interval(self, i: int, low: float = 0.05, high: float = 0.95) -> tuple[float, float]:
        """The weighted posterior quantiles of input ``i`` (default: the 90% interval)."""
        order = np.argsort(self.posterior[:, i])
        cdf = np.cumsum(self.weights[order])
        values = self.posterior[order, i]
        return float(values[np.searchsorted(cdf, low)]), float(values[np.searchsorted(cdf, high)])

    def prior_interval(self, i: int) -> tuple[float, float]:
        """The prior's 90% interval of input ``i``."""
        low, high = np.percentile(self.prior[:, i], [5, 95])
        return float(low), float(high)

    def mean(self, i: int) -> float:
        return float(np.dot(self.weights, self.posterior[:, i]))

    def joint(self) -> dict:
        """The posterior as ``uncertain.joint`` data."""
        source = f"--calibrate on {self.record} ({self.observations} dates to {self.until})"
        return {
            "keys": list(self.keys),
            "samples": [[float(v) for v in row] for row in self.posterior],
            "weights": [float(w) for w in self.weights],
            "source": source,
        }


def prior_rv(item: UncertainInput, name: str):
    """The pyabc random variable of an input's prior."""
    import pyabc

    d = item.distribution
    if isinstance(d, Uniform) and not d.fixed:
        return pyabc.RV("uniform", d.low, d.high - d.low)
    if isinstance(d, Triangular):
        return pyabc.RV("triang", (d.mode - d.low) / (d.high - d.low), d.low, d.high - d.low)
    if isinstance(d, LogNormal):
        return pyabc.RV("lognorm", d.sigma, 0, d.median)
    if isinstance(d, Exponential):
        return pyabc.RV("expon", 0, d.mean)
    key = f"uncertain.inputs.{name}.distribution"
    raise ScenarioError("--calibrate", key, "calibrate_prior_kind", kind=d.kind)


def to_last_observation(scenario: Scenario, record: ObservedRecord) -> Scenario:
    """The scenario ending at the last observed date: what calibration simulates."""
    last = record.observations[-1].date
    end = max(last, scenario.period.start)
    return apply_changes(scenario, {"period.end": end.isoformat()}, record.path, "--calibrate ")


@dataclass(frozen=True)
class Simulator:
    """One simulation of a parameter set: cumulative activations at the observed dates."""

    scenario_json: str
    seed: int
    keys: tuple[str, ...]
    names: tuple[str, ...]
    days: tuple[int, ...]  # index into [day before the start, day 0, day 1, ...]

    def __call__(self, params) -> dict:
        values = {key: float(params[name]) for key, name in zip(self.keys, self.names, strict=True)}
        scenario = fixed_at(_base(self.scenario_json), values)
        log = run_one(scenario, self.seed, _slot(values), Calendar(scenario))
        total = scenario.goal.activated_at_start + np.cumsum(
            np.hstack([[0], log.daily.sum(axis=1)])
        )
        return {"y": total[list(self.days)].astype(float)}


@functools.lru_cache(maxsize=4)
def _base(scenario_json: str) -> Scenario:
    return Scenario.model_validate(json.loads(scenario_json))


def _slot(values: dict[str, float]) -> int:
    text = json.dumps(values, sort_keys=True).encode()
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "little") % STREAM_SLOTS


def rms_relative(x: dict, x0: dict) -> float:
    """Root-mean-square relative error of simulated against observed counts."""
    observed = np.maximum(np.asarray(x0["y"], float), 1.0)
    return float(np.sqrt(np.mean(((np.asarray(x["y"]) - observed) / observed) ** 2)))


def calibrate(
    scenario: Scenario,
    record: ObservedRecord,
    seed: int,
    executor: Executor | None,
    settings: Settings = Settings(),
    workers: int = 1,
    db_dir: Path | None = None,
) -> Calibration:
    """Fit the scenario's uncertain inputs to ``record``."""
    import pyabc

    block = scenario.uncertain.inputs
    if not block:
        raise ScenarioError("--calibrate", "uncertain.inputs", "no_uncertain_inputs")
    names = tuple(block)
    prior = pyabc.Distribution(**{name: prior_rv(block[name], name) for name in names})
    simulated = to_last_observation(scenario, record)
    start = simulated.period.start
    days = tuple((obs.date - start).days + 1 for obs in record.observations)
    keys = tuple(block[n].key for n in names)
    model = Simulator(simulated.model_dump_json(by_alias=True), seed, keys, names, days)
    observed = {"y": np.array([obs.cumulative for obs in record.observations], float)}
    logging.getLogger("ABC").setLevel(logging.WARNING)
    np.random.seed(seed % 2**32)
    abc = pyabc.ABCSMC(
        model,
        prior,
        rms_relative,
        population_size=settings.population,
        sampler=_sampler(executor, workers),
    )
    folder = db_dir or Path(tempfile.mkdtemp(prefix="ikd-abc-"))
    db = folder / "calibration.db"
    db.unlink(missing_ok=True)
    began = time.perf_counter()
    abc.new(f"sqlite:///{db}", observed)
    history = abc.run(
        minimum_epsilon=settings.min_epsilon,
        max_nr_populations=settings.max_generations,
        max_total_nr_simulations=settings.max_simulations,
    )
    return _result(history, block, names, keys, record, time.perf_counter() - began, seed)


def _sampler(executor: Executor | None, workers: int):
    from pyabc.sampler import ConcurrentFutureSampler, SingleCoreSampler

    if executor is None:
        return SingleCoreSampler()
    return ConcurrentFutureSampler(executor, client_max_jobs=max(1, workers))


def _result(history, block, names, keys, record, seconds, seed) -> Calibration:
    frame, weights = history.get_distribution(m=0, t=history.max_t)
    posterior = frame[list(names)].to_numpy(float)
    u = np.random.default_rng(seed).random((400, len(names)))
    prior = np.column_stack([block[n].distribution.quantile(u[:, i]) for i, n in enumerate(names)])
    epsilons = tuple(float(e) for e in history.get_all_populations()["epsilon"].iloc[1:])
    return Calibration(
        names=names,
        keys=keys,
        labels=tuple(block[n].label or n for n in names),
        prior=prior,
        posterior=posterior,
        weights=np.asarray(weights, float) / np.sum(weights),
        epsilons=epsilons,
        simulations=int(history.total_nr_simulations),
        seconds=seconds,
        observations=len(record.observations),
        until=record.observations[-1].date,
        record=record.path,
    )
