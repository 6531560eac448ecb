"""The site-relative links of policy text (`policy:ID#id`, `#id`, `/path`) as the relative address each page needs.

The same text is drawn on pages at different depths (the full policy, its audience pages, its
version pages), so each link is worked out for the page being rendered. A link to a policy this
site does not carry (a trust's text adopted by a school that does not adopt the policy it names)
is shown as its words alone, and a link to an id the page no longer has (a clause the school
removed) goes to the policy's page; either way the reader never meets a broken link.
"""

from __future__ import annotations

from pathlib import Path

from generator.render.urls import page_url, relative, relative_url
from generator.sources.anchors import Anchor, policy_anchors
from generator.sources.site_links import site_target
from generator.views.site import SiteView


class SiteLinks:
    """One site's policies, pages and docs/ folder, to write its site-relative links from any page."""

    def __init__(self, site: SiteView, directory_urls: bool = True, docs_dir: Path | None = None) -> None:
        self.directory_urls = directory_urls
        self.docs_dir = docs_dir
        self._views = {view.policy.id: view for view in site.policies}
        self._pages = {page.path for page in site.pages}
        self._anchors: dict[str, dict[str, Anchor]] = {}

    def anchors(self, policy_id: str) -> dict[str, Anchor]:
        if policy_id not in self._anchors:
            view = self._views.get(policy_id)
            self._anchors[policy_id] = policy_anchors(view.policy.model_dump(mode="json")) if view else {}
        return self._anchors[policy_id]

    def anchor(self, policy_id: str, anchor_id: str | None) -> Anchor | None:
        """The section, clause or procedure `anchor_id` of a policy on this site, or None."""
        return self.anchors(policy_id).get(anchor_id) if anchor_id else None

    def _is_page(self, path: str) -> bool:
        return path in self._pages or (self.docs_dir is not None and (self.docs_dir / path).is_file())

    def _path(self, current: str, path: str) -> str:
        """A page or file of the site written `/path`: as a link to its Markdown source when it
        is a page (so MkDocs writes the address for either URL style), else to the file."""
        stem = path.rstrip("/")
        pages = [f"{stem}/index.md" if stem else "index.md", f"{stem}.md"]
        if path.endswith(".md") or (path and not path.endswith("/") and not any(self._is_page(p) for p in pages)):
            return relative(current, path)
        found = next((p for p in pages if self._is_page(p)), None)
        if found:
            return relative(current, found)
        return relative_url(page_url(current, self.directory_urls), path)

    def address(self, address: str, current: str, home: tuple[str, str] | None) -> str | None:
        """What to write for `address` on the page `current`; None to show the link's words alone.

        `home` is (full page, policy id) of the policy whose text it is, for `#id`; an address
        not in a site-relative form is returned as it is."""
        target = site_target(address)
        if target is None:
            return address
        if target.policy is not None:
            view = self._views.get(target.policy)
            if view is None:
                return None
            keep = target.anchor if self.anchor(target.policy, target.anchor) else None
            return relative(current, view.page()) + (f"#{keep}" if keep else "")
        if target.path is not None:
            return self._path(current, target.path) + (f"#{target.anchor}" if target.anchor else "")
        if not target.anchor or home is None or home[0] == current:
            return address
        keep = target.anchor if self.anchor(home[1], target.anchor) else None
        return relative(current, home[0]) + (f"#{keep}" if keep else "")
