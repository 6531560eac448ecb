"""Policy text is data: fill in placeholders and make the Markdown inert before it reaches a page."""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import Markup

from generator.model import Organisation

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)(?:\.([a-z0-9_-]+))?\s*\}\}")

# Links may only go to the web, to mail or phone, or within the site.
_SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE_LINK = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*)<?(\S+?)>?(\s|$)", re.MULTILINE)

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
        return PLACEHOLDER.sub(lambda m: self._value(m.group(1), m.group(2) or "") or m.group(0), text)


def _safe_target(target: str) -> str:
    lowered = target.strip().lower()
    if ":" in lowered.split("/", 1)[0] and not lowered.startswith(_SAFE_SCHEMES):
        return "#"
    return target


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
    return out.replace("\n", " ")


def inert_markdown(text: str) -> str:
    """Keep Markdown emphasis, lists and links, but no HTML, images, attributes or script links.

    Images are dropped because even a picture is a request to another host.
    """
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = out.replace("{", "&#123;").replace("}", "&#125;")
    out = out.replace("![", "&#33;[")
    out = out.replace("--8<--", "--8&lt;--")
    out = _INLINE_LINK.sub(lambda m: "](" + _safe_target(m.group(1)), out)
    out = _REFERENCE_LINK.sub(lambda m: m.group(1) + _safe_target(m.group(2)) + m.group(3), out)
    return out


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
    cleaned = re.sub(r'[<>"]', "", " ".join(text.split()))
    return cleaned.replace("&", "&amp;").replace("'", "&#39;")
