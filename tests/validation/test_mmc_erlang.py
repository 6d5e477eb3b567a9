"""The model reduced to M/M/c (scenarios/validation/mmc.yaml) against queueing theory.

mmc.yaml is one site open around the clock (the daily windows join into one continuous
spell), Poisson arrivals, exponential service with mean 10 min, nobody turned away and an
unlimited pool. For each (c, rho) pair we set c officers with c devices and
lambda = rho * c / 10 per minute, i.e. ``walk_ins_per_day = rho * c * 1440 / 10``.

Estimator: the per-replication mean wait ``wait_sum_min / wait_n`` over the whole period,
with no warm-up deletion. The system starts empty, which biases the mean low, but the bias
is of the order (relaxation time / period): about 3 days / 120 days for the c=4, rho=0.9
case, well inside the confidence interval. Replications are independent (own streams), so
a Student-t interval over them is valid even though waits inside one run are correlated.

Seeds are fixed, so each assertion is deterministic. The intervals are 99 % Student-t
intervals (``LEVEL``), not 95 %: this file makes 17 interval checks at once (mean
wait, utilisation and P(W >= 10) for four (c, rho) pairs, Erlang B for three, the summary's
mean for two), each on fixed-seed replications. At 95 % a correct model would miss
each with probability 0.05, so on a given seed one or other of the 17 fails by chance more
often than not (1 - 0.95^17 = 0.58); at 99 % that is about 0.16. Changing the seed until
they pass would hide a real error, so the level is chosen once for the family instead. A
wrong model (say service time or servers off by 10 %) still fails by many half-widths.
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

from sim.analytic import erlang_b, erlang_c, mmc_mean_wait, mmc_utilisation
from sim.decide.replicate import run_one, run_replications
from sim.decide.summary import summarise
from sim.metrics import t_interval
from sim.model.runlog import REASON_INDEX
from sim.scenario import apply_changes, load

SERVICE_MEAN = 10.0  # minutes, from mmc.yaml: officer_min exponential(mean 10)
SEED = 1
REPLICATIONS = 20
LEVEL = 0.99  # confidence level of every interval check here (see the module docstring)
MMC_PATH = Path(__file__).resolve().parents[2] / "scenarios" / "validation" / "mmc.yaml"

# (servers c, utilisation rho, period end): ~120 days for c <= 4, 60 days for c = 8 (it has
# twice the customers per day of c = 4 and an interval already tight at 60 days).
PAIRS = [
    (1, 0.50, "2023-05-01"),
    (2, 0.70, "2023-05-01"),
    (4, 0.90, "2023-05-01"),
    (8, 0.85, "2023-03-02"),
]
PAIR_IDS = [f"c{c}-rho{rho}" for c, rho, _ in PAIRS]


def mmc_case(servers: int, rho: float, end: str, **extra):
    lam_per_day = rho * servers * 1440 / SERVICE_MEAN
    changes = {
        "period.end": end,
        "sites.Loket.officers": servers,
        "sites.Loket.devices": servers,
        "sites.Loket.walk_ins_per_day": lam_per_day,
        **extra,
    }
    return apply_changes(load(MMC_PATH), changes, "test", ""), lam_per_day / 1440


@functools.cache
def replications(servers: int, rho: float, end: str) -> dict[str, np.ndarray]:
    """Per-replication mean wait, utilisation and share of waits of 10 min or more."""
    scenario, _ = mmc_case(servers, rho, end)
    waits, utils, tails = [], [], []
    for r in range(REPLICATIONS):
        log = run_one(scenario, SEED, r)
        waits.append(log.wait_sum_min[0] / log.wait_n[0])
        utils.append(log.busy_min[0] / log.duty_min[0])
        tails.append(log.wait_hist[0, 10:].sum() / log.wait_n[0])
    return {"wait": np.array(waits), "util": np.array(utils), "tail10": np.array(tails)}


def test_mmc_yaml_is_the_documented_textbook_case(mmc):
    """The validation file itself: c=4, lambda=0.36/min, mean service 10 (rho = 0.9)."""
    site = mmc.sites[0]
    assert (site.officers, site.devices, site.walk_ins_per_day) == (4, 4, 518.4)
    assert mmc.activation.officer_min.kind == "exponential"
    assert mmc.activation.officer_min.mean == SERVICE_MEAN
    assert mmc_utilisation(4, 518.4 / 1440, SERVICE_MEAN) == pytest.approx(0.9)


@pytest.mark.parametrize(("servers", "rho", "end"), PAIRS, ids=PAIR_IDS)
def test_mean_wait_matches_erlang_c(servers, rho, end):
    lam = rho * servers / SERVICE_MEAN
    theory = mmc_mean_wait(servers, lam, SERVICE_MEAN)
    waits = replications(servers, rho, end)["wait"]
    low, high = t_interval(waits, level=LEVEL)
    mean = float(waits.mean())
    report = f"Erlang C {theory:.3f} min; model {mean:.3f} [{low:.3f}, {high:.3f}]"
    assert (high - low) / 2 < 0.10 * theory, "interval too wide to test anything: " + report
    assert low <= theory <= high, report


@pytest.mark.parametrize(("servers", "rho", "end"), PAIRS, ids=PAIR_IDS)
def test_utilisation_matches_rho(servers, rho, end):
    """busy / duty minutes equals the offered load per server."""
    utils = replications(servers, rho, end)["util"]
    low, high = t_interval(utils, level=LEVEL)
    mean = float(utils.mean())
    assert low <= rho <= high or abs(mean - rho) <= 0.02 * rho, (mean, low, high)
    assert abs(mean - rho) <= 0.02 * rho, (mean, rho)


@pytest.mark.parametrize(("servers", "rho", "end"), PAIRS, ids=PAIR_IDS)
def test_wait_tail_matches_mmc(servers, rho, end):
    """P(W >= t) = C(c, a) * exp(-(c mu - lambda) t) for M/M/c FIFO; here t = 10 min."""
    lam, mu, t = rho * servers / SERVICE_MEAN, 1 / SERVICE_MEAN, 10.0
    theory = erlang_c(servers, lam / mu) * math.exp(-(servers * mu - lam) * t)
    tails = replications(servers, rho, end)["tail10"]
    low, high = t_interval(tails, level=LEVEL)
    assert low <= theory <= high, f"P(W>=10) theory {theory:.4f}; model [{low:.4f}, {high:.4f}]"


@pytest.mark.parametrize(("servers", "rho"), [(1, 0.5), (2, 0.7), (4, 0.9)])
def test_patience_zero_is_erlang_b_loss(servers, rho):
    """With patience 0 nobody waits: M/M/c/c, the share leaving is Erlang B blocking."""
    scenario, lam = mmc_case(servers, rho, "2023-02-15", **{"demand.patience_min": 0})
    shares = []
    for r in range(10):
        log = run_one(scenario, SEED, r)
        shares.append(log.turned_away[REASON_INDEX["left_queue"]] / log.arrived)
        assert log.wait_sum_min[0] == 0.0  # whoever is served was served on arrival
    theory = erlang_b(servers, lam * SERVICE_MEAN)
    low, high = t_interval(np.array(shares), level=LEVEL)
    assert low <= theory <= high, f"Erlang B {theory:.4f}; model [{low:.4f}, {high:.4f}]"


@pytest.mark.parametrize(("servers", "rho"), [(1, 0.5), (2, 0.7)])
def test_summary_wait_mean_and_p90_match_theory(servers, rho):
    """Through the metrics layer (summary's wait_min): the mean's CI covers Erlang C and
    the pooled p90 is within 5% of the M/M/c quantile ln(C / 0.1) / (c mu - lambda).

    The summary reports a 95% interval; like every check here it is widened to ``LEVEL``
    (same centre, half-width times the ratio of the t quantiles)."""
    scenario, lam = mmc_case(servers, rho, "2023-03-02")
    n = 10
    reps = run_replications(scenario, SEED, n)
    wait = summarise(reps, scenario)["wait_min"]["main_office"]
    mu = 1 / SERVICE_MEAN
    p90 = math.log(erlang_c(servers, lam / mu) / 0.1) / (servers * mu - lam)
    low95, high95 = wait["ci95"]
    centre = (low95 + high95) / 2
    assert centre == pytest.approx(wait["mean"])
    half = (high95 - low95) / 2 * stats.t.ppf(0.5 + LEVEL / 2, n - 1) / stats.t.ppf(0.975, n - 1)
    assert centre - half <= mmc_mean_wait(servers, lam, SERVICE_MEAN) <= centre + half, wait
    assert wait["p90"] == pytest.approx(p90, rel=0.05), (wait["p90"], p90)
