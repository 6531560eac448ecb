"""Merge a trust's policy with one school's overlay, on every build.

The trust's text stays the trust's and the school's changes stay data, so a trust edit
reaches every school at the next build with each school's own changes still applied. Each
replaced or removed clause records the fingerprint of the trust wording it was written
against (`based_on`): when the trust has reworded that clause since, the school's text is
kept and the build says so (a collision), rather than either side being dropped unseen.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from generator.sources.adoption import Adoption
from generator.sources.errors import SourceError
from generator.sources.model.overlay import Overlay
from generator.sources.model.policy import Policy
from generator.sources.overlay_clauses import ClauseMerge
from generator.sources.parties import Reads
from generator.sources.placeholders import PLACEHOLDER, Placeholders
from generator.sources.section_walk import raw_sections
from generator.sources.yaml_document import YamlDocument


def _fill_values(data: Any, values: dict[str, str]) -> Any:
    if isinstance(data, str):
        return PLACEHOLDER.sub(lambda m: values.get(f"{m.group(1)}.{m.group(2) or ''}", m.group(0)), data)
    if isinstance(data, list):
        return [_fill_values(v, values) for v in data]
    if isinstance(data, dict):
        return {k: _fill_values(v, values) for k, v in data.items()}
    return data


def _strings(data: Any, where: str = "") -> list[tuple[str, str]]:
    """Every string in the data with the clause (or part) it belongs to, for error messages."""
    if isinstance(data, str):
        return [(where, data)]
    if isinstance(data, list):
        return [found for v in data for found in _strings(v, where)]
    if isinstance(data, dict):
        here = f"clause '{data['id']}'" if "text" in data and "strength" in data and "id" in data else where
        return [found for k, v in data.items() if k not in ("history",) for found in _strings(v, here or k)]
    return []


def _degrade_links(data: Any, site_policies: set[str], titles: dict[str, str]) -> Any:
    """A trust clause may link to a trust policy this school does not adopt: name it instead."""
    if isinstance(data, list):
        return [_degrade_links(v, site_policies, titles) for v in data]
    if isinstance(data, dict):
        if set(data) <= {"id", "name", "url"} and isinstance(data.get("id"), str) and data["id"] not in site_policies:
            return {"name": data.get("name") or titles.get(data["id"], data["id"]), **({"url": data["url"]} if data.get("url") else {})}
        return {k: _degrade_links(v, site_policies, titles) for k, v in data.items()}
    return data


def _check_values(overlay: Overlay, doc: YamlDocument, errors: list[SourceError]) -> None:
    for name in overlay.values:
        if not PLACEHOLDER.fullmatch("{{ " + name + " }}") or "." not in name:
            errors.append(doc.error(("values", name), f"'{name}' is not a placeholder name; write it as in the text without braces, e.g. role.dsl or school.phone"))


def merge(
    trust: Policy,
    overlay: Overlay,
    doc: YamlDocument,
    fill: Placeholders,
    site_policies: set[str],
    titles: dict[str, str],
    trust_id: str,
    errors: list[SourceError],
    reads: Reads,
) -> tuple[Policy, Adoption] | None:
    """The school's policy: the trust's, with the overlay's values, additions, replacements and removals."""
    before = len(errors)
    _check_values(overlay, doc, errors)
    work = ClauseMerge(trust, overlay, doc, errors, reads)
    removed = work.remove()
    work.replace()
    work.add()
    data = work.data
    for _, section in raw_sections(data):
        section["clauses"] = [c for c in section.get("clauses", []) if c["id"] not in removed]
    for procedure in data.get("procedures", []):
        # A step keeps its words when the clause it came from is removed, but not its link.
        for step in procedure.get("steps", []):
            if step.get("clause") in removed:
                step.pop("clause")
    if overlay.school_accounts is not None:
        data["school_accounts"] = [a.model_dump(mode="json", exclude_defaults=True) for a in overlay.school_accounts]
    if overlay.history is not None:
        data["history"] = [e.model_dump(mode="json", exclude_defaults=True) for e in overlay.history]
    if overlay.review is not None:
        data["review"] = overlay.review.model_dump(mode="json", exclude_defaults=True)
    data = _degrade_links(_fill_values(data, dict(overlay.values)), site_policies, titles)
    base_data = _degrade_links(_fill_values(trust.model_dump(mode="json", exclude_defaults=True), dict(overlay.values)), site_policies, titles)
    # A value the trust's text needs that this school has not given: say where to give it.
    missing: dict[str, str] = {}
    for where, text in _strings(data):
        for unknown in fill.unknown(text):
            missing.setdefault(unknown, where)
    for placeholder, where in missing.items():
        name = PLACEHOLDER.fullmatch(placeholder)
        assert name is not None
        key = f"{name.group(1)}.{name.group(2) or ''}"
        advice = (
            f"add a person with `role: {name.group(2)}` to organisation.yml"
            if name.group(1) == "role"
            else f"add the group `{name.group(2)}` to organisation.yml"
            if name.group(1) == "group"
            else "add it under `contact:` in organisation.yml"
            if name.group(1) == "school"
            else "fix the trust's text"
        )
        errors.append(
            doc.error(
                ("values",), f"the policy's text ({where}) needs {placeholder}, which this school has not filled in: {advice}, or write `{key}: ...` under `values:` here"
            )
        )
    if len(errors) > before:
        return None
    try:
        policy = Policy.model_validate(data)
        base = Policy.model_validate(base_data)
    except ValidationError as exc:
        errors.append(doc.error((), f"the merged policy is not valid ({exc.errors()[0]['msg']}); check the clauses this overlay changes"))
        return None
    return policy, Adoption(trust_id, trust, base, work.changes, work.collisions)
