"""The last pass over every rendered page: drop any address attribute a browser could run as script."""

from __future__ import annotations

import html
import re

from generator.sources.links import is_safe_url

# The attributes through which a page loads or follows an address.
_URL_ATTRIBUTES = "href|src|action|formaction|xlink:href|data|poster|background|cite|longdesc|lowsrc|dynsrc|ping|codebase|classid|archive|usemap|manifest|icon|srcset"
_ATTRIBUTE = re.compile(
    rf"""(?<=[\s"'/])({_URL_ATTRIBUTES})\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_RAW_TEXT = re.compile(r"(<(script|style)\b[^>]*>)(.*?)(</\2\s*>)", re.IGNORECASE | re.DOTALL)


def _attribute_safe(name: str, value: str) -> bool:
    if name.lower() == "srcset":
        return all(is_safe_url(candidate.strip().split(" ")[0]) for candidate in html.unescape(value).split(",") if candidate.strip())
    return is_safe_url(value)


def _clean_tag(tag: re.Match[str]) -> str:
    def attribute(match: re.Match[str]) -> str:
        value = next(v for v in match.groups()[1:] if v is not None)
        return match.group(0) if _attribute_safe(match.group(1), value) else 'data-link-removed=""'

    return _ATTRIBUTE.sub(attribute, tag.group(0))


def neutralise_html(page: str) -> str:
    """A rendered page with every address attribute that is not http, https, mailto, tel or
    in-site removed, read as a browser reads it (entities decoded, spaces and controls dropped).

    The last line of defence: validation refuses such links and the Markdown filter blanks
    them, but a page must stay safe even when an input reached it some other way. Only tags are
    touched, not text, scripts or styles, and a safe page comes back unchanged.
    """
    parts = []
    last = 0
    for raw in _RAW_TEXT.finditer(page):
        parts.append(_TAG.sub(_clean_tag, page[last : raw.start()]))
        parts.append(_TAG.sub(_clean_tag, raw.group(1)) + raw.group(3) + raw.group(4))
        last = raw.end()
    parts.append(_TAG.sub(_clean_tag, page[last:]))
    return "".join(parts)
