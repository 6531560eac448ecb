"""Checks that span fields or files: unique ids, references, plain versions, placeholders; and the warnings of likely slips."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.sources.anchors import DEFAULT_SMART_ID
from generator.sources.errors import SourceError, display_path
from generator.sources.identity_checks import check_identity
from generator.sources.links import check_url, text_link_problems, url_scheme
from generator.sources.model.history import RATIFYING_EVENTS, event_key, version_key
from generator.sources.model.organisation import Organisation
from generator.sources.model.policy import SCHOOL, SMART_LETTERS, Policy, smart_letter_id
from generator.sources.parties import Reads, pages_of
from generator.sources.placeholders import Placeholders
from generator.sources.plain_fidelity import fidelity_warnings
from generator.sources.plain_work import PlainToWrite, is_draft
from generator.sources.section_walk import blocks, raw_clauses, raw_sections, text_fields, tier_strengths
from generator.sources.strength_checks import strength_warnings
from generator.sources.topics import builtin_topic_ids

if TYPE_CHECKING:
    from generator.sources.loaded import Sources
    from generator.sources.yaml_document import YamlDocument

Loc = tuple[str | int, ...]


def _check_placeholders(doc: YamlDocument, fill: Placeholders) -> list[SourceError]:
    errors = []
    for loc, text in text_fields(doc.data):
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
    for loc, text in text_fields(doc.data):
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
        f"add {audience} to its `audiences:` or `informs:`, or remove this plain version"
    )


def _party_problems(clause: dict[str, Any], reads: Reads, doc: YamlDocument, loc: Loc) -> list[SourceError]:
    errors = []
    known = ", ".join(reads)
    for key in ("audiences", "binds", "informs"):
        values = clause.get(key)
        for i, party in enumerate(values if isinstance(values, list) else []):
            if not isinstance(party, str):
                continue
            if party not in reads:
                errors.append(doc.error((*loc, key, i), f"'{party}' is not an audience or one of this organisation's audience_groups; use one of: {known}"))
            elif key == "informs" and party == SCHOOL:
                errors.append(doc.error((*loc, key, i), "`informs:` names readers; a rule for the school itself goes in `audiences:` (whom it binds)"))
    if "audiences" in clause and "binds" in clause:
        errors.append(doc.error((*loc, "binds"), "write whom the rule binds once: `binds:` or `audiences:` (the older name), not both"))
    return errors


def _tier_problems(clause: dict[str, Any], tiers: dict[str, Any], doc: YamlDocument, loc: Loc) -> list[SourceError]:
    tier = clause.get("tier")
    if not isinstance(tier, str):
        return []
    if tier not in tiers:
        listed = ", ".join(tiers) or "none: add `tiers:` to the policy"
        return [doc.error((*loc, "tier"), f"unknown tier '{tier}'; use one of the policy's tiers ({listed})")]
    strength = clause.get("strength")
    if strength is not None and strength != tiers[tier]:
        return [doc.error((*loc, "strength"), f"strength '{strength}' disagrees with tier '{tier}' ({tiers[tier]}); leave `strength:` out, or fix one of them")]
    return []


def check_policy_data(doc: YamlDocument, known_policies: set[str], reads: Reads, todo: list[PlainToWrite]) -> list[SourceError]:
    """Checks on the raw data, so they run even when the same file has model errors.

    `reads`: whom this organisation's clauses may bind or inform, and the page each reads."""
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

    topics = builtin_topic_ids() | {t["id"] for _, t in blocks(data, "topics") if isinstance(t.get("id"), str)}
    tiers = tier_strengths(data)
    declared = data.get("pages")
    shown = set(declared) if isinstance(declared, list) else {"staff", "pupils", "parents", "governors"}
    clause_ids: set[str] = set()
    for loc, section in raw_sections(data):
        claim(section, loc)
    for loc, clause in raw_clauses(data):
        claim(clause, loc)
        clause_ids.add(str(clause.get("id")))
        topic = clause.get("topic", "general")
        if isinstance(topic, str) and topic not in topics:
            errors.append(doc.error((*loc, "topic"), f"unknown topic '{topic}'; use a built-in topic (see the authoring guide) or add it under `topics:`"))
        errors += _party_problems(clause, reads, doc, loc)
        errors += _tier_problems(clause, tiers, doc, loc)
        parties = [p for key in ("audiences", "binds", "informs") if isinstance(clause.get(key), list) for p in clause[key] if isinstance(p, str)]
        reached = {page.value for page in pages_of(parties, reads)} & shown
        plain = clause.get("plain")
        plain = plain if isinstance(plain, dict) else {}
        for audience in ("pupils", "parents"):
            if audience in reached and not plain.get(audience) and is_draft(data):
                # A draft is work in progress (an import writes none): its pages show the policy's own words meanwhile.
                todo.append(PlainToWrite(display_path(doc.path), doc.line_of(loc), str(data.get("id", doc.path.stem)), str(clause.get("id")), audience))
            elif audience in reached and not plain.get(audience):
                errors.append(
                    doc.error(
                        loc,
                        f"clause '{clause.get('id')}' concerns {audience} but has no plain-language version; add `plain:` with `{audience}: ...` in words they can read",
                    )
                )
        for key, words in plain.items():
            # The younger pupils' words are shown on the pupils' page, beside the others.
            audience = "pupils" if key == "pupils_younger" else key
            if words and isinstance(audience, str) and audience not in reached:
                errors.append(
                    doc.error(
                        (*loc, "plain", key),
                        unread_plain_version(str(clause.get("id")), audience),
                    )
                )
        for r, ref in blocks(clause, "see"):
            errors += _check_reference(ref, known_policies, doc, (*loc, "see", r))
    smart = data.get("smart")
    if isinstance(smart, dict) or smart == "general":
        guide_id = smart.get("id", DEFAULT_SMART_ID) if isinstance(smart, dict) else DEFAULT_SMART_ID
        claim({"id": guide_id}, ("smart",))
        # Each letter is an anchor of the pupils' page too (search results open it).
        if isinstance(guide_id, str):
            for letter in SMART_LETTERS:
                claim({"id": smart_letter_id(guide_id, letter)}, ("smart",))
    for p, procedure in blocks(data, "procedures"):
        claim(procedure, ("procedures", p))
        for i, step in blocks(procedure, "steps"):
            target = step.get("clause")
            if isinstance(target, str) and target not in clause_ids:
                errors.append(
                    doc.error(("procedures", p, "steps", i, "clause"), f"step points to clause '{target}', which is not in this policy; use the id of one of its clauses")
                )
    for r, ref in blocks(data, "related_policies"):
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
        if event.event not in RATIFYING_EVENTS:
            continue
        if event.version:
            # "3.0", "03" and "3" are one number to a reader (and "3A" and "3a" one file on Windows).
            key, field = version_key(event.version), "version"
            message = (
                f"version {event.version} is already recorded at line {{line}} (versions are compared ignoring case, "
                "leading zeros and a trailing .0); each ratified version needs its own number"
            )
        else:
            # A version with no number is known by its date, which names its archive and page.
            key, field = event_key(event), "date"
            message = (
                f"another version is already known as {key} (line {{line}}); a version with no number is known by its date, "
                "so give one of them a version number, as the source has it, or the full date of each meeting"
            )
        if key in versions:
            errors.append(doc.error(("history", e, field), message.format(line=versions[key])))
        versions[key] = doc.line_of(("history", e))
    return errors


def _check_org(org: Organisation, doc: YamlDocument, sources: Sources) -> list[SourceError]:
    errors: list[SourceError] = []
    people = {person.id for person in org.people}
    for g, group in enumerate(org.groups):
        for m, member in enumerate(group.members):
            if member not in people:
                errors.append(doc.error(("groups", g, "members", m), f"'{member}' is not listed under people; add them there or fix the id"))
    for t, adult in enumerate(org.trusted_adults):
        if adult not in people:
            errors.append(doc.error(("trusted_adults", t), f"'{adult}' is not listed under people; add them there or fix the id"))
    if org.trust and org.trust.section:
        errors.append(doc.error(("trust", "section"), "a trust is named by its `id:` or `name:` alone; remove `section:`"))
    if org.trust and org.trust.id and org.trust.id not in sources.orgs:
        errors.append(doc.error(("trust", "id"), f"there is no organisation '{org.trust.id}' here; fix the id or write `name:` for a trust the site does not carry"))
    return errors + check_identity(org, doc)


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


def policy_warnings(doc: YamlDocument) -> list[SourceError]:
    """Allowed but most likely a slip: an empty section, a clause number used twice in one section,
    a clause whose words say the opposite of its strength, a plain version that changes its rule."""
    found = strength_warnings(doc) + fidelity_warnings(doc)
    for here, section in raw_sections(doc.data):
        if not any(section.get(key) for key in ("clauses", "intro", "sections", "closing")):
            message = f"section '{section.get('id')}' has no clauses, sub-sections or text, so no page shows anything of it; add its text or remove it"
            found.append(doc.error(here, message))
        numbers: dict[str, int] = {}
        for c, clause in blocks(section, "clauses"):
            number = clause.get("number")
            if not isinstance(number, str | int | float) or isinstance(number, bool):
                continue
            loc = (*here, "clauses", c, "number")
            if str(number) in numbers:
                found.append(doc.error(loc, f"number {number} is already used at line {numbers[str(number)]} in this section; check the original's numbering"))
            else:
                numbers[str(number)] = doc.line_of(loc)
    return found
