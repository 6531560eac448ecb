"""Which reader a file needs, and the one-sentence refusals for files no reader can take."""

from __future__ import annotations

from pathlib import Path

from generator.importer.document import Document, ImportProblem, Paragraph

WORD, PDF, ODT = {".docx", ".docm"}, {".pdf"}, {".odt"}
TEXT = {".txt", ".text", ".md", ".markdown"}
_OLD_FORMATS = {
    ".doc": "an old Word (.doc) file; open it in Word and save it as a Word document (.docx), then import that",
    ".rtf": "a Rich Text (.rtf) file; open it in Word and save it as a Word document (.docx), then import that",
    ".wps": "a Works document; open it in Word and save it as a Word document (.docx), then import that",
    ".pages": "a Pages document; export it from Pages as Word (.docx) or PDF, then import that",
    ".ott": "an OpenDocument template; save it as an OpenDocument text (.odt), then import that",
    ".dotx": "a Word template; save it as a Word document (.docx), then import that",
}
KINDS = "a Word document (.docx), a PDF with text, an OpenDocument text (.odt) or a text file (.txt, .md)"


def read_document(path: Path) -> Document:
    """The file's blocks, read by the reader its type needs; ImportProblem when it cannot be read."""
    if not path.exists():
        raise ImportProblem(f"{path}: no such file; check the name and the folder")
    if path.is_dir():
        raise ImportProblem(f"{path} is a folder; import one file at a time")
    suffix = path.suffix.lower()
    if suffix in _OLD_FORMATS:
        raise ImportProblem(f"{path.name} is {_OLD_FORMATS[suffix]}")
    if path.stat().st_size == 0:
        raise ImportProblem(f"{path.name} is empty (0 bytes); check it is the right file")
    if suffix in WORD:
        from generator.importer.readers.docx_reader import read_docx

        document = read_docx(path)
    elif suffix in PDF:
        from generator.importer.readers.pdf_reader import read_pdf

        document = read_pdf(path)
    elif suffix in ODT:
        from generator.importer.readers.odt_reader import read_odt

        document = read_odt(path)
    elif suffix in TEXT:
        from generator.importer.readers.text_reader import read_text

        document = read_text(path)
    else:
        shown = f"a {suffix} file" if suffix else "a file with no type in its name"
        raise ImportProblem(f"{path.name} is {shown}, which cannot be imported; import {KINDS}")
    if not any(block.text.strip() if isinstance(block, Paragraph) else any(c.strip() for r in block.rows for c in r) for block in document.blocks):
        raise ImportProblem(f"{path.name} has no text to import; check it is the right file")
    return document
