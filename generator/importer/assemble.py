"""A read document to a draft policy: title, intro, sections and clauses with their guesses, the approval record, the next review."""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.importer.clauses import Context, fill_section
from generator.importer.document import Block, Document, Paragraph
from generator.importer.draft import ONLY_SECTION_ID, Draft, DraftSection
from generator.importer.guesses import parties_in
from generator.importer.markdown_text import plain_words
from generator.importer.records import find_records
from generator.importer.structure import Shape, infer_headings, labelled, outline

_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)")


def _title(blocks: Sequence[Block], document: Document) -> tuple[str, int | None]:
    """The policy's title: among the first paragraphs, a heading that says "policy", else the first heading."""
    opening = [(i, b) for i, b in enumerate(blocks[:12]) if isinstance(b, Paragraph) and b.spans]
    headings = [(i, b) for i, b in opening if b.heading]
    for i, block in headings + opening:
        if "policy" in block.text.lower() and len(block.text) <= 120 and not block.number:
            return plain_words(block), i
    if headings:
        i, block = headings[0]
        return plain_words(block), i
    if document.title and document.title.strip():
        return " ".join(document.title.split()), None
    return document.path.stem.replace("_", " ").replace("-", " ").strip() or "Imported policy", None


def _fill(sections: list[DraftSection], shape: Shape, inherited: list[str], context: Context) -> None:
    for section in sections:
        parties = [p for p in parties_in(section.title, context.school_names)] or inherited
        section.parties = parties
        fill_section(section, shape.bodies.get(section.id, []), parties, context)
        _fill(section.sections, shape, parties, context)


def _summary(draft: Draft) -> str:
    for text in [*draft.intro, *(c.text for c in draft.all_clauses())]:
        match = _FIRST_SENTENCE.match(" ".join(text.replace("**", "").split()))
        if match and len(match.group(1)) <= 250 and not match.group(1).startswith("- "):
            return match.group(1)
    return draft.title


def build_draft(document: Document, policy_id: str, school_names: tuple[str, ...]) -> Draft:
    """The draft policy made from `document`, every guess with the reason to check it."""
    blocks = infer_headings(labelled(document.blocks))
    records = find_records(blocks)
    title, title_index = _title(blocks, document)
    shape = outline(blocks, records.used, title_index)
    draft = Draft(id=policy_id, title=title, summary="", title_from=[title_index] if title_index is not None else [])
    if not shape.sections:
        # No headings at all: one section, named after the policy, holds everything.
        only = DraftSection(id=ONLY_SECTION_ID, title=title, level=1)
        shape.sections.append(only)
        shape.bodies[only.id] = [(blocks[i], i) for _, i in shape.preamble]
        shape.preamble.clear()
        draft.checks.append("the original has no headings: one section holds every rule; split it where the policy has parts")
    draft.intro = [text for text, _ in shape.preamble]
    draft.intro_from = [i for _, i in shape.preamble]
    context = Context(title=title, school_names=school_names, taken=shape.taken)
    _fill(shape.sections, shape, [], context)
    draft.sections = shape.sections
    draft.not_placed = [text for text, _ in context.not_placed]
    draft.not_placed_from = [i for _, i in context.not_placed]
    for event in records.events:
        draft.history.append(dict(event.fields))
        draft.history_checks.append(list(event.checks))
    if records.review_next:
        draft.review["next"] = records.review_next
    elif records.review_every_months:
        draft.review["every_months"] = records.review_every_months
    if records.review_by:
        draft.review["by"] = records.review_by
    draft.review_checks = list(records.checks)
    draft.record_from = sorted(records.used)
    draft.summary = _summary(draft)
    return draft
