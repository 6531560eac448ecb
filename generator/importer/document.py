"""The neutral shape every reader gives and every later step reads: paragraphs and tables in reading order.

A reader keeps what the reader of the original sees (the words, bold, headings, the number or
bullet in front of a paragraph) and drops what only lays pages out (headers, footers, page
numbers), saying what it dropped. It guesses nothing about rules: that is the later steps' job.
The same shape is what the test-document writers take, so a document made for the benchmark
and a document read back can be compared field by field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


class ImportProblem(Exception):
    """A file that cannot be imported; the message is one sentence saying why and what to do."""


@dataclass(frozen=True)
class Span:
    """A run of words with one look: bold or not."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the original.

    `heading` is 1-6 where the original marks the paragraph as a heading (a heading style, an
    outline level, or for PDF a larger or bold font on a line of its own), else 0. `number` is
    the number or letter in front of it exactly as a reader sees it ("1.1", "(a)", "iv.", "A"),
    resolved from the format's automatic numbering (Word's numbering definitions, an ODT list
    style, Markdown's list syntax). Numbers and bullet characters typed as text ("1.1 Staff
    must", "• Blogs", a stray "o" or "e" left by a PDF's symbol font) stay at the start of the
    text: `importer/typed_labels.py` splits them, once, for every format. `bullet` is True for
    an item of an automatic bulleted list, whose bullet character is not kept. `list_level` is the item's depth (0 outermost) for numbered
    and bulleted items, None otherwise. `where` says where it was, for messages and the review
    ("paragraph 12", "page 3").
    """

    spans: tuple[Span, ...]
    heading: int = 0
    number: str = ""
    bullet: bool = False
    list_level: int | None = None
    where: str = ""

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class Table:
    """A table as rows of cell texts (a merged cell's words appear once, in its first cell)."""

    rows: tuple[tuple[str, ...], ...]
    where: str = ""


Block = Paragraph | Table


@dataclass(frozen=True)
class Document:
    """A whole file: its blocks in reading order and the page furniture the reader dropped."""

    path: Path
    kind: str  # "Word", "PDF", "OpenDocument", "text" or "Markdown": named in messages
    blocks: tuple[Block, ...]
    title: str | None = None  # the file's own title property, where it has one
    dropped: tuple[str, ...] = field(default=())  # headers, footers, page numbers: shown in the review
