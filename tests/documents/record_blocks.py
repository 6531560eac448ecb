"""A policy's approval record written the way schools write it: signature lines, a review table, a next review date.

Each seed gets one house style (date format, table layout, where the record stands), chosen
from its name so the same seed always gives the same document. Every block made here has
`where="record"`: the benchmark scores these as history events, not as sentences.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from generator.importer.document import Block, Paragraph, Span, Table
from generator.sources.dates import MONTHS, PolicyDate
from generator.sources.model.history import EVENT_LABELS, EventKind

RECORD = "record"


@dataclass(frozen=True)
class HouseStyle:
    """How one school writes its record."""

    day: str  # "dotted" 24.01.19, "long" 29 January 2025, "slashed" 29/01/2025, "ordinal" 29th January 2025
    table: str  # "versions" (a header row and a row a version) or "keyvalue" ("Date reviewed | ...")
    at_top: bool  # the record stands under the title rather than at the end


DAY_STYLES = ("dotted", "long", "slashed", "ordinal")


def house_style(name: str) -> HouseStyle:
    """The style for a seed, the same every run."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return HouseStyle(day=DAY_STYLES[digest[0] % 4], table=("versions", "keyvalue")[digest[1] % 2], at_top=digest[2] % 3 == 0)


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def written_date(value: Any, style: HouseStyle) -> str:
    """A date at its precision in the school's style: a month or year is always words ("June 2016")."""
    date = PolicyDate.parse(str(value))
    if date.day is None or date.month is None:
        return date.display()
    if style.day == "dotted":
        return f"{date.day:02d}.{date.month:02d}.{date.year % 100:02d}"
    if style.day == "slashed":
        return f"{date.day:02d}/{date.month:02d}/{date.year}"
    if style.day == "ordinal":
        return f"{_ordinal(date.day)} {MONTHS[date.month - 1]} {date.year}"
    return date.display()


def _line(*parts: tuple[str, bool]) -> Paragraph:
    return Paragraph(tuple(Span(text, bold) for text, bold in parts if text), where=RECORD)


def _label(event: dict[str, Any]) -> str:
    return EVENT_LABELS[EventKind(event["event"])]


def _signature_blocks(event: dict[str, Any], style: HouseStyle) -> list[Block]:
    date = written_date(event["date"], style)
    body = event.get("body")
    out: list[Block] = [_line((f"{_label(event)} by {body}: " if body else f"{_label(event)}: ", True), (date, False))]
    for signatory in event.get("signatories") or []:
        name, role = signatory.get("name"), signatory.get("role")
        out.append(_line(("Signed by: ", True), (f"{name}    " if name else "______________________    ", False), ("Date: ", True), (date, False)))
        if role:
            out.append(_line((role, False)))
    return out


def _versions_table(events: list[dict[str, Any]], style: HouseStyle) -> Table:
    rows = [("Version", "Date", "Action", "Approved by / author")]
    for event in events:
        who = event.get("body") or event.get("by") or ""
        rows.append((str(event.get("version") or ""), written_date(event["date"], style), _label(event), str(who)))
    return Table(tuple(rows), where=RECORD)


_KEY_NAMES = {"written": "Written by", "reviewed": "Reviewed by", "updated": "Updated by"}


def _keyvalue_table(events: list[dict[str, Any]], next_review: str | None, style: HouseStyle) -> Table:
    rows: list[tuple[str, str]] = []
    for event in events:
        kind, label = event["event"], _label(event)
        who = event.get("body") or event.get("by")
        if who:
            rows.append((_KEY_NAMES.get(kind, f"{label} by"), str(who)))
        rows.append((f"Date {label.lower()}" if kind != "written" else "Date written", written_date(event["date"], style)))
    if next_review:
        rows.append(("Next review date", next_review))
    return Table(tuple(rows), where=RECORD)


def record_blocks(data: dict[str, Any], style: HouseStyle) -> list[Block]:
    """The record of a policy's raw YAML data: every event but `corrected`, notes left out."""
    events = [e for e in data.get("history") or [] if isinstance(e, dict) and e.get("event") != "corrected"]
    signed = [e for e in events if e.get("signatories")]
    unsigned = [e for e in events if not e.get("signatories")]
    review = data.get("review") if isinstance(data.get("review"), dict) else {}
    next_review = written_date(review["next"], style) if review and review.get("next") else None
    out: list[Block] = []
    kinds = [e["event"] for e in unsigned]
    # A key/value table can say each kind once only: a record with two of a kind gets a row each.
    keyvalue = style.table == "keyvalue" and len(kinds) == len(set(kinds))
    if unsigned and keyvalue:
        out.append(_keyvalue_table(unsigned, next_review, style))
    elif unsigned:
        out.append(_versions_table(unsigned, style))
    for event in signed:
        out.extend(_signature_blocks(event, style))
    if next_review and not (unsigned and keyvalue):
        out.append(_line(("Next review date: ", True), (next_review, False)))
    return out
