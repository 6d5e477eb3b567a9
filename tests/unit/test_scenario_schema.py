"""The scenario format: loading, base merging, variants, --set overrides, hashing, JSON Schema."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from cases import ROOT
from pydantic import TypeAdapter, ValidationError

from sim.distributions import Distribution, Exponential, Fixed
from sim.fields import json_schema
from sim.keypath import set_path
from sim.scenario import (
    PACKAGE_DEFAULTS,
    Goal,
    Scenario,
    ScenarioError,
    apply_changes,
    load,
    load_raw,
    parse_set,
    scenario_sha256,
    validate,
    validate_variants,
    with_variant,
)

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
MMC = SCENARIOS / "validation" / "mmc.yaml"
# Every region scenario (defaults.yaml is a base, not a scenario) and every validation one.
FILES = sorted(p for p in SCENARIOS.glob("*.yaml") if p.name != "defaults.yaml") + sorted(
    (SCENARIOS / "validation").glob("*.yaml")
)
VARIANTS = [
    (path, name)
    for path in FILES
    for name in (yaml.safe_load(path.read_text(encoding="utf-8")).get("variants") or {})
]


# --- every shipped scenario loads ------------------------------------------------------------


def test_the_scenario_folder_has_region_and_validation_scenarios():
    names = {p.name for p in FILES}
    assert "mojokerto_2023.yaml" in names
    assert "mmc.yaml" in names


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_scenario_loads_and_its_variants_resolve(path):
    scenario = load(path)
    assert isinstance(scenario, Scenario)
    assert scenario.name
    assert scenario.period.start <= scenario.period.end
    assert 0 < scenario.target <= scenario.goal.residents_obliged_ktp
    validate_variants(scenario, str(path))
    assert with_variant(scenario, "baseline", str(path)) is scenario


@pytest.mark.parametrize(("path", "variant"), VARIANTS, ids=lambda v: getattr(v, "name", v))
def test_each_variant_changes_the_scenario(path, variant):
    scenario = load(path)
    changed = with_variant(scenario, variant, str(path))
    assert changed.name == f"{scenario.name} [{variant}]"
    assert changed.variants == {}
    # A variant that changes nothing would be a mistake in the scenario file.
    base_dump = scenario.model_dump(exclude={"name", "variants"})
    assert changed.model_dump(exclude={"name", "variants"}) != base_dump


def test_mojokerto_variant_values_land_on_the_named_site():
    path = SCENARIOS / "mojokerto_2023.yaml"
    scenario = load(path)
    changed = with_variant(scenario, "hanya_14_kecamatan", str(path))
    sites = {s.name: s for s in changed.sites}
    assert (sites["Kantor Dinas"].officers, sites["Kantor Dinas"].devices) == (23, 16)
    assert sites["Pos Kecamatan Baru"].officers == 0
    assert sites["Pos Kecamatan Baru"].ikd_installed is False
    before = {s.name: s for s in scenario.sites}["Kantor Dinas"]
    assert (before.officers, before.devices) == (19, 12)

    # "outreach.teams.+" appends a team: two PPPK school teams of 3 from July
    teams = with_variant(scenario, "pppk_jemput_bola", str(path)).outreach.teams
    assert [t.name for t in teams[: len(scenario.outreach.teams)]] == [
        t.name for t in scenario.outreach.teams
    ]
    added = teams[-1]
    assert (added.name, added.count, added.officers, added.devices, added.from_date) == (
        "Tim Jemput Bola PPPK",
        2,
        3,
        3,
        dt.date(2023, 7, 3),
    )


def test_unknown_variant_names_the_known_ones():
    path = SCENARIOS / "mojokerto_2023.yaml"
    with pytest.raises(ScenarioError) as info:
        with_variant(load(path), "tidak_ada", str(path))
    assert info.value.key == "--variant"
    assert "tidak_ada" in info.value.problem
    assert "pppk_jemput_bola" in info.value.problem


# --- base: merging ---------------------------------------------------------------------------


def test_region_file_inherits_defaults_and_overrides_them():
    scenario = load(SCENARIOS / "mojokerto_2023.yaml")
    defaults = yaml.safe_load(PACKAGE_DEFAULTS.read_text(encoding="utf-8"))
    # overridden inside a nested mapping ...
    assert scenario.residents.not_recorded_share == pytest.approx(0.026)
    assert defaults["residents"]["not_recorded_share"] == pytest.approx(0.02)
    # ... while the siblings come from defaults.yaml
    assert scenario.residents.android_share == pytest.approx(defaults["residents"]["android_share"])
    assert scenario.residents.ios_from == dt.date(2023, 7, 1)
    # a mapping only the base has is kept whole
    assert set(scenario.outreach.event_kinds) == set(defaults["outreach"]["event_kinds"])
    assert len(scenario.outreach.teams) == 2


def test_base_is_deep_merged_relative_to_the_file(tmp_path, mmc_data):
    sub = tmp_path / "sub"
    sub.mkdir()
    (tmp_path / "common.yaml").write_text(yaml.safe_dump(mmc_data), encoding="utf-8")
    child = {
        "base": "../common.yaml",
        "name": "Anak",
        "residents": {"email_share": 0.5},
        "sites": [
            {
                "name": "Loket Baru",
                "kind": "main_office",
                "officers": 1,
                "devices": 1,
                "walk_ins_per_day": 3,
            }
        ],
    }
    (sub / "child.yaml").write_text(yaml.safe_dump(child), encoding="utf-8")

    raw = load_raw(sub / "child.yaml")
    assert "base" not in raw
    scenario = load(sub / "child.yaml")
    assert scenario.name == "Anak"
    assert scenario.residents.email_share == 0.5
    assert scenario.residents.android_share == 1.0  # from the base, same mapping
    assert scenario.period.start == dt.date(2023, 1, 2)  # a section only the base has
    assert [s.name for s in scenario.sites] == ["Loket Baru"]  # lists replace, not append


def test_a_base_chain_merges_three_levels(tmp_path, mmc_data):
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(mmc_data), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        yaml.safe_dump({"base": "a.yaml", "description": "B", "goal": {"target_count": 7}}),
        encoding="utf-8",
    )
    (tmp_path / "c.yaml").write_text(
        yaml.safe_dump({"base": "b.yaml", "name": "C"}), encoding="utf-8"
    )
    scenario = load(tmp_path / "c.yaml")
    assert (scenario.name, scenario.description, scenario.target) == ("C", "B", 7)
    assert scenario.goal.residents_obliged_ktp == 1_000_000_000


def test_a_file_that_bases_itself_is_an_error(tmp_path, mmc_data):
    mmc_data["base"] = "loop.yaml"
    (tmp_path / "loop.yaml").write_text(yaml.safe_dump(mmc_data), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load(tmp_path / "loop.yaml")
    assert info.value.key == "base"
    assert "includes itself" in info.value.problem


# --- distributions inside a scenario, goal ---------------------------------------------------


def test_bare_number_is_a_fixed_distribution(mmc_scenario):
    assert mmc_scenario.activation.check_min == Fixed(value=0)
    assert mmc_scenario.demand.returns.delay_days == Fixed(value=1)
    assert isinstance(mmc_scenario.activation.officer_min, Exponential)
    assert mmc_scenario.activation.officer_min.mean == 10

    adapter = TypeAdapter(Distribution)
    assert adapter.validate_python(2.5) == Fixed(value=2.5)
    assert adapter.validate_python(3).mean == 3
    with pytest.raises(ValidationError):
        adapter.validate_python(True)  # a bool is not a number of minutes
    with pytest.raises(ValidationError):
        adapter.validate_python(-1)


def test_goal_target_from_share_and_from_count():
    assert Goal(residents_obliged_ktp=850_000, target_share=0.25).target == 212_500
    assert Goal(residents_obliged_ktp=1_000, target_share=0.333).target == 333
    assert Goal(residents_obliged_ktp=850_000, target_count=225_000).target == 225_000
    assert load(SCENARIOS / "mojokerto_2023.yaml").target == 212_500
    assert load(MMC).target == 1


@pytest.mark.parametrize(
    "goal",
    [
        {"residents_obliged_ktp": 10, "target_share": 0.5, "target_count": 5},
        {"residents_obliged_ktp": 10},
        {"residents_obliged_ktp": 10, "target_share": 1.5},
        {"residents_obliged_ktp": 10, "target_count": -1},
        {"residents_obliged_ktp": 10, "target_count": 5, "activated_at_start": 11},
    ],
)
def test_bad_goals_are_rejected(goal):
    with pytest.raises(ValidationError):
        Goal(**goal)


# --- JSON Schema export ----------------------------------------------------------------------


def test_json_schema_is_a_valid_schema_with_the_top_level_keys():
    schema = json_schema()
    json.loads(json.dumps(schema))  # plain JSON
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(schema)
    expected = {
        "name",
        "description",
        "period",
        "goal",
        "residents",
        "calendar",
        "activation",
        "sites",
        "outreach",
        "home_visits",
        "staff",
        "disruptions",
        "demand",
        "variants",
        "base",
    }
    assert expected <= set(schema["properties"])
    assert {"name", "period", "goal", "residents", "calendar", "activation", "demand"} <= set(
        schema["required"]
    )
    assert schema.get("additionalProperties") is False


def test_json_schema_rejects_what_the_loader_rejects(mmc_data):
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json_schema())
    mmc_data["colour"] = "red"
    assert not validator.is_valid(json.loads(json.dumps(mmc_data, default=str)))


def test_the_mmc_scenario_validates_against_the_json_schema(mmc_data):
    jsonschema = pytest.importorskip("jsonschema")
    data = json.loads(json.dumps(mmc_data, default=str))  # dates as text, as in a JSON file
    errors = [
        ".".join(map(str, e.absolute_path))
        for e in jsonschema.Draft202012Validator(json_schema()).iter_errors(data)
    ]
    assert errors == []


# --- --set and variants: paths and values ----------------------------------------------------


def _tree():
    return {
        "name": "x",
        "sites": [
            {"name": "Kantor Dinas", "officers": 19},
            {"name": "Pos", "officers": 1},
        ],
        "goal": {"target_share": 0.25},
    }


def test_set_path_addresses_list_items_by_name():
    tree = _tree()
    set_path(tree, "sites.Kantor Dinas.officers", 20)
    set_path(tree, "sites.Pos.officers", 2)
    assert [s["officers"] for s in tree["sites"]] == [20, 2]


def test_set_path_addresses_list_items_by_index():
    tree = _tree()
    set_path(tree, "sites.1.officers", 5)
    set_path(tree, "sites.0", {"name": "Baru", "officers": 3})
    assert tree["sites"] == [{"name": "Baru", "officers": 3}, {"name": "Pos", "officers": 5}]


def test_set_path_replaces_top_level_and_nested_values():
    tree = _tree()
    set_path(tree, "goal.target_share", 0.3)
    set_path(tree, "name", "y")
    assert tree["goal"] == {"target_share": 0.3}
    assert tree["name"] == "y"


@pytest.mark.parametrize(
    ("dotted", "missing"),
    [
        ("sites.Kios.officers", "sites.Kios"),
        ("sites.5.officers", "sites.5"),
        ("sites.Pos.oficers", "sites.Pos.oficers"),
        ("goal.target", "goal.target"),
        ("nama", "nama"),
        ("name.first", "name.first"),
    ],
)
def test_set_path_refuses_keys_that_do_not_exist(dotted, missing):
    tree = _tree()
    before = json.dumps(tree, sort_keys=True)
    with pytest.raises(KeyError) as info:
        set_path(tree, dotted, 1)
    assert info.value.args[0] == missing
    assert json.dumps(tree, sort_keys=True) == before


def test_parse_set_reads_values_as_yaml():
    changes = parse_set(
        [
            "sites.Loket.officers=6",
            "goal.target_share=0.3",
            "demand.deplete_with_pool=false",
            "period.end=2023-02-28",
            "home_visits.0.weekdays=[mon, thu]",
            " name = Lain ",
            "description=a=b",
        ],
        "f.yaml",
    )
    assert changes == {
        "sites.Loket.officers": 6,
        "goal.target_share": 0.3,
        "demand.deplete_with_pool": False,
        "period.end": dt.date(2023, 2, 28),
        "home_visits.0.weekdays": ["mon", "thu"],
        "name": "Lain",
        "description": "a=b",
    }
    assert type(changes["sites.Loket.officers"]) is int
    assert type(changes["goal.target_share"]) is float


@pytest.mark.parametrize("item", ["sites.Loket.officers", "=3", ""])
def test_parse_set_needs_key_and_equals(item):
    with pytest.raises(ScenarioError) as info:
        parse_set([item], "f.yaml")
    assert info.value.source == "f.yaml"
    assert "KEY.PATH=VALUE" in info.value.problem


def test_parse_set_reports_unreadable_values():
    with pytest.raises(ScenarioError) as info:
        parse_set(["sites.Loket.officers=[1,"], "f.yaml")
    assert "sites.Loket.officers" in info.value.key
    assert "cannot read value" in info.value.problem


def test_apply_changes_returns_a_new_validated_scenario(mmc_scenario):
    changed = apply_changes(
        mmc_scenario,
        {"sites.Loket.officers": 6, "sites.0.devices": 6, "period.end": dt.date(2023, 2, 1)},
        "mmc.yaml",
        "--set ",
    )
    assert (changed.sites[0].officers, changed.sites[0].devices) == (6, 6)
    assert changed.period.end == dt.date(2023, 2, 1)
    assert mmc_scenario.sites[0].officers == 4  # the original is untouched
    assert isinstance(changed.period.end, dt.date)


@pytest.mark.parametrize(
    ("changes", "key", "phrase"),
    [
        ({"sites.Loket.officers": -1}, "--set sites.Loket.officers", "at least 0"),
        ({"sites.Loket.devices": 0}, "--set sites.Loket.devices", "no devices"),
        ({"period.end": dt.date(2022, 1, 1)}, "--set period.end", "end is before start"),
        ({"goal.target_share": 0.5}, "--set goal", "exactly one"),
        ({"sites.Loket.oficers": 3}, "--set sites.Loket.oficers", "does not exist"),
    ],
)
def test_apply_changes_revalidates(mmc_scenario, changes, key, phrase):
    with pytest.raises(ScenarioError) as info:
        apply_changes(mmc_scenario, changes, "mmc.yaml", "--set ")
    assert info.value.source == "mmc.yaml"
    assert info.value.key == key
    assert phrase in info.value.problem
    assert str(info.value) == f"mmc.yaml: {key}: {info.value.problem}"


def test_validate_reports_item_names_in_key_paths(mmc_data):
    mmc_data["sites"][0]["officers"] = "many"
    with pytest.raises(ScenarioError) as info:
        validate(mmc_data, "mmc.yaml")
    assert info.value.key == "sites.Loket.officers"


# --- provenance hash -------------------------------------------------------------------------


def test_scenario_sha256_is_stable(mmc_data):
    first = scenario_sha256(load(MMC))
    second = scenario_sha256(validate(mmc_data, "other-name.yaml"))
    assert first == second
    assert len(first) == 64 and set(first) <= set("0123456789abcdef")


def test_scenario_sha256_changes_when_a_value_changes(mmc_scenario):
    base = scenario_sha256(mmc_scenario)
    for changes in (
        {"sites.Loket.officers": 5},
        {"sites.Loket.walk_ins_per_day": 518.5},
        {"activation.officer_min": {"kind": "exponential", "mean": 11}},
        {"calendar.extra_closures": [dt.date(2023, 1, 3)]},
    ):
        changed = apply_changes(mmc_scenario, changes, "mmc.yaml", "")
        assert scenario_sha256(changed) != base, changes
    # writing a default explicitly is the same scenario
    same = apply_changes(mmc_scenario, {"sites.Loket.count": 1}, "mmc.yaml", "")
    assert scenario_sha256(same) == base


def test_every_problem_is_worded_in_both_languages():
    from sim.problems import MESSAGES

    for code, texts in MESSAGES.items():
        assert set(texts) == {"id", "en"}, code
        assert texts["id"] != texts["en"] or code == "raw", code


def test_a_problem_names_the_line_of_its_key(tmp_path):
    path = tmp_path / "s.yaml"
    text = (ROOT / "scenarios/validation/mmc.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("officers:"))
    lines[at] = lines[at].split(":")[0] + ": -1"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load(path)
    assert info.value.source == f"{path}:{at + 1}"
    assert info.value.key.endswith(".officers")


def test_a_problem_in_a_base_file_names_the_base_and_its_line(tmp_path, mmc_data):
    mmc_data["residents"]["email_share"] = 2.0
    (tmp_path / "common.yaml").write_text(yaml.safe_dump(mmc_data), encoding="utf-8")
    (tmp_path / "child.yaml").write_text("base: common.yaml\nname: Anak\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load(tmp_path / "child.yaml")
    common = (tmp_path / "common.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(common) if "email_share" in text) + 1
    assert info.value.source == f"{tmp_path / 'common.yaml'}:{line}"
    assert info.value.key == "residents.email_share"


def test_a_missing_key_names_the_line_of_the_item_it_belongs_to(tmp_path, mmc_data):
    del mmc_data["sites"][0]["officers"]
    (tmp_path / "s.yaml").write_text(yaml.safe_dump(mmc_data, sort_keys=False), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load(tmp_path / "s.yaml")
    lines = (tmp_path / "s.yaml").read_text(encoding="utf-8").splitlines()
    item = next(i for i, text in enumerate(lines) if text.startswith("- name:")) + 1
    assert info.value.source == f"{tmp_path / 's.yaml'}:{item}"
