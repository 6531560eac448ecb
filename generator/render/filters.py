"""The Jinja filters that place a YAML text field or address in a page's Markdown safely."""

from __future__ import annotations

from collections.abc import Callable

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from generator.sources.inert_text import Rewrite, inert_markdown
from generator.sources.links import markdown_link_target

# The rewriting of addresses for the page a template is drawing (its context says which).
RewriteFor = Callable[[Context], Rewrite]


def _target(value: str, rewrite: Rewrite | None) -> Markup:
    if rewrite is not None and value:
        written = rewrite(value)
        value = "#" if written is None else written
    return Markup(markdown_link_target(value))


def url_filter(fill: Callable[[str], str], rewrite_for: RewriteFor | None = None) -> Callable[..., Markup]:
    """The Jinja filter for an address a template puts in a Markdown link, `[name]({{ ref.url | url }})`:
    '#' unless it is a safe address, and encoded so it cannot end the link or start a new line.
    With `rewrite_for`, a site-relative address is written for the page being drawn."""

    def url(value: str | None) -> Markup:
        return _target(fill(value or "").strip(), None)

    @pass_context
    def url_on_page(context: Context, value: str | None) -> Markup:
        assert rewrite_for is not None
        return _target(fill(value or "").strip(), rewrite_for(context))

    return url if rewrite_for is None else url_on_page


def markdown_filter(fill: Callable[[str], str], rewrite_for: RewriteFor | None = None) -> Callable[..., Markup]:
    """The Jinja filter that turns a YAML text field into Markdown safe to place in a page."""

    def markdown(text: str | None, rewrite: Rewrite | None) -> Markup:
        if not text:
            return Markup("")
        return Markup(inert_markdown(fill(text).strip(), rewrite))

    def md(text: str | None) -> Markup:
        return markdown(text, None)

    @pass_context
    def md_on_page(context: Context, text: str | None) -> Markup:
        assert rewrite_for is not None
        return markdown(text, rewrite_for(context))

    return md if rewrite_for is None else md_on_page
