"""sim/report/inputs.py: every scenario input with the file and line that set it and the
YAML comment there (its source), across a region file and its ``base:`` file, and the
variant or ``--set`` that changed it."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.report.i18n import TEXT
from sim.report.inputs import inputs
from sim.scenario import base_chain, load, origins_of

from .support import MOJOKERTO, SCENARIOS, cli, mojokerto, sheets, table_rows

BASE = """\
# The base: every key a region does not set.
name: "Base"
period: {start: 2023-01-02, end: 2023-01-06}   # BASE: one week
goal:
  residents_obliged_ktp: 1000000   # BASE: obliged residents
  target_count: 1
  activated_at_start: 0
residents:
  # BASE: block above smartphone
  # second line of the block
  compatible_smartphone_share: 1.0
  android_share: 1.0
  ios_from: null
  email_share: 1.0      # BASE: e-mail share
  not_recorded_share: 0.0
  willing_share: 1.0
calendar:
  national_holidays: false
  opening_hours:
    main_office: {mon: "08:00-12:00", tue: "08:00-12:00", wed: "08:00-12:00",
                  thu: "08:00-12:00", fri: "08:00-12:00"}   # BASE: hours
activation:
  officer_min: {kind: fixed, value: 10}   # BASE: officer minutes
  check_min: 0
  self_prep_min: 0
  face_recognition: {attempt_min: 0, fail_prob: 0.0, max_attempts: 1}
  email_code: {code_min: 0, second_visit_prob: 0.0}
sites:
  # BASE: the base's own site
  - name: "Base Loket"
    kind: main_office
    officers: 1
    devices: 1
    walk_ins_per_day: 5   # BASE: walk-ins of the base site
demand:
  arrival_pattern: even
  returns: {after_closing: 0, after_outage: 0, after_quota_full: 0, after_fr_failure: 0,
            after_email_failure: 0, delay_days: 1}
"""

REGION = """\
# Region header: not attached to anything (a blank line follows)

base: base.yaml
name: 'Region # not a comment'
description: "Kantor #1 & Pos #2"   # REGION: description comment
goal:
  # REGION: target from the plan
  # (second line)
  target_count: 50
residents:
  email_share: 0.9          # REGION: e-mail share
sites:
  - name: "Pos #3"          # REGION: the site
    kind: main_office
    officers: 2
    devices: 2
    walk_ins_per_day: 20    # REGION: walk-ins
variants:
  more:
    description: "one more officer"
    changes:
      "sites.Pos #3.officers": 3
  extra:
    description: "a second site"
    changes:
      sites.+: {name: "Pos Baru", kind: main_office, officers: 1, devices: 1,
                walk_ins_per_day: 5}
"""


@pytest.fixture(scope="module")
def region(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("region")
    (folder / "base.yaml").write_text(BASE, encoding="utf-8")
    (folder / "region.yaml").write_text(REGION, encoding="utf-8")
    return folder / "region.yaml"


def line_of(text: str, fragment: str) -> int:
    """The 1-based number of the only line containing ``fragment``."""
    found = [i for i, line in enumerate(text.splitlines(), start=1) if fragment in line]
    assert len(found) == 1, fragment
    return found[0]


def by_key(rows) -> dict:
    return {row.key: row for row in rows}


# --- comments and where each key was set ----------------------------------------------------


def test_comment_on_the_line_and_in_the_block_above(region):
    found = origins_of(region)
    assert found["residents.email_share"].comment == "REGION: e-mail share"
    assert found["goal.target_count"].comment == "REGION: target from the plan (second line)"
    assert found["goal.residents_obliged_ktp"].comment == "BASE: obliged residents"
    assert found["residents.compatible_smartphone_share"].comment == (
        "BASE: block above smartphone second line of the block"
    )
    assert found["activation.officer_min"].comment == "BASE: officer minutes"
    # a flow mapping over two lines: the comment after it closes
    assert found["calendar.opening_hours.main_office"].comment == "BASE: hours"
    # a comment block followed by a blank line belongs to nothing
    assert found["base"].comment == ""
    assert found["residents.android_share"].comment == ""


def test_the_region_file_wins_over_its_base(region):
    found = origins_of(region)
    assert (found["residents.email_share"].file, found["goal.target_count"].file) == (
        "region.yaml",
        "region.yaml",
    )
    assert found["residents.email_share"].line == line_of(REGION, "email_share")
    assert found["goal.target_count"].line == line_of(REGION, "target_count")
    assert found["goal.residents_obliged_ktp"].file == "base.yaml"
    assert found["goal.residents_obliged_ktp"].line == line_of(BASE, "residents_obliged_ktp")
    assert found["period"].file == "base.yaml"


def test_a_list_in_the_region_replaces_the_base_list(region):
    found = origins_of(region)
    assert not [key for key in found if key.startswith("sites.Base Loket")]
    assert found["sites.Pos #3.walk_ins_per_day"].file == "region.yaml"
    assert found["sites.Pos #3.walk_ins_per_day"].comment == "REGION: walk-ins"
    rows = by_key(inputs(load(region), origins_of(region), {}))
    assert not [key for key in rows if "Base Loket" in key]
    assert rows["sites.Pos #3.walk_ins_per_day"].value == "20"


def test_a_hash_inside_a_quoted_string_is_not_a_comment(region):
    found = origins_of(region)
    assert found["name"].comment == ""
    assert found["description"].comment == "REGION: description comment"
    rows = by_key(inputs(load(region), origins_of(region), {}))
    assert rows["name"].value == "Region # not a comment"
    assert rows["name"].note == ""
    assert rows["description"].value == "Kantor #1 & Pos #2"
    assert rows["description"].note == "REGION: description comment"


def test_rows_say_where_each_value_was_set(region):
    rows = by_key(inputs(load(region), origins_of(region), {}))
    assert rows["goal.target_count"].set_in == f"region.yaml:{line_of(REGION, 'target_count')}"
    assert rows["goal.target_count"].value == "50"
    assert rows["goal.residents_obliged_ktp"].set_in == (
        f"base.yaml:{line_of(BASE, 'residents_obliged_ktp')}"
    )
    assert rows["activation.officer_min"].value == "10 minutes"  # a time with its unit
    # keys in neither file: the model's default
    for key in (
        "abk.effective_hours_per_year",
        "sites.Pos #3.ikd_installed",
        "demand.deplete_with_pool",
    ):
        assert rows[key].set_in == "", key
        assert rows[key].value, key
    assert rows["abk.effective_hours_per_year"].value == "1250"
    # an inherited note: the comment of the enclosing key, marked as such
    assert rows["period.start"].note == "BASE: one week"
    assert rows["period.start"].inherited


def test_every_input_of_the_region_scenarios_has_a_value_and_its_line():
    """Every row of every region scenario has a value, and a row set in a file points at a
    line that names its key."""
    files = [*sorted(SCENARIOS.glob("*.yaml")), SCENARIOS / "validation" / "mmc.yaml"]
    files = [f for f in files if f.name != "defaults.yaml"]
    assert MOJOKERTO in files
    for path in files:
        chain = {file.name: file for file, _ in base_chain(path)}  # defaults from the package
        rows = inputs(load(path), origins_of(path), {})
        assert len(rows) > 40, path
        for row in rows:
            assert row.value, (path.name, row.key)
            if not row.set_in:
                continue
            name, line = row.set_in.rsplit(":", 1)
            text = chain[name].read_text(encoding="utf-8").splitlines()[int(line) - 1]
            assert row.key.rsplit(".", 1)[-1] in text, (path.name, row.key, text)


# --- variants and --set, through the command line -------------------------------------------


def assumptions(out: Path) -> dict[str, list]:
    sheet = sheets(out / "results.xlsx")[TEXT["en"]["sheet.inputs"]]
    return {row[0]: row for row in sheet.rows}


@pytest.fixture(scope="module")
def changed_run(region, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("changed")
    args = ["--variant", "more", "--set", "goal.target_count=60", "-n", "2", "--lang", "en"]
    result = cli(region, *args, "--workers", "1", "--quiet", "--out", out)
    assert result.code == 0, result.err
    return out


def test_a_variant_and_set_show_as_where_a_key_was_set(changed_run):
    rows = assumptions(changed_run)
    _, value, set_in, _ = rows["sites.Pos #3.officers"]
    assert (value, set_in) == ("3", "variants.more")
    _, value, set_in, _ = rows["goal.target_count"]
    assert (value, set_in) == ("60", "--set")
    assert rows["residents.email_share"][2] == f"region.yaml:{line_of(REGION, 'email_share')}"
    assert rows["abk.effective_hours_per_year"][2] == TEXT["en"]["model_default"]
    assert rows["sites.Pos #3.devices"][2] == f"region.yaml:{line_of(REGION, 'devices: 2')}"


def test_the_report_lists_the_changes(changed_run):
    """The assumptions table of report.html: key, value, set in, note."""
    text = (changed_run / "report.html").read_text(encoding="utf-8")
    rows = {row[0]: row for row in table_rows(text, "inputs")}
    assert rows["sites.Pos #3.officers"][1:3] == ["3", "variants.more"]
    assert rows["goal.target_count"][1:] == [
        "60",
        "--set",
        "REGION: target from the plan (second line)",
    ]
    assert rows["residents.email_share"][2:] == [
        f"region.yaml:{line_of(REGION, 'email_share')}",
        "REGION: e-mail share",
    ]
    assert rows["goal.residents_obliged_ktp"][2].startswith("base.yaml:")
    assert rows["abk.effective_hours_per_year"][2] == TEXT["en"]["model_default"]
    assert rows["period.start"][3] == "↑ BASE: one week"  # inherited from "period"


def test_the_mojokerto_report_cites_its_files_and_comments(tmp_path_factory):
    text = (mojokerto(tmp_path_factory, "--lang", "id") / "report.html").read_text("utf-8")
    assert "mojokerto_2023.yaml:" in text
    assert "defaults.yaml:" in text
    assert "ASSUMPTION: queue-number cap" in text
    assert "Canalys Q2 2023" in text  # a comment of defaults.yaml


# --- bugs -------------------------------------------------------------------------------------


def test_appending_to_a_list_does_not_claim_the_existing_items(region, tmp_path):
    result = cli(
        region,
        "--variant",
        "extra",
        "-n",
        "2",
        "--lang",
        "en",
        "--workers",
        "1",
        "--quiet",
        "--out",
        tmp_path,
    )
    assert result.code == 0, result.err
    rows = assumptions(tmp_path)
    assert rows["sites.Pos Baru.officers"][2] == "variants.extra"
    assert rows["sites.Pos #3.officers"][2] == f"region.yaml:{line_of(REGION, 'officers: 2')}"


def test_set_by_list_index_shows_as_set(region, tmp_path):
    result = cli(
        region,
        "--set",
        "sites.0.officers=5",
        "-n",
        "2",
        "--lang",
        "en",
        "--workers",
        "1",
        "--quiet",
        "--out",
        tmp_path,
    )
    assert result.code == 0, result.err
    _, value, set_in, _ = assumptions(tmp_path)["sites.Pos #3.officers"]
    assert value == "5"
    assert set_in == "--set"


def test_a_comment_on_a_list_items_name_line_is_reported(tmp_path_factory):
    text = (mojokerto(tmp_path_factory, "--lang", "id") / "report.html").read_text("utf-8")
    assert "home visits for disabled, ODGJ and elderly residents" in text


def test_a_block_scalar_at_the_end_of_the_file(region, tmp_path):
    path = region.parent / "ends_with_block.yaml"
    path.write_text(
        "base: base.yaml\nname: Block\ndescription: >-\n  The description comes last,\n"
        "  as a folded block.\n",
        encoding="utf-8",
    )
    result = cli(path, "-n", "2", "--workers", "1", "--quiet", "--out", tmp_path)
    assert result.code == 0, result.err
    assert (tmp_path / "report.html").exists()


def test_the_comment_above_a_key_is_not_given_to_the_block_before_it(region):
    path = region.parent / "block_then_comment.yaml"
    path.write_text(
        "base: base.yaml\nname: Block\ndescription: >-\n  A folded description.\n"
        "# The next key's comment\ngoal:\n  target_count: 5\n",
        encoding="utf-8",
    )
    found = origins_of(path)
    assert found["goal"].comment == "The next key's comment"
    assert found["description"].comment == ""
