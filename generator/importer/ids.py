"""Ids for imported sections and clauses: made from their words, unique within the policy, stable for the same words."""

from __future__ import annotations

import re
import unicodedata

# Words that carry nothing in an id: "the-school-will-..." says less than "school-will-...".
_FILLER = {"a", "an", "the", "of", "to", "and", "or", "in", "on", "for", "by", "with", "is", "are", "be", "that", "this", "as", "at", "it", "its"}
MAX_WORDS = 6


def slug(text: str, max_words: int = MAX_WORDS) -> str:
    """Lower-case ASCII words joined by hyphens, the filler words left out (all kept if nothing else remains)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_text.replace("'", ""))
    meaningful = [w for w in words if w not in _FILLER] or words
    return "-".join(meaningful[:max_words])[:60].strip("-") or "part"


def unique_id(text: str, fallback: str, taken: set[str]) -> str:
    """An id from `text` not yet in `taken` (-2, -3 ... added where needed), recorded in `taken`."""
    base = slug(text) if text.strip() else fallback
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate
