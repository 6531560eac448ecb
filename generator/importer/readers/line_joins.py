"""Joins a wrapped line onto the one before it, removing a line-end hyphen only where it split one word.

A hyphen at a line's end is either a soft one (a word broken to fit: "respon-" "sible") or
part of the word ("e-safety", "co-ordinator"). Without a dictionary, the document itself
decides: a hyphenated form written elsewhere, or a short prefix, keeps the hyphen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORDS = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
# Prefixes that are written with a hyphen in school policies whatever the line breaks.
_KEEP_PREFIXES = frozenset("e co re pre non anti self cyber sub ex multi inter post well on off".split())


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """The words of the document in lower case, hyphenated ones whole, to judge line-end hyphens by."""
    return frozenset(w.lower() for text in texts for w in _WORDS.findall(text))


def _split_word(before: str, after: str, words: frozenset[str]) -> bool:
    """Whether "before-" + "after" is one word broken at the line's end (so the hyphen goes)."""
    left = re.search(r"([a-z]+)-$", before)
    right = re.match(r"([a-z]+)", after)
    if left is None or right is None:
        return False
    head, tail = left.group(1), right.group(1)
    if f"{head}-{tail}" in words:
        return False
    if head + tail in words:
        return True
    return head not in _KEEP_PREFIXES and len(head) >= 3 and len(tail) >= 2


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
