"""The words a family page explains where they first appear: the policy's own definitions, the organisation's glossary, then ours."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache

from generator.sources.glossary_terms import built_in_entries
from generator.sources.model.common import Audience
from generator.sources.model.organisation import Organisation
from generator.sources.model.policy import Clause, Policy

# A definition that would not read as an aside in brackets (a list, or a paragraph) is pointed to instead.
MOST_WORDS_INLINE = 45


class Source(StrEnum):
    policy = "policy"  # a clause of the policy with `term:`: the school's own words
    school = "school"  # organisation.yml `glossary:`: the school's own explanation
    general = "general"  # generator/sources/glossary.yml: ours


@dataclass(frozen=True)
class Definition:
    """A word and what it means: `means` is Markdown for a policy's definition, plain text otherwise;
    `clause` is the defining clause's id (for a definition too long to show in brackets)."""

    term: str
    spellings: tuple[str, ...]
    means: str
    source: Source
    clause: str | None = None

    @property
    def inline(self) -> bool:
        return "\n" not in self.means.strip() and len(self.means.split()) <= MOST_WORDS_INLINE


@cache
def built_in() -> tuple[Definition, ...]:
    entries = built_in_entries()
    return tuple(Definition(str(e["term"]), (str(e["term"]), *map(str, e.get("also", []))), str(e["means"]), Source.general) for e in entries)


def _definition_words(clause: Clause, audience: Audience) -> str:
    """A definition clause's words for the page, without the term it opens with ('"Image" means ...')."""
    text = (getattr(clause.plain, audience.value, None) or clause.text).strip()
    if clause.items and not getattr(clause.plain, audience.value, None):
        text = "\n".join([text, *(f"- {item}" for item in clause.items)])
    assert clause.term is not None
    opening = re.compile(
        r"^(?:in\s+this\s+policy,?\s+)?(?:an?\s+|the\s+)?[\"“']?" + re.escape(clause.term) + r"[\"”']?,?\s+(?:also\s+)?(?:means|is|are)\s+(?=\S)",
        re.IGNORECASE,
    )
    stripped = opening.sub("", text, count=1)
    return stripped.rstrip(".") if stripped != text and "\n" not in stripped and stripped.count(". ") == 0 else text


def _key(spelling: str) -> str:
    return " ".join(spelling.lower().replace("-", " ").split())


def page_glossary(policy: Policy, org: Organisation, audience: Audience) -> list[Definition]:
    """Every word the audience's page of `policy` may explain, each spelling once: the policy's own
    definition first, then the organisation's, then ours. Where a school defines a word we explain
    too, its definition takes every spelling of ours ('cyber bullying', 'cyberbullying')."""
    found: list[Definition] = []
    for clause in policy.clauses():
        if clause.term:
            found.append(Definition(clause.term, (clause.term,), _definition_words(clause, audience), Source.policy, clause.id))
    found += [Definition(term, (term,), means, Source.school) for term, means in sorted(org.glossary.items())]
    found += built_in()
    chosen: list[Definition] = []
    for entry in found:
        taken = next((i for i, d in enumerate(chosen) if {_key(s) for s in d.spellings} & {_key(s) for s in entry.spellings}), None)
        if taken is None:
            chosen.append(entry)
            continue
        # The earlier (the school's) definition also answers for this entry's other spellings.
        known = chosen[taken]
        more = tuple(s for s in entry.spellings if s not in known.spellings)
        chosen[taken] = replace(known, spellings=known.spellings + more)
    return chosen
