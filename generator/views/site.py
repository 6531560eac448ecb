"""Page views: what each page of one organisation's site shows, independent of any renderer."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from generator.history.compare import Comparison, compare
from generator.sources.adoption import Collision, LocalChange
from generator.sources.archive import ArchivedVersion, content_policy, fingerprint, frozen_content, version_slug
from generator.sources.loaded import OrgSource, PolicySource, Sources
from generator.sources.model.common import Audience, Strength
from generator.sources.model.history import RATIFYING_EVENTS, Event, EventKind
from generator.sources.model.organisation import Organisation
from generator.sources.model.policy import Clause, Policy, SmartGuide, Topic
from generator.sources.placeholders import Placeholders
from generator.sources.status import ReviewStatus, review_status
from generator.sources.topics import policy_topics

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


def audience_label(value: str) -> str:
    return AUDIENCE_LABELS[Audience(value)]


def strength_label(value: str) -> str:
    return STRENGTH_LABELS[Strength(value)]


DO_STRENGTHS = {Strength.must, Strength.should}
DONT_STRENGTHS = {Strength.must_not, Strength.should_not}
SEARCH_PAGE = "search/index.md"
PARENT_OWN_SECTIONS = {"school-accounts", "raising-concerns", "reporting"}

_DEFAULT_SMART = Path(__file__).parent / "smart.yml"


@cache
def default_smart() -> SmartGuide:
    return SmartGuide.model_validate(yaml.safe_load(_DEFAULT_SMART.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class TopicGroup:
    topic: Topic
    clauses: list[Clause]


def strongest_first(clauses: list[Clause]) -> list[Clause]:
    return sorted(clauses, key=lambda c: STRENGTH_ORDER.index(c.strength))


# Beyond this many archived versions only consecutive pairs and each-with-latest are pre-built.
ALL_PAIRS_LIMIT = 12


@dataclass
class VersionEntry:
    """One version in a policy's history: its ratifying event and, if archived, its frozen text."""

    event: Event
    archived: ArchivedVersion | None
    steps: list[Event] = field(default_factory=list)
    corrections: list[Event] = field(default_factory=list)
    superseded_by: Event | None = None

    @property
    def version(self) -> str:
        return self.event.version or ""

    @property
    def slug(self) -> str:
        return version_slug(self.version)

    @property
    def current(self) -> bool:
        return self.superseded_by is None


@dataclass(frozen=True)
class ComparisonPage:
    """A pre-built comparison of two versions; `new` is None for the text published now."""

    path: str
    old: VersionEntry
    new: VersionEntry | None
    comparison: Comparison

    @property
    def new_label(self) -> str:
        return f"version {self.new.version}" if self.new else "the text published now"


@dataclass(frozen=True)
class TrustComparison:
    """How a school's copy of a trust policy differs from the trust's text, for its governors."""

    path: str
    trust_name: str
    comparison: Comparison
    changes: list[LocalChange]
    collisions: list[Collision]

    def reason(self, clause_id: str) -> str | None:
        return next((c.reason for c in self.changes if c.clause_id == clause_id), None)

    def collision(self, clause_id: str) -> Collision | None:
        return next((c for c in self.collisions if c.clause_id == clause_id), None)


@dataclass
class PolicyView:
    org: Organisation
    policy: Policy
    status: ReviewStatus
    folder: str
    versions: list[VersionEntry] = field(default_factory=list)
    pending: list[Event] = field(default_factory=list)
    comparisons: list[ComparisonPage] = field(default_factory=list)
    since_current: ComparisonPage | None = None
    unratified_changes: bool = False
    adoption: TrustComparison | None = None

    @property
    def record(self) -> list[Event]:
        return list(self.policy.history)

    def page(self, audience: Audience | None = None) -> str:
        return f"{self.folder}/{audience.value if audience else 'index'}.md"

    @property
    def history_page(self) -> str:
        return f"{self.folder}/history.md"

    def version_page(self, entry: VersionEntry) -> str:
        return f"{self.folder}/versions/{entry.slug}/index.md"

    def archived_view(self, entry: VersionEntry) -> PolicyView:
        """The archived text as a view of its own, whose links stay within its own page."""
        assert entry.archived is not None
        frozen = ReviewStatus("in-date", None, entry.archived.ratification)
        return PolicyView(self.org, entry.archived.content, frozen, f"{self.folder}/versions/{entry.slug}")

    def comparison_from(self, entry: VersionEntry) -> ComparisonPage | None:
        """The pre-built comparison of the previous archived version with this one."""
        return next((c for c in self.comparisons if c.new is entry and c.old is self._previous_archived(entry)), None)

    def _previous_archived(self, entry: VersionEntry) -> VersionEntry | None:
        earlier = [v for v in self.versions[: self.versions.index(entry)] if v.archived]
        return earlier[-1] if earlier else None

    @property
    def archived_versions(self) -> list[VersionEntry]:
        return [v for v in self.versions if v.archived]

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

    @property
    def has_review_dates(self) -> bool:
        """Whether the review calendar has anything in it (and so is published)."""
        return any(v.status.next_review and v.status.kind != "draft" for _, v in self.dashboard())

    def has_policy(self, policy_id: str) -> bool:
        return any(v.policy.id == policy_id for v in self.policies)

    def by_urgency(self) -> list[PolicyView]:
        return sorted(self.policies, key=urgency_key)

    def dashboard(self) -> list[tuple[Organisation, PolicyView]]:
        """Every policy of this organisation and, for a trust, of each member school, most urgent first."""
        rows = [(self.org, v) for v in self.policies] + [(s.org, v) for s in self.schools for v in s.policies]
        return sorted(rows, key=lambda row: (*urgency_key(row[1]), row[0].name))

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
                    f"{self.org.id}/{v.policy.id}: the text has changed since version {v.since_current.old.version} was ratified; "
                    "ratify it (policy-site ratify) or record a minor correction (policy-site correct)"
                )
        return lines

    def nav(self, extra: list[str]) -> list[dict[str, object]]:
        """Navigation by audience, then the full policies, then the hand-written pages."""
        entries: list[dict[str, object]] = [{"Home": "index.md"}]
        for audience in AUDIENCES:
            entries.append({AUDIENCE_LABELS[audience]: [f"{audience.value}/index.md"] + [v.page(audience) for v in self.policies]})
        entries.append({"Full policies": ["policies/index.md"] + [v.page() for v in self.policies]})
        entries.extend(extra)
        return entries


def urgency_key(view: PolicyView) -> tuple[int, dt.date, str]:
    due = view.status.next_review.last_day() if view.status.next_review else dt.date.max
    return (view.status.urgency, due, view.policy.title)


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


def version_entries(policy: Policy, archives: list[ArchivedVersion]) -> tuple[list[VersionEntry], list[Event]]:
    """The history read as versions: each ratifying event with the steps before it and the corrections after it."""
    archived = {a.version: a for a in archives}
    entries: list[VersionEntry] = []
    pending: list[Event] = []
    for event in policy.history:
        if event.event in RATIFYING_EVENTS:
            if entries:
                entries[-1].superseded_by = event
            entries.append(VersionEntry(event, archived.get(event.version or ""), steps=pending))
            pending = []
        elif event.event == EventKind.corrected and entries and not pending:
            entries[-1].corrections.append(event)
        else:
            pending.append(event)
    return entries, pending


def _comparisons(view: PolicyView, fill: Placeholders) -> None:
    archived = view.archived_versions
    pairs = [(a, b) for i, a in enumerate(archived) for b in archived[i + 1 :]]
    if len(archived) > ALL_PAIRS_LIMIT:
        pairs = [(a, b) for a, b in pairs if archived.index(b) == archived.index(a) + 1 or b is archived[-1]]
    for old, new in pairs:
        assert old.archived and new.archived
        path = f"{view.folder}/compare/{old.slug}-to-{new.slug}.md"
        view.comparisons.append(ComparisonPage(path, old, new, compare(old.archived.content, new.archived.content)))
    if archived and archived[-1].current:
        last = archived[-1]
        assert last.archived
        content = frozen_content(view.policy, fill.fill)
        comparison = compare(last.archived.content, content_policy(view.policy.id, content))
        if not comparison.empty:
            view.since_current = ComparisonPage(f"{view.folder}/compare/{last.slug}-to-current.md", last, None, comparison)
        # The published words must be the ratified words, or the words of the last recorded correction.
        recorded = [c.fingerprint for c in last.corrections if c.fingerprint]
        view.unratified_changes = fingerprint(content) != (recorded[-1] if recorded else last.archived.text_fingerprint)


def _trust_comparison(view: PolicyView, ps: PolicySource, fill: Placeholders, trust_name: str | None) -> TrustComparison | None:
    adoption = ps.adoption
    if adoption is None:
        return None
    # Both sides read as this school's, so only the school's own changes show as differences.
    trust_text = content_policy(view.policy.id, frozen_content(adoption.base, fill.fill))
    school_text = content_policy(view.policy.id, frozen_content(ps.policy, fill.fill))
    comparison = compare(trust_text, school_text)
    return TrustComparison(f"{view.folder}/trust.md", trust_name or "trust", comparison, adoption.changes, adoption.collisions)


def policy_views(source: OrgSource, fill: Placeholders, today: dt.date, window_days: int, trust_name: str | None = None) -> list[PolicyView]:
    views = []
    for ps in sorted(source.policies.values(), key=lambda ps: ps.policy.title):
        versions, pending = version_entries(ps.policy, source.archives.get(ps.policy.id, []))
        view = PolicyView(source.org, ps.policy, review_status(ps.policy, today, window_days), f"policies/{ps.policy.id}", versions, pending)
        _comparisons(view, fill)
        view.adoption = _trust_comparison(view, ps, fill, trust_name)
        views.append(view)
    return views


def member_schools(sources: Sources, trust: Organisation) -> list[Organisation]:
    ids = {s.id for s in trust.schools if s.id} | {o.org.id for o in sources.orgs.values() if o.org.trust and o.org.trust.id == trust.id}
    return [sources.orgs[i].org for i in sorted(ids) if i in sources.orgs and i != trust.id]


def site_view(sources: Sources, org_id: str, today: dt.date, window_days: int) -> SiteView:
    source: OrgSource = sources.orgs[org_id]
    fill = Placeholders(source.org, sources.trust_name(source.org))
    views = policy_views(source, fill, today, window_days, sources.trust_name(source.org))
    site = SiteView(source.org, sources.trust_name(source.org), today, views, window_days=window_days)
    if source.org.kind.value == "trust":
        for school in member_schools(sources, source.org):
            school_fill = Placeholders(school, sources.trust_name(school))
            site.schools.append(SchoolStatus(school, policy_views(sources.orgs[school.id], school_fill, today, window_days, source.org.name)))
    for audience in AUDIENCES:
        site.pages.append(Page(f"{audience.value}/index.md", f"For {AUDIENCE_LABELS[audience].lower()}", "audience_index.md.j2", audience))
    site.pages.append(Page("policies/index.md", "All policies", "policies_index.md.j2"))
    site.pages.append(Page(SEARCH_PAGE, "Search", "search.md.j2", in_nav=False))
    for view in views:
        site.pages.append(Page(view.page(), view.policy.title, "policy.md.j2", None, view))
        for audience in AUDIENCES:
            title = f"{view.policy.title}: {AUDIENCE_LABELS[audience].lower()}"
            site.pages.append(Page(view.page(audience), title, f"{audience.value}.md.j2", audience, view))
        site.pages.append(Page(view.history_page, f"{view.policy.title}: all versions", "history.md.j2", None, view, in_nav=False))
        for entry in view.archived_versions:
            title = f"{view.policy.title}: version {entry.version}"
            site.pages.append(Page(view.version_page(entry), title, "version.md.j2", None, view, version=entry, in_nav=False))
        if view.adoption:
            title = f"{view.policy.title}: how it differs from the {view.adoption.trust_name}'s policy"
            site.pages.append(Page(view.adoption.path, title, "trust_compare.md.j2", None, view, in_nav=False))
        for cmp in view.comparisons + ([view.since_current] if view.since_current else []):
            title = f"{view.policy.title}: changes from version {cmp.old.version} to {cmp.new_label}"
            site.pages.append(Page(cmp.path, title, "compare.md.j2", None, view, comparison=cmp, in_nav=False))
    return site
