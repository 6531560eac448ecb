"""Validate one YAML document against its model, with each error in the author's words at its line."""

from __future__ import annotations

import difflib
import re
from enum import Enum
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.sources.errors import SourceError, display_path
from generator.sources.yaml_document import YamlDocument

M = TypeVar("M", bound=BaseModel)


def _field_named(model: type[BaseModel], name: str) -> str | None:
    """The model's field written `name` in YAML: its own name, or its alias (`with` for `with_`)."""
    for field_name, info in model.model_fields.items():
        if name in (field_name, info.alias):
            return field_name
    return None


def _yaml_names(model: type[BaseModel]) -> list[str]:
    return sorted(info.alias or name for name, info in model.model_fields.items())


def _model_fields(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that sits at `loc` inside `model`, to list its fields in advice."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        name = _field_named(current, part)
        if name is None:
            return None
        current = _unwrap(current.model_fields[name].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    args = getattr(annotation, "__args__", None)
    if args:
        for arg in args:
            inner = _unwrap(arg)
            if isinstance(inner, type) and issubclass(inner, (BaseModel, Enum)):
                return inner
    return annotation


def _field_hint(model: type[BaseModel] | None, name: str) -> str:
    if model is None or name not in model.model_fields:
        return ""
    target = _unwrap(model.model_fields[name].annotation)
    if isinstance(target, type) and issubclass(target, Enum):
        return f" (one of: {', '.join(m.value for m in target)})"
    description = model.model_fields[name].description
    return f" ({description})" if description else ""


def _translate(error: ErrorDetails, model: type[BaseModel]) -> tuple[tuple[str | int, ...], str]:
    """Turn one pydantic error into (where, plain sentence with what to write instead)."""
    loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and part[:1].isupper()))
    kind = error["type"]
    value = error.get("input")
    if isinstance(value, str) and len(value) > 60:
        value = value[:60] + "…"
    name = str(loc[-1]) if loc else ""
    parent = _model_fields(model, loc[:-1])
    if kind == "missing":
        return loc, f"'{name}' is missing; add `{name}:`{_field_hint(parent, name)}"
    if kind == "extra_forbidden":
        allowed = _yaml_names(parent) if parent else []
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"the fields allowed here are: {', '.join(allowed)}"
        return loc, f"unknown field '{name}'; {hint}"
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        what = "an audience" if "pupils" in expected else f"a valid '{name}'" if isinstance(loc[-1], str) else "valid here"
        if isinstance(loc[-1], int) and len(loc) > 1:
            what = "an audience" if loc[-2] == "audiences" else f"a valid entry for '{loc[-2]}'"
        return loc, f"'{value}' is not {what}; write one of: {expected.replace(chr(39), '')}"
    if kind == "string_pattern_mismatch" and name == "version":
        return loc, f'\'{value}\' is not a version number; write digits, letters and dots only, e.g. "3" or "2.1"'
    if kind == "string_pattern_mismatch":
        suggestion = "-".join("".join(c if c.isalnum() else " " for c in str(value).lower()).split())
        return loc, (f"'{value}' is not a valid id; use lowercase letters, digits and single hyphens" + (f", e.g. {suggestion}" if suggestion else ""))
    if kind == "value_error":
        message = str(error.get("ctx", {}).get("error", error["msg"]))
        return loc, message
    if kind in ("too_short",):
        return loc, f"'{name}' needs at least {error['ctx']['min_length']} entr{'y' if error['ctx']['min_length'] == 1 else 'ies'}"
    if kind == "string_too_short":
        return loc, f"'{name}' is empty; write the text"
    if kind in ("string_type", "list_type", "dict_type", "model_type", "bool_type", "int_type", "int_parsing", "bool_parsing"):
        expected = {
            "string_type": "text",
            "list_type": "a list (lines starting with '- ')",
            "dict_type": "a block of 'field: value' lines",
            "model_type": "a block of 'field: value' lines",
            "bool_type": "true or false",
            "bool_parsing": "true or false",
            "int_type": "a whole number",
            "int_parsing": "a whole number",
        }[kind]
        hint = " (put it in quotes)" if kind == "string_type" and value is not None else ""
        shown = repr(value)
        return loc, f"'{name}' should be {expected}{hint}, not {shown if len(shown) <= 60 else shown[:60] + '…'}"
    return loc, f"'{name}': {error['msg']}"


def _swallowed(doc: YamlDocument, loc: tuple[str | int, ...], name: str) -> SourceError | None:
    """A missing field that is really there, indented so far that YAML read it as part of the
    text above it: say so at the line where it is written."""
    block: Any = doc.data
    for part in loc:
        try:
            block = block[part]
        except (KeyError, IndexError, TypeError):
            return None
    if not isinstance(block, dict):
        return None
    pattern = re.compile(rf"(?:^|\s){re.escape(name)}:(?:\s|$)")
    holder = next((key for key, value in block.items() if isinstance(value, str) and pattern.search(value)), None)
    if holder is None:
        return None
    start = doc.line_of((*loc, holder))
    lines = doc.text.splitlines()
    line = next((n for n in range(start, len(lines) + 1) if re.match(rf"\s*{re.escape(name)}:", lines[n - 1])), start)
    return SourceError(
        display_path(doc.path),
        line,
        f"'{name}:' is indented as far as the text of '{holder}:' above it, so it is read as part of that text; move it left to line up with '{holder}:'",
    )


def validate_model(model: type[M], doc: YamlDocument, errors: list[SourceError]) -> M | None:
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        for error in exc.errors():
            loc, message = _translate(error, model)
            found = _swallowed(doc, loc[:-1], str(loc[-1])) if error["type"] == "missing" and loc else None
            errors.append(found or doc.error(loc, message))
        return None
