"""The words a text is found by (normalised, stemmed, widened with the spellings and synonyms of search_words.yml), and the words a query also looks for."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MethodType
from typing import Any

import yaml
from lunr.stemmer import porter_stemmer
from lunr.stop_word_filter import WORDS

WORDS_FILE = Path(__file__).parent / "search_words.yml"
# lunr's stop words: left out of the index, and of a query unless it has nothing else.
STOP_WORDS: set[str] = WORDS

_APOSTROPHES = re.compile(r"['\u2019\u2018`]")
_NOT_WORD = re.compile(r"[^a-z0-9\s-]+")
SPACE = re.compile(r"\s+")
_ISE = re.compile(r"^(\w{2,})is(e|ed|es|ing|ation|ations|er|ers)$")
_IZE = re.compile(r"^(\w{2,})iz(e|ed|es|ing|ation|ations|er|ers)$")


@dataclass(frozen=True)
class SearchWords:
    # Each group's members as written (to index) and as stems (to find them in a text).
    synonyms: tuple[tuple[tuple[str, tuple[str, ...]], ...], ...]
    # (UK, US) spellings, and the stem of each.
    spellings: tuple[tuple[str, str, str, str], ...]


def normalise(text: str) -> str:
    """Lower case, apostrophes dropped ("pupil's" -> "pupils"), punctuation to spaces; hyphens kept
    so the tokenizer can split them and `expansions` can join them. The browser does the same."""
    out = _APOSTROPHES.sub("", text.lower())
    return SPACE.sub(" ", _NOT_WORD.sub(" ", out)).strip()


def _step1c_as_lunr_js(self: Any) -> None:
    # The one step where lunr's Python stemmer differs from lunr.js, which stems what a visitor
    # types: a final "y" becomes "i" only after a consonant that is not the word's first
    # letter ("cry" -> "cri", "play" stays "play"). Python's turned "play" into "plai", so
    # "play", "day", "stay" or "key" typed in the browser found nothing the terminal found.
    if self.ends("y") and self.k - self.k0 >= 2 and self.b[self.k - 1] not in "aeiou":
        self.b = self.b[: self.k] + "i" + self.b[self.k + 1 :]


porter_stemmer.step1c = MethodType(_step1c_as_lunr_js, porter_stemmer)
_porter_stem: Callable[[str], str] = porter_stemmer.stem


@cache
def stem(word: str) -> str:
    # Cached: policies repeat the same few thousand words, and stemming was most of indexing.
    return _porter_stem(word)


# lunr's own pipeline stems every token of every document through this instance: give it
# the same cache (the stemmer ignores the token metadata it is passed).
porter_stemmer.stem = lambda word, metadata=None: stem(word)


@cache
def search_words(path: Path = WORDS_FILE) -> SearchWords:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    groups = tuple(tuple((normalise(m), tuple(stem(w) for w in normalise(m).split())) for m in group) for group in data["synonyms"])
    spellings = tuple((normalise(uk), normalise(us), stem(normalise(uk)), stem(normalise(us))) for uk, us in data["spellings"].items())
    return SearchWords(groups, spellings)


@dataclass(frozen=True)
class QueryWords:
    """What a query looks for besides its own words (search_words.yml `also_search` and `weak`),
    as the index file ships it to the browser: each group's phrases as lists of words, and the
    group's `find` words with stop words left out."""

    also: tuple[tuple[tuple[tuple[str, ...], ...], tuple[str, ...]], ...] = ()
    weak: tuple[tuple[str, ...], ...] = ()

    def shipped(self) -> dict[str, object]:
        return {"also": [[[list(p) for p in phrases], list(find)] for phrases, find in self.also], "weak": [list(p) for p in self.weak]}


def phrase_words(text: str) -> tuple[str, ...]:
    """A text's words as a query's words are compared with a phrase: normalised, hyphens split."""
    return tuple(_words(normalise(text)))


@cache
def query_words(path: Path = WORDS_FILE) -> QueryWords:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    also = []
    # One spelling for each stem, in every group: the search adds up the weights of words
    # with one stem ("bullying", "bullied"), and a group must not count twice for listing both.
    spelling: dict[str, str] = {}
    for group in data.get("also_search") or []:
        # str(): a number in the list ("13") reads from YAML as an int.
        phrases = tuple(dict.fromkeys(phrase_words(str(p)) for p in group["when"]))
        # A hyphenated word is looked for joined up, as the index holds it ("name-calling"
        # finds "namecalling", not every "name"); words apart are looked for one by one.
        words = [w.replace("-", "") for f in group["find"] for w in normalise(str(f)).split() if w not in STOP_WORDS]
        find = tuple(dict.fromkeys(spelling.setdefault(stem(w), w) for w in words))
        also.append((phrases, find))
    return QueryWords(tuple(also), tuple(dict.fromkeys(phrase_words(w) for w in data.get("weak") or [])))


def _words(normalised: str) -> list[str]:
    return [w for w in re.split(r"[\s-]+", normalised) if w]


@dataclass(frozen=True)
class Expansions:
    """Words indexed with a text besides its own. `variants` are the same words written another
    way (UK or US spelling, hyphenated or joined) and count like the text's own words;
    `synonyms` are other words for the same thing and count less."""

    variants: str
    synonyms: str


def expansions(text: str, words: SearchWords | None = None) -> Expansions:
    words = words or search_words()
    normalised = normalise(text)
    tokens = _words(normalised)
    stems = [stem(t) for t in tokens]
    variants: list[str] = [h.replace("-", "") for h in re.findall(r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b", normalised)]
    stem_set = set(stems)
    for uk, us, uk_stem, us_stem in words.spellings:
        if uk_stem in stem_set:
            variants.append(us)
        if us_stem in stem_set:
            variants.append(uk)
    for token in tokens:
        for pattern, swap in ((_ISE, "iz"), (_IZE, "is")):
            match = pattern.match(token)
            if match:
                variants.append(f"{match.group(1)}{swap}{match.group(2)}")
    synonyms: list[str] = []
    for group in words.synonyms:
        found = {i for i, (_, member_stems) in enumerate(group) if member_stems and member_stems[0] in stem_set and _contains(stems, member_stems)}
        if found:
            synonyms.extend(member for i, (member, _) in enumerate(group) if i not in found)
    return Expansions(" ".join(dict.fromkeys(variants)), " ".join(dict.fromkeys(synonyms)))


def _contains(stems: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(stems[i : i + n]) == phrase for i in range(len(stems) - n + 1))
