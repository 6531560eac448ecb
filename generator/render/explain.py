"""A family page's words explained where they first appear: the term marked, its meaning in brackets in the text itself."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from generator.sources.inert_text import escape_plain
from generator.views.glossary import Definition, Source

# Markdown a word must not be explained inside: code, links and their addresses, reference
# definitions, headings, tags and entities (escaped text such as `&#42;`).
_PROTECTED = re.compile(
    r"`[^`\n]*`|\[[^\]\n]*\]\([^)\n]*\)|\[[^\]\n]*\]\[[^\]\n]*\]|^[ \t]*\[[^\]\n]*\]:.*$|^[ \t]*#{1,6}[ \t].*$|<[^>\n]*>|&#?\w+;",
    re.MULTILINE,
)
# A word the text explains itself, "CEOP (the national agency ...)" or "Department for Education (DfE)".
_EXPLAINED_AFTER = re.compile(r"[ \t]*\(")
_EXPLAINED_BEFORE = re.compile(r"\([ \t]*$")
POINTER = "see the policy's definition"


def _pattern(spelling: str) -> str:
    # A word with capitals (DSL, SENCo, Ofsted) is that word; one in lower case is matched in any case.
    body = r"[ \t]+".join(re.escape(part) for part in spelling.split())
    return body if spelling != spelling.lower() else f"(?i:{body})"


def _is_acronym(words: str) -> bool:
    """DSL, SENCo, DfE, UK GDPR: each word in capitals, or with two; not "Forest School"."""
    return all(w.isupper() or sum(c.isupper() for c in w) >= 2 for w in words.split())


@dataclass
class PageWords:
    """One page's glossary and which of its words the page has explained so far, in reading order.

    `markdown` turns a policy's definition (Markdown) into what a page may show; `pointer` is the
    address of a defining clause, for a definition too long to show in brackets."""

    glossary: list[Definition]
    markdown: Callable[[str], str]
    pointer: Callable[[str], str]
    used: list[Definition] = field(default_factory=list)

    def __post_init__(self) -> None:
        spellings = sorted(((s, d) for d in self.glossary for s in d.spellings), key=lambda sd: -len(sd[0]))
        self._by_group = {f"w{i}": d for i, (_, d) in enumerate(spellings)}
        alternatives = "|".join(f"(?P<w{i}>{_pattern(s)})" for i, (s, _) in enumerate(spellings))
        self._find = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])") if spellings else None
        self._seen: set[int] = set()

    def listed(self, *sources: Source) -> list[Definition]:
        """The words explained on the page so far that came from `sources`, in the order they appeared."""
        return [d for d in self.used if d.source in sources]

    def explain(self, markdown: str) -> Markup:
        """The Markdown with each word of the glossary not yet met on this page explained after it."""
        if self._find is None or not markdown:
            return Markup(markdown)
        out, last = [], 0
        for protected in _PROTECTED.finditer(markdown):
            out.append(self._explain_run(markdown, last, protected.start()))
            out.append(protected.group(0))
            last = protected.end()
        out.append(self._explain_run(markdown, last, len(markdown)))
        return Markup("".join(out))

    def _explain_run(self, text: str, start: int, end: int) -> str:
        assert self._find is not None
        out, last = [], start
        for match in self._find.finditer(text, start, end):
            definition = self._by_group[str(match.lastgroup)]
            if id(definition) in self._seen:
                continue
            self._seen.add(id(definition))
            if _EXPLAINED_AFTER.match(text, match.end()) or _EXPLAINED_BEFORE.search(text, start, match.start()):
                continue  # the school's own words explain it here
            self.used.append(definition)
            out += [text[last : match.start()], self._marked(match.group(0), definition)]
            last = match.end()
        out.append(text[last:end])
        return "".join(out)

    def _marked(self, word: str, definition: Definition) -> str:
        term = f"<abbr>{word}</abbr>" if _is_acronym(word) else word
        if not definition.inline and definition.clause:
            meaning = f'<a href="{self.pointer(definition.clause)}">{POINTER}</a>'
        elif definition.source is Source.policy:
            meaning = self.markdown(definition.means)
        else:
            meaning = escape_plain(definition.means)
        # The explanation is part of the sentence, not a tooltip: read aloud and printed with it.
        return f'<dfn class="ps-term">{term}</dfn><span class="ps-gloss"> ({meaning})</span>'
