"""A policy's history read as versions: each ratifying event with its steps, corrections and archived text."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.sources.archive import ArchivedVersion, version_slug
from generator.sources.model.history import RATIFYING_EVENTS, Event, EventKind
from generator.sources.model.policy import Policy


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
        return self.event.version or ""

    @property
    def slug(self) -> str:
        return version_slug(self.version)

    @property
    def current(self) -> bool:
        return self.superseded_by is None


def version_entries(policy: Policy, archives: list[ArchivedVersion]) -> tuple[list[VersionEntry], list[Event]]:
    """The history read as versions: each ratifying event with the steps before it and the corrections after it."""
    archived = {a.version: a for a in archives}
    entries: list[VersionEntry] = []
    pending: list[Event] = []
    for event in policy.history:
        if event.event in RATIFYING_EVENTS:
            if entries:
                entries[-1].superseded_by = event
            entries.append(VersionEntry(event, archived.get(event.version or ""), steps=pending))
            pending = []
        elif event.event == EventKind.corrected and entries and not pending:
            entries[-1].corrections.append(event)
        else:
            pending.append(event)
    return entries, pending
