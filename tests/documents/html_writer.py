"""Writes a `Document` as an HTML page that prints like a Word document, and prints it to PDF with Chromium.

Numbers and bullets are typed into the text, as a PDF printed from Word carries them (a PDF
has no list markup), so a reader of the PDF must keep them at the start of the text. The
PDF gets real page furniture: a running title at the top and "Page N of M" at the bottom of
every page, drawn by Chromium's own header and footer templates.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from playwright.sync_api import Browser

from generator.importer.document import Document, Paragraph, Table

_STYLE = """
body { font-family: 'DejaVu Serif', 'Liberation Serif', serif; font-size: 11pt; line-height: 1.3; }
h1, h2, h3, h4, h5, h6 { font-family: 'DejaVu Sans', 'Liberation Sans', sans-serif; font-weight: bold; margin: 14pt 0 6pt; }
h1 { font-size: 20pt; } h2 { font-size: 16pt; } h3 { font-size: 13.5pt; }
h4 { font-size: 12.5pt; } h5 { font-size: 12pt; } h6 { font-size: 11.5pt; }
p { margin: 0 0 8pt; }
p.item { padding-left: 0; }
table { border-collapse: collapse; margin: 6pt 0 10pt; }
td, th { border: 1px solid #000; padding: 3pt 6pt; text-align: left; vertical-align: top; }
"""


def _spans(paragraph: Paragraph) -> str:
    return "".join(f"<strong>{escape(s.text)}</strong>" if s.bold else escape(s.text) for s in paragraph.spans)


def _paragraph(paragraph: Paragraph) -> str:
    body = _spans(paragraph)
    if paragraph.heading:
        label = f"{escape(paragraph.number)} " if paragraph.number else ""
        return f"<h{paragraph.heading}>{label}{body}</h{paragraph.heading}>"
    label = "• " if paragraph.bullet else (f"{escape(paragraph.number)} " if paragraph.number else "")
    if paragraph.list_level is None:
        return f"<p>{label}{body}</p>"
    # A hanging indent a level, as Word lays out its lists: the label hangs left of the text.
    indent = 1.5 * (paragraph.list_level + 1)
    return f'<p class="item" style="margin-left: {indent}em; text-indent: -1.5em">{label}{body}</p>'


def _table(table: Table) -> str:
    rows = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in table.rows)
    return f"<table>{rows}</table>"


def document_html(document: Document) -> str:
    """The page: headings as h1-h6, typed labels, "•" bullets, bold as <strong>, ruled tables."""
    blocks = "\n".join(_paragraph(b) if isinstance(b, Paragraph) else _table(b) for b in document.blocks)
    title = escape(document.title or "")
    return f'<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title><style>{_STYLE}</style></head>\n<body>\n{blocks}\n</body></html>\n'


def write_html(document: Document, path: Path) -> Path:
    """Write the page to `path`; returns it."""
    path.write_text(document_html(document), encoding="utf-8")
    return path


def print_pdf(browser: Browser, document: Document, path: Path, running_title: str = "") -> Path:
    """Print the document to a PDF at `path` with a running title on top and "Page N of M" below."""
    header = f'<div style="font-size: 9px; width: 100%; text-align: center; font-family: sans-serif">{escape(running_title)}</div>'
    look = "font-size: 9px; width: 100%; text-align: center; font-family: sans-serif"
    footer = f'<div style="{look}">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>'
    page = browser.new_page()
    try:
        page.set_content(document_html(document))
        page.pdf(
            path=str(path),
            format="A4",
            display_header_footer=True,
            header_template=header,
            footer_template=footer,
            margin={"top": "25mm", "bottom": "25mm", "left": "25mm", "right": "25mm"},
        )
    finally:
        page.close()
    return path


def print_blank_pdf(browser: Browser, path: Path) -> Path:
    """A PDF whose page holds only a grey box drawn as an image: a scan with no text layer."""
    page = browser.new_page()
    try:
        svg = "data:image/svg+xml;utf8," + escape("<svg xmlns='http://www.w3.org/2000/svg' width='400' height='500'><rect width='400' height='500' fill='gray'/></svg>")
        page.set_content(f'<!doctype html><html><body style="margin:0"><img src="{svg}" alt=""></body></html>')
        page.pdf(path=str(path), format="A4")
    finally:
        page.close()
    return path
