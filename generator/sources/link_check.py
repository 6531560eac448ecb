"""Every link in a source file checked against the site it is published on: each `file:line: what to do`.

A link must work on every page its text appears on, so a link relative to the page is refused
(with the site-relative form to write instead); a link to a policy, or to a section, clause or
procedure, must name one the site carries; a link to a file must name one in docs/; and a web
address must be https. Nothing is fetched: web addresses are read, never visited.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.sources.anchors import Anchor
from generator.sources.errors import SourceError
from generator.sources.links import check_url
from generator.sources.section_walk import text_fields
from generator.sources.site_links import page_relative, site_target, text_addresses
from generator.sources.yaml_document import YamlDocument

Loc = tuple[str | int, ...]
# Fields whose whole value is one address (a reference's or a form's `url`, the school's website).
_ADDRESS_FIELDS = {"url", "website"}
_REFERENCE_LISTS = {"see", "related_policies"}
# What a relative link looks like: a path, perhaps with a query and an id. Other text in an
# address field (`<script>...`, a sentence) is no link to a page, and its safety is checked apart.
_PATH_LIKE = re.compile(r"[A-Za-z0-9._~%!&*+,;=:@/?#-]+")


@dataclass(frozen=True)
class LinkSite:
    """What one organisation's site carries: each policy's ids (None: not known, so not checked) and docs/."""

    policies: dict[str, dict[str, Anchor] | None]
    docs_dir: Path | None = None


def _blocks(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str, dict[str, Any]]]:
    """Each block that sits in a list, with the list's field name (`see`, `forms`, ...)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, dict):
                        yield (*loc, key, i), str(key), item
            yield from _blocks(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _blocks(value, (*loc, i))


def _ids_hint(anchors: dict[str, Anchor], wanted: str) -> str:
    close = difflib.get_close_matches(wanted, list(anchors), n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    listed = sorted(anchors)
    shown = ", ".join(listed[:8]) + (f" and {len(listed) - 8} more" if len(listed) > 8 else "")
    return f"its ids are: {shown}" if listed else "it has no ids to link to"


def _docs_file(docs_dir: Path, path: str) -> bool:
    """Whether `/path` names a file under docs/, or a page written as its folder (`/visitors/`)."""
    candidates = [path] if path and not path.endswith("/") else []
    stem = path.rstrip("/")
    candidates += [f"{stem}.md", f"{stem}/index.md" if stem else "index.md"]
    return any((docs_dir / candidate).is_file() for candidate in candidates)


class _Checker:
    def __init__(self, site: LinkSite, own: str | None) -> None:
        self.site = site
        self.own = own

    def listed(self) -> str:
        return ", ".join(sorted(self.site.policies)) or "none yet"

    def missing_policy(self, shown: str, policy: str) -> str:
        return (
            f"{shown} goes to the policy '{policy}', which this site does not carry (policies here: {self.listed()}); "
            "fix the id, or link to where it can be read with an address starting https://"
        )

    def in_policy(self, shown: str, policy: str, anchor: str) -> str | None:
        """The problem with an id `anchor` in a policy of this site, or None."""
        anchors = self.site.policies.get(policy)
        if anchors is None or anchor in anchors:
            return None
        where = "this policy" if policy == self.own else f"the policy '{policy}'"
        return f"{shown} goes to '{anchor}', but {where} has no section, clause or procedure with that id; {_ids_hint(anchors, anchor)}"

    def suggestion(self, address: str) -> str:
        """The site-relative form of a page-relative link, as near as it can be guessed."""
        path, _, anchor = address.partition("#")
        parts = [p for p in posixpath.normpath(path.split("?", 1)[0]).split("/") if p not in ("", ".", "..")]
        if parts and parts[0] == "policies":
            parts = parts[1:]
        if parts and parts[0].removesuffix(".md") in self.site.policies:
            return f"`policy:{parts[0].removesuffix('.md')}{'#' + anchor if anchor else ''}`"
        if not parts and anchor:
            return f"`#{anchor}` (an id in this policy) or `policy:POLICY-ID#{anchor}`"
        written = "/".join(parts) + ("/" if parts and path.endswith("/") else "")
        return f"`policy:POLICY-ID` for a policy, or `/{written or 'path'}` for a page or file of docs/"

    def problem(self, address: str) -> str | None:
        """What is wrong with one address, with what to write instead; None if it works on every page."""
        if "{{" in address or check_url(address) is not None:
            return None  # a placeholder is checked once filled in; an unsafe scheme is reported already
        shown = f"the link '{address[:80]}'"
        if address[:7].lower() == "http://":
            return f"{shown} is not secure (http://); write https://{address[7:80]} (check that the page opens that way)"
        if page_relative(address) and _PATH_LIKE.fullmatch(address):
            return (
                f"{shown} is relative to the page it is on, so it breaks on the policy's other pages "
                f"(the audience pages sit a folder deeper than the full policy); write {self.suggestion(address)} instead"
            )
        target = site_target(address)
        if target is None:
            return None
        if target.policy is not None:
            if target.policy not in self.site.policies:
                return self.missing_policy(shown, target.policy)
            return self.in_policy(shown, target.policy, target.anchor) if target.anchor else None
        if target.path is not None:
            return self.docs_problem(shown, target.path)
        if not target.anchor:
            return f"{shown} goes nowhere; write `#id` for a section, clause or procedure of this policy, or `policy:POLICY-ID`"
        if self.own is None:
            return f"{shown} depends on the page the text is shown on; write `policy:POLICY-ID#{target.anchor}`"
        return self.in_policy(shown, self.own, target.anchor)

    def docs_problem(self, shown: str, path: str) -> str | None:
        parts = path.split("/")
        if ".." in parts:
            return f"{shown} climbs out of the site with '..'; write the path from the top of docs/, e.g. /forms/consent.pdf"
        if parts[0] == "policies" and len(parts) > 1 and parts[1]:
            return f"{shown} names a policy's page by its path; write `policy:{parts[1].removesuffix('.md')}` so it works however the site is published"
        docs = self.site.docs_dir
        if docs is None or _docs_file(docs, path.split("?", 1)[0]):
            return None
        return f"{shown} goes to docs/{path}, which does not exist; put the file there, or fix the path (written from the top of docs/, starting with /)"

    def reference(self, ref: dict[str, Any]) -> tuple[str, str] | None:
        """(field, problem) for a reference's or form's `section:`, or None."""
        policy = ref.get("policy", ref.get("id"))
        section = ref.get("section")
        if not isinstance(section, str) or not isinstance(policy, str) or policy not in self.site.policies:
            return None
        problem = self.in_policy(f"`section: {section}`", policy, section)
        return ("section", problem) if problem else None


def check_site_links(doc: YamlDocument, site: LinkSite, own: str | None) -> list[SourceError]:
    """Every link in one file against its site; `own` is the policy whose text the file holds, if any."""
    checker = _Checker(site, own)
    errors: list[SourceError] = []
    for loc, text in text_fields(doc.data):
        key = loc[-1] if loc else ""
        addresses = [text.strip()] if key in _ADDRESS_FIELDS else text_addresses(text)
        for problem in dict.fromkeys(p for address in addresses if (p := checker.problem(address))):
            errors.append(doc.error(loc, problem))
    for loc, field_name, block in _blocks(doc.data):
        if field_name == "forms" and isinstance(block.get("policy"), str) and block["policy"] not in site.policies:
            errors.append(doc.error((*loc, "policy"), checker.missing_policy("this form", block["policy"])))
        if field_name in _REFERENCE_LISTS or field_name == "forms":
            found = checker.reference(block)
            if found:
                errors.append(doc.error((*loc, found[0]), found[1]))
    return errors
