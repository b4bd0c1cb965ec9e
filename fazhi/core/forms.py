"""Staff-UI forms generated from a step's input schema — the same schema the API validates — so a form field and an
API field can never disagree. A context names how its fields are shown (labels, choices, long texts, pickers);
this module turns a schema into fields (`templates/workflow/_fields.html` draws them) and a posted form back into
the schema's validated input, with errors in Chinese."""
from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from pydantic import ValidationError

from fazhi.core.errors import describe

Choices = list[tuple[str, str]]


@dataclass
class FormField:
    name: str
    label: str
    widget: str                     # date datetime text textarea bool number select multi checks
    required: bool
    choices: Choices = field(default_factory=list)
    value: object = None


def base_type(annotation):
    """`X | None` → X."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return next(a for a in typing.get_args(annotation) if a is not type(None))
    return annotation


@dataclass(frozen=True)
class FormStyle:
    """How a context shows its steps' fields: labels (per field, or per (step, field)), fixed choices (per field,
    or per (step, field)), the fields shown as text areas, and the pickers of people or records (per field,
    filled by the view: they depend on the bureau and the day)."""

    labels: Mapping[str, str]
    step_labels: Mapping[tuple[str, str], str] = field(default_factory=dict)
    choices: Mapping[str, Choices] = field(default_factory=dict)
    step_choices: Mapping[tuple[str, str], Choices] = field(default_factory=dict)
    long: frozenset[str] = frozenset()

    def label(self, action: str, name: str) -> str:
        return self.step_labels.get((action, name)) or self.labels.get(name, name)


def fields_for(schema, action: str, style: FormStyle, *, today: date | None = None,
               pickers: Mapping[str, Choices] | None = None) -> list[FormField]:
    """The form of `action` drawn from its schema: a picker or a fixed choice list makes a select (a list field a
    multiple one), then the field's type decides the widget; `on` starts at today."""
    out = []
    for name, f in schema.model_fields.items():
        if name == "expected_version":
            continue
        base = base_type(f.annotation)
        many = typing.get_origin(base) is list
        opts = (pickers or {}).get(name)
        if opts is None:
            opts = style.step_choices.get((action, name)) or style.choices.get(name) or []
        if opts or (pickers is not None and name in pickers):
            widget = "multi" if many else "select"
        elif base is bool:
            widget = "bool"
        elif base is date:
            widget = "date"
        elif base is datetime:
            widget = "datetime"
        elif base in (int, float, Decimal):
            widget = "number"
        elif typing.get_origin(base) is typing.Literal:  # a choice the style does not name: its values
            widget, opts = "select", [(v, v) for v in typing.get_args(base) if v]
        else:
            widget = "textarea" if name in style.long else "text"
        value = today if name == "on" else (None if f.is_required() else f.default)
        if many and value is None:
            value = []
        out.append(FormField(name, style.label(action, name), widget, f.is_required(), list(opts), value))
    return out


def keep(fields: list[FormField], post) -> None:
    """A refused form comes back with what was typed."""
    for f in fields:
        if f.widget == "bool":
            f.value = f.name in post
        elif f.widget in ("multi", "checks"):
            f.value = post.getlist(f.name)
        else:
            f.value = post.get(f.name)


def parse(schema, post, labels: Mapping[str, str],
          special: Mapping[str, Callable[[typing.Any], object]] | None = None):
    """A posted form → the schema's validated input, or (None, [errors in Chinese]). `special` reads the fields a
    context posts in its own shape (a nested object, a set of flags)."""
    data: dict = {}
    for name, f in schema.model_fields.items():
        base = base_type(f.annotation)
        if special and name in special:
            data[name] = special[name](post)
        elif name == "expected_version":
            data[name] = post.get(name) or None  # validated as a number below (not int() here: "abc" is a 4xx)
        elif base is bool:
            data[name] = name in post
        elif typing.get_origin(base) is list:
            values = [v for v in post.getlist(name) if v]
            if values or f.is_required():
                data[name] = values
        else:
            raw = post.get(name, "").strip()
            if raw != "":
                data[name] = raw
    try:
        return schema(**data), []
    except ValidationError as e:
        errors = []
        for err in e.errors():
            name = str(err["loc"][0]) if err["loc"] else ""
            errors.append(f"{labels.get(name, name)}：{describe(err)}")
        return None, errors
