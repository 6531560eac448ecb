"""A policy file: its sections and clauses, procedures, SMART guide, references and review date."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import AliasChoices, Field, model_validator

from generator.sources.model.common import Audience, Date, OneLine, OneLineText, Reference, Slug, Strength, Strict, Text
from generator.sources.model.history import Event
from generator.sources.section_walk import raw_clauses, tier_strengths

# Whom a rule binds or informs: an audience page's readers (staff, pupils, parents, governors),
# the school itself (its own duties and promises), or one of the organisation's own groups.
SCHOOL = "school"
PARTIES_HELP = "staff, pupils, parents, governors, school (the setting's own duty or promise), or the id of one of the organisation's audience_groups"


class Review(Strict):
    next: Date | None = Field(None, description="Next review date as the policy states it.")
    every_months: int | None = Field(None, ge=1, le=60, description="Review cycle, used when no next date is written.")
    by: OneLine | None = Field(None, description="Who reviews it, e.g. 'the committee on behalf of the Governing Body'.")


class Plain(Strict):
    """Plain-language versions we write for each audience page (short, concrete)."""

    pupils: str | None = Field(None, description="An 'I will...' sentence a 9-year-old can read (with `pupils_younger:`, the words for Years 3 to 6).")
    pupils_younger: str | None = Field(
        None, description="Optional: the same rule in words a 5- or 6-year-old reads (Reception to Year 2); the pupils' page then lets a pupil choose."
    )
    parents: str | None = Field(None, description="Plain English for parents and carers.")
    staff: str | None = None
    governors: str | None = None


class PlainReviewed(Strict):
    """Where the check that a plain version says what its rule says questions it, and a person found it faithful: why."""

    pupils: OneLine | None = Field(None, description="Why the pupils' version is faithful, e.g. 'the exception is in the next clause'.")
    pupils_younger: OneLine | None = Field(None, description="Why the younger pupils' version is faithful.")
    parents: OneLine | None = Field(None, description="Why the parents' version is faithful.")


class PlainConsequence(Strict):
    """What happens on a breach, in plain words we write for a family page; the school's words stay one tap away."""

    parents: str | None = Field(None, description="For parents and carers: what happens if the rule is broken, conditions kept (Markdown).")
    pupils: str | None = Field(None, description="For pupils, in words a 9-year-old can read (Markdown).")
    reviewed: OneLine | None = Field(
        None, description="Where the check that these words say what the consequence says questions them, and a person found them faithful: why."
    )


class Clause(Strict):
    id: Slug = Field(description="Stable id: never change it once published; links and history rely on it.")
    number: OneLine | None = Field(None, description="Number as in the original, e.g. '5.3'.")
    lead_in: str | None = Field(None, description="Prose of the original that stands before this rule and is not a rule, e.g. 'This includes:' (Markdown).")
    term: OneLine | None = Field(None, description="Set when this clause defines a word, e.g. 'cyber bullying'.")
    text: Text = Field(description="The school's own words (Markdown).")
    items: list[Text] = Field(default_factory=list, description="A bulleted list that belongs to the clause.")
    strength: Strength = Field(description="How binding the rule is; with `tier:` it may be left out (the tier's strength applies).")
    tier: Slug | None = Field(None, description="Id of one of the policy's `tiers:`, when the policy names its own kinds of rule.")
    audiences: list[Slug] = Field(
        min_length=1,
        validation_alias=AliasChoices("audiences", "binds"),
        description="Whom the rule binds (may also be written `binds:`): " + PARTIES_HELP + ".",
    )
    informs: list[Slug] = Field(default_factory=list, description="Whom else the rule is shown to, though it does not bind them.")
    topic: Slug = Field("general", description="Topic for grouping on audience pages (see the authoring guide).")
    summary: OneLine | None = Field(None, description="A short line for the staff do / don't list.")
    plain: Plain = Field(default_factory=Plain)
    plain_reviewed: PlainReviewed = Field(default_factory=lambda: PlainReviewed())
    consequence: str | None = Field(None, description="What happens on a breach (Markdown).")
    plain_consequence: PlainConsequence = Field(
        default_factory=lambda: PlainConsequence(), description="The consequence in plain words for family pages, where the school's words are hard."
    )
    see: list[Reference] = Field(default_factory=list, description="Policies this clause points to.")
    open_to_local: bool = Field(False, description="For trust policies: a school may replace or remove this clause in its overlay.")


class Section(Strict):
    id: Slug
    number: OneLine | None = None
    title: OneLineText
    intro: str | None = Field(None, description="Text of the original that is not a rule (Markdown).")
    clauses: list[Clause] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list, description="Sub-sections, in the same shape (they nest).")
    closing: str | None = Field(None, description="Text of the original after this section's rules and sub-sections (Markdown).")
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


# The guide's letters in order: each is a field of the guide and, on the pupils' page, an
# anchor of its own (the guide's id and the letter) that search results open.
SMART_LETTERS = ("safe", "meeting", "accepting", "reliable", "tell")


def smart_letter_id(guide_id: str, letter: str) -> str:
    return f"{guide_id}-{letter}"


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

    def letter_id(self, letter: str) -> str:
        return smart_letter_id(self.id, letter)


class StatutoryReference(Strict):
    name: OneLineText = Field(description="e.g. 'Keeping Children Safe in Education'.")
    year: OneLine | None = Field(None, description="Edition as cited, e.g. '2016' or 'August 2016'.")
    url: OneLine | None = None
    note: str | None = None


class SchoolAccount(Strict):
    platform: OneLineText
    address: OneLine | None = Field(None, description="Web address or handle of the account.")
    purpose: str | None = None


class Form(Strict):
    """A form or agreement the policy uses: a document on the web or in docs/, or a section of a policy on this site."""

    title: OneLineText = Field(description="The form's name, e.g. 'Acceptable use agreement (KS2)'.")
    url: OneLine | None = Field(None, description="Where it is: https://... or a file of this site, e.g. /forms/aup-ks2.pdf.")
    policy: Slug | None = Field(None, description="Instead of url: the id of a policy on this site that holds the agreement.")
    section: Slug | None = Field(None, description="With policy: the id of its section, clause or procedure that is the agreement.")
    note: str | None = Field(None, description="Who fills it in and when (Markdown).")
    audiences: list[Audience] = Field(default_factory=list, description="The audience pages that list it; default: every page of the policy.")

    @model_validator(mode="after")
    def _url_or_policy(self) -> Form:
        if bool(self.url) == bool(self.policy):
            raise ValueError(
                f"form '{self.title}' needs either `url:` (https://... or /path of a file in docs/) or `policy:` (a policy on this site holding it)"
                + (", not both; keep one" if self.url else "")
            )
        if self.section and not self.policy:
            raise ValueError(f"`section: {self.section}` needs `policy:`, the id of the policy it is in")
        return self


class Topic(Strict):
    id: Slug
    title: OneLineText


class Tier(Strict):
    """One of the policy's own names for a kind of rule ("Unacceptable"), mapped to a strength."""

    id: Slug
    title: OneLineText = Field(description="The name as the policy writes it, e.g. 'Unacceptable'.")
    strength: Strength


class ForPupils(Strict):
    """The policy's name and what it is about, in words a child reads, for the pupils' pages."""

    title: OneLineText = Field(description="A short title a 9-year-old reads, e.g. 'Phones at school'.")
    summary: OneLineText = Field(
        description="One line saying what the policy is about (never a rule it does not contain), e.g. 'What to do with your phone when you come to school.'"
    )


class Policy(Strict):
    """A policy file: policy_sources/<organisation>/policies/<id>.yml."""

    id: Slug = Field(description="Must match the file name, e.g. social-media.")
    code: OneLine | None = Field(None, description="The policy's own code or reference, e.g. 'POL-07'.")
    title: OneLineText
    summary: OneLineText = Field(description="One plain sentence saying what the policy is for.")
    for_pupils: ForPupils | None = Field(None, description="The title and summary the pupils' pages show; left out, they show `title:` and `summary:`.")
    draft: bool = Field(False, description="True while the policy is a draft, not yet in use.")
    statutory: bool = False
    intro: str | None = Field(None, description="Statement of intent or opening text (Markdown).")
    history: list[Event] = Field(default_factory=list, description="The ratification record, oldest first.")
    versions_numbered_by_school: bool = Field(False, description="True only when the school itself numbers the versions in the record; the history page then says so.")
    review: Review = Field(default_factory=Review)
    topics: list[Topic] = Field(default_factory=list, description="Extra topics beyond the built-in list.")
    pages: list[Audience] | None = Field(
        None,
        description="Which audience pages the policy has. Left out: governors, and every audience a clause, procedure or SMART guide reaches.",
    )
    tiers: list[Tier] = Field(default_factory=list, description="The policy's own names for kinds of rule, each mapped to a strength.")
    consequence: str | None = Field(None, description="What happens when the policy as a whole is broken, in the school's words (Markdown).")
    plain_consequence: PlainConsequence = Field(
        default_factory=lambda: PlainConsequence(), description="The policy's consequence in plain words for family pages, where the school's words are hard."
    )
    sections: list[Section] = Field(min_length=1)
    smart: SmartGuide | Literal["general"] | None = Field(
        None, description="The pupils' SMART guide: the policy's own, or `general` for the general guide. Left out: no SMART guide."
    )
    procedures: list[Procedure] = Field(default_factory=list)
    statutory_references: list[StatutoryReference] = Field(default_factory=list)
    related_policies: list[Reference] = Field(default_factory=list)
    school_accounts: list[SchoolAccount] = Field(default_factory=list)
    closing: str | None = Field(None, description="Closing text of the original (Markdown).")
    forms: list[Form] = Field(default_factory=list, description="Forms and agreements the policy uses, listed on its pages.")

    @model_validator(mode="before")
    @classmethod
    def _strength_from_tier(cls, data: Any) -> Any:
        """A clause given a tier and no strength takes the tier's, before the clause is checked."""
        if not isinstance(data, dict) or not isinstance(data.get("tiers"), list):
            return data
        strengths = tier_strengths(data)
        if not any("strength" not in clause and strengths.get(str(clause.get("tier"))) for _, clause in raw_clauses(data)):
            return data
        # A copy: the raw data is also read, as written, by the checks that report file:line.
        data = copy.deepcopy(data)
        for _, clause in raw_clauses(data):
            tier = strengths.get(str(clause.get("tier")))
            if "strength" not in clause and tier:
                clause["strength"] = tier
        return data

    def all_sections(self) -> Iterator[tuple[tuple[Section, ...], Section]]:
        """Every section, depth first, with the sections it sits in."""

        def walk(sections: list[Section], trail: tuple[Section, ...]) -> Iterator[tuple[tuple[Section, ...], Section]]:
            for section in sections:
                yield trail, section
                yield from walk(section.sections, (*trail, section))

        yield from walk(self.sections, ())

    def placed_clauses(self) -> Iterator[tuple[tuple[Section, ...], Clause]]:
        """Every clause in reading order, with the sections it sits in, outermost first."""
        for trail, section in self.all_sections():
            for clause in section.clauses:
                yield (*trail, section), clause

    def clauses(self) -> list[Clause]:
        return [clause for _, clause in self.placed_clauses()]

    def tier(self, tier_id: str | None) -> Tier | None:
        return next((t for t in self.tiers if t.id == tier_id), None)
