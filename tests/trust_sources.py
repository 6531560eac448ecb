"""A small trust with member schools, written as YAML files the way an admin would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.sources.adoption import clause_fingerprint
from generator.sources.model.policy import Clause

TRUST = "oak-trust"


def trust_policy() -> dict[str, Any]:
    return {
        "id": "online-safety",
        "title": "Online Safety Policy",
        "summary": "How adults in every school of the trust keep pupils safe online.",
        "history": [{"event": "ratified", "date": "2026-03-01", "version": "1", "body": "Trust Board"}],
        "review": {"next": "2027-03"},
        "sections": [
            {
                "id": "rules",
                "title": "Rules for adults",
                "clauses": [
                    {
                        "id": "report-to-dsl",
                        "text": "Report every online safety concern to {{ role.dsl }} on the day it arises.",
                        "strength": "must",
                        "audiences": ["staff"],
                        "topic": "reporting",
                    },
                    {
                        "id": "phones-at-break",
                        "text": "Adults may use their own phones only at break times, away from pupils.",
                        "strength": "may",
                        "audiences": ["staff"],
                        "topic": "phones-and-devices",
                        "open_to_local": True,
                    },
                    {
                        "id": "no-private-messages",
                        "text": "Adults must not send private messages to pupils on any platform.",
                        "strength": "must-not",
                        "audiences": ["staff"],
                        "topic": "contact-with-pupils",
                        "open_to_local": True,
                    },
                ],
            },
            {
                "id": "contact",
                "title": "Contacting the school",
                "open_to_local": True,
                "clauses": [
                    {
                        "id": "ring-the-office",
                        "text": "Parents with a concern ring the school office on {{ school.phone }}.",
                        "strength": "should",
                        "audiences": ["parents"],
                        "topic": "raising-concerns",
                        "plain": {"parents": "Worried? Ring the school office on {{ school.phone }}."},
                    }
                ],
            },
        ],
    }


def school_org(org_id: str, name: str, dsl: str | None = "Ms Dee Lead") -> dict[str, Any]:
    people = [{"id": "head", "name": f"Head of {name}", "role": "head-teacher"}]
    if dsl:
        people.append({"id": "dsl", "name": dsl, "role": "dsl"})
    return {"id": org_id, "name": name, "kind": "school", "trust": {"id": TRUST}, "contact": {"phone": "01000 111222"}, "people": people}


def fingerprint(clause_id: str, policy: dict[str, Any] | None = None) -> str:
    policy = policy or trust_policy()
    for section in policy["sections"]:
        for clause in section["clauses"]:
            if clause["id"] == clause_id:
                return clause_fingerprint(Clause.model_validate(clause))
    raise KeyError(clause_id)


def local_overlay() -> dict[str, Any]:
    """Ash School's changes: one value, one clause added, one replaced, one removed."""
    return {
        "values": {"school.phone": "01000 999888"},
        "add": [
            {
                "section": "contact",
                "clause": {
                    "id": "email-the-head",
                    "text": "Parents may also email the head teacher.",
                    "strength": "may",
                    "audiences": ["parents"],
                    "topic": "raising-concerns",
                    "plain": {"parents": "You can also email the head teacher."},
                },
            }
        ],
        "replace": [
            {
                "clause": "phones-at-break",
                "based_on": fingerprint("phones-at-break"),
                "with": {"text": "Adults may use their own phones in the staff room only, never in classrooms."},
            }
        ],
        "remove": [{"clause": "no-private-messages", "based_on": fingerprint("no-private-messages"), "reason": "Our safeguarding policy covers messaging."}],
    }


def write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def write_trust(root: Path, overlay: dict[str, Any] | None = None) -> Path:
    """oak-trust with ash (adapts the policy), birch (adopts it unchanged) and cedar (its own policies only)."""
    write(root / TRUST / "organisation.yml", {"id": TRUST, "name": "Oak Academy Trust", "kind": "trust"})
    write(root / TRUST / "policies" / "online-safety.yml", trust_policy())
    write(root / "ash" / "organisation.yml", school_org("ash", "Ash Primary School"))
    write(root / "ash" / "overlays" / "online-safety.yml", local_overlay() if overlay is None else overlay)
    write(root / "birch" / "organisation.yml", school_org("birch", "Birch Primary School", dsl="Mr Bo Birch"))
    write(root / "birch" / "overlays" / "online-safety.yml", {})
    cedar = {"id": "cedar", "name": "Cedar Primary School", "kind": "school", "trust": {"id": TRUST}}
    write(root / "cedar" / "organisation.yml", cedar)
    own = trust_policy() | {"id": "phones", "title": "Phones Policy"}
    own["sections"] = [own["sections"][0] | {"clauses": [own["sections"][0]["clauses"][1]]}]
    write(root / "cedar" / "policies" / "phones.yml", own)
    return root
