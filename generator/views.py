"""Page views: what each page of one organisation's site shows, independent of any renderer."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from generator.model import Audience, Clause, Event, Organisation, Policy, SmartGuide, Strength, Topic
from generator.sources import OrgSource, Sources
from generator.status import ReviewStatus, review_status
from generator.topics import policy_topics

AUDIENCES = [Audience.parents, Audience.pupils, Audience.staff, Audience.governors]
AUDIENCE_LABELS = {
    Audience.staff: "Staff",
    Audience.pupils: "Pupils",
    Audience.parents: "Parents and carers",
    Audience.governors: "Governors",
}
STRENGTH_LABELS = {
    Strength.must: "Must",
    Strength.must_not: "Must not",
    Strength.should: "Should",
    Strength.should_not: "Should not",
    Strength.may: "May",
    Strength.info: "Information",
}
STRENGTH_ORDER = list(STRENGTH_LABELS)
DO_STRENGTHS = {Strength.must, Strength.should}
DONT_STRENGTHS = {Strength.must_not, Strength.should_not}
PARENT_OWN_SECTIONS = {"school-accounts", "raising-concerns", "reporting"}

_DEFAULT_SMART = Path(__file__).parent / "data" / "smart.yml"


@cache
def default_smart() -> SmartGuide:
    return SmartGuide.model_validate(yaml.safe_load(_DEFAULT_SMART.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class TopicGroup:
    topic: Topic
    clauses: list[Clause]


def strongest_first(clauses: list[Clause]) -> list[Clause]:
    return sorted(clauses, key=lambda c: STRENGTH_ORDER.index(c.strength))


@dataclass
class PolicyView:
    org: Organisation
    policy: Policy
    status: ReviewStatus
    folder: str

    @property
    def record(self) -> list[Event]:
        return list(self.policy.history)

    def page(self, audience: Audience | None = None) -> str:
        return f"{self.folder}/{audience.value if audience else 'index'}.md"

    def clauses_for(self, audience: Audience) -> list[Clause]:
        return [c for c in self.policy.clauses() if audience in c.audiences]

    def topic_groups(self, audience: Audience, exclude: Iterable[str] = ()) -> list[TopicGroup]:
        clauses = [c for c in self.clauses_for(audience) if c.topic not in set(exclude)]
        groups = []
        for topic in policy_topics(self.policy):
            members = [c for c in clauses if c.topic == topic.id]
            if members:
                groups.append(TopicGroup(topic, strongest_first(members)))
        return groups

    def dos(self, audience: Audience) -> list[Clause]:
        return strongest_first([c for c in self.clauses_for(audience) if c.strength in DO_STRENGTHS])

    def donts(self, audience: Audience) -> list[Clause]:
        return strongest_first([c for c in self.clauses_for(audience) if c.strength in DONT_STRENGTHS])

    def procedures_for(self, audience: Audience) -> list:
        return [p for p in self.policy.procedures if audience in p.audiences]

    def clause(self, clause_id: str) -> Clause | None:
        return next((c for c in self.policy.clauses() if c.id == clause_id), None)

    @property
    def smart(self) -> SmartGuide:
        return self.policy.smart or default_smart()

    @property
    def smart_is_default(self) -> bool:
        return self.policy.smart is None

    def parents_by_topic(self, topics: Iterable[str]) -> list[Clause]:
        return [c for c in self.clauses_for(Audience.parents) if c.topic in topics]


@dataclass(frozen=True)
class Page:
    """One page to render: where it goes, its title and the template that draws it."""

    path: str
    title: str
    template: str
    audience: Audience | None = None
    policy: PolicyView | None = None


@dataclass
class SiteView:
    org: Organisation
    trust_name: str | None
    today: dt.date
    policies: list[PolicyView]
    pages: list[Page] = field(default_factory=list)

    def by_urgency(self) -> list[PolicyView]:
        return sorted(self.policies, key=lambda v: (v.status.urgency, v.policy.title))

    def nav(self, extra: list[str]) -> list[dict[str, object]]:
        """Navigation by audience, then the full policies, then the hand-written pages."""
        entries: list[dict[str, object]] = [{"Home": "index.md"}]
        for audience in AUDIENCES:
            entries.append({AUDIENCE_LABELS[audience]: [f"{audience.value}/index.md"] + [v.page(audience) for v in self.policies]})
        entries.append({"Full policies": ["policies/index.md"] + [v.page() for v in self.policies]})
        entries.extend(extra)
        return entries


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


def site_view(sources: Sources, org_id: str, today: dt.date, window_days: int) -> SiteView:
    source: OrgSource = sources.orgs[org_id]
    views = [
        PolicyView(source.org, ps.policy, review_status(ps.policy, today, window_days), f"policies/{ps.policy.id}")
        for ps in sorted(source.policies.values(), key=lambda ps: ps.policy.title)
    ]
    site = SiteView(source.org, sources.trust_name(source.org), today, views)
    for audience in AUDIENCES:
        site.pages.append(Page(f"{audience.value}/index.md", f"For {AUDIENCE_LABELS[audience].lower()}", "audience_index.md.j2", audience))
    site.pages.append(Page("policies/index.md", "All policies", "policies_index.md.j2"))
    for view in views:
        site.pages.append(Page(view.page(), view.policy.title, "policy.md.j2", None, view))
        for audience in AUDIENCES:
            title = f"{view.policy.title}: {AUDIENCE_LABELS[audience].lower()}"
            site.pages.append(Page(view.page(audience), title, f"{audience.value}.md.j2", audience, view))
    return site
