"""One policy's view: what its pages show, built with its versions, their comparisons and its trust comparison."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import yaml

from generator.history.compare import compare
from generator.sources.archive import content_policy, fingerprint, frozen_content
from generator.sources.loaded import OrgSource, PolicySource
from generator.sources.model.common import Audience, Strength
from generator.sources.model.history import Event
from generator.sources.model.organisation import Organisation
from generator.sources.model.policy import SCHOOL, Clause, Form, Policy, Procedure, Section, SmartGuide, Topic
from generator.sources.parties import Reads, clause_pages, party_pages
from generator.sources.placeholders import Placeholders
from generator.sources.status import ReviewStatus, review_status
from generator.sources.topics import policy_topics
from generator.views.comparisons import ComparisonPage, TrustComparison
from generator.views.labels import AUDIENCES, STRENGTH_ORDER, audience_label, strength_label
from generator.views.quick_reference import QuickGroup, quick_groups
from generator.views.versions import VersionEntry, version_entries

DO_STRENGTHS = {Strength.must, Strength.should}
DONT_STRENGTHS = {Strength.must_not, Strength.should_not}

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

    # Computed once per view: every audience page asks for them for each of its clauses.
    @cached_property
    def reads(self) -> Reads:
        return party_pages(self.org)

    @cached_property
    def pages(self) -> list[Audience]:
        """The audience pages this policy has: those it names, or governors (who keep its record)
        and every audience a clause, procedure or SMART guide reaches."""
        if self.policy.pages is not None:
            return [a for a in AUDIENCES if a in self.policy.pages]
        reads = self.reads
        reached = {Audience.governors} | {a for c in self.policy.clauses() for a in clause_pages(c, reads)}
        reached |= {a for p in self.policy.procedures for a in p.audiences}
        if self.smart:
            reached.add(Audience.pupils)
        return [a for a in AUDIENCES if a in reached]

    def shown_on(self, clause: Clause) -> list[Audience]:
        pages = clause_pages(clause, self.reads)
        return [a for a in self.pages if a in pages]

    def clauses_for(self, audience: Audience) -> list[Clause]:
        """Every clause the audience's page shows: those that bind or inform its readers."""
        if audience not in self.pages:
            return []
        reads = self.reads
        return [c for c in self.policy.clauses() if audience in clause_pages(c, reads)]

    def binding(self, audience: Audience) -> list[Clause]:
        """The clauses on the audience's page that bind its readers themselves."""
        return [c for c in self.clauses_for(audience) if audience.value in c.audiences]

    def school_duties(self, audience: Audience) -> list[Clause]:
        """The school's own duties and promises shown on the audience's page."""
        return [c for c in self.clauses_for(audience) if SCHOOL in c.audiences and audience.value not in c.audiences]

    def also_shown(self, audience: Audience) -> list[Clause]:
        """The rest of the page: rules for others that its readers should know."""
        return [c for c in self.clauses_for(audience) if audience.value not in c.audiences and SCHOOL not in c.audiences]

    @cached_property
    def _trails(self) -> dict[str, list[Section]]:
        return {c.id: list(trail) for trail, c in self.policy.placed_clauses()}

    def trail(self, clause: Clause) -> list[Section]:
        """The sections a clause sits in, outermost first, so it keeps its context on any page."""
        return self._trails.get(clause.id, [])

    def by_section(self, clauses: list[Clause]) -> list[tuple[list[Section], list[Clause]]]:
        """Clauses in runs under the section they sit in, in reading order (for pages that keep
        the policy's order, such as a pupils' agreement per key stage)."""
        runs: list[tuple[list[Section], list[Clause]]] = []
        for clause in clauses:
            trail = self.trail(clause)
            if runs and [s.id for s in runs[-1][0]] == [s.id for s in trail]:
                runs[-1][1].append(clause)
            else:
                runs.append((trail, [clause]))
        return runs

    def party_label(self, party: str) -> str:
        if party == SCHOOL:
            return self.org.display_short
        group = next((g for g in self.org.audience_groups if g.id == party), None)
        if group:
            return group.title
        return audience_label(party, self.org.setting.value)

    def strength_text(self, clause: Clause) -> str:
        """The policy's own name for the kind of rule when it has one, else the strength."""
        tier = self.policy.tier(clause.tier)
        return tier.title if tier else strength_label(clause.strength)

    def topic_groups(self, audience: Audience, exclude: Iterable[str] = (), clauses: list[Clause] | None = None) -> list[TopicGroup]:
        chosen = self.clauses_for(audience) if clauses is None else clauses
        clauses = [c for c in chosen if c.topic not in set(exclude)]
        groups = []
        for topic in policy_topics(self.policy):
            members = [c for c in clauses if c.topic == topic.id]
            if members:
                groups.append(TopicGroup(topic, strongest_first(members)))
        return groups

    def dos(self, audience: Audience) -> list[Clause]:
        return strongest_first([c for c in self.binding(audience) if c.strength in DO_STRENGTHS])

    def donts(self, audience: Audience) -> list[Clause]:
        return strongest_first([c for c in self.binding(audience) if c.strength in DONT_STRENGTHS])

    def quick_reference(self, audience: Audience) -> list[QuickGroup]:
        """The do and don't quick reference: what binds the audience, prohibitions first, in short groups."""
        return quick_groups(self.donts(audience) + self.dos(audience), policy_topics(self.policy))

    def forms_for(self, audience: Audience | None = None) -> list[Form]:
        """The forms a page lists: all on the full policy, those for the audience (or for all) on its page."""
        return [f for f in self.policy.forms if audience is None or not f.audiences or audience in f.audiences]

    def procedures_for(self, audience: Audience) -> list[Procedure]:
        return [p for p in self.policy.procedures if audience in p.audiences] if audience in self.pages else []

    def clause(self, clause_id: str) -> Clause | None:
        return next((c for c in self.policy.clauses() if c.id == clause_id), None)

    @property
    def smart(self) -> SmartGuide | None:
        """The policy's own SMART guide, the general one when it opts in, or none."""
        if self.policy.smart == "general":
            return default_smart()
        return self.policy.smart

    @property
    def smart_is_default(self) -> bool:
        return self.policy.smart == "general"


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
