"""The modal phrases in a clause's words ("must not", "are encouraged to") and the strength each implies.

Shared by the check that a clause's words agree with its `strength:` and by anything that
proposes a strength from a school's words. The phrase table is the data; the code only
matches it. "will" is not in it: "staff will report" and "the school will reply" are a
duty, a promise or a plain future, and the words alone do not say which.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import cache

from generator.sources.model.common import Strength

# Each phrase is matched as whole words, case-insensitively, any run of spaces between its
# words, and ' or a typographic apostrophe. A leading "^" means: only at the start of a sentence
# ("Do not post..." forbids; "pupils who do not have consent" does not). Where two phrases start
# at the same place the longer wins, so "must not" is never read as "must".
PHRASES: dict[Strength, tuple[str, ...]] = {
    Strength.must_not: (
        "must not",
        "mustn't",
        "must never",
        "must at no time",
        "may not",
        "shall not",
        "shan't",
        "will not",
        "won't",
        "not permitted",
        "not allowed",
        "not be tolerated",
        "prohibited",
        "forbidden",
        "under no circumstances",
        "at no time",
        "never",
        "cannot",
        "can not",
        "can't",
        "not acceptable",
        "not considered acceptable",
        "is unacceptable",
        "are unacceptable",
        # A duty to see that something is not done is a prohibition.
        "ensure that they do not",
        "ensure they do not",
        "ensure that you do not",
        "ensure you do not",
        "^do not",
        "^don't",
    ),
    Strength.should_not: (
        "should not",
        "shouldn't",
        "should never",
        "ought not",
        "advised not to",
        "encouraged not to",
        "discouraged",
        "should avoid",
        "not recommended",
        "recommended not to",
        "please do not",
        "please don't",
    ),
    Strength.must: (
        "must",
        "shall",
        "required to",
        "have to",
        "has to",
        "it is essential",
        "is essential that",
    ),
    Strength.should: (
        "should",
        "ought to",
        "advised to",
        "encouraged to",
        "expected to",
        "recommended",
        "good practice",
    ),
    Strength.may: (
        "may",
        "permitted to",
        "is permitted",
        "are permitted",
        "allowed to",
        "is allowed",
        "are allowed",
        "not required to",
        "not expected to",
        "are free to",
        "is free to",
    ),
}


# The verbs an instruction starts with, in a school's words or in our plain versions ("Use...", "Store...", "Think before you post").
INSTRUCTION_VERBS = frozenset(
    "act add adhere adjust agree allow apply approve ask attend avoid be block bring call challenge change check choose close "
    "comply complete consider consult contact control create delete discuss do educate email encourage ensure escalate explain "
    "follow give go hand handle help inform keep know leave let limit log maintain make manage model monitor notify obtain "
    "pass post protect provide raise read receive record refer remember remove report request respect respond restrict return "
    "review save seek send set share sign speak stay stop store submit supervise support switch take teach tell think turn update "
    "use wear write".split()
)


class Polarity(Enum):
    """What a strength does to the reader: requires, forbids or allows (info does none)."""

    duty = "duty"
    prohibition = "prohibition"
    permission = "permission"


POLARITY: dict[Strength, Polarity] = {
    Strength.must: Polarity.duty,
    Strength.should: Polarity.duty,
    Strength.must_not: Polarity.prohibition,
    Strength.should_not: Polarity.prohibition,
    Strength.may: Polarity.permission,
}

_SENTENCE_START = r"(?:^|(?<=[.!?:;]\s)|(?<=[.!?:;]\s\s)|(?<=\n))"


def _pattern(phrase: str) -> str:
    start = phrase.startswith("^")
    words = [re.escape(word).replace("'", "['\u2019]") for word in phrase.lstrip("^").split()]
    return (_SENTENCE_START if start else r"\b") + r"\s+".join(words) + r"\b"


def _key(word: str) -> str:
    return word.lower().replace("\u2019", "'")


@cache
def _by_first_word() -> dict[str, list[tuple[re.Pattern[str], Strength]]]:
    """Each phrase's pattern, filed under its first word, longest phrase first.

    One alternation of every phrase would be tried at every word of every text (the importer
    reads thousands of sentences); looking up a word's own phrases tries only those that can match.
    """
    entries = sorted(
        ((phrase, strength) for strength, phrases in PHRASES.items() for phrase in phrases),
        key=lambda entry: -len(entry[0].lstrip("^")),
    )
    table: dict[str, list[tuple[re.Pattern[str], Strength]]] = {}
    for phrase, strength in entries:
        first = _key(phrase.lstrip("^").split()[0])
        table.setdefault(first, []).append((re.compile(_pattern(phrase), re.IGNORECASE), strength))
    return table


_WORD = re.compile(r"\w[\w'\u2019]*")


# A condition ("If we cannot reach you, ...") or a relative clause ("pupils who must not be
# photographed") holds modal words that are not the rule's own, so the contradiction check
# reads the sentence without them.
_SUBORDINATE = re.compile(
    r"\b(?:if|unless|when|where|until)\b[^,.;:]*[,;:]|\b(?:who|which|whose|that)\s+(?:must|should|may|will|cannot|can)\b[^,.;:]*",
    re.IGNORECASE,
)
_FUTURE_DUTY = re.compile(r"\bwill\b(?!\s+not\b)(?!\s+never\b)", re.IGNORECASE)


def main_clause(text: str) -> str:
    """`text` without its conditions and relative clauses: the words that are the rule's own."""
    return _SUBORDINATE.sub(" ", text)


def strengths_in(text: str) -> list[tuple[Strength, str]]:
    """Every modal phrase in `text`, in order, with the strength it implies and its words as written."""
    table = _by_first_word()
    found: list[tuple[Strength, str]] = []
    end = 0
    for word in _WORD.finditer(text):
        if word.start() < end:
            continue
        for pattern, strength in table.get(_key(word.group()), ()):
            # match() at the word, so "^" and the lookbehinds still see the text before it.
            match = pattern.match(text, word.start())
            if match:
                found.append((strength, " ".join(match.group().split())))
                end = match.end()
                break
    return found


def contradiction(text: str, strength: Strength) -> str | None:
    """The phrase of `text` that says the opposite of `strength`, when every modal phrase in it
    points one way and that is not the strength's way; None otherwise.

    Only polarity counts (a duty marked as a prohibition, not "should" marked "must"), and only
    when the words are unmixed: a rule with an exception ("must not ... but may ...") or no modal
    word at all gives None. Words that only allow ("may") never contradict: "may" is as often
    "might" ("may lead to disciplinary action") as a permission.
    """
    field = POLARITY.get(strength)
    if field is Polarity.duty and _FUTURE_DUTY.search(text):
        # "... will visit your home": a duty or promise in words the table does not read, so mixed.
        return None
    found = strengths_in(main_clause(text))
    polarities = {POLARITY[implied] for implied, _ in found}
    if field is None or len(polarities) != 1:
        return None
    (said,) = polarities
    if said == Polarity.permission or said == field:
        return None
    return found[0][1]
