"""What a school's copy of a trust policy records: its local changes, its collisions with trust edits, and clause fingerprints."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.sources.canonical import canonical_digest
from generator.sources.model.policy import Clause, Policy

FINGERPRINT_LENGTH = 12


def clause_fingerprint(clause: Clause) -> str:
    """Short, stable fingerprint of a trust clause's content: any change to it changes this."""
    return canonical_digest(clause.model_dump(mode="json", exclude_defaults=True))[:FINGERPRINT_LENGTH]


@dataclass(frozen=True)
class Collision:
    """The trust changed a clause after this school replaced or removed it."""

    clause_id: str
    action: str  # "replaced" or "removed"
    path: str
    line: int
    based_on: str
    now: str
    trust_clause: Clause
    school_clause: Clause | None

    def message(self, org_id: str, policy_id: str) -> str:
        keep = "its own wording is still used" if self.action == "replaced" else "the clause is still left out"
        return (
            f"{self.path}:{self.line}: {org_id}/{policy_id}: the trust has changed clause '{self.clause_id}' since this school {self.action} it; "
            f"{keep}. Read both wordings on the page 'How it differs from the trust's' (linked from the policy's governors' page), then either "
            f"write `based_on: \"{self.now}\"` to keep the school's change, or delete this entry to take the trust's wording"
        )


@dataclass(frozen=True)
class LocalChange:
    clause_id: str
    action: str  # "added", "replaced" or "removed"
    reason: str | None = None


@dataclass
class Adoption:
    """A school's copy of a trust policy: what it is based on and what the school changed."""

    trust_id: str
    trust_policy: Policy
    base: Policy  # the trust's policy with this school's values filled in, before local changes
    changes: list[LocalChange] = field(default_factory=list)
    collisions: list[Collision] = field(default_factory=list)
