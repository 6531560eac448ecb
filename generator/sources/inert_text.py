"""Policy text is data: escape it and make its Markdown inert, so nothing a school types acts as markup or script."""

from __future__ import annotations

import re
from collections.abc import Callable

from generator.sources.links import is_safe_url, one_line
from generator.sources.site_links import address_of

# What a page does with each address of a text: the address to write, or None to show the
# link's words alone (render/site_links.py writes the site-relative forms for each page).
Rewrite = Callable[[str], str | None]

# Links may only go to the web, to mail or phone, or within the site (generator/sources/links.py).
# An inline link's whole destination, up to the first `)`: a browser drops tabs and line
# breaks inside it, so the first word alone would not say where it goes.
_INLINE_LINK = re.compile(r"\]\(([^)]*)")
# A reference definition, wherever Markdown may see one: after list markers (`- `, `1. `),
# `>` or any indentation, with its address on the same line or the next.
_REFERENCE_LINK = re.compile(r"(\[[^\]\n]*\]:[ \t]*\n?[ \t]*)(\S+)")
# Admonitions (`!!! danger`) are not policy text: a line starting one is shown as typed.
_ADMONITION = re.compile(r"^([ \t>]*)(!!!|\?\?\?)", re.MULTILINE)


# A whole inline link, to show only its words when the page has nothing for it to go to.
_WHOLE_INLINE_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)]*)\)")


def _safe_target(target: str) -> str:
    return target if is_safe_url(target) else "#"


def _target(destination: str, rewrite: Rewrite | None) -> str:
    """A link destination as the page writes it: its address rewritten, then refused unless safe."""
    if rewrite is not None:
        address = address_of(destination)
        written = rewrite(address) if address else address
        if written is None:
            return "#"
        destination = destination.replace(address, written, 1)
    return _safe_target(destination)


def escape_plain(text: str) -> str:
    """Escape a one-line value (a title, a name) so neither HTML nor Markdown syntax in it acts."""
    out = (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
        .replace("[", "&#91;")
        .replace("]", "&#93;")
        .replace("*", "&#42;")
        .replace("_", "&#95;")
        .replace("`", "&#96;")
    )
    return one_line(out)


def inert_markdown(text: str, rewrite: Rewrite | None = None) -> str:
    """Keep Markdown emphasis, lists and links, but no HTML, images, attributes or script links.

    Images are dropped because even a picture is a request to another host. `rewrite` gives
    the address to write for each link on the page at hand (or None: its words alone).
    """
    # Python-Markdown reads \r and \r\n as line ends: so must the checks below.
    out = text.replace("\r\n", "\n").replace("\r", "\n")
    out = out.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = out.replace("{", "&#123;").replace("}", "&#125;")
    out = out.replace("![", "&#33;[")
    out = out.replace("--8<--", "--8&lt;--")
    if rewrite is not None:
        out = _WHOLE_INLINE_LINK.sub(lambda m: m.group(1) if rewrite(address_of(m.group(2))) is None else m.group(0), out)
    out = _INLINE_LINK.sub(lambda m: "](" + _target(m.group(1), rewrite), out)
    out = _REFERENCE_LINK.sub(lambda m: m.group(1) + _target(m.group(2), rewrite), out)
    out = _ADMONITION.sub(lambda m: m.group(1) + ("&#33;" if m.group(2)[0] == "!" else "&#63;") + m.group(2)[1:], out)
    return out


def theme_safe(text: str) -> str:
    """A title for the theme's templates, which print it unescaped and sometimes strip tags
    (unescaping entities): angle brackets and double quotes are dropped, the rest escaped."""
    cleaned = re.sub(r'[<>"]', "", " ".join(one_line(text).split()))
    return cleaned.replace("&", "&amp;").replace("'", "&#39;")
