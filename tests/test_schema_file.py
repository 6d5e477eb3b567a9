"""The committed JSON Schema (for editor completion) matches the scenario format in code."""

import json
from pathlib import Path

from sim.fields import json_schema

SCHEMA = Path(__file__).resolve().parent.parent / "scenarios" / "scenario.schema.json"


def test_committed_schema_is_current():
    committed = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert committed == json_schema(), (
        "scenarios/scenario.schema.json is stale: "
        "run `python run_sim.py --schema scenarios/scenario.schema.json`"
    )
