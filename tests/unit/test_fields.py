"""Every scenario field has a label and a line of help in both languages, and a key of any
region scenario finds the field it belongs to."""

from __future__ import annotations

import pytest

from sim import fields
from sim.scenario import full_tree, load
from sim.template.cells import flat

REGIONS = ["mojokerto_2023", "malang_2023", "solok_selatan_2023", "denpasar_2023", "serang_2024"]


def _complete(model: str, field: str, lang: str) -> bool:
    found = fields.catalogue().get(model, {}).get(field, {}).get(lang, [])
    return len(found) == 2 and all(isinstance(w, str) and w.strip() for w in found)


def test_every_field_has_words_in_both_languages():
    missing = [
        f"{model}.{field}.{lang}"
        for model, cls in fields.models().items()
        for field in fields.fields_of(cls)
        for lang in ("id", "en")
        if not _complete(model, field, lang)
    ]
    assert missing == []


def test_no_words_for_a_field_that_does_not_exist():
    known = {model: set(fields.fields_of(cls)) for model, cls in fields.models().items()}
    stale = [
        f"{model}.{field}"
        for model, entries in fields.catalogue().items()
        for field in entries
        if field not in known.get(model, set())
    ]
    assert stale == []


def test_labels_differ_within_a_model():
    for model, entries in fields.catalogue().items():
        for lang in ("id", "en"):
            labels = [entry[lang][0] for entry in entries.values()]
            assert len(labels) == len(set(labels)), (model, lang)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("sites.Kantor Dinas.officers", ("FixedSite", "officers")),
        ("outreach.teams.Tim 1.officers", ("OutreachTeam", "officers")),
        ("activation.officer_min.mode", ("Distribution", "mode")),
        ("outreach.teams.Tim 1.weekly.mon", ("OutreachTeam", "weekly")),
        ("calendar.closures.school_holidays.0.from", ("Closure", "from")),
        ("outreach.institutions.school.closed.0.until", ("Closure", "until")),
        ("residents.segments.pelajar.adoption.q_per_year", ("Bass", "q_per_year")),
        ("variants.x.changes.sites.0.officers", ("Variant", "changes")),
        ("no_such_key", None),
    ],
)
def test_field_at(key, expected):
    assert fields.field_at(key) == expected


@pytest.mark.parametrize("region", REGIONS)
def test_every_key_of_a_region_has_words(region):
    scenario = load(f"scenarios/{region}.yaml")
    keys = flat(full_tree(scenario))
    assert [k for k in keys if fields.words(k, "id") is None] == []
    assert (
        fields.words("sites.Kantor Dinas.officers", "en").label
        != fields.words("sites.Kantor Dinas.officers", "id").label
    )


def test_every_property_of_the_json_schema_is_described():
    schema = fields.json_schema()
    nodes = [("Scenario", schema), *schema["$defs"].items()]
    bare = [
        f"{name}.{key}"
        for name, node in nodes
        for key, prop in node.get("properties", {}).items()
        if not prop.get("description")
    ]
    assert bare == []
