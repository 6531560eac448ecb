"""Read a Word (.docx) file into the neutral Document: body paragraphs and tables, numbers as Word shows them.

The standard library's zipfile and ElementTree read the parts (measured against python-docx and
docx2python: faster, and neither resolves automatic numbering, which is most of the work here).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.importer.document import Block, Document, ImportProblem, Paragraph, Table
from generator.importer.readers.docx_numbering import Counters, Definitions, advance, level_of_style, read_definitions
from generator.importer.readers.docx_package import DC_TITLE, W, int_val, open_package, val
from generator.importer.readers.docx_runs import paragraph_spans, plain_text
from generator.importer.readers.docx_styles import Styles, heading_level, read_styles, style_numbering

PARAGRAPH = W + "p"
TABLE = W + "tbl"
BLOCK_CONTAINERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo"}


@dataclass
class _Reading:
    """What carries from one block to the next: styles, numbering and its counters, the counts for `where`."""

    styles: Styles
    definitions: Definitions
    counters: Counters = field(default_factory=Counters)
    paragraphs: int = 0
    tables: int = 0


def read_docx(path: Path) -> Document:
    """The file's paragraphs and tables in reading order, its headers' and footers' texts as dropped."""
    package = open_package(path)
    body = package.document.find(W + "body")
    reading = _Reading(read_styles(package.styles), read_definitions(package.numbering))
    blocks = tuple(_blocks(body, reading)) if body is not None else ()
    if not any(block.text.strip() if isinstance(block, Paragraph) else any(any(row) for row in block.rows) for block in blocks):
        raise ImportProblem(f"{path.name} has no text to import; check it is the right file.")
    return Document(path=path, kind="Word", blocks=blocks, title=_title(package.core), dropped=_furniture(package.furniture))


def _blocks(container: ET.Element, reading: _Reading) -> Iterator[Block]:
    for child in container:
        if child.tag == PARAGRAPH:
            reading.paragraphs += 1
            paragraph = _paragraph(child, reading, f"paragraph {reading.paragraphs}")
            if paragraph.spans:
                yield paragraph
        elif child.tag == TABLE:
            reading.tables += 1
            rows = _rows(child, reading)
            if rows:
                yield Table(rows=rows, where=f"table {reading.tables}")
        elif child.tag in BLOCK_CONTAINERS:
            yield from _blocks(child, reading)


def _paragraph(element: ET.Element, reading: _Reading, where: str) -> Paragraph:
    ppr = element.find(W + "pPr")
    style_id = val(ppr.find(W + "pStyle")) if ppr is not None else None
    style_id = style_id or reading.styles.default_paragraph
    outline = int_val(ppr.find(W + "outlineLvl")) if ppr is not None else None
    heading = heading_level(reading.styles, style_id, outline)
    spans = paragraph_spans(element, reading.styles, style_id)
    numbered = _numbering(ppr, style_id, reading)
    if numbered is None:
        return Paragraph(spans=spans, heading=heading, where=where)
    num_id, ilvl = numbered
    shown = advance(reading.definitions, reading.counters, num_id, ilvl)
    if shown is None:
        return Paragraph(spans=spans, heading=heading, where=where)
    return Paragraph(spans=spans, heading=heading, number=shown.number, bullet=shown.bullet, list_level=shown.level, where=where)


def _numbering(ppr: ET.Element | None, style_id: str | None, reading: _Reading) -> tuple[str, int] | None:
    """(numId, level) from the paragraph's own w:numPr, filled in from its style's where it leaves a part out."""
    numpr = ppr.find(W + "numPr") if ppr is not None else None
    own_id = val(numpr.find(W + "numId")) if numpr is not None else None
    own_level = int_val(numpr.find(W + "ilvl")) if numpr is not None else None
    from_style = style_numbering(reading.styles, style_id)
    if own_id is None and from_style is None:
        return None
    num_id = own_id if own_id is not None else from_style[0] if from_style else "0"
    if own_level is not None:
        return num_id, own_level
    if from_style is not None and from_style[1] is not None:
        return num_id, from_style[1]
    if from_style is not None:
        return num_id, level_of_style(reading.definitions, num_id, from_style[2])
    return num_id, 0


def _rows(table: ET.Element, reading: _Reading) -> tuple[tuple[str, ...], ...]:
    """Cell texts per row; a cell spanning columns or continuing a vertical merge adds empty cells."""
    rows = []
    for row in _children(table, W + "tr"):
        cells: list[str] = []
        for cell in _children(row, W + "tc"):
            tcpr = cell.find(W + "tcPr")
            span = int_val(tcpr.find(W + "gridSpan"), 1) if tcpr is not None else 1
            merge = tcpr.find(W + "vMerge") if tcpr is not None else None
            continues = merge is not None and val(merge) in (None, "continue")
            _count_numbering(cell, reading)
            cells.append("" if continues else plain_text(cell))
            cells.extend("" for _ in range(max((span or 1) - 1, 0)))
        if any(cells):
            rows.append(tuple(cells))
    return tuple(rows)


def _children(parent: ET.Element, tag: str) -> Iterator[ET.Element]:
    """Direct children with a tag, looking through content controls (nested tables stay in their cell)."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in BLOCK_CONTAINERS:
            yield from _children(child, tag)


def _count_numbering(cell: ET.Element, reading: _Reading) -> None:
    """Numbered paragraphs in a table still advance Word's counters for the paragraphs after it."""
    for paragraph in cell.iter(PARAGRAPH):
        ppr = paragraph.find(W + "pPr")
        style_id = (val(ppr.find(W + "pStyle")) if ppr is not None else None) or reading.styles.default_paragraph
        numbered = _numbering(ppr, style_id, reading)
        if numbered is not None:
            advance(reading.definitions, reading.counters, *numbered)


def _title(core: ET.Element | None) -> str | None:
    title = core.find(DC_TITLE) if core is not None else None
    text = (title.text or "").strip() if title is not None else ""
    return text or None


def _furniture(parts: tuple[ET.Element, ...]) -> tuple[str, ...]:
    """Each distinct header and footer line once, in part order (a first-page header often repeats the default)."""
    seen: dict[str, None] = {}
    for part in parts:
        for line in plain_text(part).splitlines():
            seen.setdefault(line, None)
    return tuple(seen)
