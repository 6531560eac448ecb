"""Reads plain text into paragraphs: hard-wrapped lines joined, labelled lines apart, headings, furniture dropped.

Text saved from a PDF or a Word file wraps every line at about 80 characters and puts its
bullets as stray letters ("e", "o") at a line's start. A line continues the paragraph above
unless a blank line, a label or a finished short line says otherwise. Running headers
(a short line written three times or more) and "Page N of M" lines are dropped.
"""

from __future__ import annotations

import re
from collections import Counter

from generator.importer.document import Block, Paragraph, Span
from generator.importer.readers.labels import starts_with_label
from generator.importer.readers.line_joins import join_text, vocabulary

_PAGE = re.compile(r"^\s*page\s+\d+(\s*(of|/)\s*\d+)?\s*$", re.IGNORECASE)
_NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)[.,)]?\s+[A-Z]")
_ONLY_LABEL = re.compile(r"^\s*(\d{1,2}(\.\d{1,2})*\.?|\(?[a-z]\)|[ivx]+\.)\s*$")
_SENTENCE_END = (".", "!", "?", ":", ";", ":-", ",")
_HEADING_MAX = 70


def _normal(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def _furniture(lines: list[str]) -> set[int]:
    counts = Counter(_normal(line) for line in lines if line.strip())
    return {
        i
        for i, line in enumerate(lines)
        if _PAGE.match(line)
        or (re.search("[A-Za-z]", line) and counts[_normal(line)] >= 3 and len(line.strip()) < _HEADING_MAX and not line.rstrip().endswith(_SENTENCE_END))
    }


def _heading_level(text: str, alone: bool, next_line: str, width: int) -> int:
    """1-6 for a heading line, else 0."""
    text = text.strip()
    if len(text) >= _HEADING_MAX or text.endswith(_SENTENCE_END) or text.endswith("-") or _ONLY_LABEL.match(text) or not text[0].isalnum():
        return 0
    numbered = _NUMBERED_HEADING.match(text)
    if numbered is not None:
        short = len(text) < 0.7 * width
        if alone or (short and (not next_line.strip() or next_line.lstrip()[:1].isupper() or starts_with_label(next_line))):
            return min(6, numbered.group(1).count(".") + 1)
        return 0
    if starts_with_label(text) or not text[0].isupper():
        return 0
    return 1 if alone else 0


def plain_blocks(text: str) -> tuple[list[Block], list[str]]:
    """The paragraphs of a plain text, and the lines dropped as page furniture."""
    lines = text.replace("\f", "\n\n").split("\n")
    drop = _furniture(lines)
    dropped = list(dict.fromkeys(" ".join(lines[i].split()) for i in sorted(drop)))
    kept = ["" if i in drop else line.rstrip() for i, line in enumerate(lines)]
    lengths = sorted(len(line) for line in kept if line.strip())
    width = lengths[int(len(lengths) * 0.9)] if lengths else 80
    words = vocabulary(kept)
    blocks: list[Block] = []
    current: tuple[str, int] | None = None  # text so far, line number it began on

    def flush() -> None:
        nonlocal current
        if current is not None:
            blocks.append(Paragraph(spans=(Span(" ".join(current[0].split())),), where=f"line {current[1]}"))
        current = None

    for index, line in enumerate(kept):
        if not line.strip():
            flush()
            continue
        before = kept[index - 1] if index > 0 else ""
        after = kept[index + 1] if index + 1 < len(kept) else ""
        level = _heading_level(line, not before.strip() and not after.strip(), after, width)
        if level:
            flush()
            blocks.append(Paragraph(spans=(Span(" ".join(line.split())),), heading=level, where=f"line {index + 1}"))
            continue
        if current is not None and _continues(current[0], line, width):
            current = (join_text(current[0], line.strip(), words), current[1])
            continue
        flush()
        current = (line.strip(), index + 1)
    flush()
    return blocks, dropped


def _continues(before: str, line: str, width: int) -> bool:
    """Whether `line` goes on with the paragraph whose text so far is `before`."""
    if starts_with_label(line):
        return False
    if line.lstrip()[:1].islower():
        return True
    last = before.split("\n")[-1]
    finished = before.rstrip().endswith((".", "!", "?", ":", ";", ":-"))
    # A finished sentence on a line that stops well short of the wrap ends its paragraph.
    return not (finished and len(last) < 0.7 * width)
