"""Search in a real browser: each audience's way from the home page to a rule, on a desktop and
on a phone, and the browser's answers compared with `policy-site search` for the whole
relevance suite."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from generator.render.search_query import load_index, search
from generator.render.search_words import stem
from tests.browser import record_requests
from tests.helpers import REPO
from tests.test_search import RELEVANCE

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


@dataclass(frozen=True)
class Journey:
    audience: str
    school: str
    chooser: str  # the words of the home page's choice
    hub: str  # the heading of the page the choice leads to
    query: str
    lands_on: str  # the page and anchor of the first result


JOURNEYS = [
    Journey("parents", "bledington", "I am a parent or carer", "Parents and carers", "photos", "policies/social-media/parents/#staff-pupil-photos-school-channels-only"),
    Journey("pupils", "bledington", "I am a pupil", "Pupils", "friend request", "policies/social-media/pupils/#pupils-no-friend-requests-to-staff"),
    Journey("staff", "bledington", "I am a member of staff", "Staff", "friend request", "policies/social-media/#staff-decline-pupil-friend-requests"),
    Journey("governors", "st-thomas", "I am a governor", "Governors", "complaints", "policies/social-media/#governors-handle-complaints"),
]


def _search_from_header(page: Page, query: str, phone: bool) -> None:
    if phone:
        # On a phone the header has room for the button only; it opens the search page.
        assert not page.locator("#ps-search-box").is_visible()
        page.get_by_role("button", name="Search").click()
        page.wait_for_url("**/search/**")
        page.wait_for_selector("html[data-search-ready]")
        page.get_by_label("Words to search for").fill(query)
    else:
        page.get_by_role("searchbox", name="Search the policies").fill(query)
        page.keyboard.press("Enter")
        page.wait_for_url("**/search/?**")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("journey", JOURNEYS, ids=[j.audience for j in JOURNEYS])
def test_each_audience_finds_its_rule(browser: Browser, demo_server: str, journey: Journey, viewport: dict[str, int]) -> None:
    phone = viewport is PHONE
    context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    log = record_requests(page, demo_server)
    try:
        page.goto(f"{demo_server}{journey.school}/")
        page.get_by_role("link", name=journey.chooser).click()
        page.wait_for_url(f"**/{journey.school}/{journey.audience}/")
        assert page.locator("article h1").inner_text() == journey.hub

        _search_from_header(page, journey.query, phone)
        first = page.locator(".ps-result").first
        first.wait_for()
        # Results for this audience first: the page's choice says so, visibly.
        assert page.locator(f"#ps-for-{journey.audience}").is_checked()
        status = page.locator("#ps-status").inner_text()
        assert f"for \u201c{journey.query}\u201d" in status and "first" in status, status
        meta = first.locator(".ps-result__meta").inner_text()
        assert "For:" in meta and page.locator(".ps-result").first.locator(".ps-strength").count() == 1, meta

        first.locator("a").click()
        page.wait_for_url(f"**/{journey.school}/{journey.lands_on}")
        anchor = journey.lands_on.split("#")[1]
        target = page.locator(f"[id='{anchor}']")
        assert target.get_attribute("data-clause") == anchor
        # The rule is on screen, not hidden under the sticky header.
        box = target.bounding_box()
        header = page.locator("header.md-header").bounding_box()
        assert box is not None and header is not None
        assert header["height"] - 1 <= box["y"] < viewport["height"], (box, header)
        # A request cut short by leaving the page (net::ERR_ABORTED) is not a broken one.
        broken = [f for f in log.failed if "ERR_ABORTED" not in f]
        assert not log.foreign() and not broken, (log.foreign(), broken)
    finally:
        context.close()


def _browser_results(page: Page, query: str, audience: str) -> list[str]:
    """Type the query as a visitor does, with the audience chosen, and read the result links."""
    page.locator(f"#ps-for-{audience}").check()
    page.get_by_label("Words to search for").fill(query)
    page.keyboard.press("Enter")
    page.wait_for_function("q => document.getElementById('ps-status').textContent.endsWith('\u201c' + q + '\u201d')", arg=query)
    links = page.eval_on_selector_all(".ps-result__link", "links => links.map(a => a.getAttribute('href'))")
    return [link.removeprefix("../") for link in links]


def test_browser_gives_the_same_answers_as_the_terminal(browser: Browser, demo_site: Path, demo_server: str) -> None:
    """Every query of the relevance suite: the browser's ranked results are exactly those of
    search_query.search on the same published index (which `policy-site search` prints)."""
    page = browser.new_page()
    indexes = {p.parent.parent.name: load_index(json.loads(p.read_text(encoding="utf-8"))) for p in demo_site.glob("*/search/index.json")}
    differences = []
    try:
        for school in sorted({case["school"] for case in RELEVANCE}):
            page.goto(f"{demo_server}{school}/search/")
            page.wait_for_selector("html[data-search-ready]")
            for case in (c for c in RELEVANCE if c["school"] == school):
                expected = [hit.url for hit in search(indexes[school], case["query"], case["audience"])]
                seen = _browser_results(page, case["query"], case["audience"])
                if seen != expected:
                    differences.append(f"{school} {case['query']!r} ({case['audience']}):\n  browser  {seen[:5]}\n  terminal {expected[:5]}")
    finally:
        page.close()
    assert not differences, "\n".join(differences)


def test_the_index_stems_every_word_as_the_browser_does(browser: Browser, demo_site: Path, demo_server: str) -> None:
    """The index is built in Python and the visitor's words are stemmed by lunr.js: the two
    stemmers must agree on every word the policies use, or a word typed in the browser
    ("play", "day", "stay") finds nothing that the terminal finds."""
    words: set[str] = set()
    for path in (REPO / "policy_sources").rglob("*.yml"):
        words.update(w for w in re.findall(r"[a-z]+", path.read_text(encoding="utf-8").lower()) if len(w) > 2)
    words.update(w for c in RELEVANCE for w in re.findall(r"[a-z]+", c["query"].lower()))
    page = browser.new_page()
    try:
        page.goto(f"{demo_server}st-thomas/search/")
        page.wait_for_selector("html[data-search-ready]")
        in_browser = page.evaluate("words => words.map(w => lunr.stemmer(new lunr.Token(w)).toString())", sorted(words))
    finally:
        page.close()
    differ = [(w, stem(w), b) for w, b in zip(sorted(words), in_browser, strict=True) if stem(w) != b]
    assert len(words) > 2000 and not differ, differ[:20]


def test_only_one_audience_is_a_visible_choice(browser: Browser, demo_server: str) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{demo_server}st-thomas/search/?q=bullying&for=pupils")
        page.wait_for_selector(".ps-result")
        everyone = page.locator(".ps-result").count()
        page.get_by_label("Only these results").check()
        page.wait_for_function("document.getElementById('ps-status').textContent.indexOf('pupils only') >= 0")
        abouts = page.locator(".ps-result__about").all_inner_texts()
        assert 0 < len(abouts) < everyone and all("Pupils" in a for a in abouts), abouts
        assert "only=1" in page.url
    finally:
        page.close()
