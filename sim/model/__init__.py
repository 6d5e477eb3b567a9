"""The SimPy model: sites, officers, devices, residents, outreach and home visits."""

from sim.model.core import Model
from sim.model.runlog import REASONS, RunLog

__all__ = ["REASONS", "Model", "RunLog"]
