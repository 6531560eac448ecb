"""The places a policy's full page can be linked to: its section, clause and procedure ids, read from its data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# The id the general SMART guide carries when a policy opts in to it without writing its own.
DEFAULT_SMART_ID = "be-smart-online"


@dataclass(frozen=True)
class Anchor:
    """One id on a policy's full page: what it is, and its number and title as the school wrote them."""

    kind: str  # "section", "clause", "procedure" or "guide"
    number: str | None = None
    title: str | None = None

    def label(self) -> str:
        """How a link to it is named after the policy's title, e.g. '4 Sanctions' or 'clause 4.2'
        ('' when the school gave it neither number nor title)."""
        if self.kind == "clause":
            return f"clause {self.number}" if self.number else ""
        return " ".join(part for part in (self.number, self.title) if part)


def _list(value: Any) -> list[Any]:
    """A list field's entries; any other shape is the model's error to report, not ours."""
    return value if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    return str(value) if isinstance(value, str | int | float) and not isinstance(value, bool) else None


def _sections(items: Any, found: dict[str, Anchor]) -> None:
    # Sections nest (a section may hold `sections:` of its own), so every depth is read.
    for section in _list(items):
        if not isinstance(section, dict):
            continue
        if isinstance(section.get("id"), str):
            found.setdefault(section["id"], Anchor("section", _text(section.get("number")), _text(section.get("title"))))
        for clause in _list(section.get("clauses")):
            if isinstance(clause, dict) and isinstance(clause.get("id"), str):
                found.setdefault(clause["id"], Anchor("clause", _text(clause.get("number"))))
        _sections(section.get("sections"), found)


def policy_anchors(data: Any) -> dict[str, Anchor]:
    """Every id a link may name in one policy (its raw YAML data or its model dumped to JSON)."""
    found: dict[str, Anchor] = {}
    if not isinstance(data, dict):
        return found
    _sections(data.get("sections"), found)
    for procedure in _list(data.get("procedures")):
        if isinstance(procedure, dict) and isinstance(procedure.get("id"), str):
            found.setdefault(procedure["id"], Anchor("procedure", None, _text(procedure.get("title"))))
    smart = data.get("smart")
    if isinstance(smart, dict):
        found.setdefault(str(smart.get("id", DEFAULT_SMART_ID)), Anchor("guide", _text(smart.get("number")), _text(smart.get("title"))))
    elif smart:
        found.setdefault(DEFAULT_SMART_ID, Anchor("guide"))
    return found
