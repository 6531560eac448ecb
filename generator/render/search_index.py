"""The site's search index: one document per piece of text, built from the page views.

Each clause's formal words are indexed once (landing on the full policy page), and each
plain-language version once on its own audience page, so no text is indexed twice however
many pages show it. The index is built here with the `lunr` package and shipped prebuilt:
the browser only loads it (lunr.js `Index.load`), and `policy-site search` runs the same
query on the same file, so both give the same answers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

import yaml
from lunr import get_default_builder
from lunr.index import Index
from lunr.query import Query
from lunr.stemmer import porter_stemmer
from lunr.stop_word_filter import WORDS as STOP_WORDS

from generator.sources.model.common import Audience
from generator.sources.model.policy import Clause
from generator.sources.placeholders import Placeholders
from generator.views.labels import AUDIENCES
from generator.views.policy import PolicyView
from generator.views.site import SiteView
from generator.views.urls import page_url

INDEX_FILE = "search/index.json"
FORMAT = 1
WORDS_FILE = Path(__file__).parent / "search_words.yml"
# Field weights: the words of the text itself count most, a section heading less, and the
# added synonyms least, so text that says "photos" outranks text that only says "images".
FIELDS = (("text", 3), ("title", 2), ("keywords", 1))
EXACT_BOOST = 10
PREFIX_BOOST = 1
# A rule answers a question better than a whole page that mentions the same words.
KIND_BOOST = {"policy": 0.5, "page": 0.5, "section": 0.7}
SNIPPET_CHARS = 280
ALL = tuple(a.value for a in AUDIENCES)

_APOSTROPHES = re.compile(r"['\u2019\u2018`]")
_NOT_WORD = re.compile(r"[^a-z0-9\s-]+")
_SPACE = re.compile(r"\s+")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`>#]+|^\s*(?:[-+]|\d+\.)\s+", re.MULTILINE)
_ISE = re.compile(r"^(\w{2,})is(e|ed|es|ing|ation|ations|er|ers)$")
_IZE = re.compile(r"^(\w{2,})iz(e|ed|es|ing|ation|ations|er|ers)$")


@dataclass(frozen=True)
class SearchDoc:
    """One search result: where it lands and what the result list shows."""

    url: str
    title: str
    text: str
    audiences: tuple[str, ...] = ALL
    policy: str = ""
    strength: str = ""
    number: str = ""
    kind: str = "page"

    @property
    def anchor(self) -> str:
        return self.url.partition("#")[2]


@dataclass(frozen=True)
class Indexed:
    """A document and the words it is found by: the full text (the document keeps a snippet)."""

    doc: SearchDoc
    title: str
    text: str
    keywords: str


@dataclass(frozen=True)
class Hit(SearchDoc):
    """A document as a search returned it: its place in the list and lunr's score."""

    rank: int = 0
    score: float = 0.0


@dataclass(frozen=True)
class SearchWords:
    # Each group's members as written (to index) and as stems (to find them in a text).
    synonyms: tuple[tuple[tuple[str, tuple[str, ...]], ...], ...]
    # (UK, US) spellings, and the stem of each.
    spellings: tuple[tuple[str, str, str, str], ...]


@dataclass
class LoadedIndex:
    index: Index
    docs: list[SearchDoc]
    stop_words: frozenset[str] = field(default_factory=frozenset)


def normalise(text: str) -> str:
    """Lower case, apostrophes dropped ("pupil's" -> "pupils"), punctuation to spaces; hyphens kept
    so the tokenizer can split them and `expansions` can join them. The browser does the same."""
    out = _APOSTROPHES.sub("", text.lower())
    return _SPACE.sub(" ", _NOT_WORD.sub(" ", out)).strip()


def plain_text(markdown: str) -> str:
    """What a person reads, for a result's snippet: Markdown links and emphasis dropped."""
    out = _LINK.sub(r"\1", markdown)
    out = _MARKUP.sub("", out)
    return _SPACE.sub(" ", out).strip()


_porter_stem = porter_stemmer.stem


@cache
def stem(word: str) -> str:
    # Cached: policies repeat the same few thousand words, and stemming was most of indexing.
    return _porter_stem(word)


# lunr's own pipeline stems every token of every document through this instance: give it
# the same cache (the stemmer ignores the token metadata it is passed).
porter_stemmer.stem = lambda word, metadata=None: stem(word)  # type: ignore[method-assign]


@cache
def search_words(path: Path = WORDS_FILE) -> SearchWords:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    groups = tuple(tuple((normalise(m), tuple(stem(w) for w in normalise(m).split())) for m in group) for group in data["synonyms"])
    spellings = tuple((normalise(uk), normalise(us), stem(normalise(uk)), stem(normalise(us))) for uk, us in data["spellings"].items())
    return SearchWords(groups, spellings)


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


def _clause_words(clause: Clause) -> str:
    parts = [clause.term or "", clause.text, *clause.items]
    if clause.consequence:
        parts.append("If this rule is broken: " + clause.consequence)
    return "\n".join(p for p in parts if p)


def _snippet(text: str) -> str:
    text = plain_text(text)
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text[:SNIPPET_CHARS].rsplit(" ", 1)[0]
    return cut + "\u2026"


def indexed(url: str, title: str, text: str, fill: Placeholders, also: str = "", **more: object) -> Indexed:
    """`text` is shown (as a snippet) and searched; `also` is searched only (e.g. a staff summary line)."""
    title, text, also = fill.fill(title), fill.fill(text), fill.fill(also)
    found_by = "\n".join(t for t in (text, also) if t)
    extra = expansions(title + "\n" + found_by)
    doc = SearchDoc(url=url, title=plain_text(title), text=_snippet(text), **more)  # type: ignore[arg-type]
    return Indexed(doc, normalise(title), normalise(found_by) + " " + extra.variants, extra.synonyms)


def policy_documents(view: PolicyView, fill: Placeholders, directory_urls: bool = True) -> Iterator[Indexed]:
    """Each policy's searchable pieces."""
    policy = view.policy
    full = page_url(view.page(), directory_urls)
    policy_title = plain_text(fill.fill(policy.title))

    def make(url: str, title: str, text: str, **more: object) -> Indexed:
        return indexed(url, title, text, fill, policy=policy_title, **more)

    yield make(full, policy.title, "\n".join(t for t in (policy.summary, policy.intro) if t), kind="policy")
    for section in policy.sections:
        heading = f"{section.number}. {section.title}" if section.number else section.title
        if section.intro:
            yield make(f"{full}#{section.id}", heading, section.intro, kind="section")
        for clause in section.clauses:
            audiences = tuple(a.value for a in AUDIENCES if a in clause.audiences)
            strength = clause.strength.value
            number = clause.number or ""
            words = _clause_words(clause)
            yield make(f"{full}#{clause.id}", heading, words, also=clause.summary or "", audiences=audiences, strength=strength, number=number, kind="clause")
            for audience in (Audience.pupils, Audience.parents):
                plain = getattr(clause.plain, audience.value)
                if plain and audience in clause.audiences:
                    url = f"{page_url(view.page(audience), directory_urls)}#{clause.id}"
                    title = "My rules" if audience is Audience.pupils else heading
                    yield make(url, title, plain, audiences=(audience.value,), strength=strength, number=number, kind=audience.value)
    guide = view.smart
    letters = [guide.safe, guide.meeting, guide.accepting, guide.reliable, guide.tell]
    smart_text = "\n".join(f"{word}: {letter.pupils}" for word, letter in zip(("Safe", "Meeting", "Accepting", "Reliable", "Tell"), letters, strict=True))
    pupils_page = page_url(view.page(Audience.pupils), directory_urls)
    yield make(f"{pupils_page}#{guide.id}", guide.title, (guide.intro or "") + "\n" + smart_text, audiences=("pupils",), kind="guide")
    for procedure in policy.procedures:
        audiences = tuple(a.value for a in AUDIENCES if a in procedure.audiences)
        target = view.page(Audience.staff) if Audience.staff in procedure.audiences else view.page()
        steps = "\n".join(f"{i}. {step.text}" for i, step in enumerate(procedure.steps, 1))
        text = "\n".join(t for t in (procedure.intro, steps) if t)
        yield make(f"{page_url(target, directory_urls)}#{procedure.id}", procedure.title, text, audiences=audiences, kind="procedure")


def page_document(url: str, markdown: str, fill: Placeholders) -> Indexed | None:
    """A hand-written page as one document, titled by its first heading."""
    body = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.DOTALL)
    body = re.sub(r"\{\{.*?\}\}|\{[#:.][^}]*\}|<[^>]+>", " ", fill.fill(body))
    heading = re.search(r"^#\s+(.+)$", body, re.MULTILINE)
    if not heading:
        return None
    return indexed(url, heading.group(1), body.replace(heading.group(0), "", 1), fill)


def site_documents(site: SiteView, hand_written: Iterable[tuple[str, str]] = (), directory_urls: bool = True) -> list[Indexed]:
    """Every searchable piece of one organisation's site, in a stable order.

    `hand_written` holds (path under docs/, Markdown) of the organisation's own pages.
    """
    fill = Placeholders(site.org, site.trust_name)
    docs: list[Indexed] = []
    for path, markdown in sorted(hand_written):
        found = page_document(page_url(path, directory_urls), markdown, fill)
        if found:
            docs.append(found)
    for view in site.policies:
        docs.extend(policy_documents(view, fill, directory_urls))
    return docs


def build_index(documents: list[Indexed]) -> dict[str, object]:
    """The JSON the site ships: the prebuilt lunr index, the result documents and the stop words."""
    builder = get_default_builder()
    builder.ref("id")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for number, item in enumerate(documents):
        fields = {"id": str(number), "title": item.title, "text": item.text, "keywords": item.keywords}
        builder.add(fields, attributes={"boost": KIND_BOOST.get(item.doc.kind, 1)})
    return {
        "format": FORMAT,
        "fields": ["url", "title", "text", "audiences", "policy", "strength", "number", "kind"],
        "docs": [[d.url, d.title, d.text, ",".join(d.audiences), d.policy, d.strength, d.number, d.kind] for d in (i.doc for i in documents)],
        "stopWords": sorted(STOP_WORDS),
        "index": builder.build().serialize(),
    }


def dumps(index: dict[str, object]) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


def load_index(data: dict[str, object]) -> LoadedIndex:
    docs = [
        SearchDoc(url=u, title=t, text=x, audiences=tuple(a.split(",")) if a else (), policy=p, strength=s, number=n, kind=k)
        for u, t, x, a, p, s, n, k in data["docs"]  # type: ignore[union-attr]
    ]
    return LoadedIndex(Index.load(data["index"]), docs, frozenset(data["stopWords"]))  # type: ignore[arg-type]


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


def search(loaded: LoadedIndex, query: str, audience: str | None = None, only: bool = False, limit: int = 20) -> list[Hit]:
    """Best first; with an audience, that audience's results come first (or only them).
    policy-search.js ranks the same way."""
    terms = query_terms(query, loaded.stop_words)
    if not terms:
        return []

    def clauses(q: Query) -> None:
        for term in terms:
            q.term(term, boost=EXACT_BOOST)
        q.term(terms[-1], use_pipeline=False, wildcard=Query.WILDCARD_TRAILING, boost=PREFIX_BOOST)

    results = loaded.index.query(callback=clauses)
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
