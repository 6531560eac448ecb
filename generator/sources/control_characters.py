"""The control characters and hidden line breaks pasted text brings into a policy file, and their names for an admin."""

from __future__ import annotations

import re

# Control characters that are never part of a policy's words: C0 and C1 controls apart from tab
# and the line breaks (carriage return, form feed, U+2028...), which a one-line field refuses
# (model.common.OneLine) and Markdown reads as a new line.
_NOT_WORDS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
# Line breaks other than the ones editors show (line feed, CR LF and a lone CR, which reading
# the file turns into line feeds), as they stand in the file.
ODD_LINE_BREAK = re.compile("[\x85\u2028\u2029]")
CONTROL_NAMES = {
    "\x85": "next line",
    "\r": "carriage return",
    "\x1b": "escape",
    "\x00": "NUL",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
    "\x0c": "form feed",
}


def control_character(text: str) -> str | None:
    """How to name the first control character in `text` to an admin, or None if it has none."""
    found = _NOT_WORDS.search(text)
    if found is None:
        return None
    char = found.group(0)
    name = CONTROL_NAMES.get(char, "control character")
    return f"U+{ord(char):04X} ({name})"
