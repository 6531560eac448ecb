"""The blocks under one heading as clauses, their items, and the prose around them, each rule with its guesses.

In a section whose rules are numbered, a numbered paragraph is a clause and an unnumbered one is
a clause only when its words state a rule ("must", "will", "means"); other prose becomes the
section's intro (before the first clause), the next clause's lead-in, or the section's closing.
In a section with no numbers every paragraph is a clause, since nothing else marks the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.importer.document import Block, Paragraph, Table
from generator.importer.draft import DraftClause, DraftSection
from generator.importer.guesses import Guess, guess_audiences, guess_term, referenced_policies
from generator.importer.ids import slug, unique_id
from generator.importer.markdown_text import paragraph_markdown, table_markdown
from generator.importer.rule_split import rule_parts
from generator.importer.strength_guess import guess_strength
from generator.importer.structure import rule_like
from generator.sources.modal_words import main_clause, strengths_in


@dataclass
class Context:
    """What every section's rules are read against."""

    title: str
    school_names: tuple[str, ...]
    taken: set[str] = field(default_factory=set)
    not_placed: list[tuple[str, int]] = field(default_factory=list)


def _new_clause(paragraph: Paragraph, index: int, context: Context, markdown: str, *, number: bool = True) -> DraftClause:
    words = " ".join(markdown.replace("**", "").replace("\\", "").split())
    term = None if paragraph.bullet else _term(words)
    clause = DraftClause(
        id=unique_id(f"{term} definition" if term else words, "clause", context.taken),
        text=markdown,
        number=(paragraph.number or None) if number else None,
        term=term,
        came_from=[index],
    )
    clause.see = referenced_policies(words, context.title, context.school_names)
    return clause


def _term(words: str) -> str | None:
    term = guess_term(words)
    return term if term and slug(term) else None


def _finish(clause: DraftClause, parties: list[str], context: Context, before: str | None, heading: str) -> None:
    """Strength and audiences, read once the clause's items are known; `before` is the lead-in of the list it is in."""
    words = clause.text.replace("**", "")
    guess = guess_strength(words, (clause.lead_in or before or "").replace("**", "") or None, heading)
    if clause.items and guess.value == "info" and guess.check is None:
        from_items = guess_strength(" ".join(clause.items).replace("**", ""))
        if from_items.value != "info":
            guess = Guess(from_items.value, f"strength guessed from the items' words: {from_items.check or 'check it'}")
    clause.strength = guess.value
    if guess.check:
        clause.checks["strength"] = guess.check
    audiences, check = guess_audiences(words, parties, context.school_names)
    clause.audiences = audiences
    if check:
        clause.checks["audiences"] = check


def _introduces(markdown: str) -> bool:
    """Words ending in a colon, bold or not: they introduce what follows."""
    return markdown.rstrip().rstrip("*_").rstrip().endswith(":")


def _append_list_item(prose: list[tuple[str, int]], markdown: str, index: int) -> None:
    text, first = prose[-1]
    joiner = "\n" if text.split("\n")[-1].startswith("- ") else "\n\n"
    prose[-1] = (f"{text}{joiner}- {markdown}", first)


def fill_section(section: DraftSection, body: list[tuple[Block, int]], parties: list[str], context: Context) -> None:
    """Make the section's clauses, intro and closing from its blocks, in their order."""
    numbered = any(isinstance(b, Paragraph) and b.number and not b.bullet for b, _ in body)
    prose: list[tuple[str, int]] = []
    current: DraftClause | None = None
    # The words a run of list-like clauses continues ("The SLT is responsible for:").
    list_lead: str | None = None

    def place_prose(before: DraftClause | None) -> None:
        if not prose:
            return
        if before is not None and section.clauses:
            before.lead_in = "\n\n".join(text for text, _ in prose)
            before.came_from[:0] = [i for _, i in prose]
        elif before is not None:
            section.intro += [text for text, _ in prose]
            section.came_from += [i for _, i in prose]
        else:
            section.closing += [text for text, _ in prose]
            section.came_from += [i for _, i in prose]
        prose.clear()

    def finish(clause: DraftClause) -> None:
        nonlocal list_lead
        _finish(clause, parties, context, list_lead, section.title)
        own = clause.lead_in if clause.lead_in and _introduces(clause.lead_in) else None
        if _introduces(clause.text) and not clause.items:
            own = clause.text
        if own:
            list_lead = own
        elif strengths_in(main_clause(clause.text)):
            list_lead = None

    def start(clause: DraftClause) -> None:
        nonlocal current, list_lead
        if current is not None and _introduces(current.text) and not current.items and not current.number and not clause.number and not prose:
            # "The following are not acceptable:" before unnumbered rules: the words that
            # introduce them, not a rule of their own.
            section.clauses.remove(current)
            clause.lead_in = "\n\n".join(p for p in (current.lead_in, current.text) if p)
            clause.came_from[:0] = current.came_from
            list_lead = clause.lead_in
            current = None
        if current is not None:
            finish(current)
        place_prose(clause)
        section.clauses.append(clause)
        current = clause

    for block, index in body:
        if isinstance(block, Table):
            prose.append((table_markdown(block), index))
            continue
        markdown = paragraph_markdown(block)
        if block.bullet:
            if prose:
                _append_list_item(prose, markdown, index)
            elif current is not None:
                current.items.append(markdown)
                current.came_from.append(index)
            else:
                context.not_placed.append((f"- {markdown}", index))
            continue
        if block.number or not numbered or (section.clauses and rule_like(block.text)):
            first, *others = rule_parts(markdown)
            start(_new_clause(block, index, context, first))
            for other in others:
                part = _new_clause(block, index, context, other, number=False)
                part.checks["text"] = (
                    "split from the paragraph before: its sentences state rules of different strength (one clause a rule); join them if they are one rule"
                )
                start(part)
            continue
        prose.append((markdown, index))
    if current is not None:
        finish(current)
    place_prose(None)
