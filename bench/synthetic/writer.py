"""The text of a synthetic policy: its sections, clauses, procedures and references, and the SMART guide."""

from __future__ import annotations

import random
from typing import Any

from synthetic.names import TRUST_POLICIES, slug
from synthetic.words import (
    AUDIENCE_ORDER,
    EXTENSIONS,
    FIRST_SECTION,
    FOLLOW_UPS,
    INFO_VERBS,
    LAST_SECTION,
    OBJECTS,
    PARENT_LINES,
    PUPIL_DONTS,
    PUPIL_DOS,
    SCHOOL_SUBJECTS,
    SECTIONS,
    STATUTES,
    STEPS,
    SUBJECTS,
    TERMS,
    VERBS,
)


class Writer:
    """Makes the policy text; one instance per trust, all randomness from its rng."""

    def __init__(self, rng: random.Random, clauses: int) -> None:
        self.rng = rng
        self.clauses = clauses

    def sentence(self, strength: str, audience: str) -> tuple[str, str, str]:
        """(text, id stem, summary) for one clause: 15 to 60 words, English enough to read."""
        rng = self.rng
        target = rng.randint(15, 60)
        obj_key, obj = rng.choice(OBJECTS)
        if strength == "info":
            subj_key, subject = rng.choice(SCHOOL_SUBJECTS)
            verb_key, verb = rng.choice(INFO_VERBS)
            modal = ""
        else:
            subj_key, subject = rng.choice(SUBJECTS[audience] + SCHOOL_SUBJECTS[:1])
            verb_key, verb = rng.choice(VERBS)
            modal = {"must": "must", "must-not": "must not", "should": "should", "should-not": "should not", "may": "may"}[strength]
            if strength in ("must", "must-not") and rng.random() < 0.3:
                modal = f"**{modal}**"
            if subj_key in ("school",) and strength != "may":
                modal = modal.replace("must not", "will not").replace("must", "will")
        words = [subject] + ([modal] if modal else []) + [verb, obj]
        text = " ".join(words)
        extensions = rng.sample(EXTENSIONS, len(EXTENSIONS))
        while len(text.split()) < min(target, 34) and extensions:
            text += " " + extensions.pop()
        text += "."
        while len(text.split()) < target:
            text += " " + rng.choice(FOLLOW_UPS)
        summary = f"{'Never ' + verb if strength in ('must-not', 'should-not') else verb[:1].upper() + verb[1:]} {obj}."
        return text, f"{subj_key}-{verb_key}-{obj_key}", summary

    def clause(self, topic: str, primary: str, used: set[str], id_prefix: str = "") -> dict[str, Any]:
        rng = self.rng
        if topic == "definitions" and rng.random() < 0.7:
            term, meaning = rng.choice(TERMS)
            text, stem, summary = f"In this policy, **{term}** means {meaning}.", f"definition-{slug(term)}", ""
            strength = "info"
        else:
            strength = rng.choices(["must", "must-not", "should", "should-not", "may", "info"], [30, 20, 20, 5, 10, 15])[0]
            text, stem, summary = self.sentence(strength, primary)
            term = None
        others = [a for a in AUDIENCE_ORDER if a != primary]
        audiences = {primary, *rng.sample(others, rng.choice([0, 0, 1, 1, 2]))}
        ident = (id_prefix + stem)[:72]
        base, n = ident, 2
        while ident in used:
            ident, n = f"{base}-{n}", n + 1
        used.add(ident)
        clause: dict[str, Any] = {"id": ident}
        if term:
            clause["term"] = term
        clause["text"] = text
        if rng.random() < 0.08:
            clause["items"] = [o for _, o in rng.sample(OBJECTS, 3)]
        clause["strength"] = strength
        clause["audiences"] = [a for a in AUDIENCE_ORDER if a in audiences]
        clause["topic"] = topic
        if "staff" in audiences and strength in ("must", "must-not", "should", "should-not") and summary:
            clause["summary"] = summary
        plain = {}
        if "pupils" in audiences:
            dont = strength in ("must-not", "should-not")
            plain["pupils"] = f"I will {'not ' + rng.choice(PUPIL_DONTS) if dont else rng.choice(PUPIL_DOS)}."
        if "parents" in audiences:
            plain["parents"] = " ".join(rng.sample(PARENT_LINES, rng.choice([1, 1, 2])))
        if plain:
            clause["plain"] = plain
        if strength in ("must", "must-not") and rng.random() < 0.25:
            clause["consequence"] = rng.choice(["This may lead to disciplinary action.", "Breaches are recorded and reported to governors."])
        if rng.random() < 0.08:
            title = rng.choice(TRUST_POLICIES)[1]
            clause["see"] = [{"name": title}]
        return clause

    def policy(self, policy_id: str, title: str, trust: bool, sections: int | None = None) -> dict[str, Any]:
        rng = self.rng
        count = sections or rng.randint(5, 8)
        chosen = [FIRST_SECTION, *rng.sample(SECTIONS, count - 2), LAST_SECTION]
        per = [self.clauses // count + (1 if i < self.clauses % count else 0) for i in range(count)]
        used: set[str] = set()
        open_sections = {s[0] for s in rng.sample(chosen[1:-1], rng.choice([1, 2]))} if trust else set()
        out_sections = []
        for number, ((sid, stitle, topics, audiences), n) in enumerate(zip(chosen, per, strict=True), 1):
            used.add(sid)
            section: dict[str, Any] = {"id": sid, "number": str(number), "title": stitle}
            if rng.random() < 0.3:
                section["intro"] = f"This part of the policy explains how {stitle.lower()} work at {{{{ school.name }}}}."
            clauses = []
            for c in range(n):
                clause = self.clause(rng.choice(topics), rng.choice(audiences), used)
                clause = {"id": clause["id"], "number": f"{number}.{c + 1}", **{k: v for k, v in clause.items() if k != "id"}}
                if trust and sid not in open_sections and rng.random() < 0.1:
                    clause["open_to_local"] = True
                clauses.append(clause)
            section["clauses"] = clauses
            if sid in open_sections:
                section["open_to_local"] = True
            out_sections.append(section)
        data: dict[str, Any] = {"id": policy_id, "title": title, "summary": f"How {{{{ school.short_name }}}} approaches {title.lower().removesuffix(' policy')}."}
        data["intro"] = (
            f"{{{{ school.name }}}} is committed to keeping every pupil safe and treating every member of our community fairly. "
            f"This {title.lower()} sets out what we expect of staff, pupils, parents and governors."
        )
        data["sections"] = out_sections
        locked = [c["id"] for s in out_sections if not s.get("open_to_local") for c in s["clauses"] if not c.get("open_to_local")]
        if rng.random() < 0.35 and len(locked) >= 2:
            procedures = []
            for p in range(rng.choice([1, 2])):
                steps = [{"text": t} for t in rng.sample(STEPS, rng.randint(3, 5))]
                for step in rng.sample(steps, 2):
                    step["clause"] = rng.choice(locked)
                procedures.append(
                    {"id": f"{policy_id}-incident-{p + 1}", "title": f"What to do: {title.lower()} incident {p + 1}", "audiences": ["staff"], "steps": steps}
                )
            data["procedures"] = procedures
        data["statutory_references"] = [{"name": n, "year": y} for n, y in rng.sample(STATUTES, rng.randint(1, 3))]
        data["related_policies"] = [{"name": t} for _, t, _ in rng.sample(TRUST_POLICIES, 2) if t != title]
        data["closing"] = "This policy was written with staff, governors and parents and is reviewed regularly."
        return data


def smart_guide() -> dict[str, Any]:
    return {
        "number": "9.1",
        "title": "Be SMART online",
        "intro": "We teach every pupil to take a SMART approach online:",
        "safe": {
            "text": "Do not give out personal information or post photos of yourself to people you talk to online.",
            "pupils": "I keep my name, address and photos private.",
        },
        "meeting": {"text": "Never meet somebody you have only met online.", "pupils": "I will never meet someone I only know online."},
        "accepting": {"text": "Only open emails and messages from people you already know.", "pupils": "I only open messages from people I know."},
        "reliable": {"text": "We teach pupils that not everything online is true.", "pupils": "I know that not everything I see online is true."},
        "tell": {"text": "Tell a trusted adult about anything online that worries you.", "pupils": "If something online worries me, I tell a grown-up I trust."},
    }
