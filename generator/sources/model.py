"""The validated policy model: what a school writes in YAML, checked field by field.

The JSON Schema that editors use for autocomplete is generated from these classes
(`policy-site schema`), so a field's description here is the help an admin sees.
"""

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
# Versions name archive files and URLs, so they stay short and plain: 3, 2.1, 2025a.
VERSION_PATTERN = r"^[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*$"
VERSION_MAX = 20


def version_key(version: str) -> str:
    """The form two version numbers are compared in, so look-alikes count as the same version:
    case is ignored ("3a" and "3A"), leading zeros too ("03" and "3"), and so are trailing
    ".0" parts ("3.0" and "3")."""
    parts = [part.lstrip("0") or "0" if part.isdigit() else part.lower() for part in version.strip().split(".")]
    while len(parts) > 1 and parts[-1] == "0":
        parts.pop()
    return ".".join(parts)


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


class OrgKind(StrEnum):
    school = "school"
    trust = "trust"


class EventKind(StrEnum):
    written = "written"
    updated = "updated"
    reviewed = "reviewed"
    adopted = "adopted"
    approved = "approved"
    ratified = "ratified"
    corrected = "corrected"


class Reference(Strict):
    """A policy (or body) this one points at: by id when the site carries it, by name when it does not."""

    id: Slug | None = Field(None, description="Id of a policy on this site; rendered as a link.")
    name: OneLine | None = Field(None, description="Name of something the site does not carry, e.g. 'Complaints Policy'.")
    url: OneLine | None = Field(None, description="Optional web address for a policy named but not carried.")

    @model_validator(mode="after")
    def _id_or_name(self) -> Reference:
        if not self.id and not self.name:
            raise ValueError("a reference needs either 'id' (a policy on this site) or 'name'")
        return self


class Person(Strict):
    id: Slug = Field(description="Short id used to refer to this person, e.g. karen-morris.")
    name: OneLineText
    role: Slug = Field(description="Role key, e.g. head-teacher, chair-of-governors, dsl, e-safety-lead.")
    title: OneLine | None = Field(None, description="How the role is written, e.g. 'Head teacher'. Defaults from the role key.")


class Group(Strict):
    id: Slug = Field(description="e.g. e-safety-team")
    title: OneLineText = Field(description="e.g. 'E-safety team'")
    members: list[Slug] = Field(min_length=1, description="Ids of people listed under people.")


class Contact(Strict):
    email: OneLine | None = None
    phone: OneLine | None = None
    address: OneLine | None = None
    concerns: str | None = Field(None, description="How parents raise a concern (Markdown).")


class MemberSchool(Strict):
    name: OneLineText
    id: Slug | None = Field(None, description="Id of the school's own organisation folder, if it has one here.")
    url: OneLine | None = None


class Organisation(Strict):
    """organisation.yml: the school or trust a folder of policies belongs to."""

    id: Slug = Field(description="Must match the folder name, e.g. st-thomas.")
    name: OneLineText = Field(description="Full name, e.g. St Thomas' CE Primary School.")
    short_name: OneLine | None = Field(None, description="How the policies refer to it, e.g. St Thomas' School.")
    kind: OrgKind
    trust: Reference | None = Field(None, description="The trust this school belongs to.")
    schools: list[MemberSchool] = Field(default_factory=list, description="For a trust: the schools its policies apply to.")
    website: OneLine | None = None
    contact: Contact = Field(default_factory=Contact)
    welcome: str | None = Field(None, description="A short welcome paragraph for the site's home page (Markdown).")
    people: list[Person] = Field(default_factory=list)
    groups: list[Group] = Field(default_factory=list)

    @property
    def display_short(self) -> str:
        return self.short_name or self.name


class Signatory(Strict):
    role: OneLineText = Field(description="e.g. 'Head teacher', 'Chair of Governors'.")
    name: OneLine | None = Field(None, description="Leave out when the name is not legible in the original: never guess.")


class ChangeNotes(Strict):
    """What changed in this version, written for each audience the change affects."""

    staff: str | None = None
    pupils: str | None = None
    parents: str | None = None
    governors: str | None = None


class Event(Strict):
    """One line of the ratification record."""

    event: EventKind = Field(description="written, updated, reviewed, adopted, approved, ratified, or corrected (a minor correction published without a new version).")
    date: Date
    version: str | None = Field(
        None,
        pattern=VERSION_PATTERN,
        max_length=VERSION_MAX,
        description='Version number this event concerns, e.g. "3" or "2.1"; required for ratified/approved/adopted.',
    )
    body: OneLine | None = Field(None, description="Who ratified or approved, e.g. 'Full Governing Body'.")
    minute: OneLine | None = Field(None, description="Minute reference of the meeting.")
    by: OneLine | None = Field(None, description="Who wrote or reviewed it (for written/reviewed/updated).")
    signatories: list[Signatory] = Field(default_factory=list)
    note: OneLine | None = None
    changes: ChangeNotes | None = None
    fingerprint: str | None = Field(None, description="Written by `policy-site correct`: the fingerprint of the corrected text. Do not edit.")
    archive: str | None = Field(
        None,
        description="Written by `policy-site ratify` and `freeze`: the fingerprint of this version's archived text, shown on its version page. Do not edit.",
    )

    @model_validator(mode="after")
    def _version_for_ratification(self) -> Event:
        if self.event in RATIFYING_EVENTS and not self.version:
            raise ValueError(f"a '{self.event.value}' event needs a version, e.g. version: \"1\"")
        return self


RATIFYING_EVENTS = {EventKind.ratified, EventKind.approved, EventKind.adopted}


class Review(Strict):
    next: Date | None = Field(None, description="Next review date as the policy states it.")
    every_months: int | None = Field(None, ge=1, le=60, description="Review cycle, used when no next date is written.")
    by: OneLine | None = Field(None, description="Who reviews it, e.g. 'the committee on behalf of the Governing Body'.")


class Plain(Strict):
    """Plain-language versions we write for each audience page (short, concrete)."""

    pupils: str | None = Field(None, description="An 'I will...' sentence a 9-year-old can read.")
    parents: str | None = Field(None, description="Plain English for parents and carers.")
    staff: str | None = None
    governors: str | None = None


class Clause(Strict):
    id: Slug = Field(description="Stable id: never change it once published; links and history rely on it.")
    number: OneLine | None = Field(None, description="Number as in the original, e.g. '5.3'.")
    term: OneLine | None = Field(None, description="Set when this clause defines a word, e.g. 'cyber bullying'.")
    text: Text = Field(description="The school's own words (Markdown).")
    items: list[Text] = Field(default_factory=list, description="A bulleted list that belongs to the clause.")
    strength: Strength
    audiences: list[Audience] = Field(min_length=1)
    topic: Slug = Field("general", description="Topic for grouping on audience pages (see the authoring guide).")
    summary: OneLine | None = Field(None, description="A short line for the staff do / don't list.")
    plain: Plain = Field(default_factory=Plain)
    consequence: str | None = Field(None, description="What happens on a breach (Markdown).")
    see: list[Reference] = Field(default_factory=list, description="Policies this clause points to.")
    open_to_local: bool = Field(False, description="For trust policies: a school may replace or remove this clause in its overlay.")


class Section(Strict):
    id: Slug
    number: OneLine | None = None
    title: OneLineText
    intro: str | None = Field(None, description="Text of the original that is not a rule (Markdown).")
    clauses: list[Clause] = Field(default_factory=list)
    open_to_local: bool = Field(False, description="For trust policies: a school may add clauses here, and replace or remove any clause here.")


class Step(Strict):
    text: Text = Field(description="One step, in the imperative: 'Save the evidence...'.")
    clause: Slug | None = Field(None, description="Id of the clause this step comes from.")


class Procedure(Strict):
    id: Slug
    title: OneLineText
    audiences: list[Audience] = Field(min_length=1)
    intro: str | None = None
    steps: list[Step] = Field(min_length=2)


class SmartLetter(Strict):
    text: str | None = Field(None, description="The school's own words for this letter, if it has them.")
    pupils: Text = Field(description="What a pupil reads: short, concrete, 'I...' where possible.")


class SmartGuide(Strict):
    id: Slug = "be-smart-online"
    number: OneLine | None = None
    title: OneLine = "Be SMART online"
    intro: str | None = None
    safe: SmartLetter
    meeting: SmartLetter
    accepting: SmartLetter
    reliable: SmartLetter
    tell: SmartLetter


class StatutoryReference(Strict):
    name: OneLineText = Field(description="e.g. 'Keeping Children Safe in Education'.")
    year: OneLine | None = Field(None, description="Edition as cited, e.g. '2016' or 'August 2016'.")
    url: OneLine | None = None
    note: str | None = None


class SchoolAccount(Strict):
    platform: OneLineText
    address: OneLine | None = Field(None, description="Web address or handle of the account.")
    purpose: str | None = None


class Topic(Strict):
    id: Slug
    title: OneLineText


class Policy(Strict):
    """A policy file: policy_sources/<organisation>/policies/<id>.yml."""

    id: Slug = Field(description="Must match the file name, e.g. social-media.")
    title: OneLineText
    summary: OneLineText = Field(description="One plain sentence saying what the policy is for.")
    draft: bool = Field(False, description="True while the policy has not been ratified.")
    statutory: bool = False
    intro: str | None = Field(None, description="Statement of intent or opening text (Markdown).")
    history: list[Event] = Field(default_factory=list, description="The ratification record, oldest first.")
    review: Review = Field(default_factory=Review)
    topics: list[Topic] = Field(default_factory=list, description="Extra topics beyond the built-in list.")
    sections: list[Section] = Field(min_length=1)
    smart: SmartGuide | None = None
    procedures: list[Procedure] = Field(default_factory=list)
    statutory_references: list[StatutoryReference] = Field(default_factory=list)
    related_policies: list[Reference] = Field(default_factory=list)
    school_accounts: list[SchoolAccount] = Field(default_factory=list)
    closing: str | None = Field(None, description="Closing text of the original (Markdown).")

    def clauses(self) -> list[Clause]:
        return [clause for section in self.sections for clause in section.clauses]


class ClauseChange(Strict):
    """The fields of a trust clause a school words differently; the rest stay the trust's."""

    number: OneLine | None = None
    term: OneLine | None = None
    text: Text | None = None
    items: list[Text] | None = None
    strength: Strength | None = None
    audiences: list[Audience] | None = Field(None, min_length=1)
    topic: Slug | None = None
    summary: OneLine | None = None
    plain: Plain | None = None
    consequence: str | None = None
    see: list[Reference] | None = None


class AddClause(Strict):
    section: Slug = Field(description="Id of a section the trust marked open_to_local.")
    after: Slug | None = Field(None, description="Id of the clause to put it after; default: the end of the section.")
    clause: Clause


class ReplaceClause(Strict):
    clause: Slug = Field(description="Id of the trust's clause this school words differently.")
    based_on: str | None = Field(None, description="Fingerprint of the trust's wording you replaced; the build tells you what to write.")
    with_: ClauseChange = Field(alias="with", description="Only the fields you change, e.g. text and plain.")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class RemoveClause(Strict):
    clause: Slug = Field(description="Id of the trust's clause this school does not use.")
    based_on: str | None = Field(None, description="Fingerprint of the trust's wording you removed; the build tells you what to write.")
    reason: OneLineText = Field(description="Why, in a sentence governors can read.")


class Overlay(Strict):
    """overlays/<policy-id>.yml: how a school adapts one of its trust's policies."""

    values: dict[str, OneLineText] = Field(
        default_factory=dict, description="Placeholders filled for this policy only, e.g. `role.dsl: Mrs A Smith`; they win over organisation.yml."
    )
    school_accounts: list[SchoolAccount] | None = Field(None, description="This school's accounts; replaces the trust's list.")
    add: list[AddClause] = Field(default_factory=list, description="Clauses of this school's own, in sections open to local change.")
    replace: list[ReplaceClause] = Field(default_factory=list, description="Trust clauses this school words differently.")
    remove: list[RemoveClause] = Field(default_factory=list, description="Trust clauses this school does not use.")
    history: list[Event] | None = Field(None, description="This school's own ratification record of its version; default: the trust's.")
    review: Review | None = Field(None, description="This school's review date; default: the trust's.")
