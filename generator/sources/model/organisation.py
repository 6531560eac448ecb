"""organisation.yml: the school or trust, its people, groups, contact details and member schools."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from generator.sources.model.common import Audience, OneLine, OneLineText, Reference, Slug, Strict


class OrgKind(StrEnum):
    school = "school"
    trust = "trust"


class Setting(StrEnum):
    """What kind of setting it is: it decides how pages name the children it teaches."""

    nursery = "nursery"
    primary = "primary"
    secondary = "secondary"
    college = "college"
    other = "other"


class AudienceGroup(Strict):
    """One of the organisation's own groups (visitors, volunteers...) and the audience page it reads."""

    id: Slug = Field(description="e.g. volunteers; used in a clause's `audiences:` or `informs:`.")
    title: OneLineText = Field(description="e.g. 'Volunteers'.")
    reads: Audience = Field(description="The audience page that shows this group's rules: staff, pupils, parents or governors.")


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


class ReadingAge(Strict):
    """The reading age the site's words for pupils and for parents are written to (GOV.UK writes for 9)."""

    pupils: int = Field(9, ge=5, le=18, description="Reading age of pupils' texts: plain versions, SMART letters, their procedures' steps.")
    parents: int = Field(11, ge=7, le=21, description="Reading age of parents' texts: plain versions, summaries, their procedures' steps.")


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
    setting: Setting = Field(Setting.primary, description="nursery, primary, secondary, college or other: decides the word pages use for pupils.")
    trust: Reference | None = Field(None, description="The trust this school belongs to.")
    schools: list[MemberSchool] = Field(default_factory=list, description="For a trust: the schools its policies apply to.")
    website: OneLine | None = None
    contact: Contact = Field(default_factory=Contact)
    welcome: str | None = Field(None, description="A short welcome paragraph for the site's home page (Markdown).")
    reading_age: ReadingAge = Field(default_factory=ReadingAge, description="Targets for the reading-level warnings: `{pupils: 9, parents: 11}` unless set.")
    people: list[Person] = Field(default_factory=list)
    groups: list[Group] = Field(default_factory=list)
    glossary: dict[OneLineText, OneLineText] = Field(
        default_factory=dict,
        description="Words families meet in the policies, each with a plain explanation (e.g. `DSL: designated safeguarding lead, ...`); "
        "shown in brackets where the word first appears on a parents' page. They win over the built-in explanations.",
    )
    trusted_adults: list[Slug] = Field(
        default_factory=list,
        description="Ids of people listed under people whom pupils can tell when something worries them; the pupils' pages name them under 'Who can I tell?'.",
    )
    audience_groups: list[AudienceGroup] = Field(
        default_factory=list, description="The organisation's own groups of readers (visitors, volunteers, contractors...) and which page each reads."
    )

    @property
    def display_short(self) -> str:
        return self.short_name or self.name
