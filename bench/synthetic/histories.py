"""Dates and histories: review dates, the trust's ratifications, and a school's own policies with their archived versions."""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

from generator.sources.archive import archive_path, archive_text, fingerprint, frozen_content
from generator.sources.model.history import Event
from generator.sources.model.organisation import Organisation
from generator.sources.model.policy import Policy
from generator.sources.placeholders import Placeholders
from synthetic.writer import Writer

BUILD_DATE = "2026-11-21"


def day_in(rng: random.Random, year: int, months: tuple[int, int] = (1, 12)) -> str:
    return f"{year}-{rng.randint(*months):02d}-{rng.randint(1, 28):02d}"


def review_next(rng: random.Random) -> str:
    """Mostly in date, some due within 60 days of the build date (2026-11-21), some overdue.
    Every ratification here is in 2025 or before, so each date is after the last one."""
    kind = rng.choices(["overdue", "soon", "in-date"], [10, 10, 80])[0]
    if kind == "overdue":
        return f"2026-{rng.randint(3, 10):02d}"
    if kind == "soon":
        return rng.choice(["2026-12", "2027-01-05", "2027-01-12", "2026-12-15"])
    return f"{rng.randint(2027, 2028)}-{rng.randint(3, 12):02d}"


def trust_history(rng: random.Random, chair: str, ceo: str) -> list[dict[str, Any]]:
    signatories = [{"role": "Chair of Trustees", "name": chair}, {"role": "Chief Executive Officer", "name": ceo}]

    def ratified(year: int, months: tuple[int, int], version: str) -> dict[str, Any]:
        minute = f"TB {year % 100}/{rng.randint(10, 99)}"
        return {"event": "ratified", "date": day_in(rng, year, months), "version": version, "body": "Trust Board", "minute": minute, "signatories": signatories}

    events: list[dict[str, Any]] = [{"event": "written", "date": f"2023-{rng.randint(1, 5):02d}", "by": ceo}, ratified(2023, (6, 7), "1")]
    if rng.random() < 0.5:
        events.append({"event": "reviewed", "date": f"2024-{rng.randint(9, 11):02d}", "by": "Trust safeguarding committee"})
        events.append(ratified(2025, (3, 7), "2"))
    return events


def school_policy(rng: random.Random, writer: Writer, pid: str, title: str, org: dict[str, Any], kind: str, trust_name: str, root: Path) -> tuple[dict[str, Any], int]:
    """One of a school's own policies; kind is 'plain', 'versions' (two archived versions),
    'changed' (one archived version, text changed since) or 'draft'. Returns (data, archives written)."""
    data = writer.policy(pid, title, trust=False)
    head = next(p["name"] for p in org["people"] if p["role"] == "head-teacher")
    chair = next(p["name"] for p in org["people"] if p["role"] == "chair-of-governors")
    signatories = [{"role": "Head teacher", "name": head}, {"role": "Chair of Governors", "name": chair}]
    history: list[dict[str, Any]] = [{"event": "written", "date": f"2023-{rng.randint(1, 6):02d}", "by": head}]
    if kind == "draft":
        data = {**data, "draft": True}
        data["history"] = history
        return data, 0
    v1_event = {"event": "ratified", "date": day_in(rng, 2023, (7, 9)), "version": "1", "body": "Full Governing Body", "minute": f"FGB 23/{rng.randint(10, 99)}"}
    v1_event["signatories"] = signatories
    archives: list[tuple[dict[str, Any], dict[str, Any]]] = []
    if kind in ("versions", "changed"):
        older = copy.deepcopy(data)
        clauses = [c for s in older["sections"] for c in s["clauses"]]
        for clause in rng.sample(clauses, 2):
            words = clause["text"].split(" ")
            words.insert(len(words) // 2, rng.choice(["normally", "always", "where possible"]))
            clause["text"] = " ".join(words)
        if kind == "versions":
            # Version 2 added a clause: take it out of version 1 (one no procedure step points to,
            # as version 1 was valid too).
            steps = {step.get("clause") for p in older.get("procedures", []) for step in p["steps"]}
            section = max(older["sections"], key=lambda s: len(s["clauses"]))
            section["clauses"].remove(next(c for c in reversed(section["clauses"]) if c["id"] not in steps))
        archives.append((older, v1_event))
    history.append(v1_event)
    if kind == "versions":
        v2_event = {
            "event": "ratified",
            "date": day_in(rng, 2025, (2, 6)),
            "version": "2",
            "body": "Full Governing Body",
            "minute": f"FGB 25/{rng.randint(10, 99)}",
            "signatories": signatories,
            "changes": {"staff": "One new rule and two rules reworded.", "governors": "Reviewed on schedule; small changes."},
        }
        history.append(v2_event)
        archives.append((data, v2_event))
    data["history"] = history
    data["review"] = {"next": review_next(rng), "by": "the Full Governing Body"}
    if rng.random() < 0.2:
        data["statutory"] = True
    model_org = Organisation.model_validate(org)
    fill = Placeholders(model_org, trust_name).fill
    for content_data, event_data in archives:
        event = Event.model_validate(event_data)
        content = frozen_content(Policy.model_validate({**content_data, "id": pid}), fill)
        # Exactly as `policy-site ratify` records it: the archived event, with the archive's fingerprint.
        for i, recorded in enumerate(data["history"]):
            if recorded is event_data:
                data["history"][i] = {**event.model_dump(mode="json", exclude_defaults=True), "archive": fingerprint(content)}
        path = archive_path(root / org["id"], pid, event.version or "")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(archive_text(org["name"], pid, event, content), encoding="utf-8")
    return data, len(archives)
