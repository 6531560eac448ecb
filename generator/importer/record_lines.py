"""Approval-record lines among a document's paragraphs: "Signed by: Karen Morris Date: June 2016" with
its role on the next line, "Ratified by the Full Governing Body on 24.01.19", "Date of next review:
September 2026", a date on a line of its own, and "(Updated October 2017)" in a title.

A paragraph is a record line only when it opens with a record label and reads like a form, not a
sentence: a date, a colon after the label, a signature, or a body after "Adopted by". A sentence about
reviewing the policy is a rule, not a record: it only says who reviews it and how often.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.importer.document import Block, Paragraph
from generator.importer.record_dates import only_date
from generator.importer.record_items import Item, add_segment, new_item
from generator.importer.record_labels import ATTRIBUTES, EVENT_WORDS, SIGNED, Segment, split_segments
from generator.importer.record_people import is_role, looks_like_body, tidy

_PROSE = re.compile(r"\b(?:must|should|will|shall|would|could|can|cannot|may|might|is|are|if|when|which|being|any)\b", re.IGNORECASE)
_NAME_LINE = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Rev|Revd|Fr|Sr)\.?\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}$")
_REVIEW_SENTENCE = re.compile(
    r"\b(?:(?i:(?:this|the)\s+policy\s+(?:will|shall|should|must|is\s+to)\s+be\s+reviewed)"
    r"|(?P<who>[A-Z][\w' ]{0,40}?)\s+(?i:(?:will|shall)\s+review\s+(?:this|the)\s+policy))(?P<rest>[^.]*)",
)
_EVERY = (
    (re.compile(r"\b(?:annually|yearly|every\s+(?:one\s+)?year|each\s+year|every\s+12\s+months|every\s+twelve\s+months)\b", re.IGNORECASE), 12),
    (re.compile(r"\b(?:biennially|every\s+(?:two|2)\s+years)\b", re.IGNORECASE), 24),
    (re.compile(r"\bevery\s+(?:three|3)\s+years\b", re.IGNORECASE), 36),
    (re.compile(r"\bevery\s+(?:six|6)\s+months\b", re.IGNORECASE), 6),
    (re.compile(r"\bevery\s+(?:eighteen|18)\s+months\b", re.IGNORECASE), 18),
)
_BY = re.compile(r"\bby\s+(?P<by>.+?)(?:\s+(?:every|each|annually|yearly|biennially|at\s+least|or\s+sooner)\b|$)", re.IGNORECASE)


def looks_like_prose(text: str) -> bool:
    """Words of a sentence ("must", "will", "is", "if"), not of a form or a table cell."""
    return bool(_PROSE.search(text))


@dataclass
class LineReading:
    """What the paragraphs give: record items, the paragraphs that are record lines, and the review
    cycle a sentence of the policy states (with the sentence, for a check)."""

    items: list[Item] = field(default_factory=list)
    record_blocks: set[int] = field(default_factory=set)
    review_by: str | None = None
    every_months: int | None = None
    review_sentence: str | None = None
    review_block: int | None = None


def _form_like(segments: Sequence[Segment], text: str) -> bool:
    if len(text.split()) > 40:
        return False
    for segment in segments:
        if segment.kind not in EVENT_WORDS and segment.kind not in (SIGNED, "next-review"):
            continue
        who = new_item(segment, -1, text).who
        if len(who.split()) > 12 or _PROSE.search(who):
            return False
    first = segments[0]
    has_date = any(new_item(segment, -1, text).dates for segment in segments)
    colon = bool(re.match(r"\s*(?:by\s*)?[:\-–—]", first.value))
    adopted_by = first.kind in ("adopted", "approved", "ratified") and looks_like_body(first.value)
    return has_date or colon or first.kind == SIGNED or adopted_by


def _sentence(text: str) -> bool:
    """A full sentence ("Version 2 of the code applies to all staff."), which fills in no record line."""
    return text.endswith((".", "!", "?")) and len(text.split()) > 6


def _continues(current: Item, prefix: str, segments: Sequence[Segment]) -> bool:
    """Whether a line fills in the signature before it: its role ("Head teacher", "(Headteacher)
    Date: February 2021") or, after a bare "Signed by:", the name."""
    if segments and not all(segment.kind in ATTRIBUTES for segment in segments):
        return False
    signature = current.kind == SIGNED or bool(current.who)
    if prefix and is_role(prefix) and not current.role and signature:
        current.role = " ".join(prefix.strip("()").split())
        current.checks.append(f'role "{current.role}" read from the line after "{current.words()}"')
    elif prefix and not segments and current.kind == SIGNED and not current.who and _NAME_LINE.match(prefix):
        current.who = prefix
        current.checks.append(f'name "{prefix}" read from the line after "{current.words()}"')
    elif prefix:
        return False
    for segment in segments:
        add_segment(current, segment)
    return True


def _heading_fragments(index: int, block: Paragraph, segments: Sequence[Segment], early: bool) -> list[Item]:
    """ "Social Media Policy (Updated October 2017)": an event in a title line, which stays the title."""
    text = block.text.strip()
    if len(text.split()) > 15 or not segments or not (block.heading or early):
        return []
    items = [new_item(segment, index, text) for segment in segments]
    if not all(item.kind in EVENT_WORDS and item.dates and not tidy(item.who.strip(")")) for item in items):
        return []
    for item in items:
        item.who = ""
        if block.heading or early:
            item.note = f'The policy is headed "{text}".'
        item.checks.append(f'{item.kind} date read from the line "{text}", which is left in the text')
    return items


def _review_sentence(reading: LineReading, index: int, text: str) -> None:
    match = _REVIEW_SENTENCE.search(text)
    if not match or reading.review_sentence:
        return
    sentence = match.group(0).strip()
    rest = match["rest"] or ""
    by = _BY.search(rest)
    if by:
        reading.review_by = tidy(by["by"])
    elif match["who"]:
        reading.review_by = tidy(match["who"])
    for pattern, months in _EVERY:
        if pattern.search(sentence):
            reading.every_months = months
            break
    reading.review_sentence = sentence
    reading.review_block = index


def read_lines(blocks: Sequence[Block]) -> LineReading:
    """Record items from the paragraphs, in reading order; tables are left to `record_tables`."""
    reading = LineReading()
    current: Item | None = None
    previous = -1  # the last non-empty block, so a role line continues only the line just above it
    seen_words = 0
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph):
            current, previous = None, index
            continue
        text = block.text.strip()
        if not text:
            continue
        early, seen_words = seen_words < 60, seen_words + len(text.split())
        prefix, segments = split_segments(text)
        if not prefix and segments and _form_like(segments, text):
            for segment in segments:
                if segment.kind in ATTRIBUTES:
                    if current is None or current.blocks[-1] not in (index, previous):
                        current = new_item(Segment("dated", "", ""), index, text)
                        reading.items.append(current)
                    add_segment(current, segment)
                else:
                    current = new_item(segment, index, text)
                    reading.items.append(current)
                if index not in current.blocks:
                    current.blocks.append(index)
                    current.source.append(text)
            reading.record_blocks.add(index)
        elif current is not None and current.blocks[-1] == previous and not _sentence(text) and _continues(current, prefix, segments):
            current.blocks.append(index)
            current.source.append(text)
            reading.record_blocks.add(index)
        elif (date := only_date(text)) and "-" in date.iso:
            current = Item(kind="dated", label="", block=index, dates=[date], source=[text])
            reading.items.append(current)
            reading.record_blocks.add(index)
        else:
            reading.items.extend(_heading_fragments(index, block, segments, early))
            _review_sentence(reading, index, text)
            current = None
        previous = index
    return reading
