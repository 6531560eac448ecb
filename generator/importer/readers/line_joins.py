"""Joins a wrapped line onto the one before it, removing a line-end hyphen only where it split one word.

A hyphen at a line's end is either a soft one (a word broken to fit: "respon-" "sibility") or
part of the word ("e-safety", "anti-bullying"). Word, LibreOffice and browsers do not hyphenate
unless asked, so most line-end hyphens are the word's own. Without a dictionary, the document
decides: the joined or the hyphenated form written elsewhere, a prefix that takes a hyphen, or
either half written elsewhere as a word of its own keeps the hyphen; two fragments lose it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORDS = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
# Prefixes that are written with a hyphen in school policies whatever the line breaks.
_KEEP_PREFIXES = frozenset("e co re pre pro non anti self cyber sub ex multi inter post well on off semi mid".split())


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """The words of the document's lines (in order) in lower case, hyphenated ones whole, to judge line-end hyphens by.

    The halves of a word broken at a line's end are left out: they are not words the document uses."""
    words: set[str] = set()
    broken = False
    for text in texts:
        found = _WORDS.findall(text)
        if broken and found:
            found = found[1:]
        broken = text.rstrip().endswith("-")
        if broken and found:
            found = found[:-1]
        words.update(w.lower() for w in found)
    return frozenset(words)


def _split_word(before: str, after: str, words: frozenset[str]) -> bool:
    """Whether "before-" + "after" is one word broken at the line's end (so the hyphen goes)."""
    left = re.search(r"(?<![A-Za-z])([A-Za-z]*[a-z])-$", before)
    right = re.match(r"([a-z]+)(?![A-Za-z])", after)
    if left is None or right is None:
        return False
    head, tail = left.group(1).lower(), right.group(1)
    if f"{head}-{tail}" in words:
        return False
    if head + tail in words:
        return True
    if head in _KEEP_PREFIXES or head in words or tail in words:
        return False
    return len(head) >= 3 and len(tail) >= 2


def join_mode(before: str, after: str, words: frozenset[str] = frozenset()) -> str:
    """How the wrapped line `after` joins `before`: "space", "close" (kept hyphen) or "unhyphenate"."""
    before = before.rstrip()
    after = after.lstrip()
    if not before or not after:
        return "close"
    if before.endswith("\u00ad") or (before.endswith("-") and _split_word(before, after, words)):
        return "unhyphenate"
    if re.search(r"[A-Za-z]-$", before) and re.match(r"[A-Za-z]", after):
        return "close"
    return "space"


def join_text(before: str, after: str, words: frozenset[str] = frozenset()) -> str:
    """`before` and the wrapped line `after` as one run of text."""
    mode = join_mode(before, after, words)
    before, after = before.rstrip(), after.lstrip()
    if mode == "unhyphenate":
        return before[:-1] + after
    return before + after if mode == "close" else before + " " + after
