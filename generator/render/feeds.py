"""Atom 1.0 feeds (RFC 4287) and iCalendar files (RFC 5545) as text: pure functions, same input gives the same bytes.

Nothing here reads a clock, a file or the network: the caller passes every date, including the feed's
`updated` and the calendar's DTSTAMP, so a rebuild of unchanged sources gives byte-identical output.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

__all__ = ["Calendar", "CalendarEvent", "Feed", "FeedEntry", "atom_feed", "icalendar"]

GENERATOR = "policy-site"

# Characters XML 1.0 does not allow at all (even as character references): most C0 controls,
# surrogates and U+FFFE/U+FFFF. They are dropped rather than making the whole feed unreadable.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# RFC 5545 TEXT allows no control characters except HTAB (newlines are written as the escape \n).
_ICAL_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f]")

# An absolute URI starts with a scheme (RFC 3986 section 3.1); anything else is a relative reference.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")

FOLD_OCTETS = 75


# ---------------------------------------------------------------------------
# Atom


@dataclass(frozen=True)
class FeedEntry:
    id: str  # an absolute IRI, e.g. a tag: URI; the caller builds it
    title: str
    updated: dt.date
    link: str  # URL, may be relative to the feed's URL, e.g. "policies/social-media/history/"
    summary: str  # plain text


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    author: str
    link: str  # the site's home page, may be relative, e.g. "./"
    self_link: str  # the feed's own URL, may be relative, e.g. "changes.atom"
    updated: dt.date  # the newest entry's date, or a fixed date when there are no entries
    entries: list[FeedEntry] = field(default_factory=list)


def _xml_text(value: str) -> str:
    """Character data: & < > escaped; a CR kept as a reference so parsers do not turn it into LF."""
    value = _XML_INVALID.sub("", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _xml_attr(value: str) -> str:
    """An attribute value, always in double quotes; whitespace kept as references so it is not normalised."""
    value = _xml_text(value).replace('"', "&quot;")
    return '"' + value.replace("\t", "&#9;").replace("\n", "&#10;") + '"'


def _rfc3339(day: dt.date) -> str:
    """Midnight UTC of the day, e.g. 2026-11-21T00:00:00Z (a datetime passed in is cut to its date)."""
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}T00:00:00Z"


def atom_feed(feed: Feed) -> str:
    """The feed as an Atom 1.0 document: UTF-8 XML text ending in a newline, entries in the order given."""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <id>{_xml_text(feed.id)}</id>",
        f"  <title>{_xml_text(feed.title)}</title>",
        f"  <updated>{_rfc3339(feed.updated)}</updated>",
        "  <author>",
        f"    <name>{_xml_text(feed.author)}</name>",
        "  </author>",
        f'  <link href={_xml_attr(feed.link)} rel="alternate"/>',
        f'  <link rel="self" href={_xml_attr(feed.self_link)} type="application/atom+xml"/>',
        f"  <generator>{GENERATOR}</generator>",
    ]
    for entry in feed.entries:
        lines += [
            "  <entry>",
            f"    <id>{_xml_text(entry.id)}</id>",
            f"    <title>{_xml_text(entry.title)}</title>",
            f"    <updated>{_rfc3339(entry.updated)}</updated>",
            f'    <link rel="alternate" href={_xml_attr(entry.link)}/>',
            f'    <summary type="text">{_xml_text(entry.summary)}</summary>',
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# iCalendar


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    description: str  # plain text; commas, semicolons, newlines and non-ASCII are fine
    day: dt.date  # an all-day event on this day
    url: str | None = None  # absolute URLs become URL; a relative one is only added to DESCRIPTION
    alarm_days_before: int | None = None  # a reminder this many days before


@dataclass(frozen=True)
class Calendar:
    prodid: str  # e.g. "-//policy-site//Bledington School//EN"
    name: str  # X-WR-CALNAME, shown by calendar apps
    stamp: dt.date  # DTSTAMP of every event: the build date, so output is deterministic
    events: list[CalendarEvent] = field(default_factory=list)


def _ical_text(value: str) -> str:
    """A TEXT value escaped per RFC 5545 3.3.11: backslash, semicolon, comma, and any line break as \\n."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    return _ICAL_CONTROL.sub("", value)


def _ical_date(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _is_absolute_uri(url: str) -> bool:
    """True for a URI RFC 5545 can carry as a URL value: has a scheme, and no spaces or control characters."""
    return bool(_SCHEME.match(url)) and not any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url)


def _fold(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545 3.1): CRLF and one space, never inside a UTF-8 sequence."""
    out: list[str] = []
    current: list[str] = []
    size = 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > FOLD_OCTETS:
            out.append("".join(current))
            current, size = [" "], 1
        current.append(ch)
        size += width
    out.append("".join(current))
    return "\r\n".join(out) + "\r\n"


def _event_lines(event: CalendarEvent, stamp: str) -> list[str]:
    if event.alarm_days_before is not None and event.alarm_days_before < 0:
        raise ValueError(f"alarm_days_before must be 0 or more, not {event.alarm_days_before} (event {event.uid!r})")
    description = event.description
    url = event.url if event.url else None
    if url is not None and not _is_absolute_uri(url):
        description = f"{description}\n\n{url}" if description else url
        url = None
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_ical_text(event.uid)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_ical_date(event.day)}",
        f"DTEND;VALUE=DATE:{_ical_date(event.day + dt.timedelta(days=1))}",
        f"SUMMARY:{_ical_text(event.summary)}",
        f"DESCRIPTION:{_ical_text(description)}",
    ]
    if url is not None:
        lines.append(f"URL:{url}")
    lines.append("TRANSP:TRANSPARENT")
    if event.alarm_days_before is not None:
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{_ical_text(event.summary)}",
            f"TRIGGER:-P{int(event.alarm_days_before)}D",
            "END:VALARM",
        ]
    lines.append("END:VEVENT")
    return lines


def icalendar(cal: Calendar) -> str:
    """The calendar as iCalendar text: CRLF line endings, lines folded at 75 octets, events in the order given."""
    stamp = f"{_ical_date(cal.stamp)}T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{_ical_text(cal.prodid)}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_ical_text(cal.name)}",
    ]
    for event in cal.events:
        lines += _event_lines(event, stamp)
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) for line in lines)
