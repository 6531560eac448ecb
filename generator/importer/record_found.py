"""What reading a document's approval record finds: its events in the shape of the policy YAML's
`history:`, its `review:`, the blocks it used up and what a person should check."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FoundEvent:
    """One history event: `fields` are exactly the YAML keys of an Event (event, date at the source's
    precision, version, body, minute, by, signatories [{"name", "role"}], note), only those found."""

    fields: dict[str, object]
    source: str  # the words it was read from, for the review and a `# check:` comment
    checks: tuple[str, ...]  # what a person should check, each naming the words it was guessed from
    blocks: tuple[int, ...]  # indices of the blocks it came from


@dataclass(frozen=True)
class Records:
    """A document's record: events oldest first (stable for equal dates) and its next review."""

    events: tuple[FoundEvent, ...]
    review_next: str | None
    review_by: str | None
    review_every_months: int | None
    review_source: str | None
    used: frozenset[int]  # blocks wholly made of the record, so they are not made into clauses
    checks: tuple[str, ...]  # what could not be made an event or a date, with its words
