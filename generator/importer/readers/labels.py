"""Recognises a typed label ("1.1", "(a)", "iv.", "•", a stray "e" or "o") at the start of a line, and page numbers.

Readers only need to know *that* a line starts with a label (it begins a new paragraph and
may set a list level); splitting the label off is `importer/typed_labels.py`'s job.
"""

from __future__ import annotations

import re

# Bare numbers ("2015 places a duty") wrap onto new lines, so a number counts only with a dot,
# a bracket or a second level; "e"/"o" are the letters a PDF's symbol font leaves for bullets.
_LABEL = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.),]|\(?[a-z]\)|\([A-Z]\)|[A-Z]\)|\(?[ivxl]{1,5}\)|[ivxl]{1,5}\.|[A-Za-z]\.(?=\s)"
    r"|[•●○◦▪■□‣∙·–\-*+]|[eo])(?=\s)"
)
_BULLET = re.compile(r"^[•●○◦▪■□‣∙·–\-*+eo](?=\s)")
_PAGE_NUMBER = re.compile(r"^(?:page\s+\d+(?:\s*(?:of|/)\s*\d+)?|\d{1,4}|[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}\s*(?:of|/)\s*\d{1,4})$", re.IGNORECASE)


def starts_with_label(text: str) -> bool:
    """Whether the text begins with a typed number, letter or bullet followed by a space."""
    return _LABEL.match(text.lstrip()) is not None


def starts_with_bullet(text: str) -> bool:
    """Whether the text begins with a typed bullet glyph (or a stray "e"/"o") followed by a space."""
    return _BULLET.match(text.lstrip()) is not None


def is_page_number(text: str) -> bool:
    """ "3", "- 3 -", "Page 3", "Page 3 of 10", "3 of 10", "3/10"."""
    return _PAGE_NUMBER.match(text.strip()) is not None
