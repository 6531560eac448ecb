"""Reads Markdown's blocks: ATX and setext headings, bulleted and numbered lists, pipe tables, **bold**.

Only what a policy written in Markdown uses; anything else is kept as paragraph text.
"""

from __future__ import annotations

import re

from generator.importer.document import Block, Paragraph, Span, Table
from generator.importer.readers.line_joins import join_text

_ATX = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_ITEM = re.compile(r"^(\s*)(?:([-*+])|(\d{1,9}[.)]))\s+(.*)$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")


def spans(text: str) -> tuple[Span, ...]:
    """The text's runs, bold where Markdown marks it with ** or __."""
    found: list[Span] = []
    at = 0
    for match in _BOLD.finditer(text):
        if match.start() > at:
            found.append(Span(text[at : match.start()]))
        found.append(Span(match.group(1) or match.group(2), bold=True))
        at = match.end()
    if at < len(text):
        found.append(Span(text[at:]))
    return tuple(s for s in found if s.text)


def _cells(line: str) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in line.strip().strip("|").split("|"))


def _level(indents: list[int], indent: int) -> int:
    """The item's depth: nested where indented past the item before, back out where less."""
    while indents and indent < indents[-1]:
        indents.pop()
    if not indents or indent > indents[-1]:
        indents.append(indent)
    return len(indents) - 1


def markdown_blocks(text: str) -> tuple[list[Block], list[str]]:
    """The blocks of a Markdown text, and the furniture dropped (none: Markdown has no pages)."""
    lines = text.replace("\f", "\n").split("\n")
    blocks: list[Block] = []
    current: dict[str, object] | None = None
    indents: list[int] = []

    def flush() -> None:
        nonlocal current
        if current is not None and str(current["text"]).strip():
            blocks.append(Paragraph(spans=spans(str(current["text"]).strip()), **{k: v for k, v in current.items() if k != "text"}))  # type: ignore[arg-type]
        current = None

    index = 0
    while index < len(lines):
        line, number = lines[index], index + 1
        following = lines[index + 1] if index + 1 < len(lines) else ""
        index += 1
        if not line.strip():
            flush()
            continue
        if "|" in line and _TABLE_RULE.match(following) and "|" in following:
            flush()
            rows = [_cells(line)]
            index += 1
            while index < len(lines) and "|" in lines[index] and lines[index].strip():
                rows.append(_cells(lines[index]))
                index += 1
            blocks.append(Table(rows=tuple(rows), where=f"line {number}"))
            continue
        if (atx := _ATX.match(line)) is not None:
            flush()
            blocks.append(Paragraph(spans=(Span(atx.group(2).replace("**", "")),), heading=len(atx.group(1)), where=f"line {number}"))
            continue
        setext = _SETEXT.match(following)
        if setext is not None and current is None and not _ITEM.match(line):
            blocks.append(Paragraph(spans=(Span(line.strip().replace("**", "")),), heading=1 if setext.group(1)[0] == "=" else 2, where=f"line {number}"))
            index += 1
            continue
        if (item := _ITEM.match(line)) is not None:
            flush()
            level = _level(indents, len(item.group(1).expandtabs(4)))
            bullet = item.group(2) is not None
            current = {"text": item.group(4), "bullet": bullet, "number": "" if bullet else item.group(3), "list_level": level, "where": f"line {number}"}
            continue
        if current is None:
            indents = []
            current = {"text": line.strip(), "where": f"line {number}"}
        else:
            current["text"] = join_text(str(current["text"]), line.strip())
    flush()
    return blocks, []
