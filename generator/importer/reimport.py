"""Importing a newer version of a policy already in YAML: what the new document changes, clause by clause, with the current ids kept where the words match.

Nothing is written: the current file holds the plain versions, audiences and history that
people wrote, which a fresh import would lose. The comparison says what to edit.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import yaml
from pydantic import ValidationError

from generator.history.compare import clause_wording
from generator.importer.document import ImportProblem
from generator.importer.run_import import SAFE_LOADER, Imported
from generator.sources.model.policy import Clause, Policy

# Below this share of words in common, a clause is a new one, not a rewording of an old one.
SAME_CLAUSE = 0.6


@dataclass(frozen=True)
class Match:
    """A clause of the new document and the current clause it is (None: new)."""

    new: Clause
    current: Clause | None
    similarity: float


@dataclass
class Changes:
    """The new document against the current file."""

    matches: list[Match] = field(default_factory=list)
    removed: list[Clause] = field(default_factory=list)

    @property
    def unchanged(self) -> list[Match]:
        return [m for m in self.matches if m.current is not None and m.similarity == 1.0]

    @property
    def reworded(self) -> list[Match]:
        return [m for m in self.matches if m.current is not None and m.similarity < 1.0]

    @property
    def added(self) -> list[Match]:
        return [m for m in self.matches if m.current is None]


def _words(clause: Clause) -> list[str]:
    return clause_wording(clause).lower().split()


def _current_policy(imported: Imported) -> Policy:
    try:
        return Policy.model_validate(yaml.load(imported.target.read_text(encoding="utf-8"), Loader=SAFE_LOADER))
    except (ValidationError, yaml.YAMLError, UnicodeDecodeError):
        raise ImportProblem(f"{imported.target} does not load; run `policy-site validate`, fix it, then import again") from None


def propose_changes(imported: Imported) -> Changes:
    """Each new clause matched to the current clause with the same words, else the most alike one."""
    current = _current_policy(imported).clauses()
    new = imported.policy.clauses()
    by_words = {tuple(_words(c)): c for c in current}
    taken: set[str] = set()
    changes = Changes()
    pending: list[Clause] = []
    exact: dict[int, Clause] = {}
    for i, clause in enumerate(new):
        same = by_words.get(tuple(_words(clause)))
        if same is not None and same.id not in taken:
            exact[i] = same
            taken.add(same.id)
        else:
            pending.append(clause)
    best: dict[str, tuple[float, Clause]] = {}
    for clause in pending:
        words = _words(clause)
        scored = [(difflib.SequenceMatcher(None, words, _words(c), autojunk=False).ratio(), c) for c in current if c.id not in taken]
        score, match = max(scored, key=lambda pair: pair[0], default=(0.0, None))
        if match is not None and score >= SAME_CLAUSE and (match.id not in best or best[match.id][0] < score):
            best[match.id] = (score, clause)
    reworded = {id(clause): (score, cid) for cid, (score, clause) in best.items()}
    by_id = {c.id: c for c in current}
    for i, clause in enumerate(new):
        if i in exact:
            changes.matches.append(Match(clause, exact[i], 1.0))
        elif id(clause) in reworded:
            score, cid = reworded[id(clause)]
            taken.add(cid)
            changes.matches.append(Match(clause, by_id[cid], min(score, 0.999)))
        else:
            changes.matches.append(Match(clause, None, 0.0))
    changes.removed = [c for c in current if c.id not in taken]
    return changes


def _shown(clause: Clause) -> str:
    words = clause_wording(clause)
    return (f"{clause.number} " if clause.number else "") + (words if len(words) <= 160 else words[:157] + "...")


def comparison_lines(changes: Changes, imported: Imported) -> list[str]:
    """The comparison as the terminal shows it."""
    lines = [
        f"{imported.target} already exists: nothing was written. What {imported.document.path.name} changes, clause by clause:",
        f"  {len(changes.unchanged)} the same, {len(changes.reworded)} reworded, {len(changes.added)} new, {len(changes.removed)} no longer there",
    ]
    for match in changes.reworded:
        assert match.current is not None
        lines += [f"  reworded  {match.current.id}", f"    now:    {_shown(match.current)}", f"    new:    {_shown(match.new)}"]
    for match in changes.added:
        lines += [f"  new       (after the import: {match.new.id})", f"    new:    {_shown(match.new)}"]
    for clause in changes.removed:
        lines += [f"  gone      {clause.id}", f"    now:    {_shown(clause)}"]
    lines.append("  To take a change, edit the current file (ids are kept as shown); ratify the new version when it is approved.")
    return lines
