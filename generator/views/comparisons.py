"""Comparison pages: two versions of a policy, and a school's copy of a trust policy against the trust's text."""

from __future__ import annotations

from dataclasses import dataclass

from generator.history.compare import Comparison
from generator.sources.adoption import Collision, LocalChange
from generator.views.versions import VersionEntry


@dataclass(frozen=True)
class ComparisonPage:
    """A pre-built comparison of two versions; `new` is None for the text published now."""

    path: str
    old: VersionEntry
    new: VersionEntry | None
    comparison: Comparison

    @property
    def new_label(self) -> str:
        return self.new.name if self.new else "the text published now"


@dataclass(frozen=True)
class TrustComparison:
    """How a school's copy of a trust policy differs from the trust's text, for its governors."""

    path: str
    trust_name: str
    comparison: Comparison
    changes: list[LocalChange]
    collisions: list[Collision]

    def reason(self, clause_id: str) -> str | None:
        return next((c.reason for c in self.changes if c.clause_id == clause_id), None)

    def collision(self, clause_id: str) -> Collision | None:
        return next((c for c in self.collisions if c.clause_id == clause_id), None)
