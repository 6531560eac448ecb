"""The search documents of a site: one per piece of text, built from the page views.

Each clause's formal words are indexed once (landing on the full policy page), and each
plain-language version once on its own audience page, so no text is indexed twice however
many pages show it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypedDict, Unpack

from generator.render.search_words import SPACE, expansions, normalise
from generator.render.urls import page_url
from generator.sources.model.common import Audience
from generator.sources.model.policy import SMART_LETTERS, Clause
from generator.sources.placeholders import Placeholders
from generator.views.labels import AUDIENCES
from generator.views.policy import PolicyView
from generator.views.pupils import pupils_title
from generator.views.site import SiteView

SNIPPET_CHARS = 280
ALL = tuple(a.value for a in AUDIENCES)

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`>#]+|^\s*(?:[-+]|\d+\.)\s+", re.MULTILINE)


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


class _PieceFields(TypedDict, total=False):
    """What a policy's piece says about itself besides its address, title and text."""

    audiences: tuple[str, ...]
    strength: str
    number: str
    kind: str


class _DocFields(_PieceFields, total=False):
    """A SearchDoc's fields besides its address, title and text."""

    policy: str


class _MadeFields(_PieceFields, total=False):
    """What `policy_documents` passes on to `indexed` for each piece."""

    also: str


@dataclass(frozen=True)
class Indexed:
    """A document and the words it is found by: the full text (the document keeps a snippet)."""

    doc: SearchDoc
    title: str
    text: str
    keywords: str


def plain_text(markdown: str) -> str:
    """What a person reads, for a result's snippet: Markdown links and emphasis dropped."""
    out = _LINK.sub(r"\1", markdown)
    out = _MARKUP.sub("", out)
    return SPACE.sub(" ", out).strip()


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


def indexed(url: str, title: str, text: str, fill: Placeholders, also: str = "", **more: Unpack[_DocFields]) -> Indexed:
    """`text` is shown (as a snippet) and searched; `also` is searched only (e.g. a staff summary line)."""
    title, text, also = fill.fill(title), fill.fill(text), fill.fill(also)
    found_by = "\n".join(t for t in (text, also) if t)
    extra = expansions(title + "\n" + found_by)
    doc = SearchDoc(url=url, title=plain_text(title), text=_snippet(text), **more)
    return Indexed(doc, normalise(title), normalise(found_by) + " " + extra.variants, extra.synonyms)


def policy_documents(view: PolicyView, fill: Placeholders, directory_urls: bool = True) -> Iterator[Indexed]:
    """Each policy's searchable pieces."""
    policy = view.policy
    full = page_url(view.page(), directory_urls)
    policy_title = plain_text(fill.fill(policy.title))
    # A pupil's result names the policy as the pupils' page does, in a child's words.
    pupils_policy = plain_text(fill.fill(pupils_title(policy)))

    def make(url: str, title: str, text: str, for_pupils: bool = False, **more: Unpack[_MadeFields]) -> Indexed:
        return indexed(url, title, text, fill, policy=pupils_policy if for_pupils else policy_title, **more)

    yield make(full, policy.title, "\n".join(t for t in (policy.summary, policy.intro) if t), kind="policy")
    for _, section in policy.all_sections():
        heading = f"{section.number}. {section.title}" if section.number else section.title
        if section.intro:
            yield make(f"{full}#{section.id}", heading, section.intro, kind="section")
        for clause in section.clauses:
            shown = view.shown_on(clause)
            audiences = tuple(a.value for a in shown)
            strength = clause.strength.value
            number = clause.number or ""
            words = _clause_words(clause)
            yield make(f"{full}#{clause.id}", heading, words, also=clause.summary or "", audiences=audiences, strength=strength, number=number, kind="clause")
            for audience in (Audience.pupils, Audience.parents):
                plain = getattr(clause.plain, audience.value)
                if plain and audience in shown:
                    url = f"{page_url(view.page(audience), directory_urls)}#{clause.id}"
                    title = "My rules" if audience is Audience.pupils else heading
                    for_pupils = audience is Audience.pupils
                    yield make(url, title, plain, for_pupils, audiences=(audience.value,), strength=strength, number=number, kind=audience.value)
    guide = view.smart
    if guide is not None:
        # Each letter is a result of its own, opening at that letter: "scared" lands on the
        # Tell advice, not on the top of a guide that also holds four other pieces of advice.
        pupils_page = page_url(view.page(Audience.pupils), directory_urls)
        names = [letter.capitalize() for letter in SMART_LETTERS]
        yield make(f"{pupils_page}#{guide.id}", guide.title, guide.intro or ", ".join(names), True, audiences=("pupils",), kind="guide")
        for letter, word in zip(SMART_LETTERS, names, strict=True):
            advice = getattr(guide, letter).pupils
            yield make(f"{pupils_page}#{guide.letter_id(letter)}", guide.title, f"{word}: {advice}", True, audiences=("pupils",), kind="guide")
    for procedure in policy.procedures:
        audiences = tuple(a.value for a in view.pages if a in procedure.audiences)
        target = view.page(Audience.staff) if Audience.staff in audiences else view.page()
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
