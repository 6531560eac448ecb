"""Whether a plain version still says what its rule says: its force, its conditions and exceptions, how serious it is, and no consequence or permission of its own.

A plain version is ours to write, and short; what it may not do is change the rule. Each
finding is a warning a person answers, by mending the words or by recording in the YAML
(`plain_reviewed:`) why they are faithful after all. Nothing here rewrites a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.sources.errors import SourceError
from generator.sources.modal_words import INSTRUCTION_VERBS, POLARITY, Polarity, main_clause, strengths_in
from generator.sources.model.common import Strength
from generator.sources.section_walk import raw_clauses, tier_strengths

if TYPE_CHECKING:
    from generator.sources.yaml_document import YamlDocument

# The plain versions checked, as (key under `plain:`, the audience whose page shows them, how a
# warning names them): the pages that show our words instead of the school's.
# The readers whose plain consequences are checked.
FAMILY_AUDIENCES = ("pupils", "parents")
FAMILY_VERSIONS = (("pupils", "pupils", "pupils'"), ("pupils_younger", "pupils", "younger pupils'"), ("parents", "parents", "parents'"))

# How a plain version says "not allowed" or "allowed" in a child's or parent's words, beyond the modal table.
# Any negation or restriction will do: "keep it out of sight and do not use it", "only when my teacher says so".
_PLAIN_PROHIBITION = re.compile(r"\b(?:not|never|no|nobody|nothing|only)\b|n't\b", re.IGNORECASE)
_PLAIN_PERMISSION = re.compile(
    r"\b(?:I|we|you|they|pupils|children|parents)\s+(?:can|may|are\s+allowed\s+to|is\s+allowed\s+to)\b(?!\s+not\b)(?!\s+be\b)(?!\s*[.,:;)]|$)|\bit\s+is\s+(?:ok|okay|fine)\s+to\b",
    re.IGNORECASE,
)
# What makes a rule conditional: it holds only sometimes, or not for someone.
_CONDITION = re.compile(
    r"\b(?:unless|except|excepting|only|apart\s+from|other\s+than|provided\s+that|as\s+long\s+as|without\s+(?:the\s+)?(?:\w+\s+)?(?:permission|consent|agreement|approval))\b",
    re.IGNORECASE,
)
_PLAIN_CONDITION = re.compile(r"\b(?:unless|except|only|apart\s+from|other|own|as\s+long\s+as|without|until|if|when|but|first|after|before|with|just)\b", re.IGNORECASE)
# Consequences a plain version must not add: the rule's words (or its consequence) have to say them.
_CONSEQUENCES = {
    "excluded": r"\bexclu(?:de|ded|sion)\b",
    "the police": r"\bpolice\b|\bprosecut",
    "disciplinary action": r"\bdisciplin",
    "a ban": r"\bban(?:ned)?\s+from\b|\bbe\s+banned\b",
    "suspended": r"\bsuspen(?:d|ded|sion)\b",
}
# Words that say how serious a wrong is; a plain version that drops them softens the rule.
_SERIOUS = {
    "malicious": r"\bmalicious",
    "illegal": r"\billegal|\bunlawful|\bcriminal|\bagainst\s+the\s+law|\ba\s+crime",
    "abusive": r"\babus(?:e|ive)",
    "threatening": r"\bthreat",
    "harassment": r"\bharass",
    "indecent": r"\bindecent|\bpornograph|\bnude\b|\bsexting",
    "extremist": r"\bextremis|\bradicalis|\bterroris",
}
_SERIOUS_IN_PLAIN = {
    "malicious": r"\bmalicious|\bon\s+purpose|\bto\s+hurt|\bnasty|\bcruel|\bmean\b|\bmeant\s+to\s+(?:cause\s+)?(?:harm|hurt|upset)",
    "illegal": r"\billegal|\bagainst\s+the\s+law|\bcrime|\bcriminal|\bunlawful|\bthe\s+law\b",
    "abusive": r"\babus|\bhurt|\bbully|\bcruel|\bnasty|\bharm",
    "threatening": r"\bthreat|\bscare|\bfrighten",
    "harassment": r"\bharass|\bagain\s+and\s+again|\bbully|\bkeep\s+(?:on\s+)?(?:upsetting|messaging)",
    "indecent": r"\bindecent|\brude|\bnaked|\bnude|\bsexual|\bprivate\s+parts|\bpornograph",
    "extremist": r"\bextremis|\bradical|\bterror|\bhate",
}

# Groups a plain version may not narrow: the rule names the wider group, the plain version only a
# narrower one within it ("members of staff" told as "my teachers"; "anyone" as "my friends").
_GROUPS = (
    (
        "members of staff",
        r"\b(?:members?\s+of\s+staff|staff|adults?|employees?|volunteers?)\b",
        r"\bteachers?\b",
        r"\b(?:staff|adults?|grown-?ups?|anyone|everyone|people|someone)\b|\bwho\s+works?\b",
    ),
    (
        "anyone",
        r"\b(?:anyone|anybody|any\s+(?:other\s+)?(?:person|people|individual)|other\s+people(?!['’]s)|others(?!['’])|members\s+of\s+the\s+(?:school\s+)?community)\b",
        r"\b(?:my\s+friends|other\s+(?:pupils|children|students)|classmates)\b",
        r"\b(?:anyone|anybody|everyone|people|someone|others|other\s+people|adults?|staff|grown-?ups?)\b",
    ),
)

_MODAL = re.compile(r"\b(?:must|should|shall|will|may|can|cannot|need\s+to|are\s+(?:expected|required|asked|encouraged)|is\s+(?:expected|required))\b", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """What a plain version loses or adds, said so a person can check it."""

    kind: str  # "strength", "condition", "consequence", "softened", "permission", "narrowed"
    message: str


def _polarities(text: str) -> set[Polarity]:
    return {POLARITY[s] for s, _ in strengths_in(main_clause(text)) if s in POLARITY}


# A duty in plain words: "please", "I will", or a sentence that starts with what to do ("Talk to ...").
_PLAIN_DUTY = re.compile(
    r"\bplease\b|\b(?:I|you|we)\s+(?:will|must|should|need\s+to|have\s+to)\b(?!\s+not\b)|"
    r"(?:^|[.!?:]\s+|,\s+)(?:first,?\s+)?(?:" + "|".join(sorted(INSTRUCTION_VERBS | {"talk", "come", "put"})) + r")\b",
    re.IGNORECASE,
)
_PURPOSE = re.compile(r"\bso\s+(?:that\s+)?\w+\s+can\b", re.IGNORECASE)
_RULE_ALLOWS = re.compile(r"\bcan\b(?!not)|\ballowed\b|\bpermitted\b|\bmay\b(?!\s+not)", re.IGNORECASE)


def _plain_polarities(plain: str) -> set[Polarity]:
    """Which ways the plain version points; a permission only as "I can ...", "you may ..." in its main clause."""
    found: set[Polarity] = {p for p in _polarities(plain) if p is not Polarity.permission}
    if _PLAIN_PROHIBITION.search(plain):
        found.add(Polarity.prohibition)
    if _PLAIN_PERMISSION.search(_PURPOSE.sub(" ", main_clause(plain))):
        found.add(Polarity.permission)
    if _PLAIN_DUTY.search(plain):
        found.add(Polarity.duty)
    return found


def fidelity(rule: str, strength: Strength, plain: str, consequence: str | None = None, *, binds_reader: bool = True) -> list[Finding]:
    """What `plain` loses or adds against the rule's words `rule` (text and items) and its strength.

    `binds_reader` is False where the rule binds others (the school, staff) and the plain version
    tells its reader what that means for them ("You can talk to the deputy head"): a duty of the
    school's may read as something the reader can do."""
    findings: list[Finding] = []
    rule_words = " ".join(rule.replace("**", "").split())
    plain_words = " ".join(plain.replace("**", "").split())
    said = _plain_polarities(plain_words)
    wanted = POLARITY.get(strength)
    if wanted is Polarity.prohibition and Polarity.prohibition not in said and said:
        findings.append(Finding("strength", f"the rule is {strength.value} but the plain version does not say it is not allowed"))
    if wanted is Polarity.duty and said == {Polarity.permission} and binds_reader:
        findings.append(Finding("strength", f'the rule is {strength.value} but the plain version only allows ("can", "may")'))
    allowed_by_rule = bool(_RULE_ALLOWS.search(rule_words))
    if Polarity.permission in said and not allowed_by_rule and wanted in (None, Polarity.prohibition):
        findings.append(Finding("permission", 'the plain version allows something ("can", "may") that the rule\'s words do not'))
    condition = _CONDITION.search(main_clause(rule_words)) or _CONDITION.search(rule_words)
    if condition and not _PLAIN_CONDITION.search(plain_words):
        findings.append(Finding("condition", f'the rule holds only with its condition ("{" ".join(condition.group().split())} ..."), which the plain version leaves out'))
    stated = f"{rule_words} {consequence or ''}"
    for name, pattern in _CONSEQUENCES.items():
        if re.search(pattern, plain_words, re.IGNORECASE) and not re.search(pattern, stated, re.IGNORECASE):
            findings.append(Finding("consequence", f"the plain version says {name}, which the rule does not"))
    for name, pattern in _SERIOUS.items():
        serious = re.search(pattern + r"\w*", rule_words, re.IGNORECASE)
        if serious and not re.search(_SERIOUS_IN_PLAIN[name], plain_words, re.IGNORECASE):
            findings.append(Finding("softened", f'the rule says how serious it is ("{serious.group()}"), which the plain version leaves out'))
    modal = _MODAL.search(rule_words)
    for _group, broad, narrow, kept in _GROUPS:
        named = re.search(broad, rule_words, re.IGNORECASE)
        # A group the rule binds, or one a prohibition protects, may not shrink; "tell a member of
        # staff" told as "tell a teacher" still does what the rule asks.
        covers = named and (wanted is Polarity.prohibition or (modal is not None and named.start() < modal.start()))
        if covers and named and re.search(narrow, plain_words, re.IGNORECASE) and not re.search(kept, plain_words, re.IGNORECASE):
            findings.append(Finding("narrowed", f'the rule covers "{named.group()}", which the plain version narrows to some of them'))
    return findings


def fidelity_warnings(doc: YamlDocument) -> list[SourceError]:
    """A policy file's plain versions that lose or add something against their rule, unless `plain_reviewed:` answers it."""
    tiers = tier_strengths(doc.data)
    found: list[SourceError] = []
    for loc, clause in raw_clauses(doc.data):
        found += _consequence_warnings(doc, loc, clause, f"clause '{clause.get('id')}'")
        plain, reviewed = clause.get("plain"), clause.get("plain_reviewed")
        if not isinstance(plain, dict):
            continue
        reviewed = reviewed if isinstance(reviewed, dict) else {}
        value = clause.get("strength") or tiers.get(str(clause.get("tier")))
        # A value of the wrong shape is the model's error to report, with its line.
        if not isinstance(value, str) or value not in set(Strength) or not isinstance(clause.get("text"), str):
            continue
        items = [i for i in clause.get("items") or [] if isinstance(i, str)]
        rule = " ".join([clause["text"], *items])
        consequence = clause.get("consequence") if isinstance(clause.get("consequence"), str) else None
        for key, audience, name in FAMILY_VERSIONS:
            words = plain.get(key)
            if not isinstance(words, str) or reviewed.get(key):
                continue
            parties = clause.get("audiences") or clause.get("binds") or []
            binds = isinstance(parties, list) and audience in parties
            for finding in fidelity(rule, Strength(value), words, consequence, binds_reader=binds):
                message = (
                    f"clause '{clause.get('id')}': the {name} version may not say what the rule says: {finding.message}; "
                    f"mend the words, or if they are faithful add `plain_reviewed: {{{key}: why}}`"
                )
                found.append(doc.error((*loc, "plain", key), message))
    return found + _consequence_warnings(doc, (), doc.data, "the policy")


def _consequence_warnings(doc: YamlDocument, loc: tuple[str | int, ...], part: object, name: str) -> list[SourceError]:
    """The plain words for a consequence, checked against the consequence as a plain version is against its rule."""
    if not isinstance(part, dict):
        return []
    consequence, plain = part.get("consequence"), part.get("plain_consequence")
    if not isinstance(consequence, str) or not isinstance(plain, dict) or plain.get("reviewed"):
        return []
    found = []
    for audience in FAMILY_AUDIENCES:
        words = plain.get(audience)
        if not isinstance(words, str):
            continue
        # What happens on a breach binds nobody: the checks of force do not apply, the others do.
        for finding in fidelity(consequence, Strength.info, words, binds_reader=False):
            message = (
                f"{name}: the {audience}' words for what happens if it is broken may not say what the consequence says: {finding.message}; "
                "mend the words, or if they are faithful add `reviewed: why` under `plain_consequence:`"
            )
            found.append(doc.error((*loc, "plain_consequence", audience), message))
    return found
