"""What every scenario key means, in words: a label and a line of help per field.

The words live in ``sim/fields.yaml`` (by model and field, in Bahasa Indonesia and English)
and serve the input template's labels and help, the app's column help and the JSON schema's
descriptions. :func:`field_at` finds the field behind any dotted key of a resolved scenario.
"""

from __future__ import annotations

import functools
import types
from importlib import resources
from typing import Annotated, Any, NamedTuple, Union, get_args, get_origin, get_type_hints

import yaml
from pydantic import BaseModel

from sim.distributions import _Dist
from sim.scenario import WEEKDAYS, Scenario

DISTRIBUTION = "Distribution"  # the one entry shared by every declared distribution
_DIST_NAMES = {d.__name__ for d in _Dist.__subclasses__()}


class Words(NamedTuple):
    label: str
    help: str


@functools.cache
def catalogue() -> dict[str, dict[str, dict[str, list[str]]]]:
    """``{model: {field: {"id": [label, help], "en": [label, help]}}}``."""
    text = resources.files("sim").joinpath("fields.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def models() -> dict[str, type[BaseModel]]:
    """Every model a scenario is made of, by its catalogue name."""
    found: dict[str, type[BaseModel]] = {}
    todo: list[type[BaseModel]] = [Scenario]
    while todo:
        model = todo.pop()
        name = _name(model)
        if name in found:
            continue
        found[name] = model
        for _, field in _fields(model):
            todo.extend(_models_in(field.annotation, deep=True))
    return found


def fields_of(model: type[BaseModel]) -> list[str]:
    """The keys of a model as a scenario writes them (aliases where declared)."""
    names = {f.alias or n: None for n, f in _fields(model)}
    if issubclass(model, _Dist):  # the shared entry covers every distribution's keys
        names = {f.alias or n: None for d in _Dist.__subclasses__() for n, f in _fields(d)}
    return list(names)


def field_at(key: str) -> tuple[str, str] | None:
    """(model, field) of the nearest field at or above a dotted scenario key, e.g.
    ``sites.Kantor Dinas.officers`` -> ("FixedSite", "officers")."""
    passed, _ = chain(key)
    return passed[-1] if passed else None


def chain(key: str) -> tuple[list[tuple[str, str]], list[str]]:
    """The (model, field) pairs a dotted key passes through, and the parts after its last
    field that name keys of a mapping (``outreach.teams.Tim.weekly.mon`` -> [..weekly], [mon])."""
    passed: list[tuple[str, str]] = []
    after: list[str] = []
    node: Any = Scenario
    for part in key.split("."):
        choices = _models_in(node)
        step = _field_step(choices, part) if choices else None
        if step is not None:
            passed.append(step[0])
            node, after = step[1], []
        elif not choices and _container(node) is not None:
            after.append(part)  # an item of a list or a key of a mapping
            node = get_args(_container(node))[-1]
        else:
            break
    return passed, after


def words(key: str, lang: str, within: str = "") -> Words | None:
    """The label and help of a dotted key in ``lang`` ("id" or "en"). The label names each
    field below ``within`` (a table's path), e.g. "Waktu perjalanan › Jenis distribusi"."""
    passed, after = chain(key)
    if not passed:
        return None
    skip = len(chain(within)[0]) if within else 0
    labels = [_entry(m, f, lang)[0] for m, f in passed[skip:]]
    labels += [_part(p, lang) for p in after]
    return Words(" › ".join(labels), _entry(*passed[-1], lang)[1])


def shown(key: str, lang: str, within: str = "") -> Words:
    """:func:`words`, or the key itself with no help for a key the models do not know."""
    return words(key, lang, within) or Words(key, "")


def _part(part: str, lang: str) -> str:
    """A key below the last field: a weekday in words, an appended item, or the key itself."""
    if part in WEEKDAYS:
        return _entry("WeeklyHours", part, lang)[0]
    return ("baru" if lang != "en" else "new") if part == "+" else part


def _entry(model: str, field: str, lang: str) -> list[str]:
    """[label, help] of a field (its name and no help when the catalogue lacks it)."""
    found = catalogue().get(model, {}).get(field, {})
    return found.get("en" if lang == "en" else "id") or [field, ""]


def item_keys(path: str) -> list[str]:
    """The keys of one item of the list or mapping at a dotted path (``staff.pppk`` ->
    site, officers, devices, from): the columns of a table that has no rows yet."""
    passed, _ = chain(path)
    if not passed:
        return []
    model = models()[passed[-1][0]]
    node = dict(_fields(model))[_python_name(model, passed[-1][1])].annotation
    while _container(node) is not None and not _models_in(node):
        node = get_args(_container(node))[-1]
    found = _models_in(node)
    return fields_of(found[0]) if found else []


def _python_name(model: type[BaseModel], key: str) -> str:
    return next(n for n, f in _fields(model) if key in (n, f.alias))


def json_schema() -> dict:
    """JSON Schema of the scenario format, each property described in English, for editor
    completion and checks."""
    schema = Scenario.model_json_schema(by_alias=True)
    for name, node in [("Scenario", schema), *schema.get("$defs", {}).items()]:
        model = DISTRIBUTION if name in _DIST_NAMES else name
        for key, prop in node.get("properties", {}).items():
            entry = catalogue().get(model, {}).get(key)
            if entry:
                prop["description"] = entry["en"][1]
    schema["properties"]["base"] = {
        "type": "string",
        "description": "Another scenario file (relative path) merged underneath this one.",
    }
    return schema


def _field_step(choices: list[type[BaseModel]], part: str) -> tuple[tuple[str, str], Any] | None:
    for model in choices:
        for name, field in _fields(model):
            if part in (name, field.alias):
                return (_name(model), field.alias or name), field.annotation
    return None


@functools.cache
def _fields(model: type[BaseModel]) -> list[tuple[str, Any]]:
    """(name, field) with each field's annotation resolved (pydantic may keep a forward
    reference to a model declared further down)."""
    hints = get_type_hints(model, include_extras=True)
    return [(n, _Field(f.alias, hints[n])) for n, f in model.model_fields.items()]


class _Field(NamedTuple):
    alias: str | None
    annotation: Any


def _container(annotation: Any) -> Any:
    """The list or mapping an annotation is, or holds as a member of a union."""
    if get_origin(annotation) in (list, dict):
        return annotation
    if get_origin(annotation) in (Union, types.UnionType, Annotated):
        return next(filter(None, map(_container, get_args(annotation))), None)
    return None


def _name(model: type[BaseModel]) -> str:
    return DISTRIBUTION if issubclass(model, _Dist) else model.__name__


def _models_in(annotation: Any, deep: bool = False) -> list[type[BaseModel]]:
    """The models an annotation holds directly (through Optional, unions and Annotated),
    or also as items of lists and mappings when ``deep``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType, Annotated) or (deep and origin in (list, dict)):
        return [m for arg in get_args(annotation) for m in _models_in(arg, deep)]
    return []
