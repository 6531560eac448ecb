"""The strength a rule's words propose, and when a person should check it.

The modal-word table (`sources/modal_words.py`) decides where the words are plain ("must not").
Everything else a school writes for a rule is flagged rather than trusted: "will", duties with
no modal word ("is responsible for"), instructions ("Store passwords securely"), items of a
list whose force is in the words before it ("The SLT is responsible for: ..."), a modal word
that stands only in a condition, and words that soften a rule ("we ask that", "it is
important to").
"""

from __future__ import annotations

import re

from generator.importer.guesses import WILL, Guess
from generator.sources.modal_words import INSTRUCTION_VERBS, POLARITY, main_clause, strengths_in
from generator.sources.model.common import Strength

# Duties written without a modal word: "The governing body has responsibility for...".
_DUTY = re.compile(
    r"\b(?:(?:is|are|be)\s+(?:\w+\s+)?responsible\s+for|(?:has|have)\s+(?:\w+\s+){0,2}responsibilit(?:y|ies)\s+(?:for|to)|"
    r"(?:has|have)\s+a\s+duty\s+to|requires?\s+(?:that|all|every|each|staff|pupils|parents)|needs?\s+to|can\s+only|are\s+to|is\s+to\s+be)\b",
    re.IGNORECASE,
)
# "will be taken seriously", "will receive training": what happens to someone, not a duty of theirs.
_WILL_HAPPEN = re.compile(r"\bwill\s+(?:be\s+(?:\w+ly\s+)?\w+(?:ed|en|t)\b|receive\b|get\b|be\s+given\b|result\s+in\b|lead\s+to\b)", re.IGNORECASE)
# Words that ask, advise or allow without a modal word.
_SOFT = re.compile(
    r"\b(?:we\s+(?:would\s+)?ask|asks?\s+that|encourage[sd]?|(?:it\s+is\s+)?important\s+(?:for|to|that)|"
    r"advised?|have\s+the\s+right|has\s+the\s+right|(?:do|does)\s+not\s+want|would\s+(?:much\s+)?prefer|is\s+up\s+to|"
    r"expects?|expected|welcome|please)\b",
    re.IGNORECASE,
)
# "It is understood that children ... are not permitted": the modal words report a fact.
REPORTED = re.compile(r"\b(?:understood|believed?|recognised|recognized|known|aware|accepted|agreed|thought|said|stated|noted|recogni[sz]e)\s+that\b", re.IGNORECASE)
# "may be monitored", "may lead to disciplinary action": what might happen, not a permission.
MIGHT = re.compile(
    r"\bmay\s+(?:also\s+|in\s+turn\s+|well\s+)?(?:be\s+(?:monitored|taken|referred|reported|investigated|considered|regarded|treated|subject|liable|at|in|difficult|necessary|appropriate|possible|required|asked)\b|lead\b|result\b|cause\b|affect\b|"
    r"include\b|happen\b|occur\b|damage\b|harm\b|compromise\b|constitute\b|amount\b|become\b|need\b|involve\b)",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"\b(?:not|never|don't|do not|no)\b", re.IGNORECASE)
# A section of duties: "Roles and responsibilities: SLT".
DUTY_HEADING = re.compile(r"\b(?:responsibilit(?:y|ies)|duties|duty|roles?)\b", re.IGNORECASE)
_GERUND = re.compile(r"^(?:\w+ly\s+)?[A-Za-z]+ing\b")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _first_word(text: str) -> str:
    # An opening phrase ("When acting on behalf of the school, handle ...") is not the instruction.
    words = re.sub(r"^(?:when|where|if|before|after|while|once|in|on|at|for)\b[^,]{0,80},\s*", "", text.strip(), flags=re.IGNORECASE)
    match = re.match(r"[A-Za-z]+", words)
    return match.group().lower() if match else ""


def _without_modal_words(text: str) -> Guess:
    duty = _DUTY.search(text)
    if duty:
        return Guess(Strength.must.value, f'strength guessed from "{" ".join(duty.group().split())}": a duty with no modal word (must, or info?)')
    if _WILL_HAPPEN.search(text) and not WILL.search(_WILL_HAPPEN.sub(" ", text)):
        return Guess(Strength.info.value, 'strength guessed from "will" saying what happens ("will be ...", "will receive"): info, or a promise (must)?')
    if WILL.search(text):
        return Guess(Strength.must.value, 'strength guessed from "will": a duty, a promise or only the future? (must, should or info)')
    if re.search(r"\b(?:have|has)\s+the\s+right\s+to\b", text, re.IGNORECASE):
        return Guess(Strength.may.value, 'strength guessed from "the right to": a permission (may)?')
    soft = _SOFT.search(text)
    if soft and _NEGATED.search(text[soft.end() :]):
        return Guess(Strength.should_not.value, f'strength guessed from "{" ".join(soft.group().split())}" with "not": advice not to (should-not) or a rule (must-not)?')
    if soft:
        return Guess(Strength.should.value, f'strength guessed from "{" ".join(soft.group().split())}": advice (should), a permission (may) or a rule (must)?')
    first = _first_word(text)
    if first in INSTRUCTION_VERBS:
        return Guess(Strength.must.value, f'strength guessed from the instruction "{first}...": a rule (must) or advice (should)?')
    if _GERUND.match(text.strip()):
        return Guess(Strength.info.value, "strength: no modal word: one of a list of duties? take the strength of the words before the list")
    return Guess(Strength.info.value)


def _from_phrases(found: list[tuple[Strength, str]], note: str = "", might: bool = False) -> Guess:
    strengths = list(dict.fromkeys(strength for strength, _ in found))
    first_strength, first_words = found[0]
    if len(strengths) == 1:
        if first_strength is Strength.may and might:
            return Guess(Strength.info.value, f'strength: "{first_words}" read as "might" ("may be ...", "may lead to"): information, or a permission (may)?{note}')
        if first_strength is Strength.may:
            return Guess(Strength.may.value, f'strength guessed from "{first_words}": a permission, or only "might"? (may or info){note}')
        return Guess(first_strength.value, f'strength guessed from "{first_words}"{note}' if note else None)
    words = ", ".join(f'"{w}"' for w in dict.fromkeys(w.lower() for _, w in found))
    if len({POLARITY[s] for s in strengths}) == 1:
        # "must ... should": the same way, of different force; the first is usually the rule's own.
        return Guess(first_strength.value, f"strength guessed from the first of {words}{note}")
    return Guess(first_strength.value, f"strength guessed from the first of {words}: the words point more than one way (an exception, or two rules?){note}")


def guess_strength(text: str, before: str | None = None, heading: str = "") -> Guess:
    """The strength `text` proposes; `before` is the lead-in a list item continues ("Staff must:"),
    `heading` the title of its section."""
    found = strengths_in(main_clause(text))
    if not found:
        in_conditions = strengths_in(text)
        guess = _without_modal_words(text)
        if before and (guess.value == Strength.info.value or guess.check):
            lead = guess_strength(before)
            if lead.value != Strength.info.value:
                return Guess(lead.value, f'strength taken from the words before the list ("{_tail(before)}")')
        if guess.value == Strength.info.value and not in_conditions and DUTY_HEADING.search(heading) and (guess.check or _first_word(text) in INSTRUCTION_VERBS):
            return Guess(Strength.must.value, f'strength taken from the section\'s heading ("{_tail(heading)}"): a duty (must)?')
        if in_conditions and guess.value == Strength.info.value:
            words = in_conditions[0][1]
            return Guess(Strength.info.value, f'strength: "{words}" stands only in a condition or a relative clause: information, or the rule\'s own strength?')
        return guess
    first_sentence = _SENTENCE.split(text.strip(), maxsplit=1)[0]
    note = "" if strengths_in(main_clause(first_sentence)) else ": the first sentence has no modal word"
    reported = REPORTED.search(text)
    if reported and not note and reported.start() < text.lower().find(found[0][1].lower().split()[0]):
        note = f': it stands in what is reported ("{" ".join(reported.group().split())}"), a rule or a fact (info)?'
    return _from_phrases(found, note, might=bool(MIGHT.search(text)))


def _tail(text: str) -> str:
    words = " ".join(text.replace("**", "").split())
    return words if len(words) <= 60 else "..." + words[-57:]
