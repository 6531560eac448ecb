"""The draft policy the importer builds, before it is written as YAML: the policy's shape plus every guess's reason."""

from __future__ import annotations

from dataclasses import dataclass, field

NOT_PLACED_ID = "not-placed"  # the section holding what the importer could not place
ONLY_SECTION_ID = "policy"  # the one section of a document without headings
RESERVED_IDS = frozenset({NOT_PLACED_ID, ONLY_SECTION_ID})


@dataclass
class DraftClause:
    """One rule or statement, with its number as the reader saw it and what it was made from."""

    id: str
    text: str
    number: str | None = None
    lead_in: str | None = None
    term: str | None = None
    items: list[str] = field(default_factory=list)
    strength: str = "info"
    audiences: list[str] = field(default_factory=list)
    see: list[str] = field(default_factory=list)
    # Field name ("strength", "audiences", "term", "text") -> why a person should check it.
    checks: dict[str, str] = field(default_factory=dict)
    came_from: list[int] = field(default_factory=list)  # indices of the document's blocks


@dataclass
class DraftSection:
    """A heading of the original and what stands under it."""

    id: str
    title: str
    number: str | None = None
    level: int = 1
    intro: list[str] = field(default_factory=list)  # Markdown paragraphs
    clauses: list[DraftClause] = field(default_factory=list)
    sections: list[DraftSection] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)  # whom its heading names: the default for its rules
    came_from: list[int] = field(default_factory=list)


@dataclass
class Draft:
    """A whole imported policy."""

    id: str
    title: str
    summary: str
    intro: list[str] = field(default_factory=list)
    sections: list[DraftSection] = field(default_factory=list)
    history: list[dict[str, object]] = field(default_factory=list)
    history_checks: list[list[str]] = field(default_factory=list)  # one list a history entry
    review: dict[str, str | int] = field(default_factory=dict)
    review_checks: list[str] = field(default_factory=list)
    not_placed: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)  # about the whole file
    title_from: list[int] = field(default_factory=list)
    title_check: str | None = None
    intro_from: list[int] = field(default_factory=list)
    not_placed_from: list[int] = field(default_factory=list)
    record_from: list[int] = field(default_factory=list)  # blocks the approval record was read from

    def all_sections(self) -> list[DraftSection]:
        """Every section, depth first."""
        found: list[DraftSection] = []

        def walk(sections: list[DraftSection]) -> None:
            for section in sections:
                found.append(section)
                walk(section.sections)

        walk(self.sections)
        return found

    def all_clauses(self) -> list[DraftClause]:
        return [clause for section in self.all_sections() for clause in section.clauses]
