"""Walking a file as written (raw YAML data): its text values, and a policy's sections, which nest."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Loc = tuple[str | int, ...]


def blocks(data: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
    """The entries of a list field that are blocks, with their positions; the model reports any other shape."""
    value = data.get(key) if isinstance(data, dict) else None
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []


def raw_sections(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, dict[str, Any]]]:
    """Every section block, depth first, with its location ("sections", 0, "sections", 2, ...)."""
    for s, section in blocks(data, "sections"):
        here = (*loc, "sections", s)
        yield here, section
        yield from raw_sections(section, here)


def raw_clauses(data: Any) -> Iterator[tuple[Loc, dict[str, Any]]]:
    """Every clause block in reading order, with its location."""
    for loc, section in raw_sections(data):
        for c, clause in blocks(section, "clauses"):
            yield (*loc, "clauses", c), clause


def tier_strengths(data: Any) -> dict[str, Any]:
    """A policy's own tiers as written: each tier's id and the strength it stands for."""
    return {t["id"]: t.get("strength") for _, t in blocks(data, "tiers") if isinstance(t.get("id"), str)}


def text_fields(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every text value of a file, with its location, so a check can report its line."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from text_fields(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from text_fields(value, (*loc, i))
    elif isinstance(data, str):
        yield loc, data
