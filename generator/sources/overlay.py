"""Merge a trust's policy with one school's overlay, on every build.

The trust's text stays the trust's and the school's changes stay data, so a trust edit
reaches every school at the next build with each school's own changes still applied. Each
replaced or removed clause records the fingerprint of the trust wording it was written
against (`based_on`): when the trust has reworded that clause since, the school's text is
kept and the build says so (a collision), rather than either side being dropped unseen.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from generator.sources.errors import SourceError, display_path
from generator.sources.model import Audience, Clause, Overlay, Policy
from generator.sources.placeholders import PLACEHOLDER, Placeholders
from generator.sources.topics import builtin_topic_ids
from generator.sources.yaml_source import YamlDocument

FINGERPRINT_LENGTH = 12


def clause_fingerprint(clause: Clause) -> str:
    """Short, stable fingerprint of a trust clause's content: any change to it changes this."""
    data = clause.model_dump(mode="json", exclude_defaults=True)
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


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


def _open_clauses(trust: Policy) -> list[str]:
    return [c.id for s in trust.sections for c in s.clauses if c.open_to_local or s.open_to_local]


def _fill_values(data: Any, values: dict[str, str]) -> Any:
    if isinstance(data, str):
        return PLACEHOLDER.sub(lambda m: values.get(f"{m.group(1)}.{m.group(2) or ''}", m.group(0)), data)
    if isinstance(data, list):
        return [_fill_values(v, values) for v in data]
    if isinstance(data, dict):
        return {k: _fill_values(v, values) for k, v in data.items()}
    return data


def _strings(data: Any, where: str = "") -> list[tuple[str, str]]:
    """Every string in the data with the clause (or part) it belongs to, for error messages."""
    if isinstance(data, str):
        return [(where, data)]
    if isinstance(data, list):
        return [found for v in data for found in _strings(v, where)]
    if isinstance(data, dict):
        here = f"clause '{data['id']}'" if "text" in data and "strength" in data and "id" in data else where
        return [found for k, v in data.items() if k not in ("history",) for found in _strings(v, here or k)]
    return []


def _degrade_links(data: Any, site_policies: set[str], titles: dict[str, str]) -> Any:
    """A trust clause may link to a trust policy this school does not adopt: name it instead."""
    if isinstance(data, list):
        return [_degrade_links(v, site_policies, titles) for v in data]
    if isinstance(data, dict):
        if set(data) <= {"id", "name", "url"} and isinstance(data.get("id"), str) and data["id"] not in site_policies:
            return {"name": data.get("name") or titles.get(data["id"], data["id"]), **({"url": data["url"]} if data.get("url") else {})}
        return {k: _degrade_links(v, site_policies, titles) for k, v in data.items()}
    return data


class _Merge:
    """One overlay applied to one trust policy, collecting errors with the overlay's lines."""

    def __init__(self, trust: Policy, overlay: Overlay, doc: YamlDocument, errors: list[SourceError]) -> None:
        self.trust = trust
        self.overlay = overlay
        self.doc = doc
        self.errors = errors
        self.data: dict[str, Any] = trust.model_dump(mode="json", exclude_defaults=True)
        self.clauses: dict[str, tuple[int, int]] = {}
        for s, section in enumerate(trust.sections):
            for c, clause in enumerate(section.clauses):
                self.clauses[clause.id] = (s, c)
        self.changes: list[LocalChange] = []
        self.collisions: list[Collision] = []
        self.touched: dict[str, int] = {}

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
        s, c = self.clauses[clause_id]
        section = self.trust.sections[s]
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

    def _check_plain(self, loc: tuple[str | int, ...], clause: Clause) -> None:
        for audience in (Audience.pupils, Audience.parents):
            if audience in clause.audiences and not getattr(clause.plain, audience.value):
                self.error(loc, f"clause '{clause.id}' concerns {audience.value} but has no plain-language version; add `plain:` with `{audience.value}: ...`")

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
            s, c = self.clauses[entry.clause]
            trust_data = self.data["sections"][s]["clauses"][c]
            changed = entry.with_.model_dump(mode="json", exclude_unset=True)
            # A plain version given for one audience keeps the trust's for the others.
            if "plain" in changed:
                changed["plain"] = {**trust_data.get("plain", {}), **changed["plain"]}
            merged = {**trust_data, **changed}
            try:
                school = Clause.model_validate(merged)
            except ValidationError as exc:
                self.error(("replace", i, "with"), f"the changed clause is not valid: {exc.errors()[0]['msg']}")
                continue
            self._check_plain(("replace", i, "with"), school)
            self.data["sections"][s]["clauses"][c] = merged
            self._check_based_on(("replace", i), clause, entry.based_on, "replaced", school)
            self.changes.append(LocalChange(entry.clause, "replaced"))

    def add(self) -> None:
        sections = {section.id: s for s, section in enumerate(self.trust.sections)}
        topics = builtin_topic_ids() | {t.id for t in self.trust.topics}
        for i, entry in enumerate(self.overlay.add):
            if entry.section not in sections:
                close = difflib.get_close_matches(entry.section, list(sections), n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                open_ids = [x.id for x in self.trust.sections if x.open_to_local]
                self.error(
                    ("add", i, "section"),
                    f"the trust's {self.trust.title} has no section '{entry.section}'; {hint}sections open to local clauses: {', '.join(open_ids) or 'none'}",
                )
                continue
            s = sections[entry.section]
            if not self.trust.sections[s].open_to_local:
                self.error(
                    ("add", i, "section"),
                    f"section '{entry.section}' (\"{self.trust.sections[s].title}\") is locked by the trust: a school may not add clauses to it. "
                    "Ask the trust to mark the section `open_to_local: true`, or add the clause to an open section",
                )
                continue
            new = entry.clause
            if new.id in self.clauses:
                self.error(("add", i, "clause", "id"), f"the trust's policy already has a clause '{new.id}'; give this school's clause another id, e.g. {new.id}-local")
                continue
            if new.topic not in topics:
                self.error(("add", i, "clause", "topic"), f"unknown topic '{new.topic}'; use a built-in topic (see the authoring guide) or one the trust's policy lists")
            for audience in (Audience.pupils, Audience.parents):
                if audience in new.audiences and not getattr(new.plain, audience.value):
                    self.error(
                        ("add", i, "clause"), f"clause '{new.id}' concerns {audience.value} but has no plain-language version; add `plain:` with `{audience.value}: ...`"
                    )
            clauses = self.data["sections"][s].setdefault("clauses", [])
            position = len(clauses)
            if entry.after:
                ids = [c["id"] for c in clauses]
                if entry.after not in ids:
                    self.error(("add", i, "after"), f"section '{entry.section}' has no clause '{entry.after}' to put this after; use one of: {', '.join(ids)}")
                    continue
                position = ids.index(entry.after) + 1
            clauses.insert(position, new.model_dump(mode="json", exclude_defaults=True))
            self.clauses[new.id] = (s, -1)
            self.changes.append(LocalChange(new.id, "added"))


def _check_values(overlay: Overlay, doc: YamlDocument, errors: list[SourceError]) -> None:
    for name in overlay.values:
        if not PLACEHOLDER.fullmatch("{{ " + name + " }}") or "." not in name:
            errors.append(doc.error(("values", name), f"'{name}' is not a placeholder name; write it as in the text without braces, e.g. role.dsl or school.phone"))


def merge(
    trust: Policy,
    overlay: Overlay,
    doc: YamlDocument,
    fill: Placeholders,
    site_policies: set[str],
    titles: dict[str, str],
    trust_id: str,
    errors: list[SourceError],
) -> tuple[Policy, Adoption] | None:
    """The school's policy: the trust's, with the overlay's values, additions, replacements and removals."""
    before = len(errors)
    _check_values(overlay, doc, errors)
    work = _Merge(trust, overlay, doc, errors)
    removed = work.remove()
    work.replace()
    work.add()
    data = work.data
    for section in data["sections"]:
        section["clauses"] = [c for c in section.get("clauses", []) if c["id"] not in removed]
    for procedure in data.get("procedures", []):
        # A step keeps its words when the clause it came from is removed, but not its link.
        for step in procedure.get("steps", []):
            if step.get("clause") in removed:
                step.pop("clause")
    if overlay.school_accounts is not None:
        data["school_accounts"] = [a.model_dump(mode="json", exclude_defaults=True) for a in overlay.school_accounts]
    if overlay.history is not None:
        data["history"] = [e.model_dump(mode="json", exclude_defaults=True) for e in overlay.history]
    if overlay.review is not None:
        data["review"] = overlay.review.model_dump(mode="json", exclude_defaults=True)
    data = _degrade_links(_fill_values(data, dict(overlay.values)), site_policies, titles)
    base_data = _degrade_links(_fill_values(trust.model_dump(mode="json", exclude_defaults=True), dict(overlay.values)), site_policies, titles)
    # A value the trust's text needs that this school has not given: say where to give it.
    missing: dict[str, str] = {}
    for where, text in _strings(data):
        for unknown in fill.unknown(text):
            missing.setdefault(unknown, where)
    for placeholder, where in missing.items():
        name = PLACEHOLDER.fullmatch(placeholder)
        assert name is not None
        key = f"{name.group(1)}.{name.group(2) or ''}"
        advice = (
            f"add a person with `role: {name.group(2)}` to organisation.yml"
            if name.group(1) == "role"
            else f"add the group `{name.group(2)}` to organisation.yml"
            if name.group(1) == "group"
            else "add it under `contact:` in organisation.yml"
            if name.group(1) == "school"
            else "fix the trust's text"
        )
        errors.append(
            doc.error(
                ("values",), f"the policy's text ({where}) needs {placeholder}, which this school has not filled in: {advice}, or write `{key}: ...` under `values:` here"
            )
        )
    if len(errors) > before:
        return None
    try:
        policy = Policy.model_validate(data)
        base = Policy.model_validate(base_data)
    except ValidationError as exc:
        errors.append(doc.error((), f"the merged policy is not valid ({exc.errors()[0]['msg']}); check the clauses this overlay changes"))
        return None
    return policy, Adoption(trust_id, trust, base, work.changes, work.collisions)
