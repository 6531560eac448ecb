"""What a Word style gives a paragraph or run once its basedOn chain is followed: heading level, numbering, bold."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass

from generator.importer.readers.docx_package import W, int_val, on_off, val

HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
BODY_TEXT_OUTLINE = 9  # w:outlineLvl 9 is Word's "Body Text": not a heading


@dataclass(frozen=True)
class Style:
    """One w:style, only the properties a reader uses; None where the style itself does not say."""

    style_id: str
    name: str
    kind: str  # paragraph, character, numbering, table
    based_on: str | None
    outline: int | None  # w:outlineLvl, 0-based
    num_id: str | None  # w:numPr/w:numId: style-linked numbering
    ilvl: int | None
    bold: bool | None


@dataclass(frozen=True)
class Styles:
    """A document's styles by id, its default paragraph style and its run default for bold."""

    by_id: dict[str, Style]
    default_paragraph: str | None
    default_bold: bool


def bold_of(rpr: ET.Element | None) -> bool | None:
    """Bold as a run-properties element sets it: w:b, else w:bCs, else None (inherit)."""
    if rpr is None:
        return None
    plain = on_off(rpr.find(W + "b"))
    return plain if plain is not None else on_off(rpr.find(W + "bCs"))


def read_styles(root: ET.Element | None) -> Styles:
    """Index styles.xml; a document without one gets Word's defaults (nothing bold, no headings)."""
    if root is None:
        return Styles({}, None, False)
    by_id: dict[str, Style] = {}
    default_paragraph = None
    for element in root.iter(W + "style"):
        style = _style(element)
        by_id.setdefault(style.style_id, style)
        if style.kind == "paragraph" and on_off(element.find(W + "default")) is True:
            default_paragraph = default_paragraph or style.style_id
    defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    return Styles(by_id, default_paragraph, bold_of(defaults) is True)


def _style(element: ET.Element) -> Style:
    ppr = element.find(W + "pPr")
    numpr = ppr.find(W + "numPr") if ppr is not None else None
    return Style(
        style_id=element.get(W + "styleId", ""),
        name=val(element.find(W + "name")) or "",
        kind=element.get(W + "type", "paragraph"),
        based_on=val(element.find(W + "basedOn")),
        outline=int_val(ppr.find(W + "outlineLvl")) if ppr is not None else None,
        num_id=val(numpr.find(W + "numId")) if numpr is not None else None,
        ilvl=int_val(numpr.find(W + "ilvl")) if numpr is not None else None,
        bold=bold_of(element.find(W + "rPr")),
    )


def chain(styles: Styles, style_id: str | None) -> Iterator[Style]:
    """A style, then the styles it is based on, nearest first (a loop in basedOn ends the chain)."""
    seen: set[str] = set()
    while style_id is not None and style_id not in seen and style_id in styles.by_id:
        seen.add(style_id)
        style = styles.by_id[style_id]
        yield style
        style_id = style.based_on


def heading_level(styles: Styles, style_id: str | None, outline: int | None) -> int:
    """1-6 for a heading: the paragraph's own outline level, else the nearest style naming or outlining one."""
    if outline is not None:
        return _outline_heading(outline)
    for style in chain(styles, style_id):
        for label in (style.style_id, style.name):
            match = HEADING_NAME.match(label)
            if match:
                return min(int(match.group(1)), 6)
            if label.lower() == "title":
                return 1
        if style.outline is not None:
            return _outline_heading(style.outline)
    return 0


def _outline_heading(outline: int) -> int:
    return 0 if outline >= BODY_TEXT_OUTLINE or outline < 0 else min(outline + 1, 6)


def style_numbering(styles: Styles, style_id: str | None) -> tuple[str, int | None, str] | None:
    """The (numId, level, style id) a paragraph style gives its paragraphs, nearest style first.

    The level is None where the style does not say: Word then takes the list level whose
    w:pStyle names the style (a heading style numbered through a multi-level list)."""
    for style in chain(styles, style_id):
        if style.num_id is not None:
            return style.num_id, style.ilvl, style.style_id
    return None


def style_bold(styles: Styles, style_id: str | None) -> bool | None:
    """Bold as the nearest style in a chain sets it, None if no style in it says."""
    for style in chain(styles, style_id):
        if style.bold is not None:
            return style.bold
    return None
