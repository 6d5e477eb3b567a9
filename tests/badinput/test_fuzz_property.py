"""The loader's promise as a property: a mutated region file (a key deleted, a value retyped,
an extreme or non-finite number, an invalid date, a key written twice, unicode or control
text, YAML aliases) is accepted, or refused in one line naming the file; never a traceback,
never another kind of failure. The mutations are tools/fuzz_scenarios.py's, driven by seeds
hypothesis draws (derandomized, no example database: the same cases every run)."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

TOOL = Path(__file__).resolve().parents[2] / "tools" / "fuzz_scenarios.py"
_spec = importlib.util.spec_from_file_location("fuzz_scenarios", TOOL)
fuzz = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fuzz)

CASES = st.tuples(st.sampled_from(fuzz.REGIONS), st.integers(0, 2**32 - 1))
SETTINGS = dict(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@settings(max_examples=1000, **SETTINGS)
@given(CASES)
def test_a_mutated_region_is_accepted_or_refused_in_one_line(tmp_path_factory, case):
    region, seed = case
    what, text = fuzz.mutate(random.Random(seed), region)
    folder = tmp_path_factory.mktemp("case")
    outcome = fuzz.check(fuzz.folder_with(text, region, folder), folder / "out")
    assert outcome in ("accepted", "refused"), what


@settings(max_examples=60, **SETTINGS)
@given(CASES)
def test_an_accepted_mutation_also_runs(tmp_path_factory, case):
    """Accepted mutations run (one replication, three days) without failing."""
    region, seed = case
    what, text = fuzz.mutate(random.Random(seed), region)
    folder = tmp_path_factory.mktemp("case")
    outcome = fuzz.check(fuzz.folder_with(text, region, folder), folder / "out", run=True)
    assert outcome in ("accepted", "refused"), what


def test_both_outcomes_occur():
    """The property is not vacuous: over many seeds both outcomes happen."""
    outcomes = set()
    for seed in range(40):
        region = fuzz.REGIONS[seed % len(fuzz.REGIONS)]
        _, text = fuzz.mutate(random.Random(seed), region)
        path = fuzz.folder_with(text, region, Path(fuzz.tempfile.mkdtemp()))
        outcomes.add(fuzz.check(path, path.parent / "out"))
    assert outcomes == {"accepted", "refused"}
