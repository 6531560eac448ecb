"""A Document as plain text: as Word's "Save as Plain Text" gives it, or hard-wrapped like text taken out of a PDF.

Numbers and bullets are typed ("1.1 ", "• "), paragraphs are separated by a blank line, and
every page of about 50 lines carries the page header and a "Page N of M" footer, which a
reader must drop. The wrapped variant breaks lines at 80 columns and pages mid-paragraph.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from generator.importer.document import Document, Paragraph

PAGE_LINES = 50
WIDTH = 80


def _paragraph_lines(paragraph: Paragraph, wrapped: bool) -> list[str]:
    indent = "    " * (paragraph.list_level or 0) if paragraph.bullet else ""
    label = f"{paragraph.number} " if paragraph.number else ("• " if paragraph.bullet else "")
    text = paragraph.text.strip()
    if not wrapped:
        return [indent + label + text]
    return textwrap.wrap(text, WIDTH, initial_indent=indent + label, subsequent_indent=indent + " " * len(label), break_on_hyphens=False) or [""]


def body_lines(document: Document, wrapped: bool = False) -> list[str]:
    """The document's words as lines, a blank line after each paragraph and each table row."""
    lines: list[str] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            lines.extend(_paragraph_lines(block, wrapped))
            lines.append("")
        else:
            for row in block.rows:
                lines.append("\t".join(row))
            lines.append("")
    return lines


def render_text(document: Document, *, header: str | None = None, wrapped: bool = False) -> str:
    """The whole file's text, pages of PAGE_LINES body lines between a header and a page footer."""
    lines = body_lines(document, wrapped)
    pages = [lines[at : at + PAGE_LINES] for at in range(0, len(lines), PAGE_LINES)] or [[]]
    out: list[str] = []
    for n, page in enumerate(pages, start=1):
        if header:
            out.extend([header, ""])
        out.extend(page)
        out.extend(["", f"Page {n} of {len(pages)}", ""])
    return "\n".join(out).rstrip("\n") + "\n"


def write_text(document: Document, path: Path, *, header: str | None = None, wrapped: bool = False) -> None:
    """Write the document as a UTF-8 .txt file."""
    path.write_text(render_text(document, header=header, wrapped=wrapped), encoding="utf-8")
