"""The side-by-side page of an import: each paragraph of the original beside what it became, so nothing dropped or merged goes unseen."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, select_autoescape

from generator.importer.document import Paragraph, Table
from generator.importer.draft import NOT_PLACED_ID, Draft
from generator.importer.run_import import Imported

if TYPE_CHECKING:
    from generator.importer.reimport import Changes


@dataclass
class Row:
    where: str
    original: str
    became: str = ""
    kind: str = ""  # "", "dropped", "not-placed", "lost"
    checks: list[str] = field(default_factory=list)


@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("generator.importer", "templates"), autoescape=select_autoescape(["html", "j2"]))


def destinations(draft: Draft) -> dict[int, tuple[str, list[str], str]]:
    """Block index -> (what it became, its checks, row kind)."""
    found: dict[int, tuple[str, list[str], str]] = {}
    for i in draft.title_from:
        found[i] = ("the title", [], "")
    for i in draft.intro_from:
        found[i] = ("the policy's introduction", [], "")
    for i in draft.record_from:
        found[i] = ("the approval record (history, review)", [], "")
    for section in draft.all_sections():
        name = f"section {section.number + ' ' if section.number else ''}{section.title} ({section.id})"
        for n, i in enumerate(section.came_from):
            found[i] = (f"heading of {name}" if n == 0 else f"prose of {name}", [], "")
        for clause in section.clauses:
            label = f"clause {clause.number + ' ' if clause.number else ''}({clause.id}): {clause.strength}, for {', '.join(clause.audiences)}"
            for i in clause.came_from:
                found[i] = (label, list(clause.checks.values()), "")
    for i in draft.not_placed_from:
        found[i] = (f"not placed: in the section '{NOT_PLACED_ID}'", [], "not-placed")
    return found


def review_html(imported: Imported, changes: Changes | None) -> str:
    """The whole page."""
    draft, document = imported.draft, imported.document
    went = destinations(draft)
    rows: list[Row] = []
    for index, block in enumerate(document.blocks):
        original = block.text if isinstance(block, Paragraph) else " | ".join(" / ".join(row) for row in block.rows)
        if isinstance(block, Paragraph) and block.number:
            original = f"{block.number} {original}"
        if not original.strip():
            continue
        became, checks, kind = went.get(index, ("not in the draft", [], "lost"))
        rows.append(Row(block.where or ("table" if isinstance(block, Table) else ""), original, became, kind, checks))
    lost = sum(1 for r in rows if r.kind == "lost")
    counts = f"{len(rows)} paragraphs and tables; {lost} not in the draft." if lost else f"{len(rows)} paragraphs and tables, every one in the draft."
    comparison = None
    if changes is not None:
        from generator.importer.reimport import comparison_lines

        comparison = {
            "summary": comparison_lines(changes, imported)[1].strip(),
            "rows": [{"id": m.current.id, "now": m.current.text, "new": m.new.text} for m in changes.reworded if m.current]
            + [{"id": "(new)", "now": "", "new": m.new.text} for m in changes.added]
            + [{"id": c.id, "now": c.text, "new": "(no longer there)"} for c in changes.removed],
        }
    return (
        _environment()
        .get_template("review.html.j2")
        .render(
            title=draft.title,
            source=document.path.name,
            kind=document.kind,
            target=str(imported.target),
            counts=counts,
            rows=rows,
            dropped=document.dropped,
            changes=comparison,
        )
    )
