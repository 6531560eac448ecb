"""A policy's ratification record: its events, their kinds, and how version numbers are written and compared.

A version is known by its number when the record gives one, otherwise by the date of the event
that made it (see `event_key`): the record carries what the source says and no more."""

from __future__ import annotations

from enum import StrEnum

from pydantic import ConfigDict, Field, model_validator

from generator.sources.model.common import Date, OneLine, OneLineText, Strict

# Versions name archive files and URLs, so they stay short and plain: 3, 2.1, 2025a.
VERSION_PATTERN = r"^[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*$"
VERSION_MAX = 20


def version_key(version: str) -> str:
    """The form two version numbers are compared in, so look-alikes count as the same version:
    case is ignored ("3a" and "3A"), leading zeros too ("03" and "3"), and so are trailing
    ".0" parts ("3.0" and "3")."""
    parts = [part.lstrip("0") or "0" if part.isdigit() else part.lower() for part in version.strip().split(".")]
    while len(parts) > 1 and parts[-1] == "0":
        parts.pop()
    return ".".join(parts)


class EventKind(StrEnum):
    written = "written"
    updated = "updated"
    reviewed = "reviewed"
    adopted = "adopted"
    approved = "approved"
    ratified = "ratified"
    corrected = "corrected"
    first_reading = "first-reading"
    second_reading = "second-reading"
    noted = "noted"
    issued = "issued"


# How each kind reads on a page, at the start of a line or a table cell.
EVENT_LABELS = {
    EventKind.written: "Written",
    EventKind.updated: "Updated",
    EventKind.reviewed: "Reviewed",
    EventKind.adopted: "Adopted",
    EventKind.approved: "Approved",
    EventKind.ratified: "Ratified",
    EventKind.corrected: "Corrected",
    EventKind.first_reading: "First reading",
    EventKind.second_reading: "Second reading",
    EventKind.noted: "Noted",
    EventKind.issued: "Issued",
}


class Signatory(Strict):
    """Who signed, as the source gives them: a name, a role, or both (never a guessed one)."""

    # Editors that read the schema flag a signatory with neither, as the build does.
    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra={"anyOf": [{"required": ["name"]}, {"required": ["role"]}]})

    role: OneLineText | None = Field(None, description="e.g. 'Head teacher', 'Chair of Governors'. Leave out when the source gives none.")
    name: OneLine | None = Field(None, description="Leave out when the name is not legible in the original: never guess.")

    @model_validator(mode="after")
    def _name_or_role(self) -> Signatory:
        if not self.role and not self.name:
            raise ValueError("a signatory needs a name or a role (or both), as the source gives them, e.g. role: Chair of Governors")
        return self


class ChangeNotes(Strict):
    """What changed in this version, written for each audience the change affects."""

    staff: str | None = None
    pupils: str | None = None
    parents: str | None = None
    governors: str | None = None


class Event(Strict):
    """One line of the ratification record."""

    event: EventKind = Field(
        description="written, updated, reviewed, first-reading, second-reading, noted, issued, adopted, approved, ratified, "
        "or corrected (a minor correction published without a new version)."
    )
    date: Date
    version: str | None = Field(
        None,
        pattern=VERSION_PATTERN,
        max_length=VERSION_MAX,
        description='The version number the school gave, e.g. "3" or "2.1". Leave out when the source gives none: the version is then known by its date.',
    )
    body: OneLine | None = Field(None, description="Who ratified or approved, e.g. 'Full Governing Body'.")
    minute: OneLine | None = Field(None, description="Minute reference of the meeting.")
    by: OneLine | None = Field(None, description="Who wrote or reviewed it (for written/reviewed/updated).")
    signatories: list[Signatory] = Field(default_factory=list)
    note: OneLine | None = None
    changes: ChangeNotes | None = None
    fingerprint: str | None = Field(None, description="Written by `policy-site correct`: the fingerprint of the corrected text. Do not edit.")
    archive: str | None = Field(
        None,
        description="Written by `policy-site ratify` and `freeze`: the fingerprint of this version's archived text, shown on its version page. Do not edit.",
    )

    @property
    def label(self) -> str:
        """The kind as a page shows it: "Approved", "First reading"."""
        return EVENT_LABELS[self.event]


RATIFYING_EVENTS = {EventKind.ratified, EventKind.approved, EventKind.adopted}


def event_key(event: Event) -> str:
    """What names a version's archive file and page: its number, or the event's date when the
    school gave none ("2021-09"). A date has a hyphen unless it is a year alone, and a
    number never has one, so the two kinds of key cannot collide but for a bare year."""
    return event.version or event.date.iso()


def version_title(event: Event) -> str:
    """A version as a heading names it: "Version 3", or "Approved September 2021"."""
    return f"Version {event.version}" if event.version else f"{event.label} {event.date.display()}"


def version_name(event: Event) -> str:
    """A version named inside a sentence: "version 3", or "the version approved in September 2021"."""
    return f"version {event.version}" if event.version else f"the version {event.event.value} {event.date.when()}"
