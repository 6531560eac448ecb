"""Write a synthetic multi-academy trust for benchmarks: a trust, its schools, their policies and overlays.

Deterministic: everything comes from one random.Random(seed) (no clock, no hash order), so the
same arguments always write the same files. `write_trust(root, schools=50)` writes a realistic
large trust into root (a policy_sources folder):

- <trust>/organisation.yml and <trust>/policies/*.yml: the trust's policies (24 of 30), each of
  `clauses` clauses over 5 to 8 sections, with placeholders ({{ role.dsl }}...), sections and
  clauses open to local change, history, review dates (a few overdue, a few due soon), `see:`
  references, procedures, and one SMART guide;
- <school>/organisation.yml with the people and group the trust's placeholders name;
- <school>/overlays/<policy>.yml for most trust policies (one trust policy is used by only ~10%
  of schools), each with a few local changes (values, add, replace, remove, school_accounts);
- <school>/policies/*.yml: the school's own policies up to `policies` in all, a few with two
  archived ratified versions (written exactly as `policy-site ratify` writes them), one draft
  in some schools, and in some schools one policy changed since it was ratified.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from synthetic.histories import review_next, school_policy, trust_history
from synthetic.names import RARE_POLICY, SCHOOL_POLICIES, TRUST_ID, TRUST_NAME, TRUST_POLICIES
from synthetic.orgs import school_names, school_org, trust_org
from synthetic.overlays import overlay_for
from synthetic.writer import Writer, smart_guide

POLICY_SCHEMA = "# yaml-language-server: $schema=../../../schema/policy.schema.json\n"
OVERLAY_SCHEMA = "# yaml-language-server: $schema=../../../schema/overlay.schema.json\n"
ORG_SCHEMA = "# yaml-language-server: $schema=../../schema/organisation.schema.json\n"


@dataclass
class Edit:
    """A clause whose text a benchmark changes: the file it is in and the clause's id."""

    path: Path
    clause: str
    org: str
    policy: str


@dataclass
class SyntheticTrust:
    root: Path
    trust_id: str
    school_ids: list[str]
    policies_per_school: int
    clauses_per_policy: int
    rare_policy: str
    rare_schools: list[str]
    school_edit: Edit
    trust_edit: Edit
    files: int = 0
    archives: int = 0
    overlays: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def orgs(self) -> list[str]:
        return sorted([self.trust_id, *self.school_ids])


def dump(path: Path, data: Any, header: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")


def write_trust(root: Path, schools: int, policies: int = 30, clauses: int = 40, seed: int = 5) -> SyntheticTrust:
    """Write a synthetic trust of `schools` schools into root (a policy_sources folder)."""
    rng = random.Random(seed)
    writer = Writer(rng, clauses)
    root.mkdir(parents=True, exist_ok=True)
    names = school_names(rng, schools)
    trust, ceo, chair = trust_org(rng, names)
    dump(root / TRUST_ID / "organisation.yml", trust, ORG_SCHEMA)
    files = 1
    n_trust = min(len(TRUST_POLICIES), max(2, round(policies * 0.8)))
    trust_policies: dict[str, dict[str, Any]] = {}
    for pid, title, statutory in TRUST_POLICIES[:n_trust]:
        data = writer.policy(pid, title, trust=True)
        history = trust_history(rng, chair, ceo)
        data = {"id": pid, "title": title, "summary": data["summary"], "statutory": statutory, "intro": data["intro"], "history": history, **data}
        data["review"] = {"next": review_next(rng), "by": "the Trust Board"}
        if pid == "online-safety":
            data["smart"] = smart_guide()
        if pid == "social-media":
            data["school_accounts"] = [
                {"platform": "LinkedIn", "address": "https://www.linkedin.com/company/northgate-learning-trust", "purpose": "Trust news and jobs."}
            ]
        trust_policies[pid] = data
        dump(root / TRUST_ID / "policies" / f"{pid}.yml", data, POLICY_SCHEMA)
        files += 1
    rare = RARE_POLICY if RARE_POLICY in trust_policies else sorted(trust_policies)[-1]
    school_ids = [sid for sid, _ in names]
    rare_schools = sorted(rng.sample(school_ids, max(1, round(schools * 0.1))))
    result_archives = overlays = 0
    own_edit: Edit | None = None
    for index, (sid, name) in enumerate(names):
        org = school_org(rng, sid, name)
        dump(root / sid / "organisation.yml", org, ORG_SCHEMA)
        files += 1
        adopted = [pid for pid in trust_policies if pid != rare or sid in rare_schools]
        for pid in adopted:
            dump(root / sid / "overlays" / f"{pid}.yml", overlay_for(rng, writer, trust_policies[pid], org), OVERLAY_SCHEMA)
            files += 1
            overlays += 1
        own_count = max(0, policies - len(adopted))
        own = rng.sample(SCHOOL_POLICIES, min(own_count, len(SCHOOL_POLICIES)))
        kinds = ["versions", "versions"] + (["changed"] if index % 5 == 0 else []) + (["draft"] if index % 4 == 2 else [])
        kinds += ["plain"] * max(0, len(own) - len(kinds))
        for (pid, title), kind in zip(sorted(own), kinds, strict=False):
            data, archived = school_policy(rng, writer, pid, title, org, kind, TRUST_NAME, root)
            dump(root / sid / "policies" / f"{pid}.yml", data, POLICY_SCHEMA)
            files += 1 + archived
            result_archives += archived
            if own_edit is None and kind == "plain" and index == len(names) // 2:
                clause = next(c["id"] for s in data["sections"][1:] for c in s["clauses"])
                own_edit = Edit(root / sid / "policies" / f"{pid}.yml", clause, sid, pid)
    if own_edit is None:  # too few policies for a plain one: edit the middle school's first overlay
        sid = names[len(names) // 2][0]
        pid = sorted(trust_policies)[0]
        own_edit = Edit(root / sid / "overlays" / f"{pid}.yml", "", sid, pid)
    policy = trust_policies[rare]
    locked = [c["id"] for s in policy["sections"] if not s.get("open_to_local") for c in s["clauses"] if not c.get("open_to_local")]
    trust_edit = Edit(root / TRUST_ID / "policies" / f"{rare}.yml", locked[len(locked) // 2], TRUST_ID, rare)
    return SyntheticTrust(
        root, TRUST_ID, school_ids, policies, clauses, rare, rare_schools, own_edit, trust_edit, files=files, archives=result_archives, overlays=overlays
    )


def edit_clause(edit: Edit, words: str = " Staff are reminded of this at the start of every term.") -> None:
    """Change one clause's text, as an admin would, leaving the rest of the file as it was."""
    text = edit.path.read_text(encoding="utf-8")
    header = "".join(line for line in text.splitlines(keepends=True)[:1] if line.startswith("#"))
    data = yaml.safe_load(text)
    if edit.clause:
        clause = next(c for s in data["sections"] for c in s["clauses"] if c["id"] == edit.clause)
        clause["text"] = clause["text"] + words
    else:
        data.setdefault("values", {})["school.phone"] = "01632 960999"
    dump(edit.path, data, header)
