"""A school's overlay of one trust policy: a few local changes, as a real school makes."""

from __future__ import annotations

import random
from typing import Any

from generator.sources.model.policy import Clause
from synthetic.histories import day_in, review_next
from synthetic.names import ACCOUNT_PLATFORMS, person_name
from synthetic.words import SECTIONS
from synthetic.writer import Writer


def fingerprint_of(clause: dict[str, Any]) -> str:
    from generator.sources.adoption import clause_fingerprint  # written with the overlay format (issue 5)

    return clause_fingerprint(Clause.model_validate(clause))


def overlay_for(rng: random.Random, writer: Writer, policy: dict[str, Any], school: dict[str, Any]) -> dict[str, Any]:
    """A school's local changes to one trust policy: a few, as a real school makes."""
    data: dict[str, Any] = {}
    if rng.random() < 0.3:
        data["values"] = {"school.phone": school["contact"]["phone"].replace(" ", " 0", 1)} if rng.random() < 0.5 else {"role.dsl": person_name(rng)}
    if policy["id"] in ("social-media", "online-safety", "photos-and-videos"):
        sid = school["id"]
        data["school_accounts"] = [
            {"platform": p, "address": a.format(id=sid.split("-")[0]), "purpose": "News, celebrations and reminders for families."}
            for p, a in rng.sample(ACCOUNT_PLATFORMS, 2)
        ]
    sections = policy["sections"]
    open_sections = [s for s in sections if s.get("open_to_local")]
    open_clauses = [c for s in sections for c in s["clauses"] if c.get("open_to_local") or s.get("open_to_local")]
    rng.shuffle(open_clauses)
    removed: set[str] = set()
    if open_clauses and rng.random() < 0.4:
        clause = open_clauses.pop()
        removed.add(clause["id"])
        data["remove"] = [{"clause": clause["id"], "based_on": fingerprint_of(clause), "reason": "We do not offer this at our school."}]
    if open_clauses and rng.random() < 0.5:
        clause = open_clauses.pop()
        new_text = clause["text"].rstrip(".") + f", and at {school['short_name']} this is checked by the class teacher each week."
        data["replace"] = [{"clause": clause["id"], "based_on": fingerprint_of(clause), "with": {"text": new_text}}]
    adds = []
    if open_sections:
        used = {c["id"] for s in sections for c in s["clauses"]} | {s["id"] for s in sections}
        for k in range(rng.choice([1, 2])):
            section = rng.choice(open_sections)
            topics = next((t for sid, _, t, _ in SECTIONS if sid == section["id"]), ["general"])
            audiences = next((a for sid, _, _, a in SECTIONS if sid == section["id"]), ["staff"])
            clause = writer.clause(rng.choice(topics), rng.choice(audiences), used, id_prefix=f"local-{k + 1}-")
            add: dict[str, Any] = {"section": section["id"]}
            after = [c["id"] for c in section["clauses"] if c["id"] not in removed]
            if after and rng.random() < 0.5:
                add["after"] = rng.choice(after)
            add["clause"] = clause
            adds.append(add)
    if adds:
        data["add"] = adds
    if rng.random() < 0.5:
        data["history"] = [
            {"event": "adopted", "date": day_in(rng, 2025, (9, 10)), "version": "1", "body": "Local Governing Body", "signatories": [{"role": "Chair of Governors"}]}
        ]
        data["review"] = {"next": review_next(rng)}
    return data
