"""The text a person reads in a built page's body, as blocks of text and the sentences in them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements that start a new block of text: a sentence never runs across one of these.
BLOCKS = set(
    "address article aside blockquote body button caption dd details dialog div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr legend label li main nav noscript ol option p pre section summary table tbody td tfoot th "
    "thead tr ul".split()
)
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
UNREAD = {"script", "style", "template", "svg", "head", "title"}
# Spans the stylesheet draws as a badge or a label of their own: read apart from the text around them.
CHIPS = {
    "ps-strength",
    "ps-audiences",
    "ps-status",
    "ps-clause__number",
    "ps-chooser__title",
    "ps-chooser__text",
    "ps-change__section",
    "ps-ref",
    "ps-step-source",
    "ps-fingerprint",
    "kind",  # the output folder's front page: "School" under a school's name
}
# Words only a screen reader says, inside a paragraph, and a word's explanation in brackets after
# it (render/explain.py): read apart, without splitting the paragraph, so the school's sentence
# around them still reads as the school wrote it.
ASIDES = {"ps-sr", "ps-gloss"}
DIFF = "ps-diff"  # old and new wording interleaved (<del>/<ins>): read as the two texts they are


@dataclass
class _Open:
    tag: str
    skip: bool = False
    flush: bool = False
    aside: bool = False
    diff: bool = False
    container: bool = False


@dataclass
class BodyText(HTMLParser):
    """The blocks of text a person reads in a page's body (the article, or <main> on a page without one)."""

    container: str = "article"
    pieces: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._stack: list[_Open] = []
        self._inside = 0
        self._skip = 0
        self._aside: list[str] | None = None
        self._diff = 0
        self._old: list[str] = []
        self._new: list[str] = []
        self._del = 0
        self._ins = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = set((a.get("class") or "").split())
        self._spoken(a)
        if tag in VOID:
            if tag in ("br", "hr"):
                self._flush()
            return
        hidden = "hidden" in a or a.get("aria-hidden") == "true" or tag in UNREAD
        entry = _Open(tag, skip=hidden, flush=tag in BLOCKS or bool(classes & CHIPS), aside=bool(classes & ASIDES))
        entry.diff = DIFF in classes
        if tag == self.container and (tag != "article" or "md-content__inner" in classes):
            self._inside += 1
            self._stack.append(_Open(tag, container=True))
            return
        self._stack.append(entry)
        self._skip += entry.skip
        if entry.flush:
            self._flush()
        if entry.aside and not self._skip:
            self._aside = []
        if entry.diff:
            self._diff += 1
        self._del += tag == "del"
        self._ins += tag == "ins"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._spoken(dict(attrs))
        if tag in ("br", "hr"):
            self._flush()

    def _spoken(self, attrs: dict[str, str | None]) -> None:
        """A screen reader says an element's label and an image's text alternative: read them too."""
        if self._inside and not self._skip and attrs.get("aria-hidden") != "true" and "hidden" not in attrs:
            for name in ("aria-label", "alt"):
                self._emit(attrs.get(name) or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not any(e.tag == tag for e in self._stack):
            return
        while self._stack:
            entry = self._stack.pop()
            if entry.container:
                self._flush()
                self._inside -= 1
            else:
                self._close(entry)
            if entry.tag == tag:
                break

    def _close(self, entry: _Open) -> None:
        self._skip -= entry.skip
        if entry.aside and self._aside is not None:
            self._emit("".join(self._aside))
            self._aside = None
        if entry.flush:
            self._flush()
        if entry.diff:
            self._diff -= 1
        self._del -= entry.tag == "del"
        self._ins -= entry.tag == "ins"

    def handle_data(self, data: str) -> None:
        if not self._inside or self._skip:
            return
        if self._aside is not None:
            self._aside.append(data)
            return
        if not self._ins:
            self._old.append(data)
        if self._diff and not self._del:
            self._new.append(data)

    def _flush(self) -> None:
        self._emit("".join(self._old))
        if self._new:
            self._emit("".join(self._new))
        self._old, self._new = [], []

    def _emit(self, text: str) -> None:
        text = " ".join(text.split())
        if re.search(r"\w", text):
            self.pieces.append(text)

    def close(self) -> None:
        super().close()
        self._flush()


def body_pieces(html: str) -> list[str]:
    """The page body's blocks of text, in order; a page without a Material article is read from <main>."""
    container = "article" if 'class="md-content__inner' in html else "main"
    parser = BodyText(container=container)
    parser.feed(html)
    parser.close()
    return parser.pieces


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“‘(])|\s+·\s+")


def sentences(piece: str) -> list[str]:
    """A block of text cut into sentences (and the items of a ' · ' row of links)."""
    out = []
    for part in SENTENCE_END.split(piece):
        part = re.sub(r"^[\s;,:·]+", "", part).strip()
        if re.search(r"\w", part):
            out.append(part)
    return out
