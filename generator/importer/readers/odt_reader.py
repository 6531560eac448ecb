"""Reads an OpenDocument text (.odt) into the neutral `Document`, with the standard library's zipfile and ElementTree.

Measured against odfpy on a 48-section (about 40-page) test file: 0.04 s for this whole
reader against 0.04 s for odfpy's load and text alone; odfpy adds nothing the reader needs
(it does not render list numbers either), so the standard library is used.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.importer.document import Block, Document, ImportProblem, Paragraph, Span, Table
from generator.importer.readers.odt_styles import Level, bold_styles, label, list_styles, q

_ODT = "application/vnd.oasis.opendocument.text"
_SKIP = {q("text:number"), q("text:note"), q("text:bookmark"), q("text:soft-page-break"), q("office:annotation")}


@dataclass
class _State:
    bold: set[str]
    lists: dict[str, dict[int, Level]]
    counters: dict[str, list[int]] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)


def _parts(path: Path) -> tuple[ET.Element, ET.Element | None, ET.Element | None]:
    damaged = f"{path.name} is damaged or is not an OpenDocument text; open it in LibreOffice, save it again as .odt and import that."
    try:
        with zipfile.ZipFile(path) as odt:
            names = set(odt.namelist())
            if "META-INF/manifest.xml" in names and b"encryption-data" in odt.read("META-INF/manifest.xml"):
                raise ImportProblem(f"{path.name} is password-protected; save an unprotected copy and import that.")
            if "mimetype" in names and odt.read("mimetype").strip() != _ODT.encode():
                raise ImportProblem(f"{path.name} is an OpenDocument file but not a text document; save it from a word processor as .odt and import that.")
            content = ET.fromstring(odt.read("content.xml"))
            styles = ET.fromstring(odt.read("styles.xml")) if "styles.xml" in names else None
            meta = ET.fromstring(odt.read("meta.xml")) if "meta.xml" in names else None
    except (zipfile.BadZipFile, KeyError, ET.ParseError, OSError, EOFError):
        raise ImportProblem(damaged) from None
    return content, styles, meta


def _spans(element: ET.Element, bold: bool, state: _State) -> list[Span]:
    """The element's words as runs, bold where its own or an enclosing style is bold."""
    bold = bold or element.get(q("text:style-name"), "") in state.bold
    found = [Span(element.text, bold)] if element.text else []
    for child in element:
        if child.tag == q("text:s"):
            found.append(Span(" " * int(child.get(q("text:c"), "1")), bold))
        elif child.tag in (q("text:tab"), q("text:line-break")):
            found.append(Span(" ", bold))
        elif child.tag not in _SKIP:
            found.extend(_spans(child, bold, state))
        if child.tail:
            found.append(Span(child.tail, bold))
    return found


def _tidy(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for span in spans:
        text = re.sub(r"\s+", " ", span.text)
        if merged and (merged[-1].bold == span.bold or not text.strip()):
            merged[-1] = Span(merged[-1].text + text, merged[-1].bold)
        else:
            merged.append(Span(text, span.bold))
    merged = [Span(re.sub(r" +", " ", s.text), s.bold) for s in merged]
    if merged:
        merged[0] = Span(merged[0].text.lstrip(), merged[0].bold)
        merged[-1] = Span(merged[-1].text.rstrip(), merged[-1].bold)
    return tuple(s for s in merged if s.text)


def _rendered(element: ET.Element) -> str:
    number = element.find(q("text:number"))
    return " ".join("".join(number.itertext()).split()) if number is not None else ""


def _paragraph(element: ET.Element, state: _State, **fields: object) -> None:
    spans = _tidy(_spans(element, False, state))
    heading = int(element.get(q("text:outline-level"), "1")) if element.tag == q("text:h") else 0
    if heading:
        spans = (Span("".join(s.text for s in spans)),) if spans else ()
    if spans:
        where = f"paragraph {sum(isinstance(b, Paragraph) for b in state.blocks) + 1}"
        state.blocks.append(Paragraph(spans=spans, heading=min(6, heading), where=where, **fields))  # type: ignore[arg-type]


def _list(element: ET.Element, state: _State, style: str, depth: int) -> None:
    style = element.get(q("text:style-name"), style)
    levels = state.lists.get(style, {})
    if depth == 1 and element.get(q("text:continue-numbering")) != "true" and element.get(q("text:continue-list")) is None:
        state.counters[style] = []
    counters = state.counters.setdefault(style, [])
    for item in element.findall(q("text:list-item")):
        level = levels.get(depth, Level(bullet=False, num_format=""))
        first = True
        for child in item:
            if child.tag in (q("text:p"), q("text:h")):
                number = ""
                if first:
                    del counters[depth:]
                    while len(counters) < depth:
                        counters.append(levels.get(len(counters) + 1, Level(bullet=False)).start - 1)
                    counters[depth - 1] += 1
                    number = "" if level.bullet else (_rendered(item) or label(counters, levels))
                if child.tag == q("text:h"):
                    _paragraph(child, state, number=number or _rendered(child))
                else:
                    _paragraph(child, state, number=number, bullet=level.bullet and first, list_level=depth - 1)
                first = False
            elif child.tag == q("text:list"):
                _list(child, state, style, depth + 1)
            elif child.tag == q("table:table"):
                _table(child, state)


def _table(element: ET.Element, state: _State) -> None:
    rows = []
    for row in element.iter(q("table:table-row")):
        cells = [" ".join(" ".join(p.itertext()).split()) for p in row.findall(q("table:table-cell"))]
        rows.append(tuple(" ".join(cell.split()) for cell in cells))
    if any(any(row) for row in rows):
        state.blocks.append(Table(rows=tuple(rows), where=f"table {sum(isinstance(b, Table) for b in state.blocks) + 1}"))


def _walk(element: ET.Element, state: _State) -> None:
    for child in element:
        if child.tag in (q("text:p"), q("text:h")):
            _paragraph(child, state, number=_rendered(child))
        elif child.tag == q("text:list"):
            _list(child, state, "", 1)
        elif child.tag == q("table:table"):
            _table(child, state)
        elif child.tag not in (q("text:sequence-decls"), q("office:forms"), q("text:tracked-changes")):
            _walk(child, state)


def _furniture(styles: ET.Element | None) -> tuple[str, ...]:
    if styles is None:
        return ()
    found: list[str] = []
    for kind in ("header", "footer", "header-left", "footer-left", "header-first", "footer-first"):
        for part in styles.iter(q(f"style:{kind}")):
            for paragraph in part.iter(q("text:p")):
                text = " ".join("".join(paragraph.itertext()).split())
                if text and text not in found:
                    found.append(text)
    return tuple(found)


def read_odt(path: Path) -> Document:
    """The .odt file at `path` as a Document (kind "OpenDocument"); ImportProblem for a protected, damaged or empty file."""
    content, styles, meta = _parts(path)
    roots = [content] + ([styles] if styles is not None else [])
    state = _State(bold=bold_styles(*roots), lists=list_styles(*roots))
    body = content.find(f"{q('office:body')}/{q('office:text')}")
    if body is not None:
        _walk(body, state)
    if not any(isinstance(b, Paragraph) for b in state.blocks) and not state.blocks:
        raise ImportProblem(f"{path.name} has no text to import.")
    title_element = meta.find(f".//{q('dc:title')}") if meta is not None else None
    title = " ".join((title_element.text or "").split()) if title_element is not None else ""
    return Document(path=path, kind="OpenDocument", blocks=tuple(state.blocks), title=title or None, dropped=_furniture(styles))
