"""The command line's files are byte-identical to those recorded in hashes.json.

The record is taken with ``python tests/golden/outputs.py record`` at a commit whose outputs
are known good; a change meant to preserve behaviour must leave every digest as it was, and a
change meant to alter results re-records them in the same commit, saying why. This test runs
every scenario plain and two of them with ``--compare`` (about 90 s: the region compares
take half a minute each); ``outputs.py check`` runs all of them, ``--compare``,
``--find-staff`` and ``--sensitivity`` included.
"""

from __future__ import annotations

import json

import pytest

from . import outputs

EXPECTED = json.loads(outputs.HASHES.read_text())
COMPARED = ("validation/mmc", "solok_selatan_2023")
CASES = [(s, "plain") for s in outputs.SCENARIOS] + [(s, "compare") for s in COMPARED]


@pytest.mark.parametrize(("scenario", "mode"), CASES, ids=[f"{s}:{m}" for s, m in CASES])
def test_outputs_match_the_record(scenario, mode, tmp_path):
    case = f"{scenario}:{mode}"
    actual = outputs.run_case(scenario, mode, tmp_path / "out")
    assert outputs.differences({case: EXPECTED[case]}, {case: actual}) == []
