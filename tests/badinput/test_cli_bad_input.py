"""Bad input on the command line: exit status 2 and one line naming file, key path and problem.

Every scenario file here is scenarios/validation/mmc.yaml with exactly one thing changed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from sim.decide.runner import resolve_variants
from sim.scenario import load

MMC = Path(__file__).resolve().parents[2] / "scenarios" / "validation" / "mmc.yaml"


def _resolve(path: str):
    """The baseline scenario of a file, as the command line resolves it."""
    return resolve_variants(load(path), ["baseline"], {}, path)["baseline"]


OUTREACH_OK = {
    "event_kinds": {"school": {"size": 100, "turnout_share": 0.5, "window": "08:00-12:00"}},
    "teams": [
        {
            "name": "Tim",
            "officers": 2,
            "devices": 2,
            "travel_min": 10,
            "setup_min": 5,
            "weekly": {"mon": "school"},
        }
    ],
}


def with_team(**team_changes):
    outreach = json.loads(json.dumps(OUTREACH_OK))
    outreach["teams"][0].update(team_changes)
    return {"outreach": outreach}


# --- the baseline and the fixtures are sound -------------------------------------------------


def test_the_unchanged_file_is_accepted(scenario_file):
    scenario = _resolve(str(scenario_file()))
    assert scenario.sites[0].name == "Loket"


@pytest.mark.parametrize(
    "changes",
    [
        {"outreach": OUTREACH_OK},
        {"staff": {"pppk": [{"site": "Loket", "officers": 1, "devices": 1, "from": "2023-02-01"}]}},
        {"sites.0.hours": "main_office"},
        {"variants": {"v": {"changes": {"sites.Loket.officers": 3}}}},
        {"goal.target_count": 5},
    ],
    ids=["outreach", "pppk", "hours", "variant", "target_count"],
)
def test_the_good_twin_of_each_bad_file_is_accepted(scenario_file, changes):
    """The bad files below differ from these in one value, so that value is what is wrong."""
    path = scenario_file(changes)
    assert _resolve(str(path)).name == "Validasi M/M/c"


# --- YAML and file problems ------------------------------------------------------------------


def _text_with_line(extra: str) -> tuple[str, int]:
    """mmc.yaml as text with ``extra`` inserted before ``demand:``; returns its line number."""
    data = yaml.safe_load(MMC.read_text(encoding="utf-8"))
    lines = yaml.safe_dump(data, sort_keys=False).splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("demand:"))
    lines.insert(at, extra)
    return "\n".join(lines) + "\n", at + 1


@pytest.mark.parametrize(
    ("extra", "phrase"),
    [
        ("colour: red: blue", "mapping values are not allowed"),
        ("\tcolour: red", "cannot start any token"),
    ],
)
def test_yaml_syntax_error_gives_the_line(cli, scenario_file, expect_error, extra, phrase):
    text, line = _text_with_line(extra)
    path = scenario_file(text=text)
    result = cli(path)
    problem = expect_error(result, path, "", "YAML syntax error")
    assert f"line {line}," in problem
    assert phrase in problem


def test_yaml_syntax_error_as_a_process(run_sim, scenario_file, expect_error):
    text, line = _text_with_line("colour: red: blue")
    path = scenario_file(text=text)
    problem = expect_error(run_sim(path), path, "", "YAML syntax error")
    assert f"line {line}," in problem


def test_missing_file(cli, tmp_path, expect_error):
    path = tmp_path / "tidak_ada.yaml"
    expect_error(cli(path), path, "", "cannot read file")


def test_missing_file_as_a_process(run_sim, tmp_path, expect_error):
    path = tmp_path / "tidak_ada.yaml"
    expect_error(run_sim(path), path, "", "No such file")


@pytest.mark.parametrize(
    "text",
    ["- name: Loket\n- kind: main_office\n", "just words\n", ""],
    ids=["list", "str", "empty"],
)
def test_file_that_is_not_a_mapping(cli, scenario_file, expect_error, text):
    path = scenario_file(text=text)
    expect_error(cli(path), path, "", "must hold a mapping")


def test_directory_instead_of_a_file(cli, tmp_path, expect_error):
    expect_error(cli(tmp_path), tmp_path, "", "cannot read file")


def test_missing_base_file(cli, scenario_file, expect_error, tmp_path):
    path = scenario_file({"base": "tidak_ada.yaml"})
    result = cli(path)
    # the message names the scenario, its base: key, the missing file and the folder looked in
    expect_error(
        result, path, "base", f"tidak_ada.yaml is neither beside the scenario (in {tmp_path})"
    )


def test_file_that_is_not_utf8(run_sim, scenario_file, expect_error):
    path = scenario_file(text=b"name: Loket \xff\xfe\n")
    expect_error(run_sim(path), path, "", "UTF-8")


# --- keys and types --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dotted", "key"),
    [
        ("colour", "colour"),
        ("sites.0.oficers", "sites.Loket.oficers"),
        ("residents.emial_share", "residents.emial_share"),
        ("calendar.opening_hours.main_office.monday", "calendar.opening_hours.main_office.monday"),
        ("activation.face_recognition.retries", "activation.face_recognition.retries"),
        ("demand.returns.after_rain", "demand.returns.after_rain"),
    ],
)
def test_unknown_key(cli, scenario_file, expect_error, dotted, key):
    path = scenario_file({dotted: 3})
    expect_error(cli(path), path, key, "unknown key")


def test_unknown_nested_key_as_a_process(run_sim, scenario_file, expect_error):
    path = scenario_file({"sites.0.oficers": 3})
    expect_error(run_sim(path), path, "sites.Loket.oficers", "unknown key")


def test_unknown_key_in_english_and_indonesian(cli, scenario_file, expect_error):
    path = scenario_file({"sites.0.oficers": 3})
    indonesian, english = cli(path, "--lang", "id"), cli(path, "--lang", "en")
    assert indonesian.stderr.startswith("kesalahan: ")
    assert english.stderr.startswith("error: ")
    expect_error(indonesian, path, "sites.Loket.oficers", "kunci tidak dikenal")
    expect_error(english, path, "sites.Loket.oficers", "unknown key")


@pytest.mark.parametrize(
    ("changes", "key", "indonesian"),
    [
        ({"sites.0.officers": -1}, "sites.Loket.officers", "harus paling sedikit 0"),
        ({"residents.email_share": 1.5}, "residents.email_share", "harus paling banyak 1"),
        ({"sites.0.officers": "many"}, "sites.Loket.officers", "harus bilangan bulat"),
        ({"sites.0.devices": 0}, "sites.Loket.devices", "tidak punya perangkat"),
        ({"period.end": "2022-01-01"}, "period.end", "lebih awal dari start"),
        ({"sites.0.hours": "malam"}, "sites.Loket.hours", "tidak dikenal"),
    ],
)
def test_messages_are_indonesian_by_default(
    cli, scenario_file, expect_error, changes, key, indonesian
):
    path = scenario_file(changes)
    result = cli(path, "--lang", "id")
    expect_error(result, path, key, indonesian)
    english_words = ("must", "unknown", "should", "input")
    assert not any(word in result.stderr.lower() for word in english_words), result.stderr


@pytest.mark.parametrize(
    ("dotted", "value", "key", "phrase"),
    [
        ("sites.0.officers", "many", "sites.Loket.officers", "whole number"),
        ("sites.0.officers", 2.5, "sites.Loket.officers", "whole number"),
        ("residents.email_share", "half", "residents.email_share", "a number"),
        ("calendar.national_holidays", "maybe", "calendar.national_holidays", "true or false"),
        ("period.start", "soon", "period.start", "date like"),
        ("sites", {"Loket": {}}, "sites", "a list"),
        ("activation.officer_min", "ten", "activation.officer_min", "mapping of keys"),
        ("calendar.opening_hours.main_office.mon", 8, "calendar.opening_hours", "must be text"),
    ],
)
def test_wrong_type(cli, scenario_file, expect_error, dotted, value, key, phrase):
    path = scenario_file({dotted: value})
    expect_error(cli(path), path, key, phrase)


def test_missing_required_key(cli, scenario_file, expect_error):
    path = scenario_file(drop=("sites.0.officers",))
    expect_error(cli(path), path, "sites.Loket.officers", "required key is missing")


def test_unknown_distribution_kind(cli, scenario_file, expect_error):
    path = scenario_file({"activation.officer_min": {"kind": "gamma", "shape": 2}})
    expect_error(cli(path), path, "activation.officer_min", "gamma")


# --- values out of range ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dotted", "value", "key"),
    [
        ("sites.0.officers", -1, "sites.Loket.officers"),
        ("sites.0.devices", -2, "sites.Loket.devices"),
        ("sites.0.walk_ins_per_day", -518.4, "sites.Loket.walk_ins_per_day"),
        ("goal.activated_at_start", -5, "goal.activated_at_start"),
        ("goal.target_count", -1, "goal.target_count"),
    ],
)
def test_negative_count(cli, scenario_file, expect_error, dotted, value, key):
    path = scenario_file({dotted: value})
    expect_error(cli(path), path, key, "at least 0")


def test_zero_where_at_least_one_is_needed(cli, scenario_file, expect_error):
    path = scenario_file({"sites.0.count": 0})
    expect_error(cli(path), path, "sites.Loket.count", "at least 1")


@pytest.mark.parametrize(
    ("dotted", "value", "phrase"),
    [
        ("residents.email_share", 1.5, "at most 1"),
        ("residents.willing_share", -0.1, "at least 0"),
        ("activation.email_code.second_visit_prob", 2, "at most 1"),
        ("demand.returns.after_closing", 1.01, "at most 1"),
        ("activation.face_recognition.fail_prob", 1.0, "less than 1"),
    ],
)
def test_probability_outside_0_1(cli, scenario_file, expect_error, dotted, value, phrase):
    path = scenario_file({dotted: value})
    expect_error(cli(path), path, dotted, phrase)


def test_end_before_start(cli, scenario_file, expect_error):
    path = scenario_file({"period.end": "2022-12-31"})
    expect_error(cli(path), path, "period", "end is before start")


def test_both_target_share_and_target_count(cli, scenario_file, expect_error):
    path = scenario_file({"goal.target_share": 0.5})
    expect_error(cli(path), path, "goal", "exactly one of target_share and target_count")


def test_neither_target_share_nor_target_count(cli, scenario_file, expect_error):
    path = scenario_file(drop=("goal.target_count",))
    expect_error(cli(path), path, "goal", "exactly one of target_share and target_count")


# --- staffing and references -----------------------------------------------------------------


def test_site_with_officers_but_no_devices(cli, scenario_file, expect_error):
    path = scenario_file({"sites.0.devices": 0})
    expect_error(cli(path), path, "sites.Loket", "officers but no devices")


def test_outreach_team_with_no_devices(cli, scenario_file, expect_error):
    path = scenario_file(with_team(devices=0))
    expect_error(cli(path), path, "outreach.teams.Tim", "no device")


def test_home_visit_team_with_no_devices(cli, scenario_file, expect_error):
    team = {
        "name": "Rumah",
        "officers": 1,
        "devices": 0,
        "weekdays": ["tue"],
        "window": "08:00-12:00",
        "requests_per_week": 3,
        "travel_min": 30,
    }
    path = scenario_file({"home_visits": [team]})
    expect_error(cli(path), path, "home_visits.Rumah", "no devices")


def test_unknown_event_kind_is_refused(cli, scenario_file):
    path = scenario_file(with_team(weekly={"mon": "sekolah"}))
    result = cli(path)
    assert result.status == 2
    assert len(result.stderr.splitlines()) == 1
    assert str(path) in result.stderr and "'sekolah'" in result.stderr


def test_unknown_event_kind_names_the_key_path(cli, scenario_file, expect_error):
    path = scenario_file(with_team(weekly={"mon": "sekolah"}))
    expect_error(cli(path), path, "outreach.teams.Tim", "unknown event kind")


def _pppk(site):
    return {"staff": {"pppk": [{"site": site, "officers": 1, "devices": 1, "from": "2023-02-01"}]}}


def test_pppk_for_a_missing_site_is_refused(cli, scenario_file):
    path = scenario_file(_pppk("Kios"))
    result = cli(path)
    assert result.status == 2
    assert len(result.stderr.splitlines()) == 1
    assert str(path) in result.stderr and "'Kios'" in result.stderr


def test_pppk_for_a_missing_site_names_the_key_path(cli, scenario_file, expect_error):
    path = scenario_file(_pppk("Kios"))
    expect_error(cli(path), path, "staff.pppk", "unknown site")


def test_unknown_opening_hours_name_is_refused(cli, scenario_file):
    path = scenario_file({"sites.0.hours": "malam"})
    result = cli(path)
    assert result.status == 2
    assert len(result.stderr.splitlines()) == 1
    assert str(path) in result.stderr and "'malam'" in result.stderr


def test_unknown_opening_hours_name_names_the_key_path(cli, scenario_file, expect_error):
    path = scenario_file({"sites.0.hours": "malam"})
    expect_error(cli(path), path, "sites.Loket", "opening hours")


def test_repeated_site_name_names_the_key_path(cli, scenario_file, expect_error, mmc_data):
    mmc_data["sites"].append(dict(mmc_data["sites"][0]))
    path = scenario_file(data=mmc_data)
    expect_error(cli(path), path, "sites", "unique")


@pytest.mark.parametrize(
    ("window", "phrase"),
    [
        ("8-14", "not a window like '08:00-14:00'"),
        ("08:00", "not a window"),
        ("08:00-24:30", "not a window"),
        ("14:00-08:00", "closes before it opens"),
    ],
)
def test_malformed_opening_window(cli, scenario_file, expect_error, window, phrase):
    path = scenario_file({"calendar.opening_hours.main_office.mon": window})
    expect_error(cli(path), path, "calendar.opening_hours.main_office.mon", phrase)


def test_malformed_event_window(cli, scenario_file, expect_error):
    outreach = json.loads(json.dumps(OUTREACH_OK))
    outreach["event_kinds"]["school"]["window"] = "8-14"
    path = scenario_file({"outreach": outreach})
    expect_error(cli(path), path, "outreach.event_kinds.school.window", "'8-14'")


# --- variants --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dotted", "missing"),
    [
        ("sites.Loket.oficers", "sites.Loket.oficers"),
        ("sites.Kios.officers", "sites.Kios"),
        ("sites.3.officers", "sites.3"),
        ("demand.returns.after_rain", "demand.returns.after_rain"),
    ],
)
def test_variant_naming_a_missing_key(cli, scenario_file, expect_error, dotted, missing):
    path = scenario_file({"variants": {"tambah": {"changes": {dotted: 3}}}})
    # reported although the run asks for the baseline: every variant is checked first
    expect_error(cli(path), path, f"variants.tambah.changes: {dotted}", f"{missing} does not exist")


def test_variant_with_a_bad_value(cli, scenario_file, expect_error):
    path = scenario_file({"variants": {"kurang": {"changes": {"sites.Loket.officers": -3}}}})
    expect_error(
        cli(path, "--variant", "kurang"),
        path,
        "variants.kurang.changes: sites.Loket.officers",
        "at least 0",
    )


def test_variant_that_does_not_exist(cli, scenario_file, expect_error):
    path = scenario_file({"variants": {"tambah": {"changes": {"sites.Loket.officers": 5}}}})
    problem = expect_error(cli(path, "--variant", "kurang"), path, "--variant", "no variant named")
    assert "'kurang'" in problem
    assert "baseline" in problem and "tambah" in problem


# --- --set -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "key", "phrase"),
    [
        ("sites.Loket.oficers=5", "--set sites.Loket.oficers", "does not exist"),
        ("sites.Kios.officers=5", "--set sites.Kios.officers", "sites.Kios does not exist"),
        ("nama=Lain", "--set nama", "does not exist"),
    ],
)
def test_set_with_an_unknown_key(cli, scenario_file, expect_error, item, key, phrase):
    path = scenario_file()
    expect_error(cli(path, "--set", item), path, key, phrase)


@pytest.mark.parametrize(
    ("item", "key", "phrase"),
    [
        ("sites.Loket.officers=many", "--set sites.Loket.officers", "whole number"),
        ("sites.Loket.officers=[1, 2]", "--set sites.Loket.officers", "whole number"),
        ("period.start=soon", "--set period.start", "date like"),
        ("residents.email_share=2", "--set residents.email_share", "at most 1"),
        ("sites.Loket.officers=[1,", "--set sites.Loket.officers", "cannot read value"),
    ],
)
def test_set_with_a_wrong_value(cli, scenario_file, expect_error, item, key, phrase):
    path = scenario_file()
    expect_error(cli(path, "--set", item), path, key, phrase)


def test_set_without_equals(cli, scenario_file, expect_error):
    path = scenario_file()
    result = cli(path, "--set", "sites.Loket.officers")
    expect_error(result, path, "--set sites.Loket.officers", "expected KEY.PATH=VALUE")


def test_set_without_equals_as_a_process(run_sim, scenario_file, expect_error):
    path = scenario_file()
    result = run_sim(path, "--set", "sites.Loket.officers")
    expect_error(result, path, "--set sites.Loket.officers", "expected KEY.PATH=VALUE")


def test_set_after_a_good_set_is_still_checked(cli, scenario_file, expect_error):
    path = scenario_file()
    result = cli(path, "--set", "sites.Loket.officers=5", "--set", "sites.Loket.devices=0")
    expect_error(result, path, "--set sites.Loket", "officers but no devices")


# --- JSON Schema export ----------------------------------------------------------------------


def test_schema_export_writes_json(cli, tmp_path):
    target = tmp_path / "scenario.schema.json"
    result = cli("--schema", target, guard=False)
    assert result.status == 0
    assert result.stderr == ""
    schema = json.loads(target.read_text(encoding="utf-8"))
    assert {"name", "period", "sites", "variants", "base"} <= set(schema["properties"])


def test_schema_export_as_a_process(run_sim, tmp_path):
    target = tmp_path / "schema.json"
    result = run_sim("--schema", target, guard=False)
    assert result.status == 0, result.stderr
    assert result.stderr == ""
    assert json.loads(target.read_text(encoding="utf-8"))["type"] == "object"


def test_schema_export_to_a_missing_folder(run_sim, tmp_path, expect_error):
    target = tmp_path / "tidak_ada" / "schema.json"
    expect_error(run_sim("--schema", target, guard=False), target, "", "cannot")
