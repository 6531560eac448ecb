"""Approval-record tables: a heading row ("Version | Date | Author | Approved by | Review date", in any
order), a two-column key/value table ("Date reviewed | September 2021"), or cells each holding a
record line ("Date of Ratification by FGB: 24.01.19 24.03.22").

A row is one version: an approval with no date of its own is dated with the row's "Date", or else
with the row's other event (the review it approves), and says so; writing is never dated by a review.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.importer.document import Table
from generator.importer.record_actions import is_action_heading, read_action
from generator.importer.record_dates import find_dates
from generator.importer.record_items import Item, add_segment, new_item, set_version
from generator.importer.record_labels import ATTRIBUTES, DATE, EVENT_WORDS, NAME, NEXT_REVIEW, ROLE, SIGNED, VERSION, Segment, label_kind, split_segments
from generator.importer.record_people import join_broken, tidy

_RATIFYING = {"approved", "ratified", "adopted"}
_WRITING = {"written", "updated", "reviewed"}
_STARTS = EVENT_WORDS | {SIGNED, NEXT_REVIEW}


@dataclass(frozen=True)
class Cell:
    """A value under (or beside) its heading: the heading's kind, its label and the words after the label."""

    kind: str
    label: str
    rest: str
    value: str


ACTION = "action"  # a column saying in words what happened ("Action: Ratified")


def _heading_kind(cell: str) -> tuple[str, str] | None:
    return label_kind(cell) or ((ACTION, "") if is_action_heading(cell) else None)


def heading_kinds(row: tuple[str, ...]) -> list[tuple[str, str, str] | None] | None:
    """Each heading cell's (kind, label, words after the label), or None when the row is no record heading row."""
    kinds = [_heading_kind(cell) if cell.strip() else None for cell in row]
    filled = [cell for cell in row if cell.strip()]
    known = [kind for kind in kinds if kind]
    if len(filled) < 2 or len(known) < len(filled) or not any(kind[0] in _STARTS | {ACTION} for kind in known):
        return None
    return [(kind[0], cell.strip().rstrip(":").strip(), kind[1]) if kind else None for kind, cell in zip(kinds, row, strict=True)]


def _fold(items: list[Item], item: Item) -> bool:
    """Join an item to one of its kind that lacks what it gives ("Approved by" beside "Date approved")."""
    for other in items:
        if other.kind == item.kind and bool(other.dates) != bool(item.dates) and not (other.who and item.who):
            other.dates.extend(item.dates)
            other.who = other.who or item.who
            other.blank = other.blank and item.blank
            other.problems.extend(item.problems)
            other.checks.extend(item.checks)
            return True
    return False


def _action_item(index: int, cell: Cell, source: str) -> Item:
    """The row's event as its action column names it; words naming no event are read as an update, with a check."""
    action = read_action(cell.value)
    item = new_item(Segment(action.kind or "updated", cell.value.strip(), action.who), index, source)
    if action.kind is None:
        item.note = cell.value.strip()
        item.checks.append(f'event kind guessed from "{cell.value.strip()}" in the "{cell.label}" column: read as updated')
    return item


def _shares_who(column: Cell, kind: str) -> bool:
    """Whether an undated column names who did the row's action: a heading of its family (an "Author"
    of an update, an "Approved by" of a ratification) or for more than one ("Approved by / author")."""
    family = next((group for group in (_RATIFYING, _WRITING) if kind in group), {kind})
    return column.kind in family or "/" in column.rest or " or " in column.rest


def _row_items(index: int, cells: list[Cell], source: str) -> list[Item]:
    """The items of one version's row (or one key/value group)."""
    items: list[Item] = []
    attributes: list[Cell] = []
    action = next((cell for cell in cells if cell.kind == ACTION and cell.value.strip()), None)
    acted = _action_item(index, action, source) if action else None
    if acted is not None:
        items.append(acted)
    for cell in cells:
        if cell.kind == ACTION:
            continue
        if cell.kind in _STARTS:
            if acted is not None and not find_dates(cell.value) and _shares_who(cell, acted.kind):
                acted.who = acted.who or tidy(cell.value)
                continue
            item = new_item(Segment(cell.kind, cell.label, f"{cell.rest} {cell.value}"), index, source)
            if not _fold(items, item):
                items.append(item)
        else:
            attributes.append(cell)
    ratifying = [item for item in items if item.kind in _RATIFYING] or [item for item in items if item.kind == SIGNED]
    events = [item for item in items if item.kind != NEXT_REVIEW]
    for cell in attributes:
        segment = Segment(cell.kind, cell.label, cell.value)
        if cell.kind == DATE:
            for item in items:
                if not item.dates and item.kind != NEXT_REVIEW:
                    add_segment(item, segment)
                    if item is not acted:  # an action's date is the row's Date: nothing guessed
                        item.checks.append(f'date of "{item.label}" taken from the row\'s "{cell.label}" column')
        elif cell.kind == VERSION and (ratifying or events):
            set_version((ratifying or events)[-1], cell.value)
        elif cell.kind in (NAME, ROLE) and ratifying:
            add_segment(ratifying[0], segment)
        elif ratifying or events:
            add_segment((ratifying or events)[0], segment)
    dated = [item for item in events if item.dates and item.kind not in _RATIFYING]
    for item in items:
        if item.kind in _RATIFYING | {SIGNED} and not item.dates and len(dated) == 1:
            item.dates = list(dated[0].dates)
            item.checks.append(f'"{item.label} {item.who}" has no date of its own: dated with the "{dated[0].label}" in the same row')
    return items


def _joined_rows(rows: list[tuple[str, ...]], width: int, checks: list[str]) -> list[list[str]]:
    """Data rows, with a row that only carries on the words of the one above (a PDF's wrapped cell) joined to it."""
    joined: list[list[str]] = []
    for row in rows:
        cells = [cell.strip() for cell in row] + [""] * (width - len(row))
        filled = [cell for cell in cells if cell]
        if joined and filled and len(filled) * 2 < width and not any(find_dates(cell) for cell in filled):
            above = joined[-1]
            for column, cell in enumerate(cells):
                if cell:
                    checks.append(f'"{above[column]}" and "{cell}" joined as one cell (the words ran on to the next row)')
                    above[column] = join_broken(above[column], cell)
            continue
        if filled:
            joined.append(cells)
    return joined


def _key_value_groups(table: Table) -> list[list[Cell]] | None:
    """Pairs of (label, value) cells, grouped so a label that comes again starts the next version."""
    groups: list[list[Cell]] = [[]]
    for row in table.rows:
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if len(cells) < 2 or len(cells) % 2:
            return None
        for key, value in zip(cells[0::2], cells[1::2], strict=True):
            if not key and not value:
                continue
            kind = label_kind(key)
            if kind is None or (label_kind(value) is not None and not find_dates(value)):
                return None  # a value that is itself a label: a heading row, not key/value pairs
            dated = bool(find_dates(value))
            # "Written by" then "Date written" is one event; a kind given twice over is the next version's.
            again = [cell for cell in groups[-1] if cell.kind == kind[0] and bool(find_dates(cell.value)) == dated]
            if again and kind[0] not in ATTRIBUTES - {DATE}:
                groups.append([])
            groups[-1].append(Cell(kind[0], key.rstrip(":").strip(), kind[1], value))
    if not any(cell.kind in _STARTS for group in groups for cell in group):
        return None
    return [group for group in groups if group]


def _cell_lines(index: int, table: Table) -> list[Item] | None:
    """Each cell a record line of its own ("Written 05.01.19 Updated 24.02.22 08.01.25")."""
    items: list[Item] = []
    for row in table.rows:
        for cell in row:
            text = " ".join(cell.split())
            if not text:
                continue
            prefix, segments = split_segments(text)
            if prefix or not segments or segments[0].kind not in _STARTS:
                return None
            current: Item | None = None
            for segment in segments:
                if segment.kind in ATTRIBUTES and current is not None:
                    add_segment(current, segment)
                elif segment.kind in ATTRIBUTES:
                    return None
                else:
                    current = new_item(segment, index, text)
                    items.append(current)
    return items or None


def heading_only(table: Table) -> bool:
    """A table that is a record heading row alone, whose values a reader gave as the next table."""
    rows = [row for row in table.rows if any(cell.strip() for cell in row)]
    return len(rows) == 1 and heading_kinds(rows[0]) is not None


def read_table(index: int, table: Table) -> tuple[list[Item], list[str]] | None:
    """The record items of a table and the checks on how it was read, or None when it is not a record."""
    checks: list[str] = []
    rows = [row for row in table.rows if any(cell.strip() for cell in row)]
    if not rows:
        return None
    heading = heading_kinds(rows[0])
    if heading is not None and len(rows) > 1:
        items: list[Item] = []
        for cells in _joined_rows(rows[1:], len(heading), checks):
            source = " | ".join(f"{head[1]}: {value}" for head, value in zip(heading, cells, strict=False) if head and value)
            row_cells = [Cell(head[0], head[1], head[2], value) for head, value in zip(heading, cells, strict=False) if head and value]
            items.extend(_row_items(index, row_cells, source))
        return items, checks
    groups = _key_value_groups(table)
    if groups is not None:
        items = []
        for group in groups:
            items.extend(_row_items(index, group, " | ".join(f"{cell.label}: {cell.value}" for cell in group)))
        return items, checks
    lines = _cell_lines(index, table)
    return (lines, checks) if lines is not None else None
