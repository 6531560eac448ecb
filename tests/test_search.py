"""Search: the index each site ships, the relevance suite, and `policy-site search` as an admin runs it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from generator.render.search_query import ALSO_BOOST, EXACT_BOOST, WEAK_BOOST, LoadedIndex, load_index, search, weighted_terms
from generator.sources.load import load_sources
from generator.sources.model.common import Audience
from generator.sources.parties import clause_pages, party_pages
from tests.helpers import REPO, run_cli

RELEVANCE = yaml.safe_load((REPO / "tests/relevance.yml").read_text(encoding="utf-8"))
# The queries the issue names, and the spelling variants it asks for: each must put a right
# answer in the top three wherever the suite asks it.
MUST_PASS = {
    "friend request",
    "ex-pupil",
    "personal phone",
    "photos of pupils",
    "retweet",
    "cyberbullying evidence",
    "disciplinary",
}
# Measured with the seed policies when the suite was written: 95 of 97 in the top three
# (98%), 77 right first (79%). The thresholds leave room for new seed text, not for a worse engine.
# With a pupil's own words added (`child: true`): 125 of 128 in the top three (98%), 104 first (81%).
TOP3_AT_LEAST = 0.95
TOP1_AT_LEAST = 0.75
# The issue's searches in a child's words: each must reach a pupils' rule or the SMART advice.
CHILD_MUST_PASS = {"scared", "nasty comments", "someone was mean to me", "a stranger messaged me"}


@dataclass(frozen=True)
class Outcome:
    case: dict
    anchors: list[str]

    @property
    def top1(self) -> bool:
        return bool(self.anchors) and self.anchors[0] in self.case["expect"]

    @property
    def top3(self) -> bool:
        return any(a in self.case["expect"] for a in self.anchors[:3])

    def describe(self) -> str:
        c = self.case
        return f"{c['school']} ({c['audience']}) {c['query']!r}: want one of {c['expect']}, got {self.anchors[:3]}"


@pytest.fixture(scope="module")
def indexes(demo_site: Path) -> dict[str, LoadedIndex]:
    """Each demo site's published index, read from the built site as the browser reads it."""
    found = {}
    for path in sorted(demo_site.glob("*/search/index.json")):
        found[path.parent.parent.name] = load_index(json.loads(path.read_text(encoding="utf-8")))
    return found


@pytest.fixture(scope="module")
def outcomes(indexes: dict[str, LoadedIndex]) -> list[Outcome]:
    return [Outcome(case, [hit.anchor for hit in search(indexes[case["school"]], case["query"], case["audience"])]) for case in RELEVANCE]


def test_every_demo_site_ships_an_index(demo_site: Path, indexes: dict[str, LoadedIndex]) -> None:
    orgs = sorted(p.name for p in (REPO / "policy_sources").iterdir() if (p / "organisation.yml").is_file())
    assert sorted(indexes) == orgs
    for org in orgs:
        # Material's own search is off: its index would repeat every page's text.
        assert not (demo_site / org / "search/search_index.json").exists()


def test_relevance_suite(outcomes: list[Outcome]) -> None:
    assert len(outcomes) >= 30
    audiences = {o.case["audience"] for o in outcomes}
    assert {"staff", "parents", "pupils"} <= audiences
    top3 = sum(o.top3 for o in outcomes) / len(outcomes)
    top1 = sum(o.top1 for o in outcomes) / len(outcomes)
    misses = "\n".join(o.describe() for o in outcomes if not o.top3)
    assert top3 >= TOP3_AT_LEAST, f"only {top3:.0%} of queries have a right answer in the top three:\n{misses}"
    assert top1 >= TOP1_AT_LEAST, f"only {top1:.0%} of queries have a right answer first"


def test_the_issues_queries_each_find_their_rule(outcomes: list[Outcome]) -> None:
    named = [o for o in outcomes if o.case["query"] in MUST_PASS]
    assert {o.case["query"] for o in named} == MUST_PASS
    failed = [o.describe() for o in named if not o.top3]
    assert not failed, "\n".join(failed)


def test_a_childs_words_find_the_pupils_rules(outcomes: list[Outcome]) -> None:
    """Every search in a pupil's words puts a pupils' rule or a letter of the SMART guide in
    the top three: the words a child types ("scared", "mean", "a stranger messaged me") are not
    the words the policies use ("worried", "bullying", "people you do not know")."""
    child = [o for o in outcomes if o.case.get("child")]
    assert len(child) >= 16 and {o.case["audience"] for o in child} == {"pupils"}
    assert CHILD_MUST_PASS <= {o.case["query"] for o in child}
    failed = [o.describe() for o in child if not o.top3]
    assert not failed, "\n".join(failed)


def test_the_issues_child_searches_reach_advice_to_tell(indexes: dict[str, LoadedIndex]) -> None:
    """On a site whose pupils' page has a SMART guide, each of the issue's searches finds
    advice to tell someone near the top: the guide's Tell letter, or a pupils' rule that says
    "tell". For "scared" the Tell letter itself is in the top three."""
    for school in ("st-thomas", "example-primary"):
        for query in sorted(CHILD_MUST_PASS):
            hits = search(indexes[school], query, "pupils")[:5]
            assert any(h.anchor == "be-smart-online-tell" or (h.kind == "pupils" and "tell" in h.text.lower()) for h in hits), (school, query, [h.anchor for h in hits])
        assert "be-smart-online-tell" in [h.anchor for h in search(indexes[school], "scared", "pupils")[:3]]


def test_each_smart_letter_is_a_result_opening_at_that_letter(demo_site: Path, indexes: dict[str, LoadedIndex]) -> None:
    loaded = indexes["st-thomas"]
    top = search(loaded, "uncomfortable", "pupils")[0]
    assert top.url == "policies/social-media/pupils/#be-smart-online-tell" and top.kind == "guide"
    assert top.text.startswith("Tell: If something online makes me feel uncomfortable")
    # The guide itself is still one result (its title and introduction), the letters five more,
    # and the pupils' page carries each letter's anchor.
    guide = [d for d in loaded.docs if d.kind == "guide"]
    assert [d.anchor for d in guide] == ["be-smart-online"] + [f"be-smart-online-{letter}" for letter in ("safe", "meeting", "accepting", "reliable", "tell")]
    html = (demo_site / "st-thomas/policies/social-media/pupils/index.html").read_text(encoding="utf-8")
    for doc in guide:
        assert f'id="{doc.anchor}"' in html, doc.anchor


def test_filler_words_of_a_childs_question_do_not_swamp_it(indexes: dict[str, LoadedIndex]) -> None:
    loaded = indexes["example-primary"]
    weights = dict(weighted_terms("someone was mean to me", loaded))
    # "someone" is a weak word and "mean" counts as the phrase "mean to" it is part of; "was",
    # "to" and "me" are stop words; the words the policy uses for it are searched instead.
    assert weights["someone"] == weights["mean"] == WEAK_BOOST and "was" not in weights and "me" not in weights
    assert weights["bullying"] == weights["unkind"] == weights["tell"] == ALSO_BOOST
    # A word typed counts more than a word it stands for; "mean" alone is not a child's word
    # for bullying ("what does cyberbullying mean").
    assert dict(weighted_terms("worried", loaded))["worried"] == EXACT_BOOST
    assert "bullied" not in dict(weighted_terms("what does cyber bullying mean", loaded))
    # Asking the same question in more words finds the same advice first.
    assert search(loaded, "what do i do if i am scared", "pupils")[0].url == search(loaded, "scared", "pupils")[0].url


def test_spelling_variants_plurals_and_stems(indexes: dict[str, LoadedIndex]) -> None:
    bledington, st_thomas = indexes["bledington"], indexes["st-thomas"]
    # The policy says "photos"; a search for "photograph" finds that rule.
    hits = search(bledington, "photograph", "staff")[:3]
    assert any("photos" in h.text.lower() and "photograph" not in h.text.lower() for h in hits), hits
    # "friending" finds rules about friend requests and friends.
    anchors = [h.anchor for h in search(bledington, "friending", "staff")[:3]]
    assert "staff-decline-pupil-friend-requests" in anchors, anchors
    # However it is written: St Thomas' writes "cyber bullying", the trust "cyberbullying".
    for loaded, written in ((st_thomas, "cyber bullying"), (indexes["st-james-emmanuel-trust"], "cyberbullying")):
        for query in ("cyberbullying", "cyber-bullying", "cyber bullying"):
            top = search(loaded, query)[:3]
            assert len(top) == 3 and all(written in h.text.lower() for h in top), (query, top)
    # US spelling finds the UK text.
    hits = search(st_thomas, "behavior")[:3]
    assert any("behaviour" in h.text.lower() for h in hits), hits
    # Plural and singular.
    assert [h.url for h in search(bledington, "photos")[:3]] == [h.url for h in search(bledington, "photo")[:3]]


def test_results_show_strength_audience_and_land_on_the_clause(indexes: dict[str, LoadedIndex]) -> None:
    hit = search(indexes["bledington"], "friend request", "staff")[0]
    assert hit.url == "policies/social-media/#staff-decline-pupil-friend-requests"
    assert hit.strength == "must" and "staff" in hit.audiences and hit.number == "" and hit.kind == "clause"


def test_each_text_is_indexed_once(indexes: dict[str, LoadedIndex]) -> None:
    """The formal words of a clause are one document (on the full policy page); each plain
    version one more, on its own audience page. Audience pages that show the same clause
    again add nothing to the index."""
    sources = load_sources(REPO / "policy_sources")
    for org_id, loaded in indexes.items():
        reads = party_pages(sources.orgs[org_id].org)
        policies = [ps.policy for ps in sources.orgs[org_id].policies.values()]
        clauses = [c for p in policies for c in p.clauses()]
        formal = [d for d in loaded.docs if d.kind == "clause"]
        assert sorted(d.url.split("#")[1] for d in formal) == sorted(c.id for c in clauses)
        assert all(d.url.split("#")[0].count("/") == 2 for d in formal), "formal text lands on the full policy page"
        urls = [d.url for d in loaded.docs]
        assert len(urls) == len(set(urls))
        plain = {(d.kind, d.url.split("#")[1]) for d in loaded.docs if d.kind in ("pupils", "parents")}
        # A plain version is on the page of every audience the clause binds or informs.
        # (Groups of the organisation's own read the page their `reads:` names.)
        expected = {(a, c.id) for c in clauses for a in ("pupils", "parents") if getattr(c.plain, a) and Audience(a) in clause_pages(c, reads)}
        assert plain == expected


def test_archived_versions_never_appear(demo_site: Path, indexes: dict[str, LoadedIndex]) -> None:
    assert list(demo_site.glob("*/policies/*/versions/*/index.html")), "the demo has archived version pages"
    for loaded in indexes.values():
        assert not [d.url for d in loaded.docs if "/versions/" in d.url or "/compare/" in d.url or "/history/" in d.url]


def test_audience_first_and_only(indexes: dict[str, LoadedIndex]) -> None:
    loaded = indexes["st-thomas"]
    everyone = search(loaded, "bullying", limit=500)
    pupils_first = search(loaded, "bullying", "pupils", limit=500)
    only = search(loaded, "bullying", "pupils", only=True, limit=500)
    assert only and all("pupils" in h.audiences for h in only)
    assert pupils_first[: len(only)] == only, "pupils' results come first"
    assert len(only) < len(pupils_first) and not [h for h in pupils_first[len(only) :] if "pupils" in h.audiences]
    # A rule found in its formal words and in the pupils' words is listed once, as the pupils' version.
    both = {h.anchor for h in everyone if h.kind == "pupils"} & {h.anchor for h in everyone if h.kind == "clause"}
    assert both
    for anchor in both:
        assert [h.kind for h in pupils_first if h.anchor == anchor and h.kind in ("pupils", "clause")] == ["pupils"]
    # The pupils' SMART guide is reachable from a pupil's page without wading through staff rules.
    tell = search(loaded, "tell", "pupils")[:3]
    assert all("pupils" in h.audiences for h in tell), tell


def test_index_is_small(demo_site: Path, indexes: dict[str, LoadedIndex]) -> None:
    """Not a speed test: a guard that no page's text is indexed twice over again, measured per
    indexed text (a school with many policies has a larger index, not a fatter one)."""
    for path in demo_site.glob("*/search/index.json"):
        docs = len(indexes[path.parent.parent.name].docs)
        assert path.stat().st_size < 10_000 + 2_000 * docs, (path, path.stat().st_size, docs)


# ---- the terminal ---------------------------------------------------------------------------


def test_cli_search_prints_the_rule_with_strength_and_anchor() -> None:
    result = run_cli("search", "friend request", "--school", "bledington", "--audience", "staff", "--limit", "3")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == 'bledington: 3 results for "friend request", staff first'
    # "For:" names every page that shows the rule: staff, and the parents and governors it informs.
    assert lines[1].startswith("  1. Must | For: ") and "Staff" in lines[1]
    assert lines[2].strip() == "policies/social-media/#staff-decline-pupil-friend-requests"
    assert "decline" in lines[3]


def test_cli_answers_from_the_same_index_as_the_site(demo_site: Path) -> None:
    for query, audience in (("photos of pupils", "staff"), ("who do i tell", "pupils"), ("complaints", "parents")):
        args = ["search", query, "--audience", audience, "--json", "--limit", "8"]
        from_sources = run_cli(*args)
        from_site = run_cli(*args, "--site", str(demo_site))
        assert from_sources.returncode == 0 and from_site.returncode == 0, from_sources.stderr + from_site.stderr
        assert json.loads(from_sources.stdout) == json.loads(from_site.stdout)
        assert set(json.loads(from_site.stdout)) == {p.name for p in demo_site.iterdir() if (p / "search/index.json").exists()}


def test_cli_search_only_one_audience() -> None:
    result = run_cli("search", "phone", "--school", "bledington", "--audience", "pupils", "--only", "--json")
    hits = json.loads(result.stdout)["bledington"]
    assert hits and all(h["audiences"] == ["pupils"] or "pupils" in h["audiences"] for h in hits)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("search", "x", "--school", "nowhere"), "no organisation called nowhere; choose from: bledington"),
        (("search", "x", "--only"), "--only needs --audience"),
        (("search", "x", "--school", "bledington", "--site", "no-such-folder"), "no-such-folder/bledington/search/index.json does not exist: build the site first"),
    ],
)
def test_cli_search_refuses_clearly(args: tuple[str, ...], message: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr


def test_the_blind_questions_name_rules_each_site_has(indexes: dict[str, LoadedIndex]) -> None:
    """tests/relevance_questions.yml (measured by `make bench-relevance`, not here: its bar is issue
    17's, not yet met) stays true to the demo: every answer it expects is a rule its site indexes."""
    cases = yaml.safe_load((REPO / "tests/relevance_questions.yml").read_text(encoding="utf-8"))
    assert len(cases) >= 80 and sum(1 for c in cases if c["audience"] == "pupils") >= 20
    assert sum(1 for c in cases if c.get("typo")) >= 30
    for case in cases:
        anchors = {doc.anchor for doc in indexes[case["school"]].docs}
        missing = [a for a in case["expect"] if a not in anchors]
        assert not missing, f"{case['school']} {case['query']!r}: no rule {missing} in its index"
