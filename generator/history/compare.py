"""Compare two versions of a policy clause by clause, keyed on the clauses' permanent ids.

Line diffs of YAML would report a renumbered or moved clause as deleted and re-added; keying
on ids says what a reader needs: this rule is new, this one went, this one was reworded (with
the changed words marked), this one moved to another section.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from markupsafe import Markup

from generator.sources.archive import NOT_CONTENT
from generator.sources.inert_text import escape_plain
from generator.sources.model.common import Audience
from generator.sources.model.policy import Clause, Policy

# A word with the space after it: changes are marked word by word, never inside a word.
_TOKEN = re.compile(r"\S+\s*")
KIND_ORDER = ["added", "removed", "reworded", "changed", "moved"]
# Parts of a policy that are not clauses: reported by name when they differ.
OTHER_PARTS = {
    "title": "the title",
    "summary": "the summary",
    "for_pupils": "the pupils' title and summary",
    "intro": "the introduction",
    "smart": "the SMART guide",
    "procedures": "the step-by-step procedures",
    "statutory_references": "the laws and statutory guidance",
    "related_policies": "the related policies",
    "school_accounts": "the school's accounts",
    "closing": "the closing notes",
}


@dataclass(frozen=True)
class Placed:
    """A clause with the section it sits in."""

    clause: Clause
    section_id: str
    section_title: str
    section_number: str | None


@dataclass(frozen=True)
class Change:
    """What happened to one clause, as seen by one audience (or by everyone when audience is None)."""

    id: str
    kinds: tuple[str, ...]
    old: Placed | None
    new: Placed | None
    words: Markup | None = None
    plain: Markup | None = None
    note: str | None = None

    @property
    def kind(self) -> str:
        return self.kinds[0]

    @property
    def shown(self) -> Placed:
        placed = self.new or self.old
        assert placed is not None
        return placed


@dataclass
class Comparison:
    changes: list[Change]
    by_audience: dict[Audience, list[Change]]
    other_parts: list[str] = field(default_factory=list)
    identical: bool = False

    def counts(self) -> dict[str, int]:
        return {kind: sum(1 for c in self.changes if kind in c.kinds) for kind in KIND_ORDER}

    def grouped(self, audience: Audience) -> list[tuple[str, list[Change]]]:
        changes = self.by_audience.get(audience, [])
        return [(kind, [c for c in changes if c.kind == kind]) for kind in KIND_ORDER if any(c.kind == kind for c in changes)]

    @property
    def empty(self) -> bool:
        return self.identical

    @property
    def changes_meaning(self) -> bool:
        """Clauses added, removed, or with a new strength or audience: never a minor correction."""
        counts = self.counts()
        return bool(counts["added"] or counts["removed"] or counts["changed"])


def _placed(policy: Policy) -> dict[str, Placed]:
    return {c.id: Placed(c, trail[-1].id, trail[-1].title, trail[-1].number) for trail, c in policy.placed_clauses()}


def clause_wording(clause: Clause) -> str:
    """Everything a reader sees as the clause's words, whitespace-normalised."""
    parts = [f"{clause.term}:" if clause.term else "", clause.text]
    parts += [f"• {item}" for item in clause.items]
    if clause.consequence:
        parts.append(f"If this rule is broken: {clause.consequence}")
    # Bold marks would show as typed (the diff is plain text); a change of emphasis alone is not a rewording.
    return " ".join(" ".join(parts).replace("**", "").replace("__", "").split())


def school_words(policy: Policy) -> list[str]:
    """The school's words in reading order (title, introduction, headings, section text, each
    clause's lead-in and words), without our own encoding around them: ids, numbers, strengths,
    whom a rule binds, topics, summaries and plain versions. Two policies with the same list
    carry the same text, however it is cut into clauses."""
    parts = [policy.title, policy.intro or ""]
    for _, section in policy.all_sections():
        parts += [section.title, section.intro or ""]
        for clause in section.clauses:
            parts += [clause.lead_in or "", clause_wording(clause)]
        parts.append(section.closing or "")
    parts += [policy.consequence or "", policy.closing or ""]
    return " ".join(parts).replace("**", "").replace("__", "").split()


def word_diff(old: str, new: str) -> Markup:
    """The new wording with removed words struck through and added words marked, both named for screen readers."""
    a, b = _TOKEN.findall(old.strip()), _TOKEN.findall(new.strip())
    out: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(escape_plain("".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            removed = "".join(a[i1:i2])
            out.append(f'<del><span class="ps-sr">removed: </span>{escape_plain(removed.rstrip())}</del>')
            out.append(" " if tag == "replace" else removed[len(removed.rstrip()) :])
        if tag in ("insert", "replace"):
            added = "".join(b[j1:j2])
            out.append(f'<ins><span class="ps-sr">added: </span>{escape_plain(added.rstrip())}</ins>{added[len(added.rstrip()) :]}')
    return Markup("".join(out))


def _reader_wording(clause: Clause) -> tuple[str, ...]:
    """What readers see besides the formal words: the plain versions and the staff summary line."""
    plain = clause.plain
    return (clause.summary or "", plain.pupils or "", plain.pupils_younger or "", plain.parents or "", plain.staff or "", plain.governors or "")


def _kinds(old: Placed, new: Placed, reworded: bool, changed: bool) -> list[str]:
    kinds = ["reworded"] if reworded else []
    if changed:
        kinds.append("changed")
    if old.section_id != new.section_id:
        kinds.append("moved")
    return kinds


def _plain(placed: Placed, audience: Audience) -> str:
    return " ".join((getattr(placed.clause.plain, audience.value) or "").split())


def _for_audience(cid: str, old: Placed | None, new: Placed | None, audience: Audience, words: Markup | None) -> Change | None:
    """The change as one audience sees it: only their words, and their membership, count."""
    had = old is not None and _reaches(old.clause, audience)
    has = new is not None and _reaches(new.clause, audience)
    if not had and not has:
        return None
    if has and not had:
        note = "Now also for this audience." if old is not None else None
        return Change(cid, ("added",), old, new, note=note)
    if had and not has:
        note = "No longer for this audience; the clause is still in the policy." if new is not None else None
        return Change(cid, ("removed",), old, new, note=note)
    assert old is not None and new is not None
    plain_old, plain_new = _plain(old, audience), _plain(new, audience)
    summary_changed = audience == Audience.staff and old.clause.summary != new.clause.summary
    reworded = words is not None or plain_old != plain_new or summary_changed
    # This audience is in both versions, so only a new strength is a change for them.
    kinds = _kinds(old, new, reworded, old.clause.strength != new.clause.strength)
    if not kinds:
        return None
    plain = word_diff(plain_old, plain_new) if plain_old != plain_new else None
    return Change(cid, tuple(kinds), old, new, words, plain)


def compare(old_policy: Policy, new_policy: Policy) -> Comparison:
    """Clause-level differences from old_policy to new_policy, overall and per audience."""
    old, new = _placed(old_policy), _placed(new_policy)
    # New order first, then removed clauses in their old order.
    ids = list(new) + [cid for cid in old if cid not in new]
    changes: list[Change] = []
    by_audience: dict[Audience, list[Change]] = {a: [] for a in Audience}
    for cid in ids:
        before, after = old.get(cid), new.get(cid)
        words = None
        if before is None:
            changes.append(Change(cid, ("added",), None, after))
        elif after is None:
            changes.append(Change(cid, ("removed",), before, None))
        else:
            old_words, new_words = clause_wording(before.clause), clause_wording(after.clause)
            words = word_diff(old_words, new_words) if old_words != new_words else None
            reworded = words is not None or _reader_wording(before.clause) != _reader_wording(after.clause)
            old_c, new_c = before.clause, after.clause
            changed = (old_c.strength, set(old_c.audiences), set(old_c.informs)) != (new_c.strength, set(new_c.audiences), set(new_c.informs))
            kinds = _kinds(before, after, reworded, changed)
            if kinds:
                changes.append(Change(cid, tuple(kinds), before, after, words))
        for audience in Audience:
            change = _for_audience(cid, before, after, audience, words)
            if change:
                by_audience[audience].append(change)
    others = [label for part, label in OTHER_PARTS.items() if getattr(old_policy, part) != getattr(new_policy, part)]
    others += _section_changes(old_policy, new_policy)
    identical = old_policy.model_dump(exclude=NOT_CONTENT) == new_policy.model_dump(exclude=NOT_CONTENT)
    if not identical and not changes and not others:
        others.append("numbering, topics or links")
    return Comparison(changes, by_audience, others, identical)


def _section_changes(old_policy: Policy, new_policy: Policy) -> list[str]:
    old = {s.id: s for _, s in old_policy.all_sections()}
    new = [s for _, s in new_policy.all_sections()]
    found = []
    for section in new:
        before = old.get(section.id)
        if before is None:
            found.append(f"a new section “{section.title}”")
        elif (before.title, before.number, before.intro, before.closing) != (section.title, section.number, section.intro, section.closing):
            found.append(f"the heading or introduction of section “{section.title}”")
    gone = [s.title for s in old.values() if s.id not in {n.id for n in new}]
    found += [f"section “{title}” was removed" for title in gone]
    return found


def _reaches(clause: Clause, audience: Audience) -> bool:
    """Whether the audience's page shows the clause (groups of an organisation's own are not
    known here, so a clause only for a group counts for no page in a comparison)."""
    return audience in clause.audiences or audience in clause.informs


def affected_audiences(comparison: Comparison) -> list[Audience]:
    """Audiences whose pages change: each of them needs a change note when the version is ratified."""
    return [a for a in Audience if comparison.by_audience.get(a)]
