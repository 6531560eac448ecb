"""Every sentence a built page shows, and whether it is the sources' words or a listed interface string."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from generator.sources.load import load_sources
from generator.sources.loaded import Sources
from generator.sources.placeholders import Placeholders
from tests.helpers import REPO
from tests.page_text import body_pieces, sentences

INTERFACE_FILE = REPO / "generator" / "views" / "interface_strings.yml"
# The built-in topic headings are a reviewed list of their own: audience pages group rules under them.
TOPICS_FILE = REPO / "generator" / "sources" / "topics.yml"
GLOSSARY_FILE = REPO / "generator" / "sources" / "glossary.yml"


@cache
def words(text: str) -> str:
    """Text reduced to its words, for comparing page text with source text: Markdown links read as
    their text, then case, punctuation and Markdown marks are ignored."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def _strings(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, bool) or data is None:
        return
    elif isinstance(data, (int, float)):
        yield str(data)
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item)


@cache
def _file_strings(path: Path) -> tuple[str, ...]:
    return tuple(_strings(yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)))


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SourceText:
    """The words of an organisation's sources: every string value of its YAML files with the
    placeholders filled as the build fills them, and the hand-written docs/ pages.

    `text in sources` says whether the words occur within one value; `sources.has_value(text)`
    whether they are one whole value, or one whole sentence or list item of one (what a slot of
    the interface list may hold, so that a slot never matches a stray word or two)."""

    def __init__(self, values: Iterable[str]) -> None:
        unique = {v for v in values if v.strip()}
        # One value a line: a sentence found here lies within one value, never across two.
        self._text = "\n".join(sorted({f" {w} " for w in map(words, unique) if w}))
        self._units = {words(u) for v in unique for u in _units(v)} - {""}
        self._seen: dict[str, bool] = {}

    def __contains__(self, text: str) -> bool:
        found = words(text)
        if found not in self._seen:
            self._seen[found] = bool(found) and f" {found} " in self._text
        return self._seen[found]

    def has_value(self, text: str) -> bool:
        return words(text) in self._units


def _units(value: str) -> Iterator[str]:
    yield value
    for line in value.splitlines():
        item = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", line)
        yield item
        yield from sentences(item)


def related_orgs(sources: Sources, org_id: str) -> list[str]:
    """The organisations whose words a site shows: its own, its trust's (the text it adopts) and,
    on a trust's site, its schools' (their names and policies on the review dashboard)."""
    trusts = {i: sources.trust_of(o.org) for i, o in sources.orgs.items()}
    trust = trusts[org_id]
    schools = {i for i, t in trusts.items() if t is not None and t.id == org_id}
    return sorted({org_id, *schools, *([trust.id] if trust else [])})


def source_text(sources: Sources, org_ids: list[str], docs: Path) -> SourceText:
    """The words of the sites of `org_ids`, each organisation's files filled with its own values
    and with those of each site (a school fills its trust's text with its own names)."""
    fills = [Placeholders(sources.orgs[i].org, sources.trust_name(sources.orgs[i].org)) for i in org_ids]
    related = sorted({r for i in org_ids for r in related_orgs(sources, i)})
    values: list[str] = []
    for org_id in related:
        source = sources.orgs[org_id]
        own = Placeholders(source.org, sources.trust_name(source.org))
        raw = [v for path in sorted(source.folder.rglob("*.yml")) for v in _file_strings(path)]
        values += [fill.fill(v) for fill in [own, *fills] for v in raw]
    hand_written = [path.read_text(encoding="utf-8") for path in sorted(docs.rglob("*.md"))]
    values += [fill.fill(v) for fill in fills for v in hand_written]
    return SourceText(values + glossary_words())


@cache
def glossary_words() -> list[str]:
    """Our own explanations of the words families meet (generator/sources/glossary.yml): a reviewed
    list of facts about words, like the interface list, never a rule; each page that shows one
    says it is ours, so its words count as the sources' wherever a page shows them."""
    entries = yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8"))
    return [str(v) for e in entries for v in (e["term"], *e.get("also", []), e["means"])]


MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = rf"(?:(?:\d{{1,2}} )?(?:{MONTHS}) )?\d{{4}}"
SLOT_FORMS = {
    "date": re.compile(DATE),
    "when": re.compile(rf"(?:on|in) {DATE}"),
    "fingerprint": re.compile(r"sha256:[0-9a-f]{64}"),
    **{name: re.compile(r"\d+(?:\.\d+)*") for name in ("number", "count", "months", "days")},
}
SLOT = re.compile(r"\{([a-z_]+)\}")
# Data shown as one value or a list of them: "Staff, Governors", "Jo Bloggs (Head teacher); Ann Lee (Governor)".
SEGMENTS = re.compile(r", |; | \(|\)| › | • ")
STRONG_SEGMENTS = re.compile(r" › | • |; ")
SECTION_CHANGE = re.compile(r'(?:a new section |the heading or introduction of section |section )"(?P<title>.+)"(?: was removed)?')


def normal(text: str) -> str:
    """Whitespace and curly quotes as the interface list writes them, without a final full stop."""
    for curly, straight in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, straight)
    return " ".join(text.split()).removesuffix(".")


@dataclass
class Data:
    """What a slot for data may hold: text of the organisation's sources, or the list's own labels."""

    sources: SourceText
    labels: frozenset[str]
    _seen: dict[tuple[str, str], bool] = field(default_factory=dict, compare=False)

    def fits(self, name: str, value: str) -> bool:
        key = (name, value)
        if key not in self._seen:
            self._seen[key] = self._fits(name, value)
        return self._seen[key]

    def _fits(self, name: str, value: str) -> bool:
        if value != value.strip():
            return False
        form = SLOT_FORMS.get(name)
        if form:
            return form.fullmatch(value) is not None
        if self._one(value):
            return True
        # A trail of headings or a list of items first (a heading may hold commas), then any list.
        for splitter in (STRONG_SEGMENTS, SEGMENTS):
            segments = [s.strip() for s in splitter.split(value) if s.strip()]
            if len(segments) > 1 and all(self._one(s) or self._one(s.rstrip(".")) for s in segments):
                return True
        return False

    def _one(self, value: str) -> bool:
        if self.sources.has_value(value) or words(value) in self.labels:
            return True
        # history/compare.py names a changed section by its heading (a whole value).
        named = SECTION_CHANGE.fullmatch(normal(value))
        if named:
            return self.sources.has_value(named.group("title"))
        # A heading in a trail is its number and its title, each a whole value ("2.1 Pupils").
        number, _, title = value.partition(" ")
        return bool(title) and self.sources.has_value(number) and self.sources.has_value(title)


Parts = tuple[re.Pattern[str] | str, ...]  # compiled runs of fixed words, and slots' names


@dataclass(frozen=True)
class Pattern:
    """One entry of the interface list (the comment atop interface_strings.yml says how one reads)."""

    text: str
    variants: tuple[Parts, ...]  # one for each choice of the optional [...] parts
    shapes: tuple[re.Pattern[str], ...]  # each variant as one regex, to pass over most sentences quickly

    @property
    def fixed_words(self) -> list[str]:
        return re.findall(r"[^\W\d_]{2,}", SLOT.sub(" ", self.text.replace("(s)", "")))

    def matches(self, sentence: str, data: Data) -> bool:
        return any(shape.fullmatch(sentence) and _match(parts, sentence, 0, data) for shape, parts in zip(self.shapes, self.variants, strict=True))


def _match(parts: Parts, sentence: str, start: int, data: Data) -> bool:
    if not parts:
        return start == len(sentence)
    part, rest = parts[0], parts[1:]
    if isinstance(part, re.Pattern):
        found = part.match(sentence, start)
        return found is not None and _match(rest, sentence, found.end(), data)
    # A slot: try every end, shortest first, where what follows the slot can begin.
    ends = [end for end in range(start + 1, len(sentence) + 1) if _can_follow(rest, sentence, end)]
    return any(data.fits(part, sentence[start:end]) and _match(rest, sentence, end, data) for end in ends)


def _can_follow(rest: Parts, sentence: str, end: int) -> bool:
    if not rest:
        return end == len(sentence)
    return not isinstance(rest[0], re.Pattern) or rest[0].match(sentence, end) is not None


def _parts(text: str) -> Parts:
    parts: list[re.Pattern[str] | str] = []
    for piece in re.split(r"(\{[a-z_]+\})", text):
        if SLOT.fullmatch(piece):
            parts.append(piece[1:-1])
        elif piece:
            parts.append(re.compile("s?".join(re.escape(p) for p in piece.split("(s)"))))
    return tuple(parts)


def _expand(text: str) -> list[str]:
    """Every reading of an entry, with and without each optional [...] part."""
    match = re.search(r"\[([^\[\]]*)\]", text)
    if not match:
        return [text]
    return [v for middle in ("", match.group(1)) for v in _expand(text[: match.start()] + middle + text[match.end() :])]


def _shape(parts: Parts) -> re.Pattern[str]:
    return re.compile("".join(p.pattern if isinstance(p, re.Pattern) else f"(?:{SLOT_FORMS[p].pattern})" if p in SLOT_FORMS else ".+" for p in parts))


def compile_pattern(text: str) -> Pattern:
    variants = tuple(_parts(normal(v)) for v in _expand(text))
    return Pattern(text, variants, tuple(_shape(v) for v in variants))


def load_interface(path: Path = INTERFACE_FILE) -> tuple[list[Pattern], frozenset[str]]:
    """The interface list's patterns (with the topic headings) and its labels."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = [str(entry) for group in data.values() for entry in group]
    topics = [str(t["title"]) for t in yaml.safe_load(TOPICS_FILE.read_text(encoding="utf-8"))]
    labels = frozenset(words(str(label)) for label in data["labels"])
    return [compile_pattern(e) for e in entries + topics], labels


@dataclass
class Checker:
    """Finds the sentences of a page that are neither the sources' words nor an interface string."""

    data: Data
    interface: list[Pattern]

    def explained(self, sentence: str) -> bool:
        if sentence in self.data.sources:
            return True
        text = normal(sentence)
        return any(p.matches(text, self.data) for p in self.interface)

    def unexplained(self, html: str) -> list[str]:
        return [s for piece in body_pieces(html) for s in sentences(piece) if not self.explained(s)]


def site_checkers(site: Path, sources_root: Path, docs: Path) -> dict[str, Checker]:
    """One checker per site in the output folder, and one (key '') for the folder's own front page."""
    org_ids = tuple(sorted(p.name for p in site.iterdir() if p.is_dir() and p.name in _sources(sources_root).orgs))
    checkers = {org_id: _checker(sources_root, docs, (org_id,)) for org_id in org_ids}
    checkers[""] = _checker(sources_root, docs, org_ids)
    return checkers


@cache
def _sources(root: Path) -> Sources:
    return load_sources(root)


@cache
def _checker(sources_root: Path, docs: Path, org_ids: tuple[str, ...]) -> Checker:
    """Kept for the test session: the sources are not changed by the tests that read them."""
    interface, labels = load_interface()
    return Checker(Data(source_text(_sources(sources_root), list(org_ids), docs), labels), interface)


GENERAL_GUIDE_LABEL = "It is not one of the school's own rules."


@cache
def general_guide_sentences() -> set[str]:
    guide = yaml.safe_load((Path(__file__).resolve().parent.parent / "generator" / "views" / "smart.yml").read_text(encoding="utf-8"))
    texts = [guide.get("title", "Be SMART online"), guide.get("intro") or ""]
    for word in ("safe", "meeting", "accepting", "reliable", "tell"):
        pupils = guide[word]["pupils"]
        texts += [pupils, f"{word.capitalize()}: {pupils}"]
    found = set()
    for text in texts:
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
            found.add(sentence)
    return found


def unexplained_sentences(site: Path, sources_root: Path, docs: Path) -> dict[str, list[str]]:
    """Per built page (path inside the output folder), its sentences that pass neither test."""
    checkers = site_checkers(site, sources_root, docs)
    report: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site)
        checker = checkers.get(relative.parts[0] if len(relative.parts) > 1 else "", checkers[""])
        html = page.read_text(encoding="utf-8")
        found = checker.unexplained(html)
        if found and GENERAL_GUIDE_LABEL in html:
            # Our general SMART guide, shown only where a policy opts in and labelled as ours.
            found = [f for f in found if f not in general_guide_sentences()]
        if found:
            report[relative.as_posix()] = found
    return report
