"""A policy YAML turned back into the document a school would have written: the neutral Document the test-file writers take.

Title, intro, each section as a numbered heading with its clauses as numbered paragraphs (the
number is Word's automatic numbering, not typed), items as bulleted items, the SMART guide's
own words, closing text, and the approval record in the school's house style. What this
project adds to a school's text (plain versions, summaries, procedures, notes) is left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.importer.document import Block, Document, Paragraph, Span
from generator.sources.model.organisation import Organisation
from generator.sources.placeholders import Placeholders
from tests.documents.markdown_blocks import Fill, bullet_items, paragraphs
from tests.documents.record_blocks import house_style, record_blocks

# A SMART letter's name ("Safe"): the school's, but not a sentence the draft must carry.
LABEL = "label"
SMART_LETTERS = (("safe", "Safe"), ("meeting", "Meeting"), ("accepting", "Accepting"), ("reliable", "Reliable"), ("tell", "Tell"))


def organisation_fill(organisation_yaml: Path) -> Fill:
    """The organisation's own values for `{{ school.name }}` and friends, as its site fills them."""
    org = Organisation.model_validate(yaml.safe_load(organisation_yaml.read_text(encoding="utf-8")))
    trust_name = org.name if org.kind.value == "trust" else (org.trust.name or org.trust.id if org.trust else None)
    return Placeholders(org, trust_name).fill


def _level(number: str) -> int:
    return number.rstrip(".").count(".")


def _heading(title: str, level: int, number: str, fill: Fill) -> Paragraph:
    return Paragraph((Span(fill(title)),), heading=min(level, 6), number=number)


def _clause_blocks(clause: dict[str, Any], fill: Fill) -> list[Block]:
    number = str(clause.get("number") or "")
    out: list[Block] = [*paragraphs(clause.get("lead_in"), fill)]
    out.extend(paragraphs(clause.get("text"), fill, number=number, level=_level(number)))
    out.extend(bullet_items([str(item) for item in clause.get("items") or []], fill, level=_level(number) + 1 if number else 0))
    return out


def _joins_previous(clause: dict[str, Any], previous: dict[str, Any] | None) -> bool:
    """An unnumbered clause right after a numbered one is a sentence the seed split off it:
    the school wrote both in one numbered paragraph, so the document does too."""
    return previous is not None and not clause.get("number") and bool(previous.get("number")) and not clause.get("lead_in") and not previous.get("items")


def _clauses(clauses: list[dict[str, Any]], fill: Fill) -> list[Block]:
    out: list[Block] = []
    previous: dict[str, Any] | None = None
    for clause in clauses:
        blocks = _clause_blocks(clause, fill)
        last = out[-1] if out else None
        if _joins_previous(clause, previous) and isinstance(last, Paragraph) and blocks and isinstance(blocks[0], Paragraph):
            out[-1] = Paragraph((*last.spans, Span(" "), *blocks[0].spans), last.heading, last.number, last.bullet, last.list_level)
            blocks = blocks[1:]
        out.extend(blocks)
        previous = clause
    return out


def _section_blocks(section: dict[str, Any], depth: int, fill: Fill) -> list[Block]:
    out: list[Block] = [_heading(str(section.get("title", "")), depth, str(section.get("number") or ""), fill)]
    out.extend(paragraphs(section.get("intro"), fill))
    out.extend(_clauses([c for c in section.get("clauses") or [] if isinstance(c, dict)], fill))
    for sub in section.get("sections") or []:
        out.extend(_section_blocks(sub, depth + 1, fill))
    out.extend(paragraphs(section.get("closing"), fill))
    return out


def _smart_blocks(smart: Any, fill: Fill) -> list[Block]:
    if not isinstance(smart, dict) or not any(isinstance(smart.get(key), dict) and smart[key].get("text") for key, _ in SMART_LETTERS):
        return []  # `general`, or a guide with none of the school's own words
    out: list[Block] = [_heading(str(smart.get("title") or "Be SMART online"), 1, str(smart.get("number") or ""), fill)]
    out.extend(paragraphs(smart.get("intro"), fill))
    for key, label in SMART_LETTERS:
        letter = smart.get(key)
        if isinstance(letter, dict) and letter.get("text"):
            # The letter's name on a line of its own, so its sentences are the school's words alone.
            out.append(Paragraph((Span(label, bold=True),), where=LABEL))
            out.extend(paragraphs(letter["text"], fill))
    return out


def policy_blocks(data: dict[str, Any], fill: Fill, style_name: str) -> list[Block]:
    """Every block of one policy, in the order the school's document has them."""
    style = house_style(style_name)
    record = record_blocks(data, style)
    out: list[Block] = [Paragraph((Span(fill(str(data.get("title", "")))),), heading=1)]
    if style.at_top:
        out.extend(record)
    out.extend(paragraphs(data.get("intro"), fill))
    for section in data.get("sections") or []:
        out.extend(_section_blocks(section, 1, fill))
    out.extend(_smart_blocks(data.get("smart"), fill))
    out.extend(paragraphs(data.get("consequence"), fill))
    out.extend(paragraphs(data.get("closing"), fill))
    if not style.at_top:
        out.extend(record)
    return out


def document_from_policy(policy_yaml: Path, organisation_yaml: Path) -> tuple[Document, str]:
    """The document a school would have written for this policy, and its page header text."""
    data = yaml.safe_load(policy_yaml.read_text(encoding="utf-8"))
    fill = organisation_fill(organisation_yaml)
    title = fill(str(data.get("title", "")))
    header = f"{fill('{{ school.name }}')} – {title}"
    blocks = policy_blocks(data, fill, f"{organisation_yaml.parent.name}/{policy_yaml.stem}")
    return Document(path=policy_yaml.with_suffix(".docx"), kind="Word", blocks=tuple(blocks), title=title), header


def document_from_policies(policy_yamls: list[Path], organisation_yaml: Path, title: str) -> tuple[Document, str]:
    """Several policies one after another in one document (the benchmark's long policy), under one title."""
    fill = organisation_fill(organisation_yaml)
    blocks: list[Block] = [Paragraph((Span(title),), heading=1)]
    for path in policy_yamls:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        blocks.extend(policy_blocks(data, fill, f"{organisation_yaml.parent.name}/{path.stem}"))
    header = f"{fill('{{ school.name }}')} – {title}"
    return Document(path=organisation_yaml.parent / "combined.docx", kind="Word", blocks=tuple(blocks), title=title), header
