"""The site view: one organisation's policies, its member schools' status, its pages and navigation.

The one place that decides which policies a site carries: a draft only in a preview (`serve`,
`build --drafts`), so every page, list, feed, export and link of a normal build leaves it out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from generator.sources.loaded import OrgSource, Sources
from generator.sources.model.common import Audience
from generator.sources.model.organisation import Organisation
from generator.sources.placeholders import Placeholders
from generator.sources.status import URGENCY
from generator.views.comparisons import ComparisonPage
from generator.views.identity import Identity, identity_of
from generator.views.labels import AUDIENCES, audience_label
from generator.views.policy import PolicyView, policy_views
from generator.views.versions import VersionEntry

SEARCH_PAGE = "search/index.md"


@dataclass(frozen=True)
class Page:
    """One page to render: where it goes, its title and the template that draws it."""

    path: str
    title: str
    template: str
    audience: Audience | None = None
    policy: PolicyView | None = None
    version: VersionEntry | None = None
    comparison: ComparisonPage | None = None
    in_nav: bool = True


@dataclass(frozen=True)
class SchoolStatus:
    """For a trust's dashboard: one member school and its policies' status."""

    org: Organisation
    policies: list[PolicyView]


@dataclass
class SiteView:
    org: Organisation
    trust_name: str | None
    today: dt.date
    policies: list[PolicyView]
    pages: list[Page] = field(default_factory=list)
    schools: list[SchoolStatus] = field(default_factory=list)
    window_days: int = 60
    # Drafts this site leaves out (a normal build), by id: their titles, so a reference to one
    # still reads as the policy's name, without a link, until it is published.
    drafts_left_out: dict[str, str] = field(default_factory=dict)
    # The name, logo, colours and contact details every page's header and footer show.
    identity: Identity | None = None

    @property
    def has_review_dates(self) -> bool:
        """Whether the review calendar has anything in it (and so is published)."""
        return any(v.status.next_review and v.status.kind != "draft" for _, v in self.dashboard())

    @property
    def audiences(self) -> list[Audience]:
        """The audiences with a page in at least one policy: only they get a hub and a place in the navigation."""
        return [a for a in AUDIENCES if any(a in v.pages for v in self.policies)]

    def policies_for(self, audience: Audience) -> list[PolicyView]:
        return [v for v in self.policies if audience in v.pages]

    def audience_label(self, audience: str) -> str:
        return audience_label(audience, self.org.setting.value)

    def has_policy(self, policy_id: str) -> bool:
        return any(v.policy.id == policy_id for v in self.policies)

    def policy_name(self, policy_id: str) -> str:
        """A policy's title by its id, for a reference that names no title: one on this site or a draft left out."""
        view = next((v for v in self.policies if v.policy.id == policy_id), None)
        return view.policy.title if view else self.drafts_left_out.get(policy_id, policy_id)

    def by_urgency(self) -> list[PolicyView]:
        return sorted(self.policies, key=urgency_key)

    def dashboard(self) -> list[tuple[Organisation, PolicyView]]:
        """Every policy of this organisation and, for a trust, of each member school, most urgent first."""
        rows = [(self.org, v) for v in self.policies] + [(s.org, v) for s in self.schools for v in s.policies]
        return sorted(rows, key=lambda row: (*urgency_key(row[1]), row[0].name))

    def status_counts(self) -> list[tuple[str, int]]:
        """How many of the dashboard's rows have each review status, most urgent first, leaving out those with none."""
        kinds = [v.status.kind for _, v in self.dashboard()]
        return [(kind, kinds.count(kind)) for kind in URGENCY if kind in kinds]

    def adopters(self, policy_id: str) -> list[tuple[Organisation, PolicyView]]:
        """For a trust: each member school that publishes its policy `policy_id`, with the school's copy."""
        return [(s.org, v) for s in self.schools for v in s.policies if v.adoption and v.policy.id == policy_id]

    def overdue_statutory(self) -> str | None:
        """Why a build that must not publish overdue statutory policies stops, or None."""
        overdue = [v for v in self.policies if v.policy.statutory and v.status.kind == "overdue"]
        if not overdue:
            return None
        names = "; ".join(f"{v.policy.title} (due by {v.status.next_review.display() if v.status.next_review else '?'})" for v in overdue)
        return f"{self.org.id}: statutory policies are overdue for review: {names}. Review and ratify them, or build without failing on overdue policies"

    def notices(self) -> list[str]:
        """Lines for the admin running the build: what needs attention."""
        lines = []
        for v in self.policies:
            if v.status.kind == "overdue":
                assert v.status.next_review
                lines.append(f"{self.org.id}/{v.policy.id}: {v.policy.title} is overdue for review (due by {v.status.next_review.display()})")
            for collision in v.adoption.collisions if v.adoption else []:
                lines.append(collision.message(self.org.id, v.policy.id))
            if v.unratified_changes and v.since_current:
                lines.append(
                    f"{self.org.id}/{v.policy.id}: the text has changed since {v.since_current.old.since}; "
                    "ratify it (policy-site ratify) or record a minor correction (policy-site correct)"
                )
        return lines

    def nav(self, extra: list[str]) -> list[str | dict[str, str | list[str]]]:
        """Navigation by audience, then the full policies, then the hand-written pages."""
        entries: list[str | dict[str, str | list[str]]] = [{"Home": "index.md"}]
        for audience in self.audiences:
            entries.append({self.audience_label(audience): [f"{audience.value}/index.md"] + [v.page(audience) for v in self.policies_for(audience)]})
        entries.append({"Full policies": ["policies/index.md"] + [v.page() for v in self.policies]})
        entries.extend(extra)
        return entries


def urgency_key(view: PolicyView) -> tuple[int, dt.date, str]:
    due = view.status.next_review.last_day() if view.status.next_review else dt.date.max
    return (view.status.urgency, due, view.policy.title)


def member_schools(sources: Sources, trust: Organisation) -> list[Organisation]:
    ids = {s.id for s in trust.schools if s.id} | {o.org.id for o in sources.orgs.values() if o.org.trust and o.org.trust.id == trust.id}
    return [sources.orgs[i].org for i in sorted(ids) if i in sources.orgs and i != trust.id]


def published(source: OrgSource, drafts: bool) -> OrgSource:
    """The organisation's sources as its site carries them: without its drafts unless `drafts` (a preview)."""
    if drafts:
        return source
    return replace(source, policies={pid: ps for pid, ps in source.policies.items() if not ps.policy.draft})


def unpublished_drafts(sources: Sources, org_ids: list[str]) -> list[str]:
    """`org/policy` for each draft a normal build of these organisations leaves out."""
    return [f"{o}/{pid}" for o in org_ids for pid, ps in sorted(sources.orgs[o].policies.items()) if ps.policy.draft]


def site_view(sources: Sources, org_id: str, today: dt.date, window_days: int, drafts: bool = False) -> SiteView:
    """One organisation's site; with `drafts`, a preview that carries its draft policies too."""
    source: OrgSource = published(sources.orgs[org_id], drafts)
    fill = Placeholders(source.org, sources.trust_name(source.org))
    views = policy_views(source, fill, today, window_days, sources.trust_name(source.org))
    site = SiteView(source.org, sources.trust_name(source.org), today, views, window_days=window_days)
    site.identity = identity_of(sources, org_id, today)
    site.drafts_left_out = {pid: ps.policy.title for pid, ps in sorted(sources.orgs[org_id].policies.items()) if pid not in source.policies}
    if source.org.kind.value == "trust":
        for school in member_schools(sources, source.org):
            school_fill = Placeholders(school, sources.trust_name(school))
            school_source = published(sources.orgs[school.id], drafts)
            site.schools.append(SchoolStatus(school, policy_views(school_source, school_fill, today, window_days, source.org.name)))
    for audience in site.audiences:
        site.pages.append(Page(f"{audience.value}/index.md", f"For {site.audience_label(audience).lower()}", "audience_index.md.j2", audience))
    site.pages.append(Page("policies/index.md", "All policies", "policies_index.md.j2"))
    site.pages.append(Page(SEARCH_PAGE, "Search", "search.md.j2", in_nav=False))
    for view in views:
        site.pages.append(Page(view.page(), view.policy.title, "policy.md.j2", None, view))
        for audience in view.pages:
            title = f"{view.policy.title}: {site.audience_label(audience).lower()}"
            site.pages.append(Page(view.page(audience), title, f"{audience.value}.md.j2", audience, view))
        site.pages.append(Page(view.history_page, f"{view.policy.title}: all versions", "history.md.j2", None, view, in_nav=False))
        for entry in view.archived_versions:
            title = f"{view.policy.title}: {entry.name}"
            site.pages.append(Page(view.version_page(entry), title, "version.md.j2", None, view, version=entry, in_nav=False))
        if view.adoption:
            title = f"{view.policy.title}: how it differs from the {view.adoption.trust_name}'s policy"
            site.pages.append(Page(view.adoption.path, title, "trust_compare.md.j2", None, view, in_nav=False))
        for cmp in view.comparisons + ([view.since_current] if view.since_current else []):
            title = f"{view.policy.title}: changes from {cmp.old.name} to {cmp.new_label}"
            site.pages.append(Page(cmp.path, title, "compare.md.j2", None, view, comparison=cmp, in_nav=False))
    return site
