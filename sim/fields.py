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
from sim.scenario import Scenario

DISTRIBUTION = "Distribution"  # the one entry shared by every declared distribution


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
    here: tuple[str, str] | None = None
    node: Any = Scenario
    for part in key.split("."):
        choices = _models_in(node)
        if choices:
            step = _field_step(choices, part)
            if step is None:
                return here
            here, node = step
        elif _container(node) is not None:
            node = get_args(_container(node))[-1]  # a list's item, or a mapping's value
        else:
            return here
    return here


def words(key: str, lang: str) -> Words | None:
    """The label and help of the field behind ``key`` in ``lang`` ("id" or "en")."""
    found = field_at(key)
    if found is None:
        return None
    entry = catalogue().get(found[0], {}).get(found[1])
    return Words(*entry["en" if lang == "en" else "id"]) if entry else None


def _field_step(choices: list[type[BaseModel]], part: str) -> tuple[tuple[str, str], Any] | None:
    for model in choices:
        for name, field in _fields(model):
            if part in (name, field.alias):
                return (_name(model), field.alias or name), field.annotation
    return None


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
