"""An overlay's clause entries (remove, replace, add) applied to its trust's sections, each checked against the trust's locks."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import ValidationError

from generator.sources.adoption import Collision, LocalChange, clause_fingerprint
from generator.sources.checks import unread_plain_version
from generator.sources.errors import SourceError, display_path
from generator.sources.model.common import Audience
from generator.sources.model.overlay import Overlay
from generator.sources.model.policy import Clause, Policy, Section
from generator.sources.parties import Reads, clause_pages
from generator.sources.topics import builtin_topic_ids
from generator.sources.yaml_document import YamlDocument


def _open_clauses(trust: Policy) -> list[str]:
    return [c.id for trail, c in trust.placed_clauses() if c.open_to_local or trail[-1].open_to_local]


def _section_locs(sections: list[Section], loc: tuple[str | int, ...] = ()) -> dict[str, tuple[tuple[str | int, ...], Section]]:
    """Every section by id, with where its block is in the policy's data (sections nest)."""
    found: dict[str, tuple[tuple[str | int, ...], Section]] = {}
    for s, section in enumerate(sections):
        here = (*loc, "sections", s)
        found[section.id] = (here, section)
        found.update(_section_locs(section.sections, here))
    return found


class ClauseMerge:
    """One overlay applied to one trust policy, collecting errors with the overlay's lines."""

    def __init__(self, trust: Policy, overlay: Overlay, doc: YamlDocument, errors: list[SourceError], reads: Reads) -> None:
        self.trust = trust
        self.overlay = overlay
        self.doc = doc
        self.errors = errors
        self.reads = reads
        self.data: dict[str, Any] = trust.model_dump(mode="json", exclude_defaults=True)
        self.sections = _section_locs(trust.sections)
        # Clause id -> (id of its section, position in it; -1 for one this overlay added).
        self.clauses: dict[str, tuple[str, int]] = {}
        for section_id, (_, section) in self.sections.items():
            for c, clause in enumerate(section.clauses):
                self.clauses[clause.id] = (section_id, c)
        self.changes: list[LocalChange] = []
        self.collisions: list[Collision] = []
        self.touched: dict[str, int] = {}

    def section_data(self, section_id: str) -> dict[str, Any]:
        """The block of a section in the merged data, at any depth."""
        block: Any = self.data
        for key in self.sections[section_id][0]:
            block = block[key]
        result: dict[str, Any] = block
        return result

    def error(self, loc: tuple[str | int, ...], message: str) -> None:
        self.errors.append(self.doc.error(loc, message))

    def _unknown_clause(self, loc: tuple[str | int, ...], clause_id: str) -> None:
        allowed = _open_clauses(self.trust)
        close = difflib.get_close_matches(clause_id, list(self.clauses), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        listed = ", ".join(allowed) if allowed else "none: the trust has not opened any clause to local change"
        self.error(loc, f"the trust's {self.trust.title} has no clause '{clause_id}'; {hint}clauses a school may change: {listed}")

    def _trust_clause(self, loc: tuple[str | int, ...], clause_id: str, action: str) -> Clause | None:
        """The trust clause an entry changes, if it exists, is open and is changed only once."""
        if clause_id not in self.clauses:
            self._unknown_clause(loc, clause_id)
            return None
        section_id, c = self.clauses[clause_id]
        section = self.sections[section_id][1]
        clause = section.clauses[c]
        if not (clause.open_to_local or section.open_to_local):
            self.error(
                loc,
                f"clause '{clause_id}' (in \"{section.title}\") is locked by the trust: a school may not {action} it. "
                "Ask the trust to mark it `open_to_local: true`, or delete this entry",
            )
            return None
        if clause_id in self.touched:
            self.error(loc, f"clause '{clause_id}' is already changed at line {self.touched[clause_id]}; change each clause once")
            return None
        self.touched[clause_id] = self.doc.line_of(loc)
        return clause

    def _check_based_on(self, loc: tuple[str | int, ...], clause: Clause, based_on: str | None, action: str, school: Clause | None) -> None:
        now = clause_fingerprint(clause)
        if not based_on:
            self.error(
                loc,
                f"say which trust wording of '{clause.id}' this school {action}: add `based_on: \"{now}\"` (the trust's current wording), "
                "so the build can tell you when the trust changes it",
            )
        elif based_on != now:
            self.collisions.append(Collision(clause.id, action, display_path(self.doc.path), self.doc.line_of((*loc, "based_on")), based_on, now, clause, school))

    def _check_plain(self, loc: tuple[str | int, ...], clause: Clause, written: set[str] | None = None) -> None:
        """`written`: the plain versions this overlay wrote (all of them when None). A trust's
        plain version for an audience the school took off the clause is simply not shown."""
        pages = clause_pages(clause, self.reads)
        for audience in (Audience.pupils, Audience.parents):
            if audience in pages and not getattr(clause.plain, audience.value):
                self.error(loc, f"clause '{clause.id}' concerns {audience.value} but has no plain-language version; add `plain:` with `{audience.value}: ...`")
        for audience in Audience:
            if written is not None and audience.value not in written:
                continue
            if getattr(clause.plain, audience.value) and audience not in pages:
                self.error(loc, unread_plain_version(clause.id, audience.value))

    def remove(self) -> set[str]:
        removed = set()
        for i, entry in enumerate(self.overlay.remove):
            loc = ("remove", i, "clause")
            clause = self._trust_clause(loc, entry.clause, "remove")
            if clause is None:
                continue
            self._check_based_on(("remove", i), clause, entry.based_on, "removed", None)
            removed.add(entry.clause)
            self.changes.append(LocalChange(entry.clause, "removed", entry.reason))
        return removed

    def replace(self) -> None:
        for i, entry in enumerate(self.overlay.replace):
            loc = ("replace", i, "clause")
            clause = self._trust_clause(loc, entry.clause, "replace")
            if clause is None:
                continue
            section_id, c = self.clauses[entry.clause]
            trust_data = self.section_data(section_id)["clauses"][c]
            changed = entry.with_.model_dump(mode="json", exclude_unset=True)
            written = {audience for audience, words in (changed.get("plain") or {}).items() if words}
            # A plain version given for one audience keeps the trust's for the others.
            if "plain" in changed:
                kept = dict(trust_data.get("plain", {}))
                if "pupils" in changed["plain"]:
                    # The trust's younger pupils' words say the trust's rule: the school's new words replace both.
                    kept.pop("pupils_younger", None)
                changed["plain"] = {**kept, **changed["plain"]}
            merged = {**trust_data, **changed}
            try:
                school = Clause.model_validate(merged)
            except ValidationError as exc:
                self.error(("replace", i, "with"), f"the changed clause is not valid: {exc.errors()[0]['msg']}")
                continue
            self._check_plain(("replace", i, "with"), school, written)
            self.section_data(section_id)["clauses"][c] = merged
            self._check_based_on(("replace", i), clause, entry.based_on, "replaced", school)
            self.changes.append(LocalChange(entry.clause, "replaced"))

    def add(self) -> None:
        sections = self.sections
        topics = builtin_topic_ids() | {t.id for t in self.trust.topics}
        for i, entry in enumerate(self.overlay.add):
            if entry.section not in sections:
                close = difflib.get_close_matches(entry.section, list(sections), n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                open_ids = [x.id for _, x in self.sections.values() if x.open_to_local]
                self.error(
                    ("add", i, "section"),
                    f"the trust's {self.trust.title} has no section '{entry.section}'; {hint}sections open to local clauses: {', '.join(open_ids) or 'none'}",
                )
                continue
            target = sections[entry.section][1]
            if not target.open_to_local:
                self.error(
                    ("add", i, "section"),
                    f"section '{entry.section}' (\"{target.title}\") is locked by the trust: a school may not add clauses to it. "
                    "Ask the trust to mark the section `open_to_local: true`, or add the clause to an open section",
                )
                continue
            new = entry.clause
            if new.id in self.clauses:
                self.error(("add", i, "clause", "id"), f"the trust's policy already has a clause '{new.id}'; give this school's clause another id, e.g. {new.id}-local")
                continue
            if new.topic not in topics:
                self.error(("add", i, "clause", "topic"), f"unknown topic '{new.topic}'; use a built-in topic (see the authoring guide) or one the trust's policy lists")
            self._check_plain(("add", i, "clause"), new)
            clauses = self.section_data(entry.section).setdefault("clauses", [])
            position = len(clauses)
            if entry.after:
                ids = [c["id"] for c in clauses]
                if entry.after not in ids:
                    self.error(("add", i, "after"), f"section '{entry.section}' has no clause '{entry.after}' to put this after; use one of: {', '.join(ids)}")
                    continue
                position = ids.index(entry.after) + 1
            clauses.insert(position, new.model_dump(mode="json", exclude_defaults=True))
            self.clauses[new.id] = (entry.section, -1)
            self.changes.append(LocalChange(new.id, "added"))
