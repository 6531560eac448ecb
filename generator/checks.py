"""Checks that span fields or files: unique ids, references, plain versions, placeholders."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from generator.errors import SourceError
from generator.model import RATIFYING_EVENTS, Audience, Organisation, Policy, Reference
from generator.text import Placeholders
from generator.topics import builtin_topic_ids

if TYPE_CHECKING:
    from generator.sources import OrgSource, Sources
    from generator.yaml_source import YamlDocument

Loc = tuple[str | int, ...]


def _text_fields(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _text_fields(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _text_fields(value, (*loc, i))
    elif isinstance(data, str):
        yield loc, data


def _check_placeholders(doc: YamlDocument, fill: Placeholders) -> list[SourceError]:
    errors = []
    for loc, text in _text_fields(doc.data):
        for unknown in fill.unknown(text):
            errors.append(doc.error(loc, f"{unknown} cannot be filled in for this organisation; use one of: {', '.join(fill.known())}"))
    return errors


def _check_reference(ref: Reference, known: set[str], doc: YamlDocument, loc: Loc) -> list[SourceError]:
    if ref.id and ref.id not in known:
        listed = ", ".join(sorted(known)) or "none yet"
        return [doc.error((*loc, "id"), f"there is no policy with id '{ref.id}' on this site (policies here: {listed}); fix the id, or write `name: ...` for a policy the site does not carry")]
    return []


def _check_policy(policy: Policy, doc: YamlDocument, known_policies: set[str]) -> list[SourceError]:
    errors: list[SourceError] = []
    seen: dict[str, int] = {}

    def claim(ident: str, loc: Loc) -> None:
        line = doc.line_of((*loc, "id"))
        if ident in seen:
            errors.append(doc.error((*loc, "id"), f"id '{ident}' is already used at line {seen[ident]}; every section, clause and procedure id must be unique in the policy (e.g. {ident}-2)"))
        else:
            seen[ident] = line

    topics = builtin_topic_ids() | {t.id for t in policy.topics}
    for s, section in enumerate(policy.sections):
        claim(section.id, ("sections", s))
        for c, clause in enumerate(section.clauses):
            loc = ("sections", s, "clauses", c)
            claim(clause.id, loc)
            if clause.topic not in topics:
                errors.append(doc.error((*loc, "topic"), f"unknown topic '{clause.topic}'; use a built-in topic (see the authoring guide) or add it under `topics:`"))
            for audience, attr in ((Audience.pupils, "pupils"), (Audience.parents, "parents")):
                if audience in clause.audiences and not getattr(clause.plain, attr):
                    errors.append(doc.error(loc, f"clause '{clause.id}' concerns {attr} but has no plain-language version; add `plain:` with `{attr}: ...` in words they can read"))
            for r, ref in enumerate(clause.see):
                errors += _check_reference(ref, known_policies, doc, (*loc, "see", r))
    if policy.smart:
        claim(policy.smart.id, ("smart",))
    clause_ids = {clause.id for clause in policy.clauses()}
    for p, procedure in enumerate(policy.procedures):
        claim(procedure.id, ("procedures", p))
        for i, step in enumerate(procedure.steps):
            if step.clause and step.clause not in clause_ids:
                errors.append(doc.error(("procedures", p, "steps", i, "clause"), f"step points to clause '{step.clause}', which is not in this policy; use the id of one of its clauses"))
    for r, ref in enumerate(policy.related_policies):
        errors += _check_reference(ref, known_policies, doc, ("related_policies", r))
    versions: dict[str, int] = {}
    previous = None
    for e, event in enumerate(policy.history):
        if previous and event.date.first_day() < previous.first_day():
            errors.append(doc.error(("history", e, "date"), "the ratification record must be in date order, oldest first; move this entry up"))
        previous = event.date
        if event.event in RATIFYING_EVENTS and event.version:
            if event.version in versions:
                errors.append(doc.error(("history", e, "version"), f"version {event.version} is already recorded at line {versions[event.version]}; each ratified version needs its own number"))
            versions[event.version] = doc.line_of(("history", e))
    return errors


def _check_org(org: Organisation, doc: YamlDocument, sources: Sources) -> list[SourceError]:
    errors: list[SourceError] = []
    people = {person.id for person in org.people}
    for g, group in enumerate(org.groups):
        for m, member in enumerate(group.members):
            if member not in people:
                errors.append(doc.error(("groups", g, "members", m), f"'{member}' is not listed under people; add them there or fix the id"))
    if org.trust and org.trust.id and org.trust.id not in sources.orgs:
        errors.append(doc.error(("trust", "id"), f"there is no organisation '{org.trust.id}' here; fix the id or write `name:` for a trust the site does not carry"))
    return errors


def check_sources(sources: Sources) -> list[SourceError]:
    errors: list[SourceError] = []
    for source in sources.orgs.values():
        errors += _check_org(source.org, source.doc, sources)
        known = set(source.policies) | _trust_policies(source, sources)
        fill = Placeholders(source.org, sources.trust_name(source.org))
        errors += _check_placeholders(source.doc, fill)
        for policy_source in source.policies.values():
            errors += _check_policy(policy_source.policy, policy_source.doc, known)
            errors += _check_placeholders(policy_source.doc, fill)
    return errors


def _trust_policies(source: OrgSource, sources: Sources) -> set[str]:
    trust = sources.trust_of(source.org)
    return set(sources.orgs[trust.id].policies) if trust else set()
