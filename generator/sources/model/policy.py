"""A policy file: its sections and clauses, procedures, SMART guide, references and review date."""

from __future__ import annotations

from pydantic import Field

from generator.sources.model.common import Audience, Date, OneLine, OneLineText, Reference, Slug, Strength, Strict, Text
from generator.sources.model.history import Event


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
    draft: bool = Field(False, description="True while the policy is a draft, not yet in use.")
    statutory: bool = False
    intro: str | None = Field(None, description="Statement of intent or opening text (Markdown).")
    history: list[Event] = Field(default_factory=list, description="The ratification record, oldest first.")
    versions_numbered_by_school: bool = Field(False, description="True only when the school itself numbers the versions in the record; the history page then says so.")
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
