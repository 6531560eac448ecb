"""What the importer proposes from a rule's words: its strength, whom it binds, the word it defines, the policies it names.

Each guess comes with the reason a person should check it, or None where the words leave no
doubt ("must not"). Whom a rule binds is judgement, so it is only proposed from the rule's
subject or its section's heading, and always flagged when it came from anywhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.sources.modal_words import strengths_in

# The words that name each party, matched as whole words. Data, not logic: a setting with other
# names for its people ("colleagues", "scholars") is one line here.
PARTY_WORDS: dict[str, tuple[str, ...]] = {
    "governors": ("governors", "governor", "governing body", "governing board", "trustees", "trustee", "chair of governors", "local governing body"),
    "parents": ("parents", "parent", "carers", "carer", "families", "guardians"),
    "pupils": ("pupils", "pupil", "children", "child", "students", "student", "learners", "learner", "young people"),
    "staff": (
        "staff",
        "staff member",
        "staff members",
        "members of staff",
        "member of staff",
        "teachers",
        "teacher",
        "employees",
        "employee",
        "colleagues",
        "adults",
        "volunteers",
        "head teacher",
        "headteacher",
        "headteachers",
        "head teachers",
        "principal",
        "deputy head",
        "designated safeguarding lead",
        "dsl",
        "senior leadership team",
        "senior leaders",
        "slt",
        "network manager",
        "administrator",
        "moderator",
        "class teacher",
        "senco",
        "office",
    ),
    "school": ("the school", "our school", "we", "the academy", "the trust", "the setting", "the nursery", "the college"),
}

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# "will" not followed by "not": a duty, a promise or the future (the modal table leaves it out).
WILL = re.compile(r"\bwill\b(?!\s+not\b)(?!\s+never\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Guess:
    """A proposed value and, when a person should look, why."""

    value: str
    check: str | None = None


def _word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


_PARTY_PATTERNS = {party: _word_pattern(words) for party, words in PARTY_WORDS.items()}


# Where a sentence's subject usually ends when no modal phrase comes first: its first verb.
_FIRST_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|can|could|would|does|do|did|takes?|consists?|defines?|understands?|"
    r"believes?|recognises?|recognizes?|uses?|includes?|aims?|expects?|asks?|provides?|ensures?|promotes?|respects?)\b",
    re.IGNORECASE,
)
SUBJECT_MAX_WORDS = 10


def _subject(text: str) -> str:
    """The words before the first modal phrase or verb of the first sentence: usually who the rule is about."""
    first = _SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    first = " ".join(first.split()[:SUBJECT_MAX_WORDS])
    found = strengths_in(first)
    verb = _FIRST_VERB.search(first)
    cut = verb.start() if verb else len(first)
    if found:
        cut = min(cut, first.lower().find(found[0][1].lower().split()[0]))
    will = WILL.search(first)
    if will and will.start() < cut:
        cut = will.start()
    return first[: max(cut, 0)]


def parties_in(text: str, school_names: tuple[str, ...] = ()) -> list[str]:
    """The parties named in `text`, in the order of PARTY_WORDS (a whole-word match each)."""
    found = [party for party, pattern in _PARTY_PATTERNS.items() if pattern.search(text)]
    if "school" not in found and any(name and name.lower() in text.lower() for name in school_names):
        found.append("school")
    return found


def guess_audiences(text: str, heading_parties: list[str], school_names: tuple[str, ...] = ()) -> tuple[list[str], str | None]:
    """Whom the rule binds: its subject's parties, else its section heading's, else staff (flagged)."""
    subject = _subject(text)
    named = parties_in(subject, school_names)
    if named:
        # "Staff and pupils must" names two; "the school will ask parents" is the school's duty.
        return named, None
    if heading_parties:
        return list(heading_parties), "audiences taken from the section's heading; check whom this binds"
    anywhere = [p for p in parties_in(text, school_names) if p != "school"]
    if anywhere:
        return anywhere[:1], f"audiences guessed from the word for {anywhere[0]} in the text; check whom this binds"
    return ["staff"], "no one is named: staff proposed; check whom this binds"


_DEFINITION = re.compile(
    r"""^\s*(?:[\w' ]{0,40}?\bdefines?\s+)?["'“‘]?(?P<term>[A-Za-z][\w'’/ -]{0,60}?)["'”’]?\s*"""
    r"""(?:[-–—:]\s*)?(?:\bmeans\b|\bis defined as\b|\brefers to\b|\bas\b(?=\s+(?:any|all|an?|the)\b))""",
    re.IGNORECASE,
)
_QUOTED_DEFINED = re.compile(r"""\bdefines\s+["'“‘](?P<term>[^"'”’]{1,60})["'”’]\s+as\b""", re.IGNORECASE)


def guess_term(text: str) -> str | None:
    """The word or phrase the text defines ("Social media means...", 'X defines "cyber bullying" as'), if it is a definition."""
    quoted = _QUOTED_DEFINED.search(text)
    if quoted:
        return quoted.group("term").strip()
    # "In this policy, social media means ...": the opening phrase is not part of the term.
    text = re.sub(r"^\s*(?:in|for the purposes? of|throughout) (?:this|the) (?:policy|document)\s*,?\s*", "", text, flags=re.IGNORECASE)
    match = _DEFINITION.match(text)
    if not match:
        return None
    term = re.sub(r"^(?:an?|the)\s+", "", match.group("term").strip(" -–—:"), flags=re.IGNORECASE)
    if not term or len(term.split()) > 6 or term.lower() in {"this", "it", "that", "which", "this policy"}:
        return None
    if not re.search(r"\b(?:means|is defined as|refers to)\b", text, re.IGNORECASE) and "defines" not in text.lower():
        return None
    return term


_REFERENCE = re.compile(
    r"\b((?:[A-Z][\w’'&-]*\s+(?:and\s+|&\s+|of\s+|for\s+|to\s+)?){0,6}"
    r"(?:Policy|Policies|Procedures?|Agreements?|Code of Conduct|Handbook|Guidance))\b"
)
_NOT_A_NAME_START = {"the", "our", "this", "a", "an", "school's", "school’s", "academy's", "trust's", "any", "all", "each", "these"}


def referenced_policies(text: str, own_title: str, school_names: tuple[str, ...] = ()) -> list[str]:
    """The names of other policies the words cite ("the school's Complaints Policy" -> "Complaints Policy")."""
    names: list[str] = []
    for match in _REFERENCE.finditer(text):
        words = match.group(1).split()
        while words and (words[0].lower() in _NOT_A_NAME_START or any(words[0] in n.split() for n in school_names if n)):
            words = words[1:]
        if len(words) < 2:
            continue
        name = " ".join(words)
        if name.lower() == own_title.lower() or name.lower().rstrip("s") == own_title.lower().rstrip("s"):
            continue
        if name not in names:
            names.append(name)
    return names
