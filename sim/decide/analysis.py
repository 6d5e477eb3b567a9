"""How sure we are: paired comparisons of variants and replications to a chosen precision.

Variants share common random numbers, so replication r of two variants saw the same
residents: their difference is a paired observation, and the t-interval of the paired
differences is far narrower than comparing two independent means.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from sim.decide.kpi import COMPARED, KpiRow
from sim.metrics import t_interval


@dataclass(frozen=True)
class Difference:
    """The paired difference of one KPI: its mean and 95% t-interval; significant when the
    interval excludes 0."""

    mean: float | None
    ci95: tuple[float, float] | None
    significant: bool


@dataclass(frozen=True)
class Comparison:
    """Every variant's KPIs against the baseline's, replication by replication."""

    baseline: str
    differences: dict[str, dict[str, Difference]]  # variant -> compared KPI -> difference

    def of(self, variant: str) -> dict[str, Difference] | None:
        """The differences of ``variant`` (None for the baseline itself)."""
        return self.differences.get(variant)

    def of_activations(self) -> list[tuple[str, Difference]]:
        """Each variant with results and its difference in activations, in declared order."""
        return [(name, kpis["activations"]) for name, kpis in self.differences.items() if kpis]


def paired_difference(values: np.ndarray, baseline: np.ndarray) -> Difference:
    """Mean and 95% t-interval of paired differences; significant when it excludes 0."""
    diff = np.asarray(values, float) - np.asarray(baseline, float)
    diff = diff[~np.isnan(diff)]
    if diff.size == 0:
        return Difference(None, None, False)
    ci = t_interval(diff)
    significant = ci is not None and (ci[0] > 0 or ci[1] < 0)
    return Difference(float(diff.mean()), tuple(ci) if ci else None, significant)


def compare(rows: dict[str, list[KpiRow]], baseline: str = "baseline") -> Comparison:
    """Every variant's KPIs against the baseline's, replication by replication."""
    base = {row.replication: row for row in rows[baseline]}
    return Comparison(
        baseline,
        {
            variant: _paired(base, variant_rows)
            for variant, variant_rows in rows.items()
            if variant != baseline
        },
    )


def _paired(base: dict[int, KpiRow], rows: list[KpiRow]) -> dict[str, Difference]:
    """The paired difference of every compared KPI: ``rows`` minus the same replications of
    the baseline."""
    if not rows:
        return {}
    return {
        name: paired_difference(
            np.array([float(getattr(row, attr)) for row in rows]),
            np.array([float(getattr(base[row.replication], attr)) for row in rows]),
        )
        for name, attr in COMPARED.items()
    }


def relative_half_width(values: np.ndarray) -> float:
    """Half-width of the 95% CI of the mean as a share of the mean (inf when undefined)."""
    ci = t_interval(values)
    mean = float(np.mean(values)) if len(values) else 0.0
    if ci is None or mean == 0:
        return math.inf
    return (ci[1] - ci[0]) / 2 / abs(mean)


def replications_needed(values: np.ndarray, target: float, cap: int, step: int) -> int:
    """How many replications to run in all so the relative half-width falls to ``target``.

    The half-width shrinks as 1/sqrt(n), so n_needed = n * (now / target)^2; at least
    ``step`` more than now, never above ``cap``.
    """
    n = len(values)
    now = relative_half_width(values)
    if now <= target:
        return n
    wanted = n + step if math.isinf(now) else math.ceil(n * (now / target) ** 2)
    return min(cap, max(n + step, wanted))
