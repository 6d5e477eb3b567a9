"""Shared fixtures for the unit tests: a fresh copy of the M/M/c validation scenario."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

MMC = Path(__file__).resolve().parents[2] / "scenarios" / "validation" / "mmc.yaml"
_MMC_DATA = yaml.safe_load(MMC.read_text(encoding="utf-8"))


@pytest.fixture
def mmc_data() -> dict:
    """The raw mapping of scenarios/validation/mmc.yaml; each test gets its own copy."""
    return copy.deepcopy(_MMC_DATA)


@pytest.fixture
def mmc_scenario():
    """mmc.yaml validated into a Scenario."""
    from sim.scenario import validate

    return validate(copy.deepcopy(_MMC_DATA), str(MMC))
