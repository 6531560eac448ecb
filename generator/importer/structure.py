"""A document's blocks as a policy's shape: sections from headings, clauses from numbered and rule-like paragraphs, prose kept as prose.

Nothing is dropped: a paragraph is a clause, a clause's item, a lead-in, a section's intro or
closing, the policy's intro, or, when none fits, a line of the "not placed" section.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from generator.importer.document import Block, Paragraph, Table
from generator.importer.draft import RESERVED_IDS, DraftSection
from generator.importer.ids import unique_id
from generator.importer.markdown_text import paragraph_markdown, plain_words, table_markdown
from generator.importer.typed_labels import split_typed_label
from generator.sources.modal_words import strengths_in

HEADING_MAX_CHARS = 90
_WILL = re.compile(r"\bwill\b", re.IGNORECASE)
_DEFINES = re.compile(r"\b(?:means|is defined as|defines)\b", re.IGNORECASE)


@dataclass
class Item:
    """A paragraph on its way into a section, with where it came from."""

    paragraph: Paragraph
    index: int


@dataclass
class Shape:
    """The policy's outline: prose before the first heading, the sections, what could not be placed."""

    preamble: list[tuple[str, int]] = field(default_factory=list)  # Markdown, block index
    sections: list[DraftSection] = field(default_factory=list)
    # Per section id: its paragraphs, tables and bullets in order, still to be made into clauses.
    bodies: dict[str, list[tuple[Block, int]]] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)  # the section ids handed out


def _heading_like(paragraph: Paragraph) -> bool:
    text = paragraph.text.strip()
    return 0 < len(text) <= HEADING_MAX_CHARS and not text.endswith((".", ",", ";", ":")) and not strengths_in(text)


def _all_bold(paragraph: Paragraph) -> bool:
    words = [span for span in paragraph.spans if span.text.strip()]
    return bool(words) and all(span.bold for span in words)


def rule_like(text: str) -> bool:
    """Words that state a rule or a definition: a modal phrase, "will", or "means"."""
    return bool(strengths_in(text) or _WILL.search(text) or _DEFINES.search(text))


def _depth(number: str) -> int:
    return number.count(".") + 1 if re.fullmatch(r"\d+(?:\.\d+)*", number) else 0


def labelled(blocks: Sequence[Block]) -> list[Block]:
    """Every paragraph with its typed label split off; empty paragraphs left out (tables kept)."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table):
            out.append(block)
            continue
        if not block.text.strip():
            out.append(replace(block, spans=()))
            continue
        out.append(split_typed_label(block, heading_like=block.heading > 0 or _heading_like(block)))
    return out


def infer_headings(blocks: list[Block]) -> list[Block]:
    """Headings the format did not mark: a short numbered line whose next numbered line goes one
    level deeper ("3 Definitions" before "3.1 ..."), and a short line wholly in bold."""
    marked = [b.heading for b in blocks if isinstance(b, Paragraph) and b.heading]
    base = max(marked, default=0)
    out = list(blocks)
    for i, block in enumerate(blocks):
        if not isinstance(block, Paragraph) or block.heading or not block.text.strip() or not _heading_like(block):
            continue
        if block.number and _depth(block.number):
            following = next((b for b in blocks[i + 1 :] if isinstance(b, Paragraph) and b.number and not b.bullet), None)
            if following is not None and _depth(following.number) == _depth(block.number) + 1 and following.number.startswith(block.number + "."):
                out[i] = replace(block, heading=_depth(block.number) + (base if not marked else 0))
                continue
        if _all_bold(block) and not block.bullet and not block.number and len(block.text.split()) <= 12:
            out[i] = replace(block, heading=base + 1 if marked else 1)
    return out


def outline(blocks: Sequence[Block], skip: frozenset[int], title_index: int | None) -> Shape:
    """Sections nested by heading level, each with the blocks that stand under it."""
    shape = Shape()
    stack: list[DraftSection] = []
    taken = shape.taken
    taken.update(RESERVED_IDS)
    for index, block in enumerate(blocks):
        if index in skip or index == title_index:
            continue
        if isinstance(block, Paragraph) and not block.spans:
            continue
        # Headings above the title (the school's name, a logo's words) are part of the opening.
        if isinstance(block, Paragraph) and block.heading and (title_index is None or index > title_index):
            title = plain_words(block)
            section = DraftSection(
                id=unique_id(title, "section", taken),
                title=title,
                number=block.number or None,
                level=block.heading,
                came_from=[index],
            )
            while stack and stack[-1].level >= block.heading:
                stack.pop()
            (stack[-1].sections if stack else shape.sections).append(section)
            stack.append(section)
            shape.bodies[section.id] = []
            continue
        if not stack:
            if isinstance(block, Table):
                shape.preamble.append((table_markdown(block), index))
            else:
                label = "- " if block.bullet else f"{block.number} " if block.number else ""
                shape.preamble.append((label + paragraph_markdown(block), index))
            continue
        shape.bodies[stack[-1].id].append((block, index))
    return shape
