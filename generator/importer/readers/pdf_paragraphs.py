"""Makes a PDF's lines into paragraphs: where one ends, which are headings and at what level, list depths.

A PDF has only lines on pages. A paragraph ends where the gap below a line is larger than
the line spacing, where the indentation changes, where a line starts with a typed label,
or where a line stops well short of the right margin after a full stop. A heading is a
paragraph of up to three lines set larger than the body text or wholly bold, with no final
full stop; its level is the rank of its size among the headings' sizes (largest 1).
"""

from __future__ import annotations

import re
from collections import Counter

from generator.importer.document import Block, Paragraph, Span, Table
from generator.importer.readers.labels import starts_with_label
from generator.importer.readers.line_joins import join_mode, vocabulary
from generator.importer.readers.pdf_lines import Line

_TOLERANCE = 3.0  # points: the same indentation
_LARGER = 1.08  # a heading's size over the body's
_SENTENCE_END = (".", ":", ";", "!", "?")


def _mode(values: list[float], default: float) -> float:
    counts = Counter(round(v, 1) for v in values)
    return max(counts, key=lambda v: (counts[v], -v)) if counts else default


def _headingish(line: Line, body: float) -> bool:
    return line.size > body * _LARGER or line.bold


def _wrapped(a: Line, b: Line, right: float) -> bool:
    """Whether `b`'s first word was too long for the room left on line `a`: a word wrapped, not a line ended."""
    words, text = b.text.split(), b.text.strip()
    # The word's own line, in the same font, measures it.
    width = (b.x1 - b.x0) / max(1, len(text))
    return a.x1 + width * (len(words[0]) + 1 if words else 0) > right


def _breaks(group: list[Line], b: Line, layout: tuple[float, float, float, float]) -> bool:
    """Whether line `b` starts a new paragraph after the lines of `group`."""
    body, spacing, left, right = layout
    a = group[-1]
    if abs(a.size - b.size) > 0.5 or starts_with_label(b.text):
        return True
    short = a.x1 < right - 0.15 * (right - left)
    ended = a.text.rstrip().endswith(_SENTENCE_END)
    heading_pair = _headingish(a, body) and _headingish(b, body)
    if heading_pair and a.page == b.page and 0 < b.y - a.y <= spacing * 1.3 * a.size / body:
        # A heading's wrapped line may sit under its text, right of its number; a heading ends
        # where its line does, unless the next line's first word would not have fitted on it.
        return a.text.rstrip().endswith((".", "!", "?")) or not _wrapped(a, b, right)
    # A bold line between plain ones is a heading unless it runs on from a full line: bold words wrapped.
    if (short and ended) or (_headingish(a, body) != _headingish(b, body) and (short or ended)):
        return True
    if b.page != a.page:
        return short or ended or _headingish(a, body) != _headingish(b, body)
    gap = b.y - a.y
    # Lines are spaced in proportion to their size: a heading's lines are further apart.
    if gap <= 0 or gap > spacing * 1.3 * max(1.0, a.size / body):
        return True
    if len(group) > 1:
        return abs(b.x0 - group[1].x0) > _TOLERANCE
    if abs(b.x0 - a.x0) <= _TOLERANCE:
        return False
    # A hanging indent (label out to the left) or a first-line indent: the same paragraph.
    return not ((b.x0 > a.x0 and starts_with_label(a.text)) or (b.x0 < a.x0 and a.x0 - b.x0 < 40 and not starts_with_label(a.text)))


def _joined(lines: list[Line], words: frozenset[str]) -> tuple[Span, ...]:
    spans: list[Span] = []
    for line in lines:
        # Runs of white space become one space, but a run's edges keep theirs: "must not" + " use".
        parts = [Span(re.sub(r"\s+", " ", s.text), s.bold) for s in line.spans]
        parts = [p for p in parts if p.text]
        if spans and parts:
            text = "".join(s.text for s in spans)
            mode = join_mode(text, parts[0].text, words)
            last = spans[-1]
            body = last.text.rstrip()
            spans[-1] = Span(body[:-1] if mode == "unhyphenate" else body + (" " if mode == "space" else ""), last.bold)
            parts[0] = Span(parts[0].text.lstrip(), parts[0].bold)
        spans.extend(parts)
    merged: list[Span] = []
    for span in spans:
        if merged and merged[-1].text.endswith(" ") and span.text.startswith(" "):
            span = Span(span.text[1:], span.bold)
        if merged and (merged[-1].bold == span.bold or not span.text.strip()):
            merged[-1] = Span(merged[-1].text + span.text, merged[-1].bold)
        elif span.text:
            merged.append(span)
    if merged:
        merged[0] = Span(merged[0].text.lstrip(), merged[0].bold)
        merged[-1] = Span(merged[-1].text.rstrip(), merged[-1].bold)
    return tuple(s for s in merged if s.text)


def _is_heading(lines: list[Line], text: str, body: float) -> bool:
    return len(lines) <= 3 and all(_headingish(line, body) for line in lines) and not text.endswith(".") and len(text) <= 150


def _list_levels(groups: list[list[Line]], left: float) -> dict[int, int]:
    """Depth of each group that starts with a typed label, from the indentation of such groups."""
    labelled = [i for i, g in enumerate(groups) if starts_with_label(g[0].text)]
    if not any(groups[i][0].x0 > left + _TOLERANCE for i in labelled):
        return {}
    indents: list[float] = []
    for x in sorted(groups[i][0].x0 for i in labelled):
        if not indents or x - indents[-1] > _TOLERANCE:
            indents.append(x)
    return {i: max(k for k, x in enumerate(indents) if groups[i][0].x0 >= x - _TOLERANCE) for i in labelled}


def paragraphs(items: list[Line | Table]) -> list[Block]:
    """The paragraphs of the lines (furniture already removed), in order, with the tables between them."""
    lines = [item for item in items if isinstance(item, Line)]
    if not lines:
        return [item for item in items if isinstance(item, Table)]
    body = _mode([line.size for line in lines for _ in range(max(1, len(line.text) // 10))], lines[0].size)
    gaps = [b.y - a.y for a, b in zip(lines, lines[1:], strict=False) if a.page == b.page and a.size == b.size == body and 0 < b.y - a.y < 4 * body]
    spacing = _mode(gaps, body * 1.2)
    body_lines = [line for line in lines if line.size == body] or lines
    left = min(line.x0 for line in body_lines)
    right = sorted(line.x1 for line in body_lines)[int(len(body_lines) * 0.9)]
    groups: list[list[Line]] = []
    order: list[int | Table] = []  # a group by its index, or a table, in reading order
    for item in items:
        if isinstance(item, Table):
            order.append(item)
        elif groups and order[-1] == len(groups) - 1 and not _breaks(groups[-1], item, (body, spacing, left, right)):
            groups[-1].append(item)
        else:
            order.append(len(groups))
            groups.append([item])
    words = vocabulary(line.text for line in lines)
    spans = [_joined(group, words) for group in groups]
    texts = ["".join(s.text for s in sp) for sp in spans]
    heads = [i for i, g in enumerate(groups) if _is_heading(g, texts[i], body)]
    sizes = sorted({round(max(line.size for line in groups[i]) * 2) / 2 for i in heads}, reverse=True)
    levels = _list_levels(groups, left)
    result: list[Block] = []
    for i in order:
        if isinstance(i, Table):
            result.append(i)
            continue
        if not spans[i]:
            continue
        group = groups[i]
        heading = min(6, sizes.index(round(max(line.size for line in group) * 2) / 2) + 1) if i in heads else 0
        # A heading's words are bold by its look, not by emphasis: keep the spans plain.
        words_of = (Span(re.sub(r"\s+", " ", texts[i])),) if heading else spans[i]
        result.append(Paragraph(spans=words_of, heading=heading, list_level=None if heading else levels.get(i), where=f"page {group[0].page}"))
    return result
