"""Finds a plain text's page furniture: page lines ("Page 3 of 10"), and running headers and footers at its pages' edges.

Text saved from Word or taken out of a PDF marks its pages with a form feed or a "Page N of M"
line. A line is a running header (or footer) when the same words, digits aside, open (or close)
at least two pages and half of them: a short policy's header may be written only twice. Only
the lines at a page's very edge count, each text once a page, so a title under the header on
page one stays. Without any page marks, a short unfinished line written three times or more,
each a page's length from the last, is taken for a header.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from generator.importer.readers.labels import is_page_number
from generator.importer.readers.text_headings import record_line

_PAGE_LINE = re.compile(r"^\s*page\s+\d+(\s*(of|/)\s*\d+)?\s*$", re.IGNORECASE)
_EDGE = 3  # lines at the top and at the bottom of a page that may be furniture
_LONGEST = 150
_REPEATS_WITHOUT_PAGES = 3
_SHORT = 70
_PAGE_APART = 20  # lines between a header's repeats, at least, when no page is marked
_FINISHED = (".", "!", "?", ":", ";", ",")


@dataclass(frozen=True)
class Furniture:
    """What `find_furniture` found: the line indexes to drop, and the indexes a new page starts at."""

    drop: frozenset[int]
    page_starts: frozenset[int]


def normal(line: str) -> str:
    """The line's words in lower case with every number as "#", to match a header whose page number changes."""
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def _pages(lines: list[str], feeds: frozenset[int]) -> tuple[list[list[int]], set[int]]:
    """The pages as lists of non-blank line indexes, and the page lines that divided them."""
    marks = {i for i, line in enumerate(lines) if _PAGE_LINE.match(line)}
    pages: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        if i in feeds and pages[-1]:
            pages.append([])
        if i in marks:
            pages.append([])
        elif line.strip():
            pages[-1].append(i)
    # A bare page number ("3", "- 3 -") counts only at a form-fed page's edge.
    for page in pages:
        for i in dict.fromkeys(page[:1] + page[-1:]) if feeds else ():
            if is_page_number(lines[i]):
                marks.add(i)
                page.remove(i)
    return [page for page in pages if page], marks


def _edge_runs(pages: list[list[int]], lines: list[str], repeated: set[str], top: bool) -> set[int]:
    """The lines at each page's top (or bottom) edge whose words are in `repeated`, each text once a page."""
    found: set[int] = set()
    for page in pages:
        seen: set[str] = set()
        for i in page if top else reversed(page):
            key = normal(lines[i])
            if key not in repeated or key in seen:
                break
            seen.add(key)
            found.add(i)
    return found


def _repeated_at_edges(pages: list[list[int]], lines: list[str], top: bool) -> set[str]:
    needed = max(2, (len(pages) + 1) // 2)
    counts: Counter[str] = Counter()
    for page in pages:
        edge = page[:_EDGE] if top else page[-_EDGE:]
        counts.update({normal(lines[i]) for i in edge if re.search("[A-Za-z]", lines[i]) and len(lines[i].strip()) <= _LONGEST})
    return {key for key, count in counts.items() if count >= needed}


def _spaced_repeats(lines: list[str]) -> set[int]:
    """Short unfinished lines written three times or more, a page's length apart: a header with no page marks.

    Repeats close together (the role under each signature, a record's labels) are the text's own."""
    where: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if re.search("[A-Za-z]", line) and len(line.strip()) < _SHORT and not line.rstrip().endswith(_FINISHED) and not record_line(line):
            where.setdefault(normal(line), []).append(i)
    return {i for found in where.values() if len(found) >= _REPEATS_WITHOUT_PAGES and min(b - a for a, b in itertools.pairwise(found)) >= _PAGE_APART for i in found}


def find_furniture(lines: list[str], feeds: frozenset[int] = frozenset()) -> Furniture:
    """The furniture among `lines`; `feeds` are the indexes of lines a form feed put on a new page."""
    pages, marks = _pages(lines, feeds)
    if len(pages) < 2:
        return Furniture(frozenset(marks | _spaced_repeats(lines)), frozenset())
    drop = set(marks)
    drop |= _edge_runs(pages, lines, _repeated_at_edges(pages, lines, True), True)
    drop |= _edge_runs(pages, lines, _repeated_at_edges(pages, lines, False), False)
    return Furniture(frozenset(drop), frozenset(page[0] for page in pages[1:]))
