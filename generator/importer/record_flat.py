"""Record tables that reached the reader as lines of text, as a PDF's tables often do: a heading
line of record labels ("Version Date Action Approved by / author") with a line a row (a long cell
wrapped on to a line of its own), or "label value" lines with no colon ("Written by Mrs X", "Date
written December 2020"). Each is made back into a Table for `record_tables`, with a check saying so.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator.importer.document import Block, Paragraph, Table
from generator.importer.record_actions import action_heading_end, read_action
from generator.importer.record_dates import find_dates
from generator.importer.record_labels import DATE, EVENT_WORDS, NEXT_REVIEW, SIGNED, VERSION, label_end, label_kind, split_segments
from generator.importer.record_lines import looks_like_prose
from generator.importer.record_people import tidy
from generator.importer.record_tables import ACTION, heading_kinds

_CONNECTOR = re.compile(r"(?:/|&|or|and|by|of|on)(?=\s|$)", re.IGNORECASE)
_JOINS = ("/", "&", "or", "and", "by", "of")  # a heading ending so goes on to the next line ("Approved by /")
_VERSION_WORD = re.compile(r"^[vV]?\d+(?:\.\d+)*$")


@dataclass(frozen=True)
class FlatTable:
    """A table read from lines: the blocks it stood in (the first is where the table goes) and why."""

    blocks: tuple[int, ...]
    table: Table
    check: str


def heading_cells(text: str) -> list[str] | None:
    """The cells of a line made only of record-table headings, or None."""
    cells: list[str] = []
    at, joining = 0, False
    while True:
        at += len(text[at:]) - len(text[at:].lstrip())
        if at >= len(text):
            break
        connector = _CONNECTOR.match(text, at)
        if connector and cells:
            cells[-1] += " " + connector.group(0)
            joining, at = connector.group(0).lower() in ("/", "&", "or", "and"), connector.end()
            continue
        end = label_end(text, at) or action_heading_end(text, at)
        if end is None:
            return None
        if joining:
            cells[-1] += " " + text[at:end]
        else:
            cells.append(text[at:end])
        joining, at = False, end
    return cells if len(cells) >= 2 and heading_kinds(tuple(cells)) is not None else None


def _texts(blocks: Sequence[Block], start: int) -> Iterator[tuple[int, str]]:
    """The paragraphs from `start` on, up to the next table, as (index, words)."""
    for index in range(start, len(blocks)):
        block = blocks[index]
        if not isinstance(block, Paragraph):
            return
        if block.text.strip():
            yield index, " ".join(block.text.split())


def _row_cells(row: str, columns: list[tuple[str, str, str] | None]) -> tuple[str, ...] | None:
    """A row's words put under the headings they belong to, told apart by what they are."""
    cells = [""] * len(columns)
    kinds = [column[0] if column else "" for column in columns]
    words = [f"{column[1]} {column[2]}".lower() if column else "" for column in columns]
    dated = [i for i, kind in enumerate(kinds) if kind in (DATE, NEXT_REVIEW) or (kind in EVENT_WORDS | {SIGNED} and not re.search(r"\bby\b|author|reviewer", words[i]))]
    dates = find_dates(row)
    if len(dates) > len(dated):
        return None
    rest = row
    for column, date in zip(dated, dates, strict=False):
        cells[column] = date.words
    for date in reversed(dates):
        rest = rest[: date.start] + " " + rest[date.end :]
    if VERSION in kinds:
        tokens = rest.split()
        version = next((token for token in tokens if _VERSION_WORD.match(token)), None)
        if version:
            cells[kinds.index(VERSION)] = version
            tokens.remove(version)
            rest = " ".join(tokens)
    if ACTION in kinds:
        action = read_action(rest)
        if action.kind:
            cells[kinds.index(ACTION)] = rest[action.span[0] : action.span[1]]
            rest = rest[: action.span[0]] + " " + rest[action.span[1] :]
    free = [i for i, kind in enumerate(kinds) if kind and i not in dated and kind not in (VERSION, ACTION)]
    if tidy(rest):
        if not free:
            return None
        cells[free[0]] = tidy(rest)
    return tuple(cells)


def _version_table(blocks: Sequence[Block], start: int) -> FlatTable | None:
    lines = _texts(blocks, start)
    first = next(lines, None)
    if first is None or len(first[1].split()) > 15 or heading_cells(first[1]) is None:
        return None
    used, heading = [first[0]], first[1]
    following = next(lines, None)
    while following and heading.split()[-1].lower() in _JOINS and heading_cells(f"{heading} {following[1]}"):
        heading = f"{heading} {following[1]}"
        used.append(following[0])
        following = next(lines, None)
    cells = heading_cells(heading)
    columns = heading_kinds(tuple(cells)) if cells else None
    if cells is None or columns is None:
        return None
    rows: list[str] = []
    for index, text in itertools.chain([following] if following else [], lines):
        if ":" in text or looks_like_prose(text):
            break
        if find_dates(text) and len(text.split()) <= 20:
            rows.append(text)
        elif rows and len(text.split()) <= 5 and not text.endswith("."):
            rows[-1] = f"{rows[-1]} {text}"
        else:
            break
        used.append(index)
    made = [_row_cells(row, columns) for row in rows]
    if not rows or any(row is None for row in made):
        return None
    table = Table((tuple(cells), *(row for row in made if row is not None)))
    check = (
        f'the record table headed "{heading}" read from lines of text, its cells told apart by their words (dates, version, action): check each row against the original'
    )
    return FlatTable(tuple(used), table, check)


def _key_value_lines(blocks: Sequence[Block], start: int) -> FlatTable | None:
    rows: list[tuple[str, str]] = []
    used: list[int] = []
    bare = False  # a label with neither a colon nor a date after it: no form a line reader reads
    for index, text in _texts(blocks, start):
        if len(text.split()) > 12:
            break
        prefix, segments = split_segments(text)
        sentence = text.endswith((".", "!", "?")) and len(segments[0].value.split()) > 3 if segments else True
        if prefix or len(segments) != 1 or sentence or looks_like_prose(segments[0].value):
            break
        label, value = segments[0].label, segments[0].value
        by = re.match(r"\s*by\b", value, re.IGNORECASE)
        if by:
            label, value = f"{label} by", value[by.end() :]
        if label_kind(label) is None:
            break
        rows.append((label, value.strip(" :-–—")))
        used.append(index)
        bare = bare or (":" not in text and not find_dates(text))
    if len(rows) < 2 or not bare or not any(find_dates(value) for _, value in rows):
        return None
    check = f'the record read as a table from {len(rows)} lines of "label value" ("{rows[0][0]} {rows[0][1]}" ...): check it against the original'
    return FlatTable(tuple(used), Table(tuple(rows)), check)


def flat_tables(blocks: Sequence[Block]) -> list[FlatTable]:
    """The record tables among the paragraphs, each run of lines read once."""
    found: list[FlatTable] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        flat = (_version_table(blocks, index) or _key_value_lines(blocks, index)) if isinstance(block, Paragraph) and block.text.strip() else None
        if flat is None:
            index += 1
            continue
        found.append(flat)
        index = flat.blocks[-1] + 1
    return found
