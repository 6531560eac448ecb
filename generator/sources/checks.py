"""Checks that span fields or files: unique ids, references, plain versions, placeholders; and the warnings of likely slips."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from generator.sources.errors import SourceError
from generator.sources.links import check_url, text_link_problems, url_scheme
from generator.sources.modal_words import contradiction
from generator.sources.model.common import Strength
from generator.sources.model.history import RATIFYING_EVENTS, version_key
from generator.sources.model.organisation import Organisation
from generator.sources.model.policy import Policy
from generator.sources.placeholders import Placeholders
from generator.sources.topics import builtin_topic_ids

if TYPE_CHECKING:
    from generator.sources.loaded import Sources
    from generator.sources.yaml_document import YamlDocument

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


# Fields whose whole value is an address. A school account's `address` may be a handle
# ("@oakprimary") rather than a web address, so it is checked as an address only when it is
# one word with a scheme, or starts "//" or "www."; any other text is checked like all text.
_ADDRESS_FIELDS = {"url", "website"}


def _looks_like_address(text: str) -> bool:
    return " " not in text.strip() and (url_scheme(text) is not None or text.strip().startswith(("//", "www.")))


def check_links(doc: YamlDocument) -> list[SourceError]:
    """Every address in one file, found in its raw data: fields that are an address, and every
    link in every text (Markdown or not: a name can be filled into Markdown by a placeholder).

    Runs on the raw data, so it reports even a file with model errors, with file:line.
    """
    errors: list[SourceError] = []
    for loc, text in _text_fields(doc.data):
        key = loc[-1] if loc else ""
        problems: list[str] = []
        if key in _ADDRESS_FIELDS or (key == "address" and "school_accounts" in loc and _looks_like_address(text)):
            problem = check_url(text)
            if problem:
                problems.append(problem)
        elif key == "email" and "contact" in loc:
            problem = check_url("mailto:" + text.strip())
            if problem:
                problems.append(problem)
        if not problems:
            problems = text_link_problems(text)
        errors += [doc.error(loc, problem) for problem in problems]
    return errors


def _items(data: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
    """Entries of a list field that are blocks; the model reports any other shape."""
    value = data.get(key) if isinstance(data, dict) else None
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []


def _check_reference(ref: dict[str, Any], known: set[str], doc: YamlDocument, loc: Loc) -> list[SourceError]:
    ident = ref.get("id")
    if isinstance(ident, str) and ident not in known:
        listed = ", ".join(sorted(known)) or "none yet"
        return [
            doc.error(
                (*loc, "id"),
                f"there is no policy with id '{ident}' on this site (policies here: {listed}); fix the id, or write `name: ...` for a policy the site does not carry",
            )
        ]
    return []


def unread_plain_version(clause_id: str, audience: str) -> str:
    """The message for a plain version no page shows: its clause is not for that audience."""
    return (
        f"clause '{clause_id}' has a plain version for {audience} but is not for {audience}, so no page shows it; "
        f"add {audience} to its `audiences:` or remove this plain version"
    )


def check_policy_data(doc: YamlDocument, known_policies: set[str]) -> list[SourceError]:
    """Checks on the raw data, so they run even when the same file has model errors."""
    data = doc.data if isinstance(doc.data, dict) else {}
    errors: list[SourceError] = []
    seen: dict[str, int] = {}

    def claim(item: dict[str, Any], loc: Loc) -> None:
        ident = item.get("id")
        if not isinstance(ident, str):
            return
        if ident in seen:
            errors.append(
                doc.error(
                    (*loc, "id"),
                    f"id '{ident}' is already used at line {seen[ident]}; every section, clause and procedure id must be unique in the policy (e.g. {ident}-2)",
                )
            )
        else:
            seen[ident] = doc.line_of((*loc, "id"))

    topics = builtin_topic_ids() | {t["id"] for _, t in _items(data, "topics") if isinstance(t.get("id"), str)}
    clause_ids: set[str] = set()
    for s, section in _items(data, "sections"):
        claim(section, ("sections", s))
        for c, clause in _items(section, "clauses"):
            loc = ("sections", s, "clauses", c)
            claim(clause, loc)
            clause_ids.add(str(clause.get("id")))
            topic = clause.get("topic", "general")
            if isinstance(topic, str) and topic not in topics:
                errors.append(doc.error((*loc, "topic"), f"unknown topic '{topic}'; use a built-in topic (see the authoring guide) or add it under `topics:`"))
            audiences = clause.get("audiences")
            audiences = audiences if isinstance(audiences, list) else []
            plain = clause.get("plain")
            plain = plain if isinstance(plain, dict) else {}
            for audience in ("pupils", "parents"):
                if audience in audiences and not plain.get(audience):
                    errors.append(
                        doc.error(
                            loc,
                            f"clause '{clause.get('id')}' concerns {audience} but has no plain-language version; "
                            f"add `plain:` with `{audience}: ...` in words they can read",
                        )
                    )
            for audience, words in plain.items():
                if words and isinstance(audience, str) and audience not in audiences:
                    errors.append(
                        doc.error(
                            (*loc, "plain", audience),
                            unread_plain_version(str(clause.get("id")), audience),
                        )
                    )
            for r, ref in _items(clause, "see"):
                errors += _check_reference(ref, known_policies, doc, (*loc, "see", r))
    if isinstance(data.get("smart"), dict):
        claim({"id": data["smart"].get("id", "be-smart-online")}, ("smart",))
    for p, procedure in _items(data, "procedures"):
        claim(procedure, ("procedures", p))
        for i, step in _items(procedure, "steps"):
            target = step.get("clause")
            if isinstance(target, str) and target not in clause_ids:
                errors.append(
                    doc.error(("procedures", p, "steps", i, "clause"), f"step points to clause '{target}', which is not in this policy; use the id of one of its clauses")
                )
    for r, ref in _items(data, "related_policies"):
        errors += _check_reference(ref, known_policies, doc, ("related_policies", r))
    errors += check_links(doc)
    return errors


def _check_history(policy: Policy, doc: YamlDocument) -> list[SourceError]:
    errors: list[SourceError] = []
    versions: dict[str, int] = {}
    previous = None
    for e, event in enumerate(policy.history):
        if previous and event.date.first_day() < previous.first_day():
            errors.append(doc.error(("history", e, "date"), "the ratification record must be in date order, oldest first; move this entry up"))
        previous = event.date
        if event.event in RATIFYING_EVENTS and event.version:
            # "3.0", "03" and "3" are one number to a reader (and "3A" and "3a" one file on Windows).
            key = version_key(event.version)
            if key in versions:
                errors.append(
                    doc.error(
                        ("history", e, "version"),
                        f"version {event.version} is already recorded at line {versions[key]} (versions are compared ignoring case, "
                        "leading zeros and a trailing .0); each ratified version needs its own number",
                    )
                )
            versions[key] = doc.line_of(("history", e))
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
    """Checks that need a valid organisation and policy models."""
    errors: list[SourceError] = []
    for source in sources.orgs.values():
        errors += _check_org(source.org, source.doc, sources)
        fill = Placeholders(source.org, sources.trust_name(source.org))
        errors += _check_placeholders(source.doc, fill)
        for policy_source in source.policies.values():
            if policy_source.adoption is None:
                errors += _check_history(policy_source.policy, policy_source.doc)
                errors += _check_placeholders(policy_source.doc, fill)
            elif isinstance(policy_source.doc.data, dict) and "history" in policy_source.doc.data:
                # The overlay's own record; an inherited trust record is checked in the trust's file.
                errors += _check_history(policy_source.policy, policy_source.doc)
    return errors


def _clauses(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, dict[str, Any]]]:
    """Every clause block of a policy's raw data, in sub-sections too, with where it is."""
    for s, section in _items(data, "sections"):
        for c, clause in _items(section, "clauses"):
            yield (*loc, "sections", s, "clauses", c), clause
        yield from _clauses(section, (*loc, "sections", s))


def _strength(clause: dict[str, Any], tiers: dict[str, Any]) -> tuple[str, Strength] | None:
    """The clause's strength and the field that gives it (`strength`, or `tier` through the policy's tiers)."""
    for key, value in (("strength", clause.get("strength")), ("tier", tiers.get(str(clause.get("tier"))))):
        if isinstance(value, str) and value in set(Strength):
            return key, Strength(value)
    return None


def _tiers(data: Any) -> dict[str, Any]:
    return {str(tier.get("id")): tier.get("strength") for _, tier in _items(data, "tiers")}


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
    tiers = _tiers(trust_doc.data)
    found = _strength_warnings(doc, ((("add", a, "clause"), add["clause"]) for a, add in _items(doc.data, "add") if isinstance(add.get("clause"), dict)), tiers)
    trust = {clause.get("id"): clause for _, clause in _clauses(trust_doc.data)}
    for r, entry in _items(doc.data, "replace"):
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


def policy_warnings(doc: YamlDocument) -> list[SourceError]:
    """Allowed but most likely a slip: an empty section, a clause number used twice in one section,
    a clause whose words say the opposite of its strength."""
    found = _strength_warnings(doc, _clauses(doc.data), _tiers(doc.data))
    for s, section in _items(doc.data, "sections"):
        if not section.get("clauses") and not section.get("intro"):
            message = f"section '{section.get('id')}' has no clauses and no intro, so no page shows anything of it; add its text or remove it"
            found.append(doc.error(("sections", s), message))
        numbers: dict[str, int] = {}
        for c, clause in _items(section, "clauses"):
            number = clause.get("number")
            if not isinstance(number, str | int | float) or isinstance(number, bool):
                continue
            loc = ("sections", s, "clauses", c, "number")
            if str(number) in numbers:
                found.append(doc.error(loc, f"number {number} is already used at line {numbers[str(number)]} in this section; check the original's numbering"))
            else:
                numbers[str(number)] = doc.line_of(loc)
    return found
