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
TITLE_SEARCH = 12  # the title is among the first paragraphs, after the school's name and a motto
TITLE_MAX = 110
# Lines that mention the policy without being its title.
_NOT_A_TITLE = re.compile(r"\b(?:this|the following|in this|of this|these)\s+polic|\bpolicies\s+(?:are|is)\b|\bmust|\bshould|\bwill\b", re.IGNORECASE)


def _title(blocks: Sequence[Block], document: Document) -> tuple[str, int | None, str | None]:
    """The policy's title, the block it is, and a check when it is a guess: the first short line
    of the opening that names a policy, else the file's title property, else the file's name."""
    for i, block in enumerate(blocks[:TITLE_SEARCH]):
        if not isinstance(block, Paragraph) or not block.spans or block.number or block.bullet:
            continue
        words = plain_words(block).rstrip(".")
        if re.search(r"\bpolic(?:y|ies)\b", words, re.IGNORECASE) and len(words) <= TITLE_MAX and not words.endswith((":", ":-")) and not _NOT_A_TITLE.search(words):
            return words, i, None
    if document.title and document.title.strip():
        return " ".join(document.title.split()), None, "title taken from the file's own title property; check it"
    for line in document.dropped:
        # A running header usually is the policy's name: "St Luke's – Social Media Policy".
        words = " ".join(line.split()).rstrip(".")
        if re.search(r"\bpolicy\b", words, re.IGNORECASE) and len(words) <= TITLE_MAX and not _NOT_A_TITLE.search(words):
            return words, None, "title taken from the page header; check it"
    name = document.path.stem.replace("_", " ").replace("-", " ").strip() or "Imported policy"
    return name, None, "no line of the opening names the policy: title taken from the file's name; check it"


def _fill(sections: list[DraftSection], shape: Shape, inherited: list[str], context: Context) -> None:
    for section in sections:
        parties = [p for p in parties_in(section.title, context.school_names)] or inherited
        section.parties = parties
        fill_section(section, shape.bodies.get(section.id, []), parties, context)
        _fill(section.sections, shape, parties, context)


def _lists_joined(paragraphs: list[str]) -> list[str]:
    """Bulleted lines one after another as one Markdown list (a tight list, as the original shows it)."""
    out: list[str] = []
    for text in paragraphs:
        if out and text.startswith("- ") and out[-1].split("\n")[-1].startswith("- "):
            out[-1] += "\n" + text
        else:
            out.append(text)
    return out


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
    title, title_index, title_check = _title(blocks, document)
    shape = outline(blocks, records.used, title_index)
    draft = Draft(id=policy_id, title=title, summary="", title_from=[title_index] if title_index is not None else [])
    if title_check:
        draft.title_check = title_check
    if not shape.sections:
        # No headings at all: one section, named after the policy, holds everything.
        only = DraftSection(id=ONLY_SECTION_ID, title=title, level=1)
        shape.sections.append(only)
        shape.bodies[only.id] = [(blocks[i], i) for _, i in shape.preamble]
        shape.preamble.clear()
        draft.checks.append("the original has no headings: one section holds every rule; split it where the policy has parts")
    draft.intro = _lists_joined([text for text, _ in shape.preamble])
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
