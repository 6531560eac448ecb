"""Finds tables in plain text: rows of tab-separated cells, or columns lined up with runs of spaces.

Word's "Save as Plain Text" writes each table row as one line, its cells between tabs (an empty
cell leaves two tabs together); text taken out of a PDF lines columns up with spaces. A single
row of tabs is found too, as the reader may join it to a table broken by a page; alone it is
no table. Lined-up columns (two rows or more) count only where every row has words in two columns
or more and the first column is not a list's labels, so a hanging indent is not a table.
"""

from __future__ import annotations

import re

from generator.importer.readers.labels import starts_with_label

Rows = tuple[tuple[str, ...], ...]

_TAB_BETWEEN = re.compile(r"\S[ ]*\t")
_SPACES_BETWEEN = re.compile(r"\S {2,}\S")
_GUTTER = 2  # spaces between lined-up columns, at least


def _padded(rows: list[list[str]]) -> Rows:
    width = max(len(row) for row in rows)
    return tuple(tuple(row + [""] * (width - len(row))) for row in rows)


def _tab_rows(lines: list[str]) -> Rows | None:
    if 2 * sum(1 for line in lines if _TAB_BETWEEN.search(line)) < len(lines):
        return None
    return _padded([[cell.strip() for cell in line.rstrip().split("\t")] for line in lines])


def _columns(lines: list[str]) -> list[tuple[int, int]]:
    """The (start, end) of each column: spans between runs of `_GUTTER` or more columns blank on every line."""
    width = max(len(line) for line in lines)
    padded = [line.ljust(width) for line in lines]
    blank = [all(line[c] == " " for line in padded) for c in range(width)]
    start = blank.index(False)
    columns: list[tuple[int, int]] = []
    c = start
    while c < width:
        if blank[c]:
            run = c
            while run < width and blank[run]:
                run += 1
            if run - c >= _GUTTER and run < width:
                columns.append((start, c))
                start = run
            c = run
        else:
            c += 1
    columns.append((start, width))
    return columns


def _aligned_rows(lines: list[str]) -> Rows | None:
    if len(lines) < 2:
        return None
    columns = _columns(lines)
    if len(columns) < 2:
        return None
    rows = [[line[a:b].strip() for a, b in columns] for line in lines]
    firsts = [row[0] for row in rows if row[0]]
    if any(sum(1 for cell in row if cell) < 2 for row in rows) or (firsts and all(starts_with_label(cell + " .") for cell in firsts)):
        return None
    return _padded(rows)


def _runs(lines: list[str], member: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of consecutive lines that `member` finds something in."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if member.search(lines[i]) is None:
            i += 1
            continue
        end = i
        while end < len(lines) and member.search(lines[end]) is not None:
            end += 1
        runs.append((i, end))
        i = end
    return runs


def find_tables(lines: list[str]) -> dict[int, tuple[int, Rows]]:
    """The tables among `lines`: {first line's index: (index after the last, rows)}."""
    found: dict[int, tuple[int, Rows]] = {}
    for start, end in _runs(lines, re.compile(r"\t")):
        if (rows := _tab_rows(lines[start:end])) is not None:
            found[start] = (end, rows)
    taken = {i for start, (end, _) in found.items() for i in range(start, end)}
    for start, end in _runs(lines, _SPACES_BETWEEN):
        if not taken.intersection(range(start, end)) and (rows := _aligned_rows(lines[start:end])) is not None:
            found[start] = (end, rows)
    return dict(sorted(found.items()))
