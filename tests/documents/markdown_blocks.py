"""Policy Markdown as a school's document has it: paragraphs and bulleted items with bold runs, links as their words."""

from __future__ import annotations

import re
from collections.abc import Callable

from generator.importer.document import Paragraph, Span
from generator.importer.readers.text_markdown import spans as markdown_spans

Fill = Callable[[str], str]

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# ***bold italic***: a document shows it bold (and italic, which the importer does not keep).
_BOLD_ITALIC = re.compile(r"\*\*\*(.+?)\*\*\*")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?!\s)([^*]+?)\*(?![\w*])")
_BULLET = re.compile(r"^(\s*)[-*+] +(.*)$")
_ORDERED = re.compile(r"^(\s*)(\d+)[.)] +(.*)$")


def spans(markdown: str, fill: Fill) -> tuple[Span, ...]:
    """One paragraph's words: `**bold**` as bold runs, links as their words, emphasis markers dropped."""
    text = _BOLD_ITALIC.sub(r"**\1**", fill(_LINK.sub(r"\1", markdown)))
    text = _EMPHASIS.sub(r"\1", text).replace("\\", "")
    text = re.sub(r"\s+", " ", text).strip()
    # The Markdown reader's own reading of bold: the document shows what an import reads back.
    return markdown_spans(text)


def paragraphs(markdown: str | None, fill: Fill, number: str = "", level: int = 0) -> list[Paragraph]:
    """A Markdown text as paragraphs; `number` goes on the first one (a clause's "1.1")."""
    if not markdown or not markdown.strip():
        return []
    out: list[Paragraph] = []
    for block in re.split(r"\n\s*\n", markdown.strip()):
        # A quotation (Markdown's "> ") is an indented paragraph in a document: no marker.
        lines = [re.sub(r"^\s*>\s?", "", line) for line in block.splitlines()]
        if all(_BULLET.match(line) or _ORDERED.match(line) or line.startswith("   ") for line in lines) and (_BULLET.match(lines[0]) or _ORDERED.match(lines[0])):
            out.extend(_list_items(lines, fill))
        else:
            out.append(Paragraph(spans(" ".join(line.strip() for line in lines), fill)))
    if number and out:
        first = out[0]
        out[0] = Paragraph(first.spans, number=number, list_level=level)
    return [p for p in out if p.spans]


def _list_items(lines: list[str], fill: Fill) -> list[Paragraph]:
    items: list[Paragraph] = []
    for line in lines:
        bullet, ordered = _BULLET.match(line), _ORDERED.match(line)
        if bullet:
            items.append(Paragraph(spans(bullet.group(2), fill), bullet=True, list_level=len(bullet.group(1)) // 2))
        elif ordered:
            items.append(Paragraph(spans(ordered.group(3), fill), number=ordered.group(2) + ".", list_level=len(ordered.group(1)) // 3))
        elif items:
            # A continuation line of the item above.
            last = items[-1]
            items[-1] = Paragraph(spans(last.text + " " + line.strip(), fill), last.heading, last.number, last.bullet, last.list_level)
    return items


def bullet_items(texts: list[str], fill: Fill, level: int = 0) -> list[Paragraph]:
    """A clause's `items`: each an automatic bulleted item (a nested Markdown list one level deeper)."""
    out: list[Paragraph] = []
    for text in texts:
        head, *rest = text.strip().split("\n")
        out.append(Paragraph(spans(head, fill), bullet=True, list_level=level))
        if rest:
            nested = [line.strip()[2:] for line in rest if _BULLET.match(line)]
            plain = " ".join(line.strip() for line in rest if not _BULLET.match(line))
            if plain:
                last = out[-1]
                out[-1] = Paragraph(spans(last.text + " " + plain, fill), bullet=True, list_level=level)
            out.extend(bullet_items(nested, fill, level + 1))
    return out
