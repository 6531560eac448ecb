"""The words that label an approval record ("Date reviewed", "Ratified by", "Signed", "Next review date")
and the split of a line or a table cell into labelled parts.

A label counts at the start of the text, after a tab, a line break, a bar or a bracket, and in the
middle of a line only where a colon or a date follows it ("Signed by: Karen Morris Date: June 2016",
"Written 05.01.19 Updated 24.02.22"), so the same words inside a sentence are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.importer.record_dates import find_dates

# Kinds beside the event kinds: parts of a record that are not an event of their own.
SIGNED, NEXT_REVIEW, DATE, NAME, ROLE, VERSION, MINUTE, BODY, NOTE = "signed", "next-review", "date", "name", "role", "version", "minute", "body", "note"
EVENT_WORDS = {"written", "updated", "reviewed", "adopted", "approved", "ratified", "first-reading", "second-reading", "noted", "issued"}
# The parts that only add to the record part before them (a signature's date, a row's version).
ATTRIBUTES = {DATE, NAME, ROLE, VERSION, MINUTE, BODY, NOTE}

# (pattern, kind, needs a colon when it is not at the start): longest wording first within a kind.
_LABELS: tuple[tuple[str, str, bool], ...] = (
    (r"date\s+(?:of|for)\s+(?:the\s+)?next\s+review|next\s+review(?:\s+date|\s+due)?", NEXT_REVIEW, False),
    (r"(?:intended\s+)?(?:policy\s+)?review\s+(?:date|due)|due\s+for\s+review|to\s+be\s+reviewed(?:\s+(?:on|in|by))?", NEXT_REVIEW, False),
    (r"date\s+for\s+review|renewal\s+date|review\s+by", NEXT_REVIEW, False),
    (r"review", NEXT_REVIEW, True),
    (r"date\s+(?:last\s+)?reviewed|last\s+reviewed|reviewed(?:\s+on)?|date\s+of\s+(?:last\s+)?review|reviewer", "reviewed", False),
    (r"date\s+written|written(?:\s+on)?|date\s+of\s+writing|author(?:ed)?|prepared|drafted", "written", False),
    (r"(?:last\s+|date\s+)?(?:updated|revised|amended)|date\s+of\s+(?:update|revision)|revision\s+date", "updated", False),
    (r"date\s+of\s+approval|(?:date\s+)?approved|approval(?:\s+date)?", "approved", False),
    (r"date\s+of\s+ratification|(?:date\s+)?ratified|ratification(?:\s+date)?", "ratified", False),
    (r"date\s+of\s+adoption|(?:date\s+)?adopted|adoption(?:\s+date)?", "adopted", False),
    (r"first\s+reading", "first-reading", False),
    (r"second\s+reading", "second-reading", False),
    (r"noted", "noted", True),
    (r"date\s+of\s+issue|issue\s+date|(?:date\s+)?issued", "issued", False),
    (r"signed(?:\s+off)?|signature", SIGNED, False),
    (r"dated|date", DATE, True),
    (r"(?:print(?:ed)?\s+)?name", NAME, True),
    (r"role|position|job\s+title", ROLE, True),
    (r"version(?:\s+(?:no\.?|number))?", VERSION, False),
    (r"minute(?:\s+(?:no\.?|number|ref(?:erence)?))?", MINUTE, True),
    (r"committee|approving\s+body|meeting", BODY, True),
    (r"(?:summary\s+of\s+)?changes?|description|comments?|notes?", NOTE, True),
)
_COMPILED = tuple((re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), kind, colon) for pattern, kind, colon in _LABELS)
_COLON = re.compile(r"\s*:")
_COLON_AFTER = re.compile(r"\s*(?:by\s+)?[^\w\s]*?\s*[:\-–—]")
_MARKUP = re.compile(r"</?(?:i|b|em|strong|u)>", re.IGNORECASE)  # a text file's inline HTML
_BULLET = re.compile(r"^\s*(?:[•·▪●o*-]\s+)?")


@dataclass(frozen=True)
class Segment:
    """One labelled part: its kind, the label's words and the value after it, as written."""

    kind: str
    label: str
    value: str


def _starts_with_date(text: str) -> bool:
    dates = find_dates(text[:40])
    return bool(dates) and not text[: dates[0].start].strip(" :-–—")


def _after_separator(text: str, at: int) -> bool:
    """Whether a label at `at` stands at the start of a part: nothing before it, or a tab, line break,
    bar, bracket, colon or spaced dash (only a few characters before it are looked at: a paragraph can be long)."""
    before = text[max(0, at - 8) : at]
    stripped = before.rstrip()
    if not stripped:
        return not text[:at].strip() or "\t" in before or "\n" in before
    if "\t" in before[len(stripped) :] or "\n" in before[len(stripped) :]:
        return True
    return stripped[-1] in "|;/([:" or (stripped[-1] in "-–—" and len(stripped) > 1 and stripped[-2].isspace())


def _label_matches(text: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for pattern, kind, needs_colon in _COMPILED:
        for match in pattern.finditer(text):
            at_start = _after_separator(text, match.start())
            colon = bool(_COLON.match(text, match.end())) or (kind not in (DATE, NAME, ROLE) and bool(_COLON_AFTER.match(text, match.end())))
            if (at_start and (not needs_colon or colon)) or colon or (not needs_colon and _starts_with_date(text[match.end() : match.end() + 40])):
                found.append((match.start(), match.end(), kind))
    # Earliest first, then the longest, so "Date reviewed" wins over "Date".
    found.sort(key=lambda hit: (hit[0], -(hit[1] - hit[0])))
    kept: list[tuple[int, int, str]] = []
    for hit in found:
        if not kept or hit[0] >= kept[-1][1]:
            kept.append(hit)
    return kept


def split_segments(text: str) -> tuple[str, tuple[Segment, ...]]:
    """The words before the first label (empty for a record line) and the labelled parts."""
    body = _BULLET.sub("", _MARKUP.sub("", text), count=1)
    hits = _label_matches(body)
    if not hits:
        return body.strip(), ()
    segments = []
    for index, (start, end, kind) in enumerate(hits):
        stop = hits[index + 1][0] if index + 1 < len(hits) else len(body)
        segments.append(Segment(kind, body[start:end], body[end:stop]))
    return body[: hits[0][0]].strip(), tuple(segments)


def first_event(text: str) -> tuple[int, int, str] | None:
    """Where the first word naming an event stands in the text, and its kind ("Policy written" -> (7, 14, "written"))."""
    hits = [(match.start(), match.end(), kind) for pattern, kind, _ in _COMPILED if kind in EVENT_WORDS for match in [pattern.search(text)] if match]
    return min(hits, key=lambda hit: (hit[0], -hit[1])) if hits else None


def label_end(text: str, at: int) -> int | None:
    """Where the longest record label starting at `at` ends ("Date written ..." -> after "written"), or None."""
    ends = [match.end() for pattern, _, _ in _COMPILED if (match := pattern.match(text, at))]
    return max(ends) if ends else None


def label_kind(cell: str) -> tuple[str, str] | None:
    """A table heading's kind and the words after its label ("Ratified by governors on" ->
    ("ratified", "by governors on")), or None when the cell is not a record heading."""
    text = cell.strip().rstrip(":").strip()
    best: tuple[int, str] | None = None
    for pattern, kind, _ in _COMPILED:
        match = pattern.match(text)
        if match and (best is None or match.end() > best[0]):
            best = (match.end(), kind)
    if best is None or find_dates(text[best[0] :]):
        return None
    rest = text[best[0] :].strip(" :")
    return (best[1], rest) if len(rest.split()) <= 4 else None
