#!/usr/bin/env python3
"""Run the IKD staffing simulator: python run_sim.py SCENARIO.yaml [options]."""

import sys

from sim.cli import main

if __name__ == "__main__":
    sys.exit(main())
