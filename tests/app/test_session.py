"""What the app edits, without a browser: proposals and PPPK tables round-trip, staff edits
land in the tree the run writes, and the picker lists only scenarios of the working folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from sim.app import session
from sim.scenario import WEEKDAYS, load, validate

ROOT = Path(__file__).resolve().parents[2]
MOJOKERTO = ROOT / "scenarios" / "mojokerto_2023.yaml"


def test_the_proposals_table_gives_back_the_proposals():
    tree = session.tree_of(MOJOKERTO)
    before = tree["variants"]
    session.set_proposals(tree, session.proposal_rows(tree))
    assert validate(tree, "t").variants == load(MOJOKERTO).variants
    assert list(tree["variants"]) == list(before)


def test_staff_and_pppk_edits_reach_the_scenario():
    tree = session.tree_of(MOJOKERTO)
    session.set_staff(tree, "sites", 0, "officers", 25)
    session.set_staff(tree, "teams", 0, "count", 3)
    rows = [{"site": "Kantor Dinas", "officers": 2.0, "devices": 2.0, "from": "2023-07-03"}]
    session.set_pppk(tree, [*rows, {"site": None}])
    scenario = validate(tree, "t")
    assert scenario.sites[0].officers == 25 and scenario.outreach.teams[0].count == 3
    assert [(p.site, p.officers, str(p.from_date)) for p in scenario.staff.pppk] == [
        ("Kantor Dinas", 2, "2023-07-03")
    ]


def test_the_picker_lists_the_working_folders_scenarios_only(tmp_path):
    (tmp_path / "scenarios").mkdir()
    shutil.copy(MOJOKERTO, tmp_path / "scenarios")
    made_by_others = ("app-runs/1/scenario.yaml", "app-uploads/x.xlsx", "out/a/calibrated.yaml")
    for made in (*made_by_others, ".venv/lib/dask/dask.yaml"):
        (tmp_path / made).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / made).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in session.scenario_files(tmp_path)]
    assert found == ["scenarios/mojokerto_2023.yaml"]


def test_a_compare_run_writes_the_comparison_and_counts_its_progress(tmp_path):
    tree = session.tree_of(ROOT / "scenarios" / "solok_selatan_2023.yaml")
    run = session.start(tree, tmp_path, "compare", 1, 7, "id")
    assert run.process.wait(300) == 0, (run.folder / "stderr.txt").read_text()
    assert run.expected == 1 + len(tree["variants"]) > 1
    assert run.done_share() == 1.0
    assert (run.out / "comparison.json").exists() and (run.out / "report.html").exists()


def test_a_bad_edit_comes_back_as_the_clis_one_line_with_a_relative_path(tmp_path):
    tree = session.tree_of(ROOT / "scenarios" / "validation" / "mmc.yaml")
    tree["sites"][0]["devices"] = -1
    run = session.start(tree, tmp_path, "run", 1, 7, "id")
    run.process.wait(120)
    line = session.error_line(run, tmp_path)
    assert run.process.returncode == 2
    assert line.startswith("kesalahan: scenario.yaml") and "devices" in line, line
    assert str(tmp_path) not in line


def test_the_teams_table_gives_back_staff_and_weekly_plan():
    tree = session.tree_of(MOJOKERTO)
    rows = session.team_rows(tree)
    assert rows and set(rows[0]) == {"name", "count", "officers", "devices", *WEEKDAYS}
    session.set_teams(tree, rows)
    assert validate(tree, "t").outreach.teams == load(MOJOKERTO).outreach.teams
    first = rows[0] | {"officers": 5.0, "mon": "", "sat": rows[0]["tue"] or "school"}
    session.set_teams(tree, [first, *rows[1:]])
    team = validate(tree, "t").outreach.teams[0]
    assert team.officers == 5 and "mon" not in team.weekly and team.weekly["sat"] == first["sat"]


def test_a_run_that_prints_much_does_not_block_on_a_full_pipe(tmp_path):
    """The child's output goes to files: a run printing more than a pipe holds (64 KiB)
    still ends while the page only polls it."""
    tree = session.tree_of(ROOT / "scenarios" / "validation" / "mmc.yaml")
    tree["period"]["end"] = tree["period"]["start"]  # one day: quick
    tree["name"] = "x" * 100_000  # printed in the terminal table and the warnings
    run = session.start(tree, tmp_path, "run", 1, 7, "id")
    assert run.process.wait(120) == 0, (run.folder / "stderr.txt").read_text()
    assert (run.folder / "stdout.txt").stat().st_size > 65_536
