"""One part of an approval record as read, before it is an event: what happened, when, who, by which words.

A line or a table cell gives labelled parts (`record_labels.Segment`); a part that names an event
("Ratified by", "Signed", "Next review date") starts an item, and a part that only adds to one
("Date:", "Name:", a role, a version) fills in the item before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.importer.record_dates import FoundDate, find_dates
from generator.importer.record_labels import (
    BODY,
    DATE,
    MINUTE,
    NAME,
    NOTE,
    ROLE,
    VERSION,
    Segment,
)
from generator.importer.record_people import is_blank, tidy
from generator.sources.model.history import VERSION_MAX, VERSION_PATTERN

_VERSION = re.compile(VERSION_PATTERN.strip("^$"))


@dataclass
class Item:
    """A record part being read: `kind` is an event kind, "signed", "next-review" or "dated" (a date
    with no word for what happened). `who` holds the words naming a person or body, as written."""

    kind: str
    label: str
    block: int
    dates: list[FoundDate] = field(default_factory=list)
    who: str = ""
    role: str = ""
    version: str = ""
    minute: str = ""
    body: str = ""
    note: str = ""
    blank: bool = False
    blocks: list[int] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.blocks:
            self.blocks.append(self.block)

    def what(self) -> str:
        """The part named by its own words: 'Written by "Mrs X"'."""
        return f'{self.label} "{self.who}"' if self.who else self.label

    def words(self) -> str:
        return " ".join(" ".join(self.source).split())


def _dates_and_rest(value: str, item: Item) -> str:
    """Take the dates out of a value, into the item; return the words left."""
    dates = find_dates(value, item.problems)
    item.dates.extend(dates)
    rest = value
    for date in reversed(dates):
        rest = rest[: date.start] + " " + rest[date.end :]
    return rest


def new_item(segment: Segment, block: int, source: str) -> Item:
    """An item from a part that names an event (or a lone "Date:" with nothing before it)."""
    item = Item(kind=segment.kind, label=" ".join(segment.label.split()), block=block, source=[source])
    item.blank = is_blank(segment.value)
    item.who = tidy(_dates_and_rest(segment.value, item))
    return item


def add_segment(item: Item, segment: Segment) -> None:
    """Fill the item in from a part that only adds to it ("Date: June 2016", "Version 3")."""
    value = segment.value
    if segment.kind == DATE:
        before = len(item.dates)
        rest = tidy(_dates_and_rest(value, item))
        if is_blank(value) and len(item.dates) == before:
            item.blank = True
        elif rest and len(item.dates) == before:
            item.problems.append(f'could not read the date "{rest}" ({item.label})')
        elif rest:
            item.who = f"{item.who} {rest}".strip()
    elif segment.kind == VERSION:
        set_version(item, value)
    elif segment.kind in (NAME, ROLE, MINUTE, BODY, NOTE):
        words = tidy(value)
        if segment.kind == NAME:
            item.who = words
            item.blank = item.blank or (is_blank(value) and not words)
        else:
            setattr(item, {ROLE: "role", MINUTE: "minute", BODY: "body", NOTE: "note"}[segment.kind], words)


def set_version(item: Item, value: str) -> None:
    """The version number at the start of the words ("3", "2.1", "v4"), if it is one the model can carry."""
    words = tidy(value).split()
    if not words:
        return
    candidate = words[0].lstrip("vV") if len(words[0]) > 1 and words[0][0] in "vV" and words[0][1].isdigit() else words[0]
    if _VERSION.fullmatch(candidate) and len(candidate) <= VERSION_MAX and any(ch.isdigit() for ch in candidate):
        item.version = candidate
        rest = " ".join(words[1:])
        if rest:
            _dates_and_rest(rest, item)
    else:
        item.problems.append(f'version "{" ".join(words)}" is not a version number the record can carry; add it by hand')
