"""A policy's ratification record: its events, their kinds, and how version numbers are written and compared."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

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


class Signatory(Strict):
    role: OneLineText = Field(description="e.g. 'Head teacher', 'Chair of Governors'.")
    name: OneLine | None = Field(None, description="Leave out when the name is not legible in the original: never guess.")


class ChangeNotes(Strict):
    """What changed in this version, written for each audience the change affects."""

    staff: str | None = None
    pupils: str | None = None
    parents: str | None = None
    governors: str | None = None


class Event(Strict):
    """One line of the ratification record."""

    event: EventKind = Field(description="written, updated, reviewed, adopted, approved, ratified, or corrected (a minor correction published without a new version).")
    date: Date
    version: str | None = Field(
        None,
        pattern=VERSION_PATTERN,
        max_length=VERSION_MAX,
        description='Version number this event concerns, e.g. "3" or "2.1"; required for ratified/approved/adopted.',
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

    @model_validator(mode="after")
    def _version_for_ratification(self) -> Event:
        if self.event in RATIFYING_EVENTS and not self.version:
            raise ValueError(f"a '{self.event.value}' event needs a version, e.g. version: \"1\"")
        return self


RATIFYING_EVENTS = {EventKind.ratified, EventKind.approved, EventKind.adopted}
