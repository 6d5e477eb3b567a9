"""Closed forms that anchor the model: Erlang B/C and M/M/c waiting times, Bass diffusion."""

from __future__ import annotations

import math


def erlang_b(servers: int, offered_load: float) -> float:
    """Blocking probability of M/M/c/c (Erlang B), by the stable recursion."""
    if servers < 0 or offered_load < 0:
        raise ValueError("servers and offered load must be non-negative")
    b = 1.0
    for k in range(1, servers + 1):
        b = offered_load * b / (k + offered_load * b)
    return b


def erlang_c(servers: int, offered_load: float) -> float:
    """Probability that an arrival waits in M/M/c (Erlang C); needs load < servers."""
    if not 0 <= offered_load < servers:
        raise ValueError("Erlang C needs 0 <= offered load < servers")
    b = erlang_b(servers, offered_load)
    rho = offered_load / servers
    return b / (1 - rho + rho * b)


def mmc_mean_wait(servers: int, arrival_rate: float, service_mean: float) -> float:
    """Mean time in queue (before service) of M/M/c, in the units of service_mean."""
    load = arrival_rate * service_mean
    return erlang_c(servers, load) * service_mean / (servers - load)


def mmc_utilisation(servers: int, arrival_rate: float, service_mean: float) -> float:
    """Long-run share of server time busy."""
    return arrival_rate * service_mean / servers


def bass_share(t_years: float, p: float, q: float, f0: float = 0.0) -> float:
    """Share of the market adopted at time t of the Bass diffusion dF/dt = (p + qF)(1 - F),
    starting from F(0) = f0 (p > 0)."""
    if p <= 0:
        raise ValueError("the Bass closed form needs p > 0")
    c = (1 - f0) / (1 + (q / p) * f0)
    decay = c * math.exp(-(p + q) * t_years)
    return (1 - decay) / (1 + (q / p) * decay)
