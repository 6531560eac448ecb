"""A paragraph holding rules of different strength, cut into one part per rule.

The authoring guide asks for one clause per rule: "Staff may not use phones in lessons.
However, staff may use them at break." is a prohibition and a permission. The cut falls only
between sentences, where the next sentence's own modal words point another way (must then
"should also" is one rule with its advice); sentences without modal words, "may" meaning
"might" and reported words stay with the rule before them.
"""

from __future__ import annotations

import re

from generator.importer.strength_guess import MIGHT, REPORTED
from generator.sources.modal_words import POLARITY, Polarity, main_clause, strengths_in

# A full stop after these is not the end of a sentence ("e.g. Facebook", "Mrs Smith").
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "No.", "approx.", "incl.", "cf.", "vs.")
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"‘'(*])")


def sentences(markdown: str) -> list[str]:
    """The sentences of one paragraph of Markdown, as written (bold marks kept)."""
    parts: list[str] = []
    for piece in _BOUNDARY.split(markdown.strip()):
        if parts and (parts[-1].endswith(_ABBREVIATIONS) or parts[-1].count("**") % 2):
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return parts


def _polarity(sentence: str) -> Polarity | None:
    """Which way the sentence's own rule points; None for none, or for "may" meaning "might" and reported words."""
    words = sentence.replace("**", "")
    found = strengths_in(main_clause(words))
    if not found or MIGHT.search(words) or REPORTED.search(words) or re.search(r"\b(?:say|says|said)\s+that\b", words, re.IGNORECASE):
        return None
    return POLARITY[found[0][0]]


def rule_parts(markdown: str) -> list[str]:
    """`markdown` cut where a sentence's rule points another way (a duty, a prohibition, a permission) than the one before; one part if none does."""
    parts: list[list[str]] = []
    current: Polarity | None = None
    for sentence in sentences(markdown):
        strength = _polarity(sentence)
        if parts and strength is not None and current is not None and strength != current:
            parts.append([sentence])
            current = strength
            continue
        if not parts:
            parts.append([])
        parts[-1].append(sentence)
        current = current or strength
    return [" ".join(part) for part in parts if part]
