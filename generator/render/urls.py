"""Where a source page ends up, and the relative links and URLs between pages."""

from __future__ import annotations

import posixpath


def relative(from_page: str, to_page: str) -> str:
    """A Markdown link from one source page to another, which MkDocs checks and rewrites."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def page_url(src: str, directory_urls: bool = True) -> str:
    """Where a source page ends up: 'a/b.md' -> 'a/b/', 'a/index.md' -> 'a/'."""
    stem = src[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(from_url: str, to_url: str) -> str:
    base = from_url if from_url.endswith("/") else posixpath.dirname(from_url) + "/"
    rel = posixpath.relpath("/" + to_url, "/" + base)
    if to_url.endswith("/") and not rel.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel
