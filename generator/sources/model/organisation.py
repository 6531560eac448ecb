"""organisation.yml: the school or trust, its people, groups, contact details and member schools."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema

from generator.sources.colours import parse_hex
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


def _colour(value: Any) -> Any:
    if value is None:
        # `primary: #1b4f72` without quotes is a YAML comment: the field reads as empty.
        raise ValueError('write the colour in quotes, e.g. "#1b4f72": without them, # starts a comment and the colour is lost')
    if not isinstance(value, str) or parse_hex(value) is None:
        raise ValueError(f"'{value}' is not a colour; write it as # and six hex digits, in quotes, e.g. \"#1b4f72\"")
    return value.strip().lower()


_COLOUR_SCHEMA = {"type": "string", "pattern": "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"}
Colour = Annotated[str, BeforeValidator(_colour), WithJsonSchema(_COLOUR_SCHEMA)]
MaybeColour = Annotated[str | None, BeforeValidator(_colour), WithJsonSchema(_COLOUR_SCHEMA)]


class DarkColours(Strict):
    """The colours of links in dark mode, on the dark background; computed from the light ones when left out."""

    primary: MaybeColour = Field(None, description="Links in dark mode. Needs 4.5:1 against the dark background; left out, the nearest shade of `primary` that has it.")
    accent: MaybeColour = Field(None, description="Links pointed at or focused in dark mode. Needs 4.5:1 against the dark background; left out, computed from `accent`.")


class Colours(Strict):
    """The school's colours, checked for WCAG AA contrast when the site is built."""

    primary: Colour = Field(description='Header and footer (behind white text) and links on light pages, e.g. "#1b4f72". Needs 4.5:1 against white.')
    accent: MaybeColour = Field(None, description="Links pointed at or focused, on light pages. Needs 4.5:1 against white. Left out: `primary`.")
    dark: DarkColours = Field(default_factory=DarkColours, description="Colours of links in dark mode (optional; computed when left out).")


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
    website: OneLine | None = Field(None, description="The school's own website; the footer of every page links to it.")
    logo: OneLine | None = Field(
        None, description="The logo: the name of a .svg, .png or .jpg file beside organisation.yml, e.g. logo.svg. A school without one shows its trust's."
    )
    colours: Colours | None = Field(None, description="The school's colours (`primary`, `accent`), checked for contrast. A school without them shows its trust's.")
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
