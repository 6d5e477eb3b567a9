"""Small scenarios with uncertain inputs, built on scenarios/validation/mmc.yaml."""

from __future__ import annotations

import pytest

# Four weeks of one office, with walk-ins given by the uncertain rate below.
OFFICE = {
    "period.end": "2023-01-29",
    "sites.Loket.walk_ins_per_day": 40,
}
RATE = {
    "rate": {
        "key": "sites.Loket.walk_ins_per_day",
        "distribution": {"kind": "uniform", "low": 10, "high": 80},
    }
}


@pytest.fixture(scope="session")
def office(make):
    """Four weeks at the mmc site, walk-in rate uncertain (uniform 10-80 a day)."""
    return make(OFFICE, uncertain={"inputs": RATE, "inner_replications": 2})
