"""Links to the site itself that read the same on every page: `policy:ID`, `policy:ID#id`, `#id` and `/path`.

A policy's text is shown on its full page, on its audience pages (a folder deeper), on its
version pages (deeper still) and in its PDF, so a link written relative to one page breaks on
the others. These forms name a place in the site instead, and the renderer writes each one as
the right relative address for the page it lands on. This module reads the forms; checking
them is `link_check.py`, writing them out is `render/site_links.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.sources.links import SITE_SCHEME, link_targets, url_scheme

POLICY_SCHEME = f"{SITE_SCHEME}:"
# An `href` written in raw HTML: shown as typed on the page, but an address all the same.
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)


@dataclass(frozen=True)
class SiteTarget:
    """A place in the site: a policy (`policy:ID`), an id in this policy (`#id`) or a docs/ path (`/path`)."""

    policy: str | None = None
    anchor: str | None = None
    path: str | None = None  # under docs/, without the leading slash


def address_of(destination: str) -> str:
    """The address in a Markdown link destination, without angle brackets or a title."""
    text = destination.strip()
    if text.startswith("<"):
        return text[1:].split(">", 1)[0].strip()
    return text.split(None, 1)[0] if text else ""


def site_target(address: str) -> SiteTarget | None:
    """The place in the site `address` names in one of the site-relative forms, or None."""
    if address[: len(POLICY_SCHEME)].lower() == POLICY_SCHEME:
        policy, _, anchor = address[len(POLICY_SCHEME) :].partition("#")
        return SiteTarget(policy=policy, anchor=anchor or None)
    if address.startswith("#"):
        return SiteTarget(anchor=address[1:])
    if address.startswith("/") and not address.startswith("//"):
        path, _, anchor = address[1:].partition("#")
        return SiteTarget(path=path, anchor=anchor or None)
    return None


def page_relative(address: str) -> bool:
    """A link whose target depends on the page it is on (`../x/`, `x/`, `x.md`, `?q=`)."""
    return bool(address) and url_scheme(address) is None and not address.startswith(("#", "/", "\\"))


def text_addresses(text: str) -> list[str]:
    """Every address a text links to: Markdown links, reference definitions, autolinks and HTML `href`s."""
    found = [address_of(target) for target in link_targets(text)]
    found += [next(g for g in m.groups() if g is not None).strip() for m in _HREF.finditer(text)]
    return [address for address in found if address]
