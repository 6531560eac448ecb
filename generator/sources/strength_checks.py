"""Warnings when a clause's words contradict its strength: a prohibition marked `must`, a duty marked `must-not` or `may`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from generator.sources.errors import SourceError
from generator.sources.modal_words import contradiction
from generator.sources.model.common import Strength
from generator.sources.section_walk import blocks, raw_clauses, tier_strengths

if TYPE_CHECKING:
    from generator.sources.yaml_document import YamlDocument

Loc = tuple[str | int, ...]


def _strength(clause: dict[str, Any], tiers: dict[str, Any]) -> tuple[str, Strength] | None:
    """The clause's strength and the field that gives it (`strength`, or `tier` through the policy's tiers)."""
    for key, value in (("strength", clause.get("strength")), ("tier", tiers.get(str(clause.get("tier"))))):
        if isinstance(value, str) and value in set(Strength):
            return key, Strength(value)
    return None


def _words_against_strength(clause_id: Any, strength: Strength, text: Any, by: str = "", words: str = "its words") -> str | None:
    said = contradiction(text, strength) if isinstance(text, str) else None
    if said is None:
        return None
    return f"clause '{clause_id}' is marked {strength.value}{by} but {words} say \"{said}\"; check the strength"


def _strength_warnings(doc: YamlDocument, clauses: Iterator[tuple[Loc, dict[str, Any]]], tiers: dict[str, Any]) -> list[SourceError]:
    found = []
    for loc, clause in clauses:
        strength = _strength(clause, tiers)
        if strength is None:
            continue
        message = _words_against_strength(clause.get("id"), strength[1], clause.get("text"))
        if message:
            found.append(doc.error((*loc, strength[0]), message))
    return found


def overlay_warnings(doc: YamlDocument, trust_doc: YamlDocument) -> list[SourceError]:
    """An overlay's clauses whose words contradict their strength: its own clauses, and each
    replaced clause as the school's words and the trust's strength (or the other way) make it."""
    tiers = tier_strengths(trust_doc.data)
    found = _strength_warnings(doc, ((("add", a, "clause"), add["clause"]) for a, add in blocks(doc.data, "add") if isinstance(add.get("clause"), dict)), tiers)
    trust = {clause.get("id"): clause for _, clause in raw_clauses(trust_doc.data)}
    for r, entry in blocks(doc.data, "replace"):
        change, original = entry.get("with"), trust.get(entry.get("clause"))
        if not isinstance(change, dict) or not isinstance(original, dict):
            continue
        own = _strength(change, tiers)
        strength = own or _strength(original, tiers)
        if strength is None or ("text" not in change and own is None):
            continue  # the trust's words with the trust's strength are checked in the trust's file
        by = "" if own else " by the trust"
        words = "the school's words" if "text" in change else "the trust's words"
        message = _words_against_strength(entry.get("clause"), strength[1], change.get("text", original.get("text")), by, words)
        if message:
            found.append(doc.error(("replace", r, "with", own[0] if own else "text"), message))
    return found


def strength_warnings(doc: YamlDocument) -> list[SourceError]:
    """A policy file's clauses whose words say the opposite of their strength (or their tier's)."""
    return _strength_warnings(doc, raw_clauses(doc.data), tier_strengths(doc.data))
