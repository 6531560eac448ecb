"""Reads plain text into paragraphs, headings and tables: hard-wrapped lines joined, labelled lines apart, furniture dropped.

Text saved from Word puts each paragraph on one line with a blank line after it; text taken out
of a PDF wraps every line at about 80 characters and puts its bullets as stray letters ("e",
"o") at a line's start. A line continues the paragraph above unless a blank line, a label or a
line that stops short says otherwise; a paragraph broken by a page (its header and "Page N of M"
line dropped) goes on when its words do. Tables are rows of tabs or lined-up columns.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from generator.importer.document import Block, Paragraph, Span, Table
from generator.importer.readers.labels import starts_with_label
from generator.importer.readers.line_joins import join_text, vocabulary
from generator.importer.readers.text_furniture import find_furniture
from generator.importer.readers.text_headings import HEADING_MAX, end_of, heading_level, numbered_heading_level
from generator.importer.readers.text_tables import Rows, find_tables

_FINISHED = (".", "!", "?", ":", ";", ":-")
_SHORT = 0.6  # of the wrap width: an unfinished line this short ends its paragraph
_FINISHED_SHORT = 0.7  # of the wrap width: a finished line this short ends its paragraph
_FULL = 0.85  # of the wrap width: an unfinished line this long runs on over a page break


@dataclass
class _Chunk:
    """Lines with no blank line between them (`lines` index the kept lines), or a table."""

    lines: list[int]
    rows: Rows | None = None


def _split_lines(text: str) -> tuple[list[str], list[int], frozenset[int]]:
    """The lines, each one's line number in the file, and the lines a form feed starts a page with."""
    lines: list[str] = []
    numbers: list[int] = []
    feeds: set[int] = set()
    for number, raw in enumerate(text.split("\n"), start=1):
        for k, piece in enumerate(raw.split("\f")):
            if k:
                feeds.add(len(lines))
            lines.append(piece)
            numbers.append(number)
    return lines, numbers, frozenset(feeds)


def _chunks(kept: list[str], tables: dict[int, tuple[int, Rows]]) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    i = 0
    open_chunk = False
    while i < len(kept):
        if i in tables:
            end, rows = tables[i]
            chunks.append(_Chunk(list(range(i, end)), rows))
            open_chunk, i = False, end
            continue
        if not kept[i].strip():
            open_chunk = False
        elif open_chunk:
            chunks[-1].lines.append(i)
        else:
            chunks.append(_Chunk([i]))
            open_chunk = True
        i += 1
    return chunks


def _runs_over_page(before: str, after: str, width: int) -> bool:
    """Whether the paragraph ending in line `before` goes on in line `after`, the first line of the next page."""
    if starts_with_label(after):
        return False
    if after.lstrip()[:1].islower():
        return True
    return not end_of(before).endswith(_FINISHED) and len(before) >= _FULL * width


def _glued(chunks: list[_Chunk], kept: list[str], page_starts: frozenset[int], width: int) -> list[_Chunk]:
    """The chunks with a paragraph broken by a page put back together."""
    out: list[_Chunk] = []
    for chunk in chunks:
        last = out[-1] if out else None
        broken = last is not None and any(last.lines[-1] < start <= chunk.lines[0] for start in page_starts)
        if last is not None and broken and last.rows is None and chunk.rows is None and _runs_over_page(kept[last.lines[-1]], kept[chunk.lines[0]], width):
            last.lines.extend(chunk.lines)
        elif last is not None and broken and last.rows and chunk.rows and len(last.rows[0]) == len(chunk.rows[0]):
            last.rows += chunk.rows  # a table running on over the page
            last.lines.extend(chunk.lines)
        else:
            out.append(chunk)
    # A row of tabs on its own, not carried on from a table, is a paragraph.
    return [_Chunk(c.lines) if c.rows is not None and len(c.rows) < 2 else c for c in out]


def _continues(before: str, line: str, width: int) -> bool:
    """Whether `line` goes on with the paragraph whose last line so far is `before`."""
    if starts_with_label(line):
        return False
    if line.lstrip()[:1].islower():
        return True
    length = len(before.strip())
    if end_of(before).endswith(_FINISHED):
        return length >= _FINISHED_SHORT * width
    # An unfinished line stopping well short of the wrap is a heading or a list's line, not a wrap.
    return length >= _SHORT * width


def _chunk_text(chunk: _Chunk | None, kept: list[str]) -> str | None:
    if chunk is None:
        return ""
    if chunk.rows is not None:
        return None
    return " ".join(" ".join(kept[i].split()) for i in chunk.lines)


def plain_blocks(text: str) -> tuple[list[Block], list[str]]:
    """The paragraphs and tables of a plain text, and the lines dropped as page furniture."""
    lines, numbers, feeds = _split_lines(text)
    furniture = find_furniture(lines, feeds)
    dropped = list(dict.fromkeys(" ".join(lines[i].split()) for i in sorted(furniture.drop)))
    kept = ["" if i in furniture.drop else line.rstrip() for i, line in enumerate(lines)]
    lengths = sorted(len(line) for line in kept if line.strip())
    width = lengths[int(len(lengths) * 0.9)] if lengths else 80
    words = vocabulary(kept)
    chunks = _glued(_chunks(kept, find_tables(kept)), kept, furniture.page_starts, width)
    blocks: list[Block] = []
    before = ""
    for n, chunk in enumerate(chunks):
        after = _chunk_text(chunks[n + 1] if n + 1 < len(chunks) else None, kept)
        if chunk.rows is not None:
            blocks.append(Table(rows=chunk.rows, where=f"line {numbers[chunk.lines[0]]}"))
            before = ""
            continue
        made = _chunk_blocks(chunk.lines, kept, numbers, before, after, width, words)
        blocks.extend(made)
        last = made[-1] if made else None
        before = last.text if isinstance(last, Paragraph) and not last.heading else ""
    return blocks, dropped


def _chunk_blocks(indexes: list[int], kept: list[str], numbers: list[int], before: str, after: str | None, width: int, words: frozenset[str]) -> list[Block]:
    """The headings and paragraphs of one run of lines with no blank line between them."""

    def heading(i: int, level: int) -> Paragraph:
        return Paragraph(spans=(Span(" ".join(kept[i].split())),), heading=level, where=f"line {numbers[i]}")

    whole = " ".join(" ".join(kept[i].split()) for i in indexes)
    # One line, or a short paragraph wrapped once: a heading too long for the line wraps too.
    one = len(indexes) == 1 or (len(whole) <= HEADING_MAX and all(_continues(kept[a], kept[b], width) for a, b in itertools.pairwise(indexes)))
    if one:
        level = heading_level(whole, before, after)
        first = numbers[indexes[0]]
        return [Paragraph(spans=(Span(whole),), heading=level, where=f"line {first}")] if level else [_paragraph(_joined(indexes, kept, words), first)]
    out: list[Block] = []
    current: tuple[str, int, str] | None = None  # text so far, first line's number, last line

    def flush() -> None:
        nonlocal current
        if current is not None:
            out.append(_paragraph(current[0], current[1]))
        current = None

    for k, i in enumerate(indexes):
        line = kept[i]
        following = kept[indexes[k + 1]] if k + 1 < len(indexes) else ""
        level = numbered_heading_level(line, following, width)
        if not level and k == 0 and following and not _continues(line, following, width):
            level = heading_level(line, before, " ".join(kept[j].strip() for j in indexes[1:]))
        if level:
            flush()
            out.append(heading(i, level))
            continue
        if current is not None and _continues(current[2], line, width):
            current = (join_text(current[0], line.strip(), words), current[1], line)
            continue
        flush()
        current = (line.strip(), numbers[i], line)
    flush()
    return out


def _joined(indexes: list[int], kept: list[str], words: frozenset[str]) -> str:
    text = kept[indexes[0]].strip()
    for i in indexes[1:]:
        text = join_text(text, kept[i].strip(), words)
    return text


def _paragraph(text: str, number: int) -> Paragraph:
    return Paragraph(spans=(Span(" ".join(text.split())),), where=f"line {number}")
