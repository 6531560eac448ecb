"""The address a reader of the printed page needs after each link (print.css shows it).

A link on paper cannot be clicked, so its address is printed after its text. External
addresses (http, https, mailto, tel) are printed as they are. Links to other pages of the
site are printed as full web addresses when `site_url` is set in mkdocs.yml; without it the
tool cannot know where the site will be published, and a path relative to the build folder
would help nobody, so they are printed without an address. Links within the same page,
and links whose text already is the address, get none.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

# Python-Markdown and our templates write every attribute in double quotes and escape `>`
# inside them, so a link's start tag ends at the first `>`.
LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.DOTALL)
HREF = re.compile(r'\shref="([^"]*)"')
TAG = re.compile(r"<[^>]*>")


def print_url(href: str, page_address: str | None) -> str | None:
    """The address to print after a link, or None when a reader of paper needs none.

    `page_address` is the full web address of the page the link is on, None without site_url.
    """
    scheme = urlsplit(href).scheme.lower()
    if scheme in ("http", "https"):
        return href
    if scheme in ("mailto", "tel"):
        return unquote(href.split(":", 1)[1].split("?", 1)[0]) or None
    if scheme or href.startswith("#") or page_address is None:
        return None
    target = urljoin(page_address, href)
    if urldefrag(target).url == urldefrag(page_address).url:
        return None
    return target


def mark_links(content: str, page_address: str | None) -> str:
    """Give each link in a page's HTML that needs one a `data-print-url` attribute."""

    def mark(match: re.Match[str]) -> str:
        attributes, text = match.group(1), match.group(2)
        href = HREF.search(attributes)
        if href is None or "data-print-url=" in attributes:
            return match.group(0)
        url = print_url(html.unescape(href.group(1)), page_address)
        shown = " ".join(html.unescape(TAG.sub("", text)).split())
        if url is None or shown in (url, html.unescape(href.group(1))):
            return match.group(0)
        return f'<a{attributes} data-print-url="{html.escape(url, quote=True)}">{text}</a>'

    return LINK.sub(mark, content)
