"""Whom a rule can bind or inform, and which audience page each of them reads."""

from __future__ import annotations

from collections.abc import Iterable

from generator.sources.model.common import Audience
from generator.sources.model.organisation import Organisation
from generator.sources.model.policy import SCHOOL, Clause

# The school's own duties and promises are read on every page that shows them, but bind no reader.
Reads = dict[str, Audience | None]


def party_pages(org: Organisation | None) -> Reads:
    """Every party a clause may name, mapped to the audience page it reads (None for the school)."""
    reads: Reads = {a.value: a for a in Audience}
    reads[SCHOOL] = None
    for group in org.audience_groups if org else []:
        reads.setdefault(group.id, group.reads)
    return reads


def pages_of(parties: Iterable[str], reads: Reads) -> set[Audience]:
    return {page for party in parties if (page := reads.get(party)) is not None}


def clause_pages(clause: Clause, reads: Reads) -> set[Audience]:
    """The audience pages a clause appears on: those of everyone it binds or informs."""
    return pages_of([*clause.audiences, *clause.informs], reads)
