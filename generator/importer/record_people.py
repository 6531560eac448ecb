"""Who a record names: a person, a role, or a body, split as the words give them and cleaned only of
what is not a name (underscores of a blank signature line, "by", "on", stray punctuation).

The split is a guess where a role is told from a name by its words ("Head teacher", "Chair of
Governors"), so it says so; a name that looks damaged in extraction is kept as written, with a check.
"""

from __future__ import annotations

import re

_ROLE_WORDS = (
    r"head(?:\s*teacher|master|mistress|\s+of\s+school)?s?|co-?\s*head(?:\s*teacher)?s?|executive\s+head(?:teacher)?|principal|deputy|"
    r"vice[-\s]chair|chair(?:\s*(?:person|man|woman))?(?:\s+of\s+(?:the\s+)?(?:governors|governing\s+body|trustees|the\s+board|committee))?|"
    r"governors?|trustees?|clerk(?:\s+to\s+(?:the\s+)?governors)?|ceo|chief\s+executive(?:\s+officer)?|director(?:\s+of\s+\w+)?|"
    r"(?:school\s+)?business\s+manager|senco|dsl|designated\s+safeguarding\s+lead|safeguarding\s+lead|teacher|senior\s+leader|"
    r"computing\s+lead|ict\s+lead|e-?safety\s+lead|office\s+manager|bursar"
)
_ROLE = re.compile(rf"^(?:the\s+)?(?:(?:acting|interim|co-|assistant|local|foundation|parent|staff|lead|link)\s*)*(?:{_ROLE_WORDS})$", re.IGNORECASE)
_BODY_WORDS = re.compile(r"\b(governing\s+body|governors|board|committee|trust|trustees|cluster|fgb|lgb|slt|local\s+authority)\b", re.IGNORECASE)
_ABBREVIATIONS = {
    "FGB": "Full Governing Body",
    "LGB": "Local Governing Body",
    "GB": "Governing Body",
    "SLT": "Senior Leadership Team",
    "LA": "Local Authority",
}
_BLANK = re.compile(r"_{3,}|\.{4,}|…{2,}")
_FILLER = re.compile(r"^(?:[\s:;,.\-–—/|]|\bby\b|\bon\b|\bin\b|\bat\b|\bdated\b|\bthe\s+date\b)+|(?:[\s:;,\-–—/|(]|\bon\b|\bby\b|\bdated?\b)+$", re.IGNORECASE)
_PARENS = re.compile(r"\(([^()]*)\)")
_TRAILING_ROLE = re.compile(r"^(?P<name>.+?)\s*(?:,|\s[-–—]\s)\s*(?P<role>[^,]+)$")
_PARTICLES = {"de", "van", "von", "der", "da", "du", "le", "la", "al", "bin", "of", "and"}


def is_blank(text: str) -> bool:
    """A signature or date left to be filled in: a run of underscores or dots."""
    return bool(_BLANK.search(text))


def tidy(text: str) -> str:
    """The words without a blank line's underscores, connecting words at the ends, or double spaces."""
    text = _BLANK.sub(" ", text)
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous, text = text, _FILLER.sub("", text).strip()
    return text.rstrip(".").strip()


def is_role(text: str) -> bool:
    """Whether the words name a role ("Head teacher", "(Chair of Governors)"), not a person."""
    words = " ".join(text.strip().strip("()").split())
    return bool(words) and bool(_ROLE.match(words))


def looks_like_body(text: str) -> bool:
    return bool(_BODY_WORDS.search(text))


def _case(text: str, what: str, checks: list[str]) -> str:
    # Capitals-only names come from headings and stamps; kept readable, with a check.
    if len(text) > 3 and text.isupper():
        fixed = text[0] + text[1:].lower() if what == "role" else text.title()
        checks.append(f'{what} "{text}" written in capitals: recorded as "{fixed}"')
        return fixed
    return text


def split_person(words: str) -> tuple[str | None, str | None, list[str]]:
    """A signatory's name and role from "Mrs A Smith (Chair of Governors)", "Karen Morris,
    Headteacher", "CO-HEADTEACHERS" or a plain name; either may be None."""
    checks: list[str] = []
    text = words
    role: str | None = None
    for inner in _PARENS.findall(text):
        if is_role(inner):
            role = " ".join(inner.split())
            text = text.replace(f"({inner})", " ")
    text = tidy(text)
    if role is None:
        trailing = _TRAILING_ROLE.match(text)
        if trailing and is_role(trailing["role"]):
            text, role = trailing["name"].strip(), trailing["role"].strip()
            checks.append(f'name and role split at the comma or dash in "{words.strip()}"')
        elif is_role(text):
            text, role = "", text
    name = text or None
    if role:
        role = _case(role, "role", checks)
    if name:
        name = _case(name, "name", checks)
        if looks_damaged(name):
            checks.append(f'name "{name}" as extracted; check the spelling against the original')
    return name, role, checks


def looks_damaged(name: str) -> bool:
    """A name that extraction may have broken: a word in small letters, a hyphen at an end, digits or odd signs."""
    if re.search(r"[^\w\s.'’-]|\d|--|-\s|\s-|-$|^-", name):
        return True
    words = name.replace(".", ". ").split()
    return any(word[0].islower() and word.lower() not in _PARTICLES for word in words)


def body_name(words: str) -> tuple[str | None, list[str]]:
    """The body that approved or ratified, as written, with a known short form spelt out (with a check)."""
    text = tidy(words)
    text = re.sub(r"^the\s+", "", text)  # "The Heatons Primary Cluster" keeps its capital The
    if not text:
        return None, []
    full = _ABBREVIATIONS.get(text.upper().rstrip("S")) if text.isupper() else None
    if full:
        return full, [f'body "{text}" read as "{full}"']
    return _case(text, "body", []), []


def join_broken(first: str, second: str) -> str:
    """A cell's words carried over a line or a row break: "Mrs Jo-Garnock-" + "Jones"."""
    first, second = first.rstrip(), second.strip()
    if not first or not second:
        return first or second
    return first + second if first.endswith("-") else f"{first} {second}"
