"""Review status of a policy on a given build date ("today" is an input, never a clock read)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.sources.dates import PolicyDate
from generator.sources.model.history import RATIFYING_EVENTS, Event
from generator.sources.model.policy import Policy

DEFAULT_WINDOW_DAYS = 60

LABELS = {
    "overdue": "Overdue for review",
    "due-soon": "Due for review soon",
    "in-date": "In date",
    "draft": "Draft",
    "no-date": "No review date set",
    "approval-not-recorded": "In use; approval not recorded",
}
# A policy in use whose approval the record does not show asks the governors to act (find the
# approval or approve it), so it ranks just after an overdue review and before a missing date.
URGENCY = ["overdue", "approval-not-recorded", "no-date", "due-soon", "draft", "in-date"]


@dataclass(frozen=True)
class ReviewStatus:
    kind: str
    next_review: PolicyDate | None
    current: Event | None

    @property
    def label(self) -> str:
        return LABELS[self.kind]

    @property
    def urgency(self) -> int:
        return URGENCY.index(self.kind)


def ratifications(policy: Policy) -> list[Event]:
    """The events that made a version (ratified, approved, adopted), oldest first."""
    return [event for event in policy.history if event.event in RATIFYING_EVENTS]


def current_ratification(policy: Policy) -> Event | None:
    ratified = ratifications(policy)
    return ratified[-1] if ratified else None


def next_review(policy: Policy) -> PolicyDate | None:
    if policy.review.next:
        return policy.review.next
    current = current_ratification(policy)
    if current and policy.review.every_months:
        return current.date.add_months(policy.review.every_months)
    return None


def review_status(policy: Policy, today: dt.date, window_days: int = DEFAULT_WINDOW_DAYS) -> ReviewStatus:
    current = current_ratification(policy)
    due = next_review(policy)
    if policy.draft:
        kind = "draft"
    elif due is not None and due.last_day() < today:
        kind = "overdue"
    elif current is None:
        # Not a draft, so in use, but with no ratification, approval or adoption recorded.
        kind = "approval-not-recorded"
    elif due is None:
        kind = "no-date"
    elif due.last_day() < today:
        kind = "overdue"
    elif (due.last_day() - today).days <= window_days:
        kind = "due-soon"
    else:
        kind = "in-date"
    return ReviewStatus(kind, due, current)
