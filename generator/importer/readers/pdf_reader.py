"""Reads a PDF with a text layer into the neutral `Document`: paragraphs, headings, bold, page furniture dropped."""

from __future__ import annotations

from pathlib import Path

from generator.importer.document import Document, ImportProblem
from generator.importer.readers.pdf_furniture import furniture
from generator.importer.readers.pdf_lines import Line, open_pdf, page_lines
from generator.importer.readers.pdf_paragraphs import paragraphs


def read_pdf(path: Path) -> Document:
    """The PDF at `path` as a Document (kind "PDF"); ImportProblem for a scan, a protected or a damaged file."""
    document = open_pdf(path)
    try:
        try:
            pages = [page_lines(document, number) for number in range(1, len(document) + 1)]
            title = (document.get_metadata_value("Title") or "").strip() or None
        except Exception:  # PDFium reports a broken page as a bare error
            raise ImportProblem(f"{path.name} is damaged; open it in a PDF reader, save a fresh copy and import that.") from None
    finally:
        document.close()
    if not any(pages):
        raise ImportProblem(
            f"{path.name} has no text layer (it is probably a scan); run OCR on it first, e.g. save it from a scanner app as searchable PDF, then import again."
        )
    drop = furniture(pages, title)
    kept: list[Line] = []
    dropped: list[str] = []
    for number, lines in enumerate(pages):
        for index, line in enumerate(lines):
            if (number, index) in drop:
                text = " ".join(line.text.split())
                if text not in dropped:
                    dropped.append(text)
            else:
                kept.append(line)
    return Document(path=path, kind="PDF", blocks=tuple(paragraphs(kept)), title=title, dropped=tuple(dropped))
