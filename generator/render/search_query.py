"""Searching a shipped index from Python, ranked exactly as the site's search box (policy-search.js) ranks."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, TypedDict, cast

from lunr.index import Index
from lunr.query import Query

from generator.render.search_documents import SearchDoc
from generator.render.search_words import STOP_WORDS, QueryWords, normalise, phrase_words

EXACT_BOOST = 10
PREFIX_BOOST = 1
# A word the searcher's words stand for (search_words.yml `also_search`), and a word that says
# little (`weak`, or a word of a phrase found there): both count less than a word typed.
ALSO_BOOST = 3
WEAK_BOOST = 1


class _LunrResult(TypedDict):
    """One result of lunr's `Index.query`, as lunr makes it."""

    ref: str
    score: float
    match_data: object


@dataclass(frozen=True)
class Hit(SearchDoc):
    """A document as a search returned it: its place in the list and lunr's score."""

    rank: int = 0
    score: float = 0.0


@dataclass
class LoadedIndex:
    index: Index
    docs: list[SearchDoc]
    stop_words: frozenset[str] = field(default_factory=frozenset)
    words: QueryWords = field(default_factory=QueryWords)


def load_index(data: dict[str, object]) -> LoadedIndex:
    # `data` is the shipped JSON (search_index.build_index): docs are rows of eight strings.
    rows = cast(list[list[str]], data["docs"])
    docs = [SearchDoc(url=u, title=t, text=x, audiences=tuple(a.split(",")) if a else (), policy=p, strength=s, number=n, kind=k) for u, t, x, a, p, s, n, k in rows]
    shipped = cast(dict[str, list[Any]], data.get("queryWords") or {})
    also = tuple((tuple(tuple(p) for p in phrases), tuple(find)) for phrases, find in shipped.get("also", []))
    words = QueryWords(also, tuple(tuple(p) for p in shipped.get("weak", [])))
    return LoadedIndex(Index.load(data["index"]), docs, frozenset(cast(list[str], data["stopWords"])), words)


def query_terms(query: str, stop_words: frozenset[str] = frozenset(STOP_WORDS)) -> list[str]:
    """The words searched for: hyphenated words also as their parts and joined, each pair of
    neighbouring words also joined, stop words dropped.
    policy-search.js does exactly this."""
    terms: list[str] = []
    words = normalise(query).split()
    for word in words:
        parts = [p for p in word.split("-") if p]
        terms.extend(parts)
        if len(parts) > 1:
            terms.append("".join(parts))
    # Two words typed apart may be one word in the policy: "cyber bullying", "head teacher".
    terms.extend(a.replace("-", "") + b.replace("-", "") for a, b in zip(words, words[1:], strict=False))
    unique = list(dict.fromkeys(t for t in terms if t))
    kept = [t for t in unique if t not in stop_words]
    return kept or unique[-1:]


def weighted_terms(query: str, loaded: LoadedIndex) -> list[tuple[str, int]]:
    """Each word searched for and how much it counts: the query's own words (`query_terms`),
    weak ones less, then the words its phrases stand for. policy-search.js does exactly this."""
    typed = query_terms(query, loaded.stop_words)
    words = phrase_words(query)
    weak = {w for p in loaded.words.weak if _contains(words, p) for w in p}
    found: list[str] = []
    hits: list[tuple[str, ...]] = []
    for phrases, find in loaded.words.also:
        matched = [p for p in phrases if _contains(words, p)]
        if matched:
            found.extend(find)
            hits.extend(matched)
    # The words of a phrase found ("picking on") count as little as weak words, unless one is
    # a word the list knows on its own ("roblox" in "play roblox").
    alone = {p[0] for p in hits if len(p) == 1}
    weak.update(w for p in hits if len(p) > 1 for w in p if w not in alone)
    weights: dict[str, int] = {}
    for term, boost in [(t, WEAK_BOOST if t in weak else EXACT_BOOST) for t in typed] + [(t, ALSO_BOOST) for t in found]:
        weights[term] = max(weights.get(term, 0), boost)
    return list(weights.items())


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(words[i : i + n] == phrase for i in range(len(words) - n + 1))


def search(loaded: LoadedIndex, query: str, audience: str | None = None, only: bool = False, limit: int = 20) -> list[Hit]:
    """Best first; with an audience, that audience's results come first (or only them).
    policy-search.js ranks the same way."""
    terms = query_terms(query, loaded.stop_words)
    if not terms:
        return []
    weighted = weighted_terms(query, loaded)

    def clauses(q: Query) -> None:
        for term, boost in weighted:
            q.term(term, boost=boost)
        q.term(terms[-1], use_pipeline=False, wildcard=Query.WILDCARD_TRAILING, boost=PREFIX_BOOST)

    results: list[_LunrResult] = loaded.index.query(callback=clauses)
    ranked = sorted(((round(r["score"], 6), int(r["ref"])) for r in results), key=lambda s: (-s[0], s[1]))
    if audience:
        mine = _plain_first([s for s in ranked if audience in loaded.docs[s[1]].audiences], loaded.docs, audience)
        ranked = mine if only else mine + [s for s in ranked if audience not in loaded.docs[s[1]].audiences]
    return [Hit(**asdict(loaded.docs[ref]), rank=rank, score=score) for rank, (score, ref) in enumerate(ranked[:limit], 1)]


def _plain_first(ranked: list[tuple[float, int]], docs: list[SearchDoc], audience: str) -> list[tuple[float, int]]:
    """A clause found both in its formal words and in this audience's plain version is listed
    once, as the plain version, at the better of the two places: the audience's page links to
    the formal wording."""
    plain = {docs[ref].anchor: (score, ref) for score, ref in ranked if docs[ref].kind == audience}
    has_plain = set(plain)
    out: list[tuple[float, int]] = []
    for score, ref in ranked:
        doc = docs[ref]
        if doc.kind == audience or (doc.kind == "clause" and doc.anchor in has_plain):
            if doc.anchor in plain:
                out.append(plain.pop(doc.anchor))
            continue
        out.append((score, ref))
    return out
