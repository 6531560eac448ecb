"""Every seed policy reaches exactly the right audience pages, with its ratification record."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO, read_page, squash

EXPECTATIONS = sorted((REPO / "tests" / "seed_expectations").glob("*.yml"))
AUDIENCES = ["staff", "pupils", "parents", "governors"]
STRENGTH_WORDS = {
    "must": "Must",
    "must-not": "Must not",
    "should": "Should",
    "should-not": "Should not",
    "may": "May",
    "info": "Information",
}


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("expectation", EXPECTATIONS, ids=lambda p: p.stem)
def test_expectations_cover_enough(expectation: Path) -> None:
    data = load(expectation)
    assert len(data["clauses"]) >= 10
    assert any(c["strength"] == "must-not" for c in data["clauses"])


@pytest.mark.parametrize("expectation", EXPECTATIONS, ids=lambda p: p.stem)
def test_clauses_appear_in_full_policy_with_strength_and_anchor(demo_site: Path, expectation: Path) -> None:
    data = load(expectation)
    folder = demo_site / data["organisation"] / "policies" / data["policy"]
    full = read_page(folder / "index.html")
    html = (folder / "index.html").read_text(encoding="utf-8")
    for clause in data["clauses"]:
        cid = clause["id"]
        assert cid in full.clauses, f"{cid} missing from the full policy"
        assert f'id="{cid}"' in html, f"{cid} has no anchor"
        text = squash(full.clauses[cid])
        assert squash(clause["snippet"]) in text, f"{cid}: '{clause['snippet']}' not in '{text}'"
        assert STRENGTH_WORDS[clause["strength"]] in text
        assert f"ps-clause--{clause['strength']}" in full.clause_classes[cid]
        for audience in clause["audiences"]:
            label = {"parents": "Parents and carers"}.get(audience, audience.capitalize())
            assert label in text, f"{cid} does not say it concerns {audience}"


@pytest.mark.parametrize("expectation", EXPECTATIONS, ids=lambda p: p.stem)
def test_clauses_on_exactly_their_audience_pages(demo_site: Path, expectation: Path) -> None:
    data = load(expectation)
    folder = demo_site / data["organisation"] / "policies" / data["policy"]
    # A policy has only the audience pages its clauses reach (St Luke's has no rules for pupils).
    pages = {audience: read_page(folder / audience / "index.html") for audience in AUDIENCES if (folder / audience).is_dir()}
    for clause in data["clauses"]:
        for audience in AUDIENCES:
            page = pages.get(audience)
            present = page is not None and clause["id"] in page.clauses
            expected = audience in clause["audiences"]
            assert present == expected, f"{clause['id']} on the {audience} page: {present}, expected {expected}"


@pytest.mark.parametrize("expectation", EXPECTATIONS, ids=lambda p: p.stem)
def test_ratification_on_every_page(demo_site: Path, expectation: Path) -> None:
    data = load(expectation)
    folder = demo_site / data["organisation"] / "policies" / data["policy"]
    governors = read_page(folder / "governors" / "index.html").article
    for expected in data["ratification"]:
        assert expected in governors, f"'{expected}' not in the governors' ratification record"
    # A child's page has no record: a link for grown-ups goes to the full policy's.
    if (folder / "pupils").is_dir():
        pupils = read_page(folder / "pupils" / "index.html")
        assert pupils.ratification == [] and "Approval and review" not in pupils.article
        link = 'href="../#approval-and-review">For grown-ups: when this policy was approved and when it is reviewed</a>'
        assert link in (folder / "pupils" / "index.html").read_text(encoding="utf-8")
    for page in ["index.html"] + [f"{a}/index.html" for a in AUDIENCES if (folder / a).is_dir() and a != "pupils"]:
        blocks = read_page(folder / page).ratification
        assert len(blocks) == 1, f"{page} should have one ratification block"
        block = squash(blocks[0])
        assert "Next review" in block and "Status" in block
        if data["current"]:
            assert data["current"] in block, f"{page}: '{data['current']}' not in '{block}'"
        if not data["ratification"]:
            assert "ApprovalNot recorded in this policy" in block and "Ratif" not in block


def test_st_josephs_is_overdue_everywhere(demo_site: Path) -> None:
    folder = demo_site / "st-josephs" / "policies" / "social-media"
    for page in ["index.html"] + [f"{a}/index.html" for a in AUDIENCES if a != "pupils"]:
        text = read_page(folder / page).article
        assert "Overdue for review" in text
        # The full policy says it in a banner; an audience page in its status line, above the rules.
        assert ("due for review by September 2022" if page == "index.html" else "review due by September 2022") in text
    # Whether a policy is overdue is for grown-ups; a child's page does not say it.
    assert "Overdue" not in read_page(folder / "pupils" / "index.html").article


def test_in_date_policy_has_no_overdue_warning(demo_site: Path) -> None:
    # Bledington has no next review date: it says so rather than claiming to be overdue.
    text = read_page(demo_site / "bledington" / "policies" / "social-media" / "index.html").article
    assert "Overdue for review" not in text
    assert "Not set in the policy" in text


def test_pupils_page_has_smart_guide_and_i_will_rules(demo_site: Path) -> None:
    page = read_page(demo_site / "st-thomas" / "policies" / "social-media" / "pupils" / "index.html")
    for word in ["Safe", "Meeting", "Accepting", "Reliable", "Tell"]:
        assert word in page.article
    assert "I will not add or message my teachers on social media" in squash(page.article) or any(squash(t).startswith("I will") for t in page.clauses.values())
    assert sum(1 for t in page.clauses.values() if "I will" in t) >= 5


def test_staff_page_has_quick_reference_and_numbered_procedure(demo_site: Path) -> None:
    path = demo_site / "st-thomas" / "policies" / "social-media" / "staff" / "index.html"
    html = path.read_text(encoding="utf-8")
    text = read_page(path).article
    assert "Quick reference: do and don't" in text
    # Don'ts and dos together, by topic: the first rule is a prohibition (tests/test_quick_reference.py has the rest).
    quick = squash(text.rsplit("Quick reference: do and don't", 1)[1])
    assert "Must not:" in quick and "Must:" in quick
    assert quick.index("Must not:") < quick.index("Must:")
    assert "<ol>" in html, "incident procedure should be numbered steps"
    assert "What to do in an incident" in text


def test_parents_page_sections(demo_site: Path) -> None:
    text = read_page(demo_site / "st-lukes" / "policies" / "social-media" / "parents" / "index.html").article
    # Only headings with something under them; none of the sentences the school did not write.
    for heading in ["What we ask of you", "The school's own accounts"]:
        assert heading in text
    assert "Facebook" in text
    for invented in ["What the school posts and why", "not on social media. Speak to your child's class teacher"]:
        assert invented not in text


def test_home_page_chooser_and_site_index(demo_site: Path) -> None:
    index = read_page(demo_site / "index.html")
    root = (demo_site / "index.html").read_text(encoding="utf-8")
    for org in ["bledington", "st-james-emmanuel-trust", "st-josephs", "st-lukes", "st-thomas"]:
        assert f'href="{org}/"' in root
        home = (demo_site / org / "index.html").read_text(encoding="utf-8")
        # The chooser offers exactly the audiences that have pages.
        for audience in ["parents", "pupils", "staff", "governors"]:
            assert (f'href="{audience}/"' in home) == (demo_site / org / audience).is_dir(), (org, audience)
        assert "I am a parent or carer" in home
    assert not (demo_site / "st-lukes" / "pupils").exists(), "St Luke's policy has no rules for pupils and no SMART guide of its own"
    assert index is not None
    # Each site's navigation names only its own organisation's pages.
    thomas = (demo_site / "st-thomas" / "index.html").read_text(encoding="utf-8")
    assert "Bledington" not in thomas


def test_dates_read_at_the_precision_the_source_gives(demo_site: Path) -> None:
    # St Thomas' policy was adopted in June 2016 (no day): "in June 2016", never "on June 2016".
    import feedparser

    month_or_year = r"(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}|\d{4}"
    summaries = []
    for feed in sorted(demo_site.glob("*/changes.atom")):
        summaries += [entry.summary for entry in feedparser.parse(feed.read_bytes()).entries]
    assert "Version 1 of the Social Media Policy was adopted by Governing Body in June 2016." in summaries
    wrong = [s for s in summaries if re.search(rf"\bon (?:{month_or_year})\b", s)]
    assert wrong == []
    for page in sorted(demo_site.glob("*/policies/*/versions/*/index.html")) + sorted(demo_site.glob("*/policies/*/history/index.html")):
        text = read_page(page).article
        assert not re.search(rf"\bon (?:{month_or_year})\b", text), page


def test_parents_are_told_their_own_rules_in_words_not_labels(demo_site: Path) -> None:
    page = read_page(demo_site / "bledington" / "policies" / "social-media" / "parents" / "index.html")
    # A rule for parents says its force to them; a rule for staff shown to parents keeps its label.
    assert squash(page.clauses["parents-no-malicious-comments"]).startswith("You must not For: Parents and carers")
    assert squash(page.clauses["staff-decline-pupil-friend-requests"]).startswith("Must For: Staff")
