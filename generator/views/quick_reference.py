"""The staff quick reference: the rules that bind staff, prohibitions first, in groups a phone shows a screen at a time."""

from __future__ import annotations

from dataclasses import dataclass

from generator.sources.model.common import Strength
from generator.sources.model.policy import Clause, Topic

# The part of the staff page that has a print button and a PDF of its own (also the id of its heading).
QUICK_REFERENCE = "quick-reference"
# What a reader must not do first: a breach of a prohibition is what costs a job, and on a phone the
# first screen is the one read. Then what they must do; "may" is a permission, not a do.
QUICK_ORDER = [Strength.must_not, Strength.should_not, Strength.must, Strength.should]
# Up to this many items read as one short list, about a phone's screen (some 90 px an item at 375 px
# wide): topic headings over one or two items each would take more of it than the rules they head.
# Past it, the topics are what cut the list into screens.
ONE_GROUP_MAX = 8


@dataclass(frozen=True)
class QuickGroup:
    topic: Topic | None  # None: the quick reference's only group, shown without a heading
    clauses: list[Clause]


def quick_order(clauses: list[Clause]) -> list[Clause]:
    """Don'ts before dos, strongest first; equal strengths keep the policy's order."""
    return sorted(clauses, key=lambda c: QUICK_ORDER.index(c.strength))


def quick_groups(items: list[Clause], topics: list[Topic]) -> list[QuickGroup]:
    """The quick reference's groups: one topic each (one group for a short list), each in quick_order.

    Groups that hold a "must not" come first, then those with a "should not", then the rest: the
    page then opens on a prohibition whenever it has one, and a reader scrolling stops at the
    firmest rules first. Among equals the policy's topic order stays, so that related topics keep
    the neighbours they have in "Rules by topic".
    """
    chosen = [c for c in items if c.strength in QUICK_ORDER]
    if not chosen:
        return []
    if len(chosen) <= ONE_GROUP_MAX:
        return [QuickGroup(None, quick_order(chosen))]
    groups = []
    for topic in topics:
        members = [c for c in chosen if c.topic == topic.id]
        if members:
            groups.append(QuickGroup(topic, quick_order(members)))
    # A clause's topic is checked against the policy's topics when the sources load, so none is lost here.
    assert sum(len(g.clauses) for g in groups) == len(chosen)
    return sorted(groups, key=lambda g: QUICK_ORDER.index(g.clauses[0].strength))
