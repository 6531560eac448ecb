"""Our built-in explanations of the words school and safeguarding policies use (glossary.yml), as written: read by the family pages and the reading-level check."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

GLOSSARY_FILE = Path(__file__).parent / "glossary.yml"


@cache
def built_in_entries() -> tuple[dict[str, Any], ...]:
    """Each entry: `term`, `also` (other spellings), `means`."""
    return tuple(yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8")))


def built_in_spellings() -> frozenset[str]:
    """Every spelling of every built-in term."""
    return frozenset(str(s) for e in built_in_entries() for s in (e["term"], *e.get("also", [])))
