"""What an "Action" (or "Event", "Stage") column of a record table says happened: "Ratified",
"Policy written", "Approved by FGB", "Minor amendments" read as an event kind and who did it.

A version table often names each row's event in words of its own rather than under a heading per
event; the first event word in the cell gives the kind, and "by ..." gives who.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.importer.record_labels import first_event
from generator.importer.record_people import tidy

_HEADING_WORDS = r"(?:actions?(?:\s+taken)?|events?|activity|stage|status|what\s+happened)\b"
_HEADING = re.compile(rf"^{_HEADING_WORDS}$", re.IGNORECASE)
_HEADING_AT = re.compile(_HEADING_WORDS, re.IGNORECASE)
# Words a version table uses for an event that are no record label of their own.
_OTHER_WORDS = (
    (re.compile(r"\b(?:new\s+policy|first\s+draft|draft(?:ed)?|created|introduced)\b", re.IGNORECASE), "written"),
    (re.compile(r"\b(?:amend\w*|changes?|changed|revis\w*|rewritten|re-?written|minor\s+\w+)\b", re.IGNORECASE), "updated"),
    (re.compile(r"\b(?:agreed|accepted|signed\s+off)\b", re.IGNORECASE), "approved"),
)
_BY = re.compile(r"\bby\s+(?P<who>.+)$", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Action:
    """The event an action cell names (None when its words name none) and who it says did it."""

    kind: str | None
    who: str
    span: tuple[int, int]  # where the word naming the event stands


def is_action_heading(cell: str) -> bool:
    """Whether a table heading names the column that says what happened ("Action", "Event")."""
    return bool(_HEADING.match(" ".join(cell.strip().rstrip(":").split())))


def action_heading_end(text: str, at: int) -> int | None:
    """Where an action column's heading starting at `at` ends, or None."""
    match = _HEADING_AT.match(text, at)
    return match.end() if match else None


def read_action(words: str) -> Action:
    """The kind of event the words name, earliest word first ("Reviewed and updated" is a review)."""
    named = first_event(words)
    hits = [named] if named else []
    for pattern, kind in _OTHER_WORDS:
        match = pattern.search(words)
        if match:
            hits.append((match.start(), match.end(), kind))
    by = _BY.search(words)
    who = tidy(by["who"]) if by else ""
    if not hits:
        return Action(None, who, (0, 0))
    start, end, kind = min(hits, key=lambda hit: (hit[0], -hit[1]))
    return Action(kind, who, (start, end))
