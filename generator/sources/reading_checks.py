"""Every text a pupil or a parent reads, from the files as written, with its line and its reading age against the site's target."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.sources.errors import SourceError
from generator.sources.glossary_terms import built_in_spellings
from generator.sources.reading_level import PARENTS_FORMULA, PUPILS_FORMULA, Formula, Reading, reading
from generator.sources.section_walk import Loc, blocks, raw_clauses

if TYPE_CHECKING:
    from generator.sources.loaded import Sources
    from generator.sources.model.organisation import Organisation
    from generator.sources.yaml_document import YamlDocument

FORMULAS: dict[str, Formula] = {"pupils": PUPILS_FORMULA, "parents": PARENTS_FORMULA}
SMART_LETTERS = ("safe", "meeting", "accepting", "reliable", "tell")


@dataclass(frozen=True)
class ReaderText:
    """One text written for pupils or parents: where it is, what it is, and how hard it reads."""

    doc: YamlDocument
    loc: Loc
    reader: str
    what: str
    text: str
    level: Reading
    target: int

    @property
    def line(self) -> int:
        return self.doc.line_of(self.loc)

    @property
    def level_formula(self) -> Formula:
        return FORMULAS[self.reader]

    @property
    def over(self) -> bool:
        return self.level.age > self.target

    def warning(self) -> SourceError:
        hard = ", ".join(f'"{w}"' for w in self.level.hard_words[:8])
        because = f": {hard}" if hard else ": its sentences are long"
        return self.doc.error(
            self.loc,
            f"{self.what} reads at about age {self.level.age} (target {self.target}){because}; "
            "use shorter sentences and everyday words, or explain the word where it first appears",
        )


def _texts(data: Any) -> Iterator[tuple[Loc, str, str, str]]:
    """(location, reader, what it is, text) for every text of a policy file meant for pupils or parents."""
    if not isinstance(data, dict):
        return
    if isinstance(data.get("summary"), str):
        yield ("summary",), "parents", "the policy's summary", data["summary"]
    for_pupils = data.get("for_pupils")
    if isinstance(for_pupils, dict):
        for key in ("title", "summary"):
            if isinstance(for_pupils.get(key), str):
                yield ("for_pupils", key), "pupils", f"the pupils' {key}", for_pupils[key]
    for loc, clause in raw_clauses(data):
        plain = clause.get("plain")
        for reader in FORMULAS:
            value = plain.get(reader) if isinstance(plain, dict) else None
            if isinstance(value, str):
                yield (*loc, "plain", reader), reader, f"clause '{clause.get('id')}': the {reader}' version", value
        younger = plain.get("pupils_younger") if isinstance(plain, dict) else None
        if isinstance(younger, str):
            yield (*loc, "plain", "pupils_younger"), "pupils", f"clause '{clause.get('id')}': the younger pupils' version", younger
    smart = data.get("smart")
    if isinstance(smart, dict):
        if isinstance(smart.get("intro"), str):
            yield ("smart", "intro"), "pupils", "the SMART guide's opening", smart["intro"]
        for letter in SMART_LETTERS:
            value = smart.get(letter, {}).get("pupils") if isinstance(smart.get(letter), dict) else None
            if isinstance(value, str):
                yield ("smart", letter, "pupils"), "pupils", f"the SMART letter '{letter}'", value
    for p, procedure in blocks(data, "procedures"):
        listed = procedure.get("audiences")
        readers = [r for r in listed if isinstance(r, str) and r in FORMULAS] if isinstance(listed, list) else []
        for reader in readers:
            for s, step in blocks(procedure, "steps"):
                if isinstance(step.get("text"), str):
                    yield ("procedures", p, "steps", s, "text"), reader, f"procedure '{procedure.get('id')}' step {s + 1}", step["text"]
    for loc, part in [((), data), *raw_clauses(data)]:
        consequence = part.get("plain_consequence")
        for reader in FORMULAS:
            value = consequence.get(reader) if isinstance(consequence, dict) else None
            if isinstance(value, str):
                yield (*loc, "plain_consequence", reader), reader, f"the {reader}' words for what happens if {'it' if loc else 'the policy'} is broken", value
    for e, event in blocks(data, "history"):
        changes = event.get("changes")
        for reader in FORMULAS:
            value = changes.get(reader) if isinstance(changes, dict) else None
            if isinstance(value, str):
                yield ("history", e, "changes", reader), reader, f"the change note for {reader} (history entry {e + 1})", value


def _words_of(terms: set[str]) -> frozenset[str]:
    return frozenset(t for term in terms for t in (term, term.lower(), *term.lower().replace("-", " ").split()))


def explained_words(data: Any, org: Organisation) -> dict[str, frozenset[str]]:
    """The words each reader meets with their meaning: the policy's own definitions on every page;
    on parents' pages also the organisation's glossary and ours, explained where they first appear."""
    defined = {str(c["term"]) for _, c in raw_clauses(data) if isinstance(c.get("term"), str)}
    return {"pupils": _words_of(defined), "parents": _words_of(defined | set(org.glossary) | built_in_spellings())}


def reader_texts(doc: YamlDocument, org: Organisation) -> list[ReaderText]:
    """Every text of one policy file meant for pupils or parents, measured."""
    extra = explained_words(doc.data, org)
    targets = {"pupils": org.reading_age.pupils, "parents": org.reading_age.parents}
    return [ReaderText(doc, loc, reader, what, text, reading(text, FORMULAS[reader], extra[reader]), targets[reader]) for loc, reader, what, text in _texts(doc.data)]


def site_reader_texts(sources: Sources, school: str | None = None) -> list[ReaderText]:
    """Every pupils' and parents' text of every organisation's own files (a trust's policy is measured in the trust's file)."""
    found: list[ReaderText] = []
    for org_id, source in sorted(sources.orgs.items()):
        if school and org_id != school:
            continue
        docs = [ps.doc for ps in source.policies.values()]
        for doc in sorted(docs, key=lambda d: str(d.path)):
            found += reader_texts(doc, source.org)
    return found


def reading_warnings(sources: Sources) -> list[SourceError]:
    """A warning for each text over its site's reading-age target."""
    return [text.warning() for text in site_reader_texts(sources) if text.over]
