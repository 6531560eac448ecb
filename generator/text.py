"""Policy text is data: fill in placeholders and make the Markdown inert before it reaches a page."""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import Markup

from generator.links import is_safe_url, markdown_link_target, one_line
from generator.model import Organisation

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)(?:\.([a-z0-9_-]+))?\s*\}\}")

# Links may only go to the web, to mail or phone, or within the site (generator/links.py).
# An inline link's whole destination, up to the first `)`: a browser drops tabs and line
# breaks inside it, so the first word alone would not say where it goes.
_INLINE_LINK = re.compile(r"\]\(([^)]*)")
# A reference definition, wherever Markdown may see one: after list markers (`- `, `1. `),
# `>` or any indentation, with its address on the same line or the next.
_REFERENCE_LINK = re.compile(r"(\[[^\]\n]*\]:[ \t]*\n?[ \t]*)(\S+)")
# Admonitions (`!!! danger`) are not policy text: a line starting one is shown as typed.
_ADMONITION = re.compile(r"^([ \t>]*)(!!!|\?\?\?)", re.MULTILINE)

ROLE_TITLES = {
    "head-teacher": "Head teacher",
    "deputy-head-teacher": "Deputy head teacher",
    "chair-of-governors": "Chair of Governors",
    "dsl": "Designated Safeguarding Lead",
    "e-safety-lead": "E-safety lead",
    "computing-coordinator": "Computing co-ordinator",
    "governor": "Governor",
}


def role_title(role: str, title: str | None) -> str:
    return title or ROLE_TITLES.get(role, role.replace("-", " ").capitalize())


CONTACT_PLACEHOLDERS = {"email": "email address", "phone": "phone number", "address": "address"}


def _generic(kind: str, key: str) -> str | None:
    """How a trust's own site reads a placeholder that each school fills with its own value."""
    if kind == "role":
        return f"the school's {role_title(key, None).lower()}"
    if kind == "group":
        # 'e-safety-team' reads 'e-safety team': keep a hyphen after a one-letter prefix.
        return "the school's " + re.sub(r"(?<=\w\w)-", " ", key)
    if kind == "school" and key in CONTACT_PLACEHOLDERS:
        return f"the school's {CONTACT_PLACEHOLDERS[key]}"
    return None


class Placeholders:
    """Values an organisation gives to `{{ school.name }}` and friends in policy text.

    A trust writes one text for all its schools, so on the trust's own site a role, group or
    contact only its schools have reads generically ("the school's designated safeguarding lead").
    """

    def __init__(self, org: Organisation, trust_name: str | None, extra: dict[str, str] | None = None) -> None:
        people = {person.id: person for person in org.people}
        self.generic = org.kind.value == "trust"
        self.values: dict[tuple[str, str], str] = {
            ("school", "name"): org.name,
            ("school", "short_name"): org.display_short,
        }
        for key in CONTACT_PLACEHOLDERS:
            value = getattr(org.contact, key)
            if value:
                self.values[("school", key)] = value
        if trust_name:
            self.values[("trust", "name")] = trust_name
        for person in reversed(org.people):
            self.values[("role", person.role)] = person.name
        for group in org.groups:
            members = [people[m] for m in group.members if m in people]
            self.values[("group", group.id)] = ", ".join(f"{p.name} ({role_title(p.role, p.title)})" for p in members)
        for name, value in (extra or {}).items():
            kind, _, key = name.partition(".")
            self.values[(kind, key)] = value

    def _value(self, kind: str, key: str) -> str | None:
        return self.values.get((kind, key)) or (_generic(kind, key) if self.generic else None)

    def unknown(self, text: str) -> list[str]:
        """Placeholders in `text` that this organisation cannot fill."""
        return [m.group(0) for m in PLACEHOLDER.finditer(text) if self._value(m.group(1), m.group(2) or "") is None]

    def known(self) -> list[str]:
        return sorted(f"{{{{ {a}.{b} }}}}" for a, b in self.values)

    def fill(self, text: str) -> str:
        # A value is one line (a name, a phone number): it must not start a Markdown block.
        return PLACEHOLDER.sub(lambda m: one_line(self._value(m.group(1), m.group(2) or "") or m.group(0)), text)


def _safe_target(target: str) -> str:
    return target if is_safe_url(target) else "#"


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


def inert_markdown(text: str) -> str:
    """Keep Markdown emphasis, lists and links, but no HTML, images, attributes or script links.

    Images are dropped because even a picture is a request to another host.
    """
    # Python-Markdown reads \r and \r\n as line ends: so must the checks below.
    out = text.replace("\r\n", "\n").replace("\r", "\n")
    out = out.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = out.replace("{", "&#123;").replace("}", "&#125;")
    out = out.replace("![", "&#33;[")
    out = out.replace("--8<--", "--8&lt;--")
    out = _INLINE_LINK.sub(lambda m: "](" + _safe_target(m.group(1)), out)
    out = _REFERENCE_LINK.sub(lambda m: m.group(1) + _safe_target(m.group(2)), out)
    out = _ADMONITION.sub(lambda m: m.group(1) + ("&#33;" if m.group(2)[0] == "!" else "&#63;") + m.group(2)[1:], out)
    return out


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


def theme_safe(text: str) -> str:
    """A title for the theme's templates, which print it unescaped and sometimes strip tags
    (unescaping entities): angle brackets and double quotes are dropped, the rest escaped."""
    cleaned = re.sub(r'[<>"]', "", " ".join(one_line(text).split()))
    return cleaned.replace("&", "&amp;").replace("'", "&#39;")
