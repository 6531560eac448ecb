"""A policy's history read as versions: each ratifying event with its steps, corrections and archived text.

A version the school numbered is named by its number ("Version 3"); one it did not is named by
the event that made it ("Approved September 2021") and keyed by that event's date."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.sources.archive import ArchivedVersion, version_slug
from generator.sources.model.history import RATIFYING_EVENTS, Event, EventKind, event_key, version_name, version_title
from generator.sources.model.policy import Policy

# Noting or issuing a version leaves its text as it was, so a correction after them is still
# a correction of that version; an update or a reading is work towards a new one.
TEXT_UNCHANGED = {EventKind.noted, EventKind.issued}


@dataclass
class VersionEntry:
    """One version in a policy's history: its ratifying event and, if archived, its frozen text."""

    event: Event
    archived: ArchivedVersion | None
    steps: list[Event] = field(default_factory=list)
    corrections: list[Event] = field(default_factory=list)
    superseded_by: Event | None = None

    @property
    def version(self) -> str:
        """The school's number for this version, or "" when it gave none."""
        return self.event.version or ""

    @property
    def key(self) -> str:
        return event_key(self.event)

    @property
    def slug(self) -> str:
        return version_slug(self.key)

    @property
    def title(self) -> str:
        """As a heading: "Version 3", "Approved September 2021"."""
        return version_title(self.event)

    @property
    def name(self) -> str:
        """Inside a sentence: "version 3", "the version approved in September 2021"."""
        return version_name(self.event)

    @property
    def name_capitalised(self) -> str:
        return self.name[0].upper() + self.name[1:]

    @property
    def since(self) -> str:
        """What follows "since": "version 3 was ratified", "the version approved in September 2021"."""
        if self.event.version:
            return f"version {self.event.version} was {self.event.event.value}"
        return self.name

    @property
    def described(self) -> str:
        """Named with its event: "version 3 (ratified 29 January 2025)", "the version approved in September 2021"."""
        if self.event.version:
            return f"version {self.event.version} ({self.event.event.value} {self.event.date.display()})"
        return self.name

    @property
    def current(self) -> bool:
        return self.superseded_by is None


def version_entries(policy: Policy, archives: list[ArchivedVersion]) -> tuple[list[VersionEntry], list[Event]]:
    """The history read as versions: each ratifying event with the steps before it and the corrections after it.

    The second list holds what the record shows after the last ratifying event, or all of it
    when there is none; the source says nothing of a ratification to come, so pages show these
    as what they are ("since the current version", or simply the record), never as pending."""
    archived = {a.key: a for a in archives}
    entries: list[VersionEntry] = []
    pending: list[Event] = []
    for event in policy.history:
        if event.event in RATIFYING_EVENTS:
            if entries:
                entries[-1].superseded_by = event
            entries.append(VersionEntry(event, archived.get(event_key(event)), steps=pending))
            pending = []
        elif event.event == EventKind.corrected and entries and all(e.event in TEXT_UNCHANGED for e in pending):
            entries[-1].corrections.append(event)
        else:
            pending.append(event)
    return entries, pending
