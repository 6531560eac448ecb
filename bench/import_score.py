"""How close an imported draft policy YAML comes to the seed's hand-checked YAML: clauses, numbers, strengths, records, lost text.

Words are compared after normalising: whitespace collapsed, curly quotes and dashes made
straight, Markdown emphasis and link syntax removed, placeholders filled with the
organisation's values (on both sides, so a draft that writes `{{ school.name }}` back counts).
A strength disagreement counts as flagged when a `# check:` comment naming the strength stands
inside the clause's block in the draft's raw text (between its `- id:` line and the next).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.importer.document import Document, Paragraph
from generator.sources.section_walk import raw_clauses, tier_strengths

Fill = Callable[[str], str]
RATIFYING = {"ratified", "approved", "adopted"}
_STRAIGHT = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-", "‑": "-", "\u00a0": " ", "\u2009": " "})


def normalise(text: str, fill: Fill = lambda s: s) -> str:
    """The words of a text, for comparison (see the module's docstring)."""
    text = fill(text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*[-*+] +", "", text, flags=re.MULTILINE)
    text = text.replace("**", "").replace("__", "").replace("\\", "")
    text = re.sub(r"(?<![\w*])\*(?!\s)([^*]+?)\*(?![\w*])", r"\1", text)
    return re.sub(r"\s+", " ", text.translate(_STRAIGHT)).strip()


def clause_words(clause: dict[str, Any], fill: Fill) -> str:
    """A clause's lead-in, text and items as one normalised string."""
    parts = [clause.get("lead_in") or "", clause.get("text") or "", *[str(i) for i in clause.get("items") or []]]
    return normalise(" ".join(str(p) for p in parts if p), fill)


def _strength(clause: dict[str, Any], tiers: dict[str, Any]) -> str | None:
    value = clause.get("strength") or tiers.get(str(clause.get("tier")))
    return str(value) if value else None


@dataclass
class Miss:
    """One thing the draft got wrong: `group` is what it has in common with others, `example` says which."""

    check: str  # clauses, numbers, strengths, flags, records, lost
    group: str
    example: str


@dataclass
class Score:
    """Counts for one draft against its seed."""

    clauses: int = 0
    recovered: int = 0
    merged: int = 0  # seed clause found inside a longer draft clause
    split: int = 0  # a draft clause holds only part of the seed clause
    numbers: int = 0
    strengths: int = 0
    disagreements: int = 0
    flagged: int = 0
    records: int = 0
    records_found: int = 0
    sentences: int = 0
    lost: int = 0
    misses: list[Miss] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("clauses", "recovered", "merged", "split", "numbers", "strengths", "disagreements", "flagged", "records", "records_found", "sentences", "lost"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses.extend(other.misses)


def _features(clause: dict[str, Any]) -> str:
    found = [name for name, key in (("items", "items"), ("lead-in", "lead_in"), ("definition", "term")) if clause.get(key)]
    if "\n\n" in str(clause.get("text") or "").strip():
        found.append("two paragraphs")
    if not clause.get("number"):
        found.append("unnumbered")
    return ", ".join(found) or "plain"


def clause_block(raw: str, clause_id: str) -> list[str]:
    """The draft's raw lines from the clause's `- id:` line up to the next `- id:` line."""
    lines = raw.splitlines()
    start = re.compile(rf"^\s*- id:\s*['\"]?{re.escape(clause_id)}['\"]?\s*(#.*)?$")
    for i, line in enumerate(lines):
        if start.match(line):
            end = next((j for j in range(i + 1, len(lines)) if re.match(r"^\s*- id:", lines[j])), len(lines))
            return lines[i:end]
    return []


def flagged_strength(raw: str, clause_id: str) -> bool:
    """Whether the clause's block carries a `# check:` comment about its strength."""
    return any(re.search(r"#\s*check:.*strength", line, re.IGNORECASE) for line in clause_block(raw, clause_id))


def _score_clauses(seed: dict[str, Any], draft: dict[str, Any], raw: str, fill: Fill, score: Score) -> None:
    seed_tiers, draft_tiers = tier_strengths(seed), tier_strengths(draft)
    drafted = [(clause_words(c, fill), c) for _, c in raw_clauses(draft)]
    used: set[int] = set()
    for _, clause in raw_clauses(seed):
        score.clauses += 1
        words = clause_words(clause, fill)
        where = f"{clause.get('number') or clause.get('id')}: {words[:70]}"
        match = next((i for i, (w, _) in enumerate(drafted) if i not in used and w == words), None)
        if match is None:
            if any(words in w for w, _ in drafted):
                score.merged += 1
                score.misses.append(Miss("clauses", f"merged into a longer draft clause ({_features(clause)})", where))
            elif any(len(w) >= 20 and w in words for w, _ in drafted):
                score.split += 1
                score.misses.append(Miss("clauses", f"split across draft clauses ({_features(clause)})", where))
            else:
                score.misses.append(Miss("clauses", f"words differ ({_features(clause)})", where))
            continue
        used.add(match)
        score.recovered += 1
        found = drafted[match][1]
        seed_number, draft_number = str(clause.get("number") or ""), str(found.get("number") or "")
        if seed_number == draft_number:
            score.numbers += 1
        else:
            group = "no number in the draft" if not draft_number else ("draft numbers an unnumbered clause" if not seed_number else "number differs")
            score.misses.append(Miss("numbers", group, f"{where} (seed {seed_number!r}, draft {draft_number!r})"))
        seed_strength, draft_strength = _strength(clause, seed_tiers), _strength(found, draft_tiers)
        if seed_strength == draft_strength:
            score.strengths += 1
            continue
        score.disagreements += 1
        score.misses.append(Miss("strengths", f"seed {seed_strength}, draft {draft_strength}", where))
        if flagged_strength(raw, str(found.get("id"))):
            score.flagged += 1
        else:
            score.misses.append(Miss("flags", f"seed {seed_strength}, draft {draft_strength}, no # check: comment", where))


def _family(kind: Any) -> str:
    return "ratified/approved/adopted" if kind in RATIFYING else str(kind)


def _signatories(event: dict[str, Any], fill: Fill) -> list[tuple[str, str]]:
    return sorted((normalise(str(s.get("name") or ""), fill), normalise(str(s.get("role") or ""), fill)) for s in event.get("signatories") or [] if isinstance(s, dict))


def _event_problem(want: dict[str, Any], got: dict[str, Any], fill: Fill) -> str | None:
    if str(got.get("date")) != str(want.get("date")):
        return f"date: seed {want.get('date')}, draft {got.get('date')}"
    if normalise(str(want.get("body") or ""), fill) != normalise(str(got.get("body") or ""), fill):
        return f"body: seed {want.get('body')!r}, draft {got.get('body')!r}"
    if _signatories(want, fill) != _signatories(got, fill):
        return f"signatories: seed {_signatories(want, fill)}, draft {_signatories(got, fill)}"
    return None


def _score_records(seed: dict[str, Any], draft: dict[str, Any], fill: Fill, score: Score) -> None:
    drafted = [e for e in draft.get("history") or [] if isinstance(e, dict)]
    used: set[int] = set()
    for event in seed.get("history") or []:
        if event.get("event") == "corrected":
            continue
        score.records += 1
        family = [i for i, e in enumerate(drafted) if i not in used and _family(e.get("event")) == _family(event.get("event"))]
        exact = next((i for i in family if _event_problem(event, drafted[i], fill) is None), None)
        if exact is not None:
            used.add(exact)
            score.records_found += 1
            continue
        same_date = [i for i in family if str(drafted[i].get("date")) == str(event.get("date"))]
        problem = _event_problem(event, drafted[(same_date or family)[0]], fill) if family else "no draft event of that kind"
        group = (problem or "").split(":")[0]
        score.misses.append(Miss("records", f"{_family(event.get('event'))}: {group}", f"{event.get('event')} {event.get('date')}: {problem}"))


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)
    elif isinstance(data, str):
        yield data


def sentences(document: Document) -> list[str]:
    """Every sentence of the written document's paragraphs but its record (scored as history) and labels."""
    out: list[str] = []
    for block in document.blocks:
        if isinstance(block, Paragraph) and block.where not in ("record", "label"):
            out.extend(s for s in re.split(r"(?<=[.!?])\s+", block.text) if re.search(r"\w", s))
    return out


def _score_lost(document: Document, draft: dict[str, Any], fill: Fill, score: Score) -> None:
    values = [normalise(s, fill) for s in _strings(draft)]
    for sentence in sentences(document):
        score.sentences += 1
        words = normalise(sentence, fill)
        if not any(words in value for value in values):
            score.lost += 1
            score.misses.append(Miss("lost", "sentence not in the draft", words[:90]))


def score_draft(seed: dict[str, Any], draft_raw: str, document: Document, fill: Fill) -> Score:
    """Score a draft (its raw YAML text) against the seed's data and the document it was imported from."""
    score = Score()
    try:
        draft = yaml.safe_load(draft_raw)
    except yaml.YAMLError as error:
        draft = None
        score.misses.append(Miss("clauses", "draft is not YAML", str(error).splitlines()[0]))
    if not isinstance(draft, dict):
        draft = {}
    _score_clauses(seed, draft, draft_raw, fill, score)
    _score_records(seed, draft, fill, score)
    _score_lost(document, draft, fill, score)
    return score


def percent(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def summary(score: Score) -> dict[str, Any]:
    """The score as the figures the targets speak of."""
    return {
        "clauses": percent(score.recovered, score.clauses),
        "numbers": percent(score.numbers, score.recovered),
        "strengths": percent(score.strengths, score.recovered),
        "flagged": percent(score.flagged, score.disagreements) if score.disagreements else 100.0,
        "records": percent(score.records_found, score.records) if score.records else 100.0,
        "lost": score.lost,
        "counts": {k: v for k, v in vars(score).items() if k != "misses"},
    }
