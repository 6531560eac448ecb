"""Tells a heading from a paragraph in plain text, where only the words and the paragraphs around them say which.

Plain text keeps no styles, and a heading costs more when wrong than a paragraph: a rule read
as a heading is lost from the clauses, a heading read as a paragraph is only one more clause to
check. So a short unfinished line is a heading only with some sign of one: a number ("3. Scope"),
Title Case words, or a body under it (a table, a lead-in, a long finished paragraph). Lines of
an approval record (a date, a line to sign on, the role under a signature) are never headings,
nor is a line whose sentence goes on in the next paragraph.
"""

from __future__ import annotations

import re

from generator.importer.readers.labels import starts_with_label

_NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)[.,)]?\s+[A-Z]")
_NUMBERED_LABEL = re.compile(r"^\d{1,2}(?:\.\d{1,2})*[.)]?\s")
_ONLY_LABEL = re.compile(r"^\s*(\d{1,2}(\.\d{1,2})*\.?|\(?[a-z]\)|[ivx]+\.)\s*$")
_CLOSERS = "*_\"'’”» "
_NOT_A_HEADING_END = (".", "!", ";", ":", ",", "-", "–")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(rf"\b{_MONTH}\s+\d{{4}}\b|\b\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}\b", re.IGNORECASE)
_SIGN_HERE = re.compile(r"_{3,}|\.{5,}")
# A line saying who must, should or may do something is a rule, whatever its length.
_MODAL = re.compile(r"\b(?:must|mustn't|should|shouldn't|shall|will|won't|may|cannot|can't|need to)\b", re.IGNORECASE)
_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to with vs".split())
HEADING_MAX = 100
_BODY_MIN = 80
_NUMBERED_MAX = 70
_ROLE_WORDS = 4
_TITLE_WORDS = 10


def end_of(text: str) -> str:
    """The text without closing quotes, emphasis marks and spaces at its end, to see how its sentence ends."""
    return text.rstrip(_CLOSERS)


def record_line(text: str) -> bool:
    """Whether the line is part of an approval record: it gives a month and year or a date, or a line to sign on."""
    return _DATE.search(text) is not None or _SIGN_HERE.search(text) is not None


def title_case(text: str) -> bool:
    """Two to ten words, each capitalised but the small ones ("Roles and Responsibilities", "All Pupils")."""
    words = [w.strip("()[]&,;:'\"‘’“”–-/") for w in text.split()]
    words = [w for w in words if w]
    if not 2 <= len(words) <= _TITLE_WORDS:
        return False
    return all(not w[0].isalpha() or w[0].isupper() or w.lower() in _SMALL_WORDS for w in words) and words[0][0].isupper()


def _item_like(text: str) -> bool:
    """A short paragraph with no label and no colon at its end: one of a list written as plain lines."""
    return bool(text) and len(text) < _BODY_MIN and not starts_with_label(text) and not end_of(text).endswith((":", ":-"))


def is_body(after: str | None, among_items: bool = False) -> bool:
    """Whether what follows is a heading's body: a table (None), a lead-in, a finished paragraph or numbered clause.

    `among_items`: the line above is a short plain line, so a short finished one below is
    more likely the next of the same list than a body."""
    if after is None:
        return True
    end = end_of(after)
    if end.endswith((":", ":-")):
        return True
    finished = end.endswith((".", "!", "?", ";"))
    return finished and (not among_items or len(after) >= _BODY_MIN or _NUMBERED_LABEL.match(after) is not None)


def heading_level(text: str, before: str, after: str | None) -> int:
    """1-6 when the line `text`, a paragraph of its own, is a heading; else 0.

    `before` is the paragraph above ("" at the start or under a heading or table), `after` the
    one below: its text, "" at the end, None for a table."""
    text = " ".join(text.split())
    end = end_of(text)
    if not text or len(text) > HEADING_MAX or end.endswith(_NOT_A_HEADING_END) or _ONLY_LABEL.match(text) or not text[0].isalnum():
        return 0
    if after and after[:1].islower() and not starts_with_label(after):
        return 0  # its sentence goes on below
    if record_line(text) or (record_line(before) and len(before) <= HEADING_MAX and len(text.split()) <= _ROLE_WORDS):
        return 0
    among_items = _item_like(before)
    if end.endswith("?"):
        return 1 if is_body(after, among_items) else 0
    titled = title_case(text)
    if _MODAL.search(text) and not titled:
        return 0
    numbered = _NUMBERED_HEADING.match(text)
    if numbered is not None:
        return min(6, numbered.group(1).count(".") + 1) if len(text) <= _NUMBERED_MAX or titled or is_body(after, among_items) else 0
    if starts_with_label(text) or not text[0].isupper():
        return 0
    return 1 if titled or is_body(after, among_items) else 0


def numbered_heading_level(text: str, next_line: str, width: int) -> int:
    """1-6 for a numbered heading ("3. Scope") written with no blank line under it, else 0."""
    text = " ".join(text.split())
    numbered = _NUMBERED_HEADING.match(text)
    if numbered is None or len(text) >= 0.7 * width or end_of(text).endswith(_NOT_A_HEADING_END) or record_line(text):
        return 0
    if not next_line.strip() or next_line.lstrip()[:1].isupper() or starts_with_label(next_line):
        return min(6, numbered.group(1).count(".") + 1)
    return 0
