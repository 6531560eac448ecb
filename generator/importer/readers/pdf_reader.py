"""Reads a PDF with a text layer into the neutral `Document`: paragraphs, headings, bold, ruled tables, page furniture dropped."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from generator.importer.document import Document, ImportProblem, Table
from generator.importer.readers.pdf_furniture import furniture
from generator.importer.readers.pdf_lines import Line, open_pdf, page_lines
from generator.importer.readers.pdf_paragraphs import paragraphs
from generator.importer.readers.pdf_tables import PageTable, page_tables, usual_spread


def _pages(document: pdfium.PdfDocument) -> list[tuple[list[Line], list[PageTable]]]:
    """Each page's lines outside its tables, and its tables."""
    pages = [document[number] for number in range(len(document))]
    textpages = [page.get_textpage() for page in pages]
    lines = [page_lines(page, textpage, number + 1) for number, (page, textpage) in enumerate(zip(pages, textpages, strict=True))]
    usual = usual_spread([line for page in lines for line in page])
    out: list[tuple[list[Line], list[PageTable]]] = []
    for number, (page, textpage, page_lines_) in enumerate(zip(pages, textpages, lines, strict=True), start=1):
        tables = page_tables(page, textpage, number, page_lines_, usual)
        out.append(([line for line in page_lines_ if not any(table.holds(line) for table in tables)], tables))
    return out


def _in_order(lines: list[Line], tables: list[PageTable]) -> list[Line | PageTable]:
    """The page's lines with each table put before the first line below its top."""
    items: list[Line | PageTable] = []
    waiting = list(tables)
    for line in lines:
        while waiting and waiting[0].top <= line.y:
            items.append(waiting.pop(0))
        items.append(line)
    return items + waiting


def _blocks(items: list[Line | PageTable]) -> list[Line | Table]:
    """The items with every table as a Table, a table carried on over a page break joined to its start."""
    out: list[Line | tuple[PageTable, int]] = []  # a table with the page it starts on
    for item in items:
        last = out[-1] if out else None
        if isinstance(item, PageTable) and isinstance(last, tuple) and last[0].continues(item):
            out[-1] = (PageTable(item.page, last[0].top, item.bottom, last[0].columns, last[0].rows + item.rows), last[1])
        else:
            out.append((item, item.page) if isinstance(item, PageTable) else item)
    return [Table(item[0].rows, where=f"page {item[1]}") if isinstance(item, tuple) else item for item in out]


def read_pdf(path: Path) -> Document:
    """The PDF at `path` as a Document (kind "PDF"); ImportProblem for a scan, a protected or a damaged file."""
    document = open_pdf(path)
    try:
        try:
            pages = _pages(document)
            title = (document.get_metadata_value("Title") or "").strip() or None
        except Exception:  # PDFium reports a broken page as a bare error
            raise ImportProblem(f"{path.name} is damaged; open it in a PDF reader, save a fresh copy and import that.") from None
    finally:
        document.close()
    if not any(lines or tables for lines, tables in pages):
        raise ImportProblem(
            f"{path.name} has no text layer (it is probably a scan); run OCR on it first, e.g. save it from a scanner app as searchable PDF, then import again."
        )
    drop = furniture([lines for lines, _ in pages], title)
    kept: list[Line | PageTable] = []
    dropped: list[str] = []
    for number, (lines, tables) in enumerate(pages):
        for index, line in enumerate(lines):
            if (number, index) in drop:
                text = " ".join(line.text.split())
                if text not in dropped:
                    dropped.append(text)
        page_kept = [line for index, line in enumerate(lines) if (number, index) not in drop]
        kept.extend(_in_order(page_kept, tables))
    return Document(path=path, kind="PDF", blocks=tuple(paragraphs(_blocks(kept))), title=title, dropped=tuple(dropped))
