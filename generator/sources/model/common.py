"""What every part of the model shares: the strict base class, field types (slugs, one-line text, dates), audiences, strengths, references."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)

from generator.sources.dates import DATE_PATTERN, PolicyDate
from generator.sources.links import LINE_BREAKS, line_break_problem

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _to_date(value: Any) -> PolicyDate:
    if isinstance(value, PolicyDate):
        return value
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError("a date must be written as YYYY-MM-DD, YYYY-MM or YYYY")
    return PolicyDate.parse(value)


Date = Annotated[
    PolicyDate,
    BeforeValidator(_to_date),
    PlainSerializer(lambda d: d.iso(), return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": DATE_PATTERN,
            "description": "YYYY-MM-DD for a day, YYYY-MM for a month (e.g. 2016-06), YYYY for a year. Write only what the source says: never invent a day.",
        }
    ),
]

Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=80)]
Text = Annotated[str, Field(min_length=1)]


def _one_line(value: Any) -> Any:
    """A title or name is printed inside a line of Markdown, where a line break (of any kind,
    `\\r` included) would start a block of its own. The newline a YAML `>` or `|` block ends
    with is only the end of the block, so it is dropped."""
    if not isinstance(value, str):
        return value
    value = value.removesuffix("\n")
    problem = line_break_problem(value)
    if problem:
        raise ValueError(problem)
    return value


# The JSON Schema pattern, so an editor flags a line break as it is typed.
_ONE_LINE_SCHEMA = {"pattern": "^[^" + "".join(f"\\u{ord(c):04x}" for c in LINE_BREAKS) + "]*\\n?$"}
OneLine = Annotated[str, BeforeValidator(_one_line), Field(json_schema_extra=_ONE_LINE_SCHEMA)]
OneLineText = Annotated[str, BeforeValidator(_one_line), Field(min_length=1, json_schema_extra=_ONE_LINE_SCHEMA)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Audience(StrEnum):
    staff = "staff"
    pupils = "pupils"
    parents = "parents"
    governors = "governors"


class Strength(StrEnum):
    must = "must"
    must_not = "must-not"
    should = "should"
    should_not = "should-not"
    may = "may"
    info = "info"


class Reference(Strict):
    """A policy (or body) this one points at: by id when the site carries it, by name when it does not."""

    id: Slug | None = Field(None, description="Id of a policy on this site; rendered as a link.")
    name: OneLine | None = Field(None, description="Name of something the site does not carry, e.g. 'Complaints Policy'.")
    url: OneLine | None = Field(None, description="Optional web address for a policy named but not carried.")
    section: Slug | None = Field(None, description="With id: the id of a section, clause or procedure of that policy; the link goes straight to it.")

    @model_validator(mode="after")
    def _id_or_name(self) -> Reference:
        if not self.id and not self.name:
            raise ValueError("a reference needs either 'id' (a policy on this site) or 'name'")
        if self.section and not self.id:
            raise ValueError(f"`section: {self.section}` needs the id of the policy it is in; add `id: POLICY-ID` (a policy on this site)")
        return self
