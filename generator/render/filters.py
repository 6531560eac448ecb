"""The Jinja filters that place a YAML text field or address in a page's Markdown safely."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from generator.sources.inert_text import inert_markdown
from generator.sources.links import markdown_link_target


def url_filter(fill: Callable[[str], str]) -> Callable[[str | None], Markup]:
    """The Jinja filter for an address a template puts in a Markdown link, `[name]({{ ref.url | url }})`:
    '#' unless it is a safe address, and encoded so it cannot end the link or start a new line."""

    def url(value: str | None) -> Markup:
        return Markup(markdown_link_target(fill(value or "").strip()))

    return url


def markdown_filter(fill: Callable[[str], str]) -> Callable[[str | None], Markup]:
    """The Jinja filter that turns a YAML text field into Markdown safe to place in a page."""

    def md(text: str | None) -> Markup:
        if not text:
            return Markup("")
        return Markup(inert_markdown(fill(text).strip()))

    return md
