"""How hard a text is to read, as the reading age a reader needs: per sentence, by sentence length and the words outside a children's vocabulary.

The measure is the New Dale-Chall formula (Chall and Dale, 1995): a sentence's score grows with
its length and with the share of its words that are not on the list of about 3,000 words a
nine-year-old knows (familiar_words.txt), to which we add everyday words of home, school and the
screen the list predates (familiar_words.yml). Two changes make it fit the short texts our pages
show, where Flesch-Kincaid swings from grade 14 to 4 on the same bullets with or without full
stops:
- it is taken sentence by sentence (a list item or a line is a sentence), and a text reads at
  the level of its hardest sentence, so one long sentence is not averaged away;
- a sentence shorter than 10 words is scored as if it were 10 words long, since one unfamiliar
  word in "Ask a teacher first." is no harder than in a longer sentence: the formula was made
  for samples of 100 words, not for one short line.
The score becomes a US school grade by Chall and Dale's table and a reading age as grade + 5.
Names (a capitalised word inside a sentence) count as familiar; capitals (DSL, CEOP) do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import yaml

# Spache's formula was made for texts for the first school years (to about age 9), Dale and
# Chall's for older readers: pupils' texts are measured with the first, parents' with the second.
Formula = Literal["spache", "dale-chall"]
PUPILS_FORMULA: Formula = "spache"
PARENTS_FORMULA: Formula = "dale-chall"
_HERE = Path(__file__).parent
_PADDED_LENGTH = 10
# Chall and Dale's table: the score below each bound, and the school grade it stands for.
_GRADES = ((5.0, 4), (6.0, 6), (7.0, 8), (8.0, 10), (9.0, 12), (10.0, 15))
_ADULT_GRADE = 16

_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<[^>]+>|\{[^}]*\}|https?://\S+|\S+@\S+\.\S+")
_MARKDOWN_MARKS = re.compile(r"[*_`#>|~]+|^\s*(?:[-+]|\d+[.)])\s+", re.MULTILINE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\s+[-–—]\s+(?=[A-Z])|;\s+|:\s+(?=[A-Z])")
# A block of Markdown ends at a blank line, and before a list item or a heading; a line that only
# wraps a paragraph does not end a sentence.
_BLOCK_END = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)]|#+)\s)")
_WORD = re.compile(r"[A-Za-z](?:[A-Za-z'’]|-(?=[A-Za-z]))*")
_CONTRACTION = re.compile(r"(?:'|’)(?:s|re|ve|ll|d|m)?$", re.IGNORECASE)
_NOT = re.compile(r"n(?:'|’)t$", re.IGNORECASE)
_NOT_STEMS = {"ca": "can", "wo": "will", "sha": "shall"}
# Regular endings, and what goes back on the stem: "families" -> "family", "making" -> "make".
_ENDINGS = (
    ("iest", "y"), ("ier", "y"), ("ies", "y"), ("ied", "y"), ("ily", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
    ("ing", ""), ("ing", "e"), ("er", ""), ("er", "e"), ("r", ""), ("est", ""), ("est", "e"), ("ly", ""), ("ness", ""), ("ful", ""),
)  # fmt: skip
_SHORT_WORDS = frozenset("i a an am as at be by do go he if in is it me my no of oh on or so to up us we".split())


@dataclass(frozen=True)
class SentenceLevel:
    text: str
    words: int
    hard: tuple[str, ...]
    age: int


@dataclass(frozen=True)
class Reading:
    """A text's reading age: that of its hardest sentence, with the words that made it hard."""

    age: int
    sentences: tuple[SentenceLevel, ...]

    @property
    def hard_words(self) -> list[str]:
        """The unfamiliar words of the sentences above the easiest level, in reading order, each once."""
        seen: dict[str, None] = {}
        for sentence in self.sentences:
            for word in sentence.hard:
                seen.setdefault(word, None)
        return list(seen)

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sentences)


@cache
def _our_words() -> dict[str, tuple[str, ...]]:
    """familiar_words.yml, read once: each group of our own everyday words, as written."""
    ours = yaml.safe_load((_HERE / "familiar_words.yml").read_text(encoding="utf-8"))
    return {str(group): tuple(str(word) for word in listed) for group, listed in ours.items()}


@cache
def familiar_words(formula: Formula) -> frozenset[str]:
    """The Dale-Chall list and our own additions, in lower case; for parents' texts, also the words of school life a parent knows."""
    words = set((_HERE / "familiar_words.txt").read_text(encoding="utf-8").split())
    for group, listed in _our_words().items():
        if group != "parents" or formula == PARENTS_FORMULA:
            words.update(word.lower() for word in listed)
    return frozenset(word.lower() for word in words)


@cache
def familiar_capitals() -> frozenset[str]:
    """Our everyday words written in capitals (TV, PE, UK): the only capitals that count as familiar."""
    return frozenset(word for listed in _our_words().values() for word in listed if word.isupper())


@cache
def _stems(word: str, depth: int = 2) -> tuple[str, ...]:
    """The word and what it may be with regular endings taken off, up to two: "photographers" (Dale and Chall count those as familiar)."""
    w = word.lower()
    out = [w]
    for ending, put_back in _ENDINGS:
        if w.endswith(ending) and len(w) - len(ending) >= 2:
            stem = w[: -len(ending)] + put_back
            out.append(stem)
            # A doubled consonant before the ending: "stopped", "bigger", "shopping".
            if not put_back and len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
                out.append(stem[:-1])
            if depth > 1:
                out += _stems(stem, depth - 1)[1:]
    return tuple(out)


def is_familiar(word: str, first: bool, formula: Formula, extra: frozenset[str] = frozenset()) -> bool:
    """Whether a word counts as one a young reader knows. `first`: it starts its sentence."""
    if _NOT.search(word):
        stem = word[:-3]
        word = _NOT_STEMS.get(stem.lower(), stem)
    word = _CONTRACTION.sub("", word)
    if word.lower() in _SHORT_WORDS:
        return True
    known = familiar_words(formula)
    if "-" in word and word.lower() not in known and word.lower() not in extra:
        # "grown-up" is on the list; "co-ordinator" is not, and its parts do not make it familiar.
        parts = word.split("-")
        return all(is_familiar(part, first and i == 0, formula, extra) for i, part in enumerate(parts)) and len(parts[0]) > 2
    if any(stem in known or stem in extra for stem in _stems(word)):
        return True
    if word.isupper() and len(word) > 1:
        return word in extra or word in familiar_capitals()
    # A capital inside a sentence is a name: of a person, a place, a school, a service.
    return not first and word[0].isupper()


def plain_text(markdown: str) -> str:
    """The words a reader sees in a piece of Markdown, without links' addresses or marks."""
    text = _MARKDOWN_LINK.sub(lambda m: m.group(1) or " ", markdown)
    return _MARKDOWN_MARKS.sub(" ", text)


def sentences(text: str) -> list[str]:
    """A text's sentences: each list item, heading and paragraph, cut at its full stops."""
    blocks = (" ".join(plain_text(block).split()) for block in _BLOCK_END.split(text))
    return [s.strip() for block in blocks for s in _SENTENCE_END.split(block) if s and _WORD.search(s)]


def grade(length: float, share: float, formula: Formula) -> float:
    """The school grade a sample reads at, from its mean sentence length and its percentage of unfamiliar words."""
    if formula == "spache":
        return 0.121 * length + 0.082 * share + 0.659
    score = 0.1579 * share + 0.0496 * length + (3.6365 if share > 5 else 0)
    return next((grade for bound, grade in _GRADES if score < bound), _ADULT_GRADE)


def _words(sentence: str, formula: Formula, extra: frozenset[str]) -> tuple[int, list[str]]:
    words = _WORD.findall(sentence)
    return len(words), [w for i, w in enumerate(words) if not is_familiar(w, i == 0, formula, extra)]


def sentence_level(sentence: str, formula: Formula, extra: frozenset[str] = frozenset()) -> SentenceLevel:
    count, hard = _words(sentence, formula, extra)
    length = max(count, _PADDED_LENGTH)
    age = round(grade(length, 100 * len(hard) / length, formula) + 5)
    return SentenceLevel(sentence, count, tuple(dict.fromkeys(hard)), age)


def reading(text: str, formula: Formula, extra: frozenset[str] = frozenset()) -> Reading:
    """The reading age of a text (Markdown): that of its hardest sentence."""
    levels = tuple(sentence_level(s, formula, extra) for s in sentences(text))
    return Reading(max((s.age for s in levels), default=0), levels)


def sample_age(texts: list[str], formula: Formula, extra: frozenset[str] = frozenset()) -> float:
    """The reading age of many texts taken as one sample, as a page's whole text is: the formula over their mean sentence length and their share of unfamiliar words."""
    counted = [_words(s, formula, extra) for text in texts for s in sentences(text)]
    words = sum(count for count, _ in counted)
    if not words:
        return 0.0
    hard = sum(len(h) for _, h in counted)
    return round(grade(max(words / len(counted), _PADDED_LENGTH), 100 * hard / words, formula) + 5, 1)
