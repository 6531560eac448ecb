"""A paragraph's spans as the Markdown the policy YAML holds: bold kept as **bold**, nothing else added."""

from __future__ import annotations

import re

from generator.importer.document import Paragraph, Span, Table

# Characters Markdown would read as markup at any place in a line; the school's words show them as typed.
_MARKUP = re.compile(r"([\\`*_<>\[\]])")


def _escape(text: str) -> str:
    return _MARKUP.sub(r"\\\1", text)


def _bold(text: str) -> str:
    # "** word **" is not bold in Markdown: the marks go inside the spaces.
    core = text.strip()
    if not core:
        return text
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    return f"{lead}**{_escape(core)}**{trail}"


def spans_markdown(spans: tuple[Span, ...]) -> str:
    """The spans as one line of Markdown, spaces collapsed, neighbouring spans of one look joined."""
    merged: list[Span] = []
    for span in spans:
        if merged and merged[-1].bold == span.bold:
            merged[-1] = Span(merged[-1].text + span.text, span.bold)
        else:
            merged.append(span)
    text = "".join(_bold(s.text) if s.bold and s.text.strip() else _escape(s.text) for s in merged)
    return " ".join(text.split())


def paragraph_markdown(paragraph: Paragraph) -> str:
    return spans_markdown(paragraph.spans)


def plain_words(paragraph: Paragraph) -> str:
    """The paragraph's words without any markup (for headings, which are one line of plain text)."""
    return " ".join(paragraph.text.split())


def table_markdown(table: Table) -> str:
    """A table as a Markdown pipe table, its first row as the header."""
    width = max((len(row) for row in table.rows), default=0)
    if not width:
        return ""
    rows = [[_escape(" ".join(cell.split())).replace("|", "\\|") for cell in row] + [""] * (width - len(row)) for row in table.rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)
