"""Fill in `{{ school.name }}` and friends in policy text with an organisation's own values."""

from __future__ import annotations

import re

from generator.sources.links import one_line
from generator.sources.model.organisation import Organisation

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)(?:\.([a-z0-9_-]+))?\s*\}\}")

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
