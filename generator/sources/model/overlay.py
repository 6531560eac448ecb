"""An overlay file: how a school adapts one of its trust's policies (values, added, replaced and removed clauses)."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from generator.sources.model.common import Audience, OneLine, OneLineText, Reference, Slug, Strength, Strict, Text
from generator.sources.model.history import Event
from generator.sources.model.policy import Clause, Plain, PlainConsequence, Review, SchoolAccount


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
    plain_consequence: PlainConsequence | None = None
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
