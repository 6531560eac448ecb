"""Finds page furniture in a PDF's lines: running headers and footers, page numbers.

A line is furniture when it sits in a page's top or bottom band and either is a page number
("3", "- 3 -", "Page 3 of 10"), repeats a heading's words in smaller type (a running title), or repeats at the same height on many pages (digits may
change inside it: "Social Media Policy, page 3"). Matching the height too keeps a policy's
title on its first page when the same words run along the top of every page.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from generator.importer.readers.labels import is_page_number
from generator.importer.readers.pdf_lines import Line

_BAND = 0.12  # of the page's height, at the top and at the bottom
_SAME_HEIGHT = 4.0  # points


def _in_band(line: Line) -> bool:
    return line.y < line.page_height * _BAND or line.y > line.page_height * (1 - _BAND)


def _key(line: Line) -> tuple[str, int]:
    return re.sub(r"\d+", "#", " ".join(line.text.split()).lower()), round(line.y / _SAME_HEIGHT)


def _running_title(line: Line, titles: set[str], body: float) -> bool:
    """A small line in the band repeating the title: furniture even on a one-page document."""
    return line.size < body and " ".join(line.text.split()).lower() in titles


def furniture(pages: list[list[Line]], title: str | None = None) -> set[tuple[int, int]]:
    """(page, index) of every furniture line; `title` is the file's own title property, if any."""
    sizes = Counter(line.size for lines in pages for line in lines for _ in line.text)
    body = max(sizes, key=lambda s: (sizes[s], s)) if sizes else 0.0
    titles = {" ".join(line.text.split()).lower() for lines in pages for line in lines if line.size > body}
    titles |= {" ".join(title.split()).lower()} if title else set()
    on_pages: dict[tuple[str, int], set[int]] = defaultdict(set)
    for number, lines in enumerate(pages):
        for line in lines:
            if _in_band(line):
                on_pages[_key(line)].add(number)
    # Half the pages, and at least two: a header on every page of a short document counts.
    needed = max(2, (len(pages) + 1) // 2)
    found: set[tuple[int, int]] = set()
    for number, lines in enumerate(pages):
        for index, line in enumerate(lines):
            if not _in_band(line):
                continue
            if is_page_number(line.text) or len(on_pages[_key(line)]) >= needed or _running_title(line, titles, body):
                found.add((number, index))
    return found
