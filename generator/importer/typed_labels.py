"""Numbers and bullets typed at the start of a paragraph ("1.1 Staff must", "(a) ...", "• Blogs").

Word's automatic numbering arrives already split (`Paragraph.number`); everything else, PDF
and plain text above all, carries its labels as text. This is the one place that tells a label
from a sentence's first word, so every format is split the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.importer.document import Paragraph, Span

# Bullet characters, and the letters a PDF's symbol font leaves behind for them: Wingdings' and
# Symbol's bullets come out of text extraction as "o", "e", "§" or private-use characters.
_BULLETS = "•·▪■□◦●○‣⁃–—*-+>\u2219\uf0b7\uf0a7\uf076\uf0d8\uf0fc§Øoe"
_STRAY_LETTER_BULLETS = {"o", "e"}

_DECIMAL = r"\d{1,3}(?:\.\d{1,3}){0,5}"
_LETTER = r"[a-zA-Z]"
# Never empty: the lookahead asks for at least one numeral.
_ROMAN = r"(?=[ivxIVX])(?:x{0,3}(?:ix|iv|v?i{0,3})|X{0,3}(?:IX|IV|V?I{0,3}))"
_LABEL = re.compile(
    rf"^(?P<label>"
    rf"\((?:{_DECIMAL}|{_LETTER}|{_ROMAN})\)"  # (1) (a) (iv)
    rf"|(?:{_DECIMAL}|{_LETTER}|{_ROMAN})[.)](?:(?=\s)|$)"  # 1. 1.1. a) iv.
    rf"|{_DECIMAL}\.\d{{1,3}}"  # 1.1 (decimal with a dot inside, no final dot)
    rf")\s+(?=\S)"
)
# A bare number ("3 Definitions") is a label only on a heading-like line: "1 in 5 pupils..." is not.
_BARE_NUMBER = re.compile(rf"^(?P<label>{_DECIMAL})\s+(?=[A-Z])")


@dataclass(frozen=True)
class Label:
    """What stood in front of a paragraph's words: a number as the reader sees it, or a bullet."""

    number: str  # "1.1", "(a)", "A": "" for a bullet
    bullet: bool


def _strip_from_spans(spans: tuple[Span, ...], count: int) -> tuple[Span, ...]:
    """The spans without their first `count` characters (a label may span runs)."""
    kept: list[Span] = []
    for span in spans:
        if count >= len(span.text):
            count -= len(span.text)
            continue
        kept.append(replace(span, text=span.text[count:]) if count else span)
        count = 0
    return tuple(kept)


def shown_number(label: str) -> str:
    """A number as pages show it: "1.1." and "3." lose the full stop a list adds; "(a)" and "a)" stay."""
    label = label.strip()
    if label.endswith(".") and not label.startswith("("):
        return label[:-1]
    return label


def label_of(text: str, *, heading_like: bool = False) -> tuple[Label | None, int]:
    """The typed label at the start of `text` and how many characters it takes (with the space after)."""
    stripped = text.lstrip()
    lead = len(text) - len(stripped)
    if stripped[:1] and stripped[0] in _BULLETS:
        rest = stripped[1:]
        after = rest.lstrip()
        # "o ensure..." is a lost bullet; "or" and "e-safety" are words. A stray letter must
        # stand alone; a dash or star must be followed by a space to be a bullet.
        if rest[:1].isspace() and after:
            if stripped[0] in _STRAY_LETTER_BULLETS and not after[0].isalpha():
                return None, 0
            # "- 1.1. The governing body...": a list copied as text put a bullet before the
            # number; the number is what the reader goes by.
            numbered, length = label_of(after)
            # Only a decimal number: "• A. Use of social networking" is a bullet whose words start "A.".
            if numbered is not None and not numbered.bullet and numbered.number[:1].isdigit():
                return numbered, lead + len(stripped) - len(after) + length
            return Label("", True), lead + len(stripped) - len(after)
        if stripped[0] not in _STRAY_LETTER_BULLETS and stripped[0] not in "-*+>" and after and not rest[:1].isalnum():
            return Label("", True), lead + len(stripped) - len(after)
        return None, 0
    match = _LABEL.match(stripped) or (_BARE_NUMBER.match(stripped) if heading_like else None)
    if not match:
        return None, 0
    return Label(shown_number(match.group("label")), False), lead + match.end()


def split_typed_label(paragraph: Paragraph, *, heading_like: bool = False) -> Paragraph:
    """The paragraph with a typed number or bullet moved out of its text into `number`/`bullet`.

    A paragraph whose format already gave it a number or bullet keeps it; its text is left alone.
    """
    if paragraph.number or paragraph.bullet:
        return paragraph
    label, length = label_of(paragraph.text, heading_like=heading_like)
    if label is None:
        return paragraph
    return replace(
        paragraph,
        spans=_strip_from_spans(paragraph.spans, length),
        number=label.number,
        bullet=label.bullet,
        list_level=paragraph.list_level if paragraph.list_level is not None else 0,
    )
