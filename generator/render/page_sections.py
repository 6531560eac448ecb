"""The groups of a page's Markdown: its second-level headings and their ids, for "On this page".

Read from the Markdown a template has just written, not worked out again from the view, so the
list always matches the page, whatever an overriding template puts on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

# `## Title { #id }`: the form in which the templates write each group's heading. The school's
# own Markdown reaches a page through the `md` filter, which gives its headings no id.
_HEADING = re.compile(r"^## (?P<title>.+?) \{ #(?P<id>[\w-]+) \}[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Section:
    title: Markup  # Markdown, already escaped by the template
    id: str


def page_sections(markdown: str) -> list[Section]:
    """Each `## Title { #id }` heading of `markdown`, in order."""
    return [Section(Markup(m["title"]), m["id"]) for m in _HEADING.finditer(markdown)]
