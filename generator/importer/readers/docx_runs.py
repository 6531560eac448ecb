"""The words of one Word paragraph as bold and plain spans, the way Word shows them.

Runs are found inside hyperlinks, content controls, smart tags, simple fields and inserted
(tracked) text; deleted text, moved-away text and field instructions are not shown, so not read.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from generator.importer.document import Span
from generator.importer.readers.docx_package import W, val
from generator.importer.readers.docx_styles import Styles, bold_of, style_bold

# Containers whose runs Word shows as part of the paragraph.
RUN_CONTAINERS = {W + name for name in ("hyperlink", "ins", "moveTo", "smartTag", "fldSimple", "customXml", "dir", "bdo")}
HIDDEN = {W + name for name in ("del", "moveFrom", "pPr", "rPr")}
SDT = W + "sdt"
SDT_CONTENT = W + "sdtContent"
RUN = W + "r"
TEXT = W + "t"
BREAK_KINDS_AS_SPACE = ("page", "column")


def runs(paragraph: ET.Element) -> Iterator[ET.Element]:
    """The paragraph's shown runs in reading order."""
    for child in paragraph:
        if child.tag == RUN:
            yield child
        elif child.tag in RUN_CONTAINERS:
            yield from runs(child)
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from runs(content)


def run_text(run: ET.Element) -> str:
    """A run's shown characters: tabs as spaces, line breaks as newlines, page breaks as spaces."""
    parts = []
    for child in run:
        tag = child.tag
        if tag == TEXT:
            parts.append(child.text or "")
        elif tag == W + "tab" or tag == W + "ptab":
            parts.append(" ")
        elif tag == W + "br":
            parts.append(" " if val(child, "type") in BREAK_KINDS_AS_SPACE else "\n")
        elif tag == W + "cr":
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def paragraph_spans(paragraph: ET.Element, styles: Styles, paragraph_style: str | None) -> tuple[Span, ...]:
    """Spans of one look merged; bold from the run, its character style, the paragraph style or the defaults."""
    from_paragraph = style_bold(styles, paragraph_style)
    inherited = styles.default_bold if from_paragraph is None else from_paragraph
    spans: list[Span] = []
    for run in runs(paragraph):
        text = run_text(run)
        if not text:
            continue
        rpr = run.find(W + "rPr")
        bold = bold_of(rpr)
        if bold is None and rpr is not None:
            bold = style_bold(styles, val(rpr.find(W + "rStyle")))
        bold = inherited if bold is None else bold
        if spans and spans[-1].bold == bold:
            spans[-1] = Span(spans[-1].text + text, bold)
        else:
            spans.append(Span(text, bold))
    return _trimmed(spans)


def _trimmed(spans: list[Span]) -> tuple[Span, ...]:
    """Spaces at the paragraph's ends are layout, not words; whitespace-only bold spans are plain."""
    if spans:
        spans[0] = Span(spans[0].text.lstrip(), spans[0].bold)
        spans[-1] = Span(spans[-1].text.rstrip(), spans[-1].bold)
    merged: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        span = Span(span.text, span.bold and not span.text.isspace())
        if merged and merged[-1].bold == span.bold:
            merged[-1] = Span(merged[-1].text + span.text, span.bold)
        else:
            merged.append(span)
    return tuple(merged)


def plain_text(element: ET.Element) -> str:
    """The shown words of every paragraph under an element (a table cell, a header), one line each."""
    lines = []
    for paragraph in element.iter(W + "p"):
        text = "".join(run_text(run) for run in runs(paragraph)).strip()
        if text:
            lines.append(text)
    return "\n".join(lines)
