"""Reads a plain text (.txt) or Markdown (.md, .markdown) file into the neutral `Document`."""

from __future__ import annotations

import re
from pathlib import Path

from generator.importer.document import Document, ImportProblem
from generator.importer.readers.text_markdown import markdown_blocks
from generator.importer.readers.text_plain import plain_blocks

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0d-\x1f\x7f]")
MARKDOWN_SUFFIXES = (".md", ".markdown")


def decode(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252, without control characters but tab, newline and form feed."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def read_text(path: Path) -> Document:
    """The text or Markdown file at `path` as a Document (kind "text" or "Markdown")."""
    try:
        text = decode(path.read_bytes())
    except OSError as error:
        raise ImportProblem(f"{path.name} cannot be read ({error.strerror}); check the file and import it again.") from None
    if not text.strip():
        raise ImportProblem(f"{path.name} has no text to import.")
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        blocks, dropped = markdown_blocks(text)
        kind = "Markdown"
    else:
        blocks, dropped = plain_blocks(text)
        kind = "text"
    return Document(path=path, kind=kind, blocks=tuple(blocks), dropped=tuple(dropped))
