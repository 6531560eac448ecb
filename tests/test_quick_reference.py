"""The staff quick reference: prohibitions first, in short topic groups, with a button and a PDF of its own.

Read from the demo as built by the CLI (with its PDFs): the staff pages' HTML, the PDFs' pages
and text, and the print button in a real browser.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from html import unescape
from pathlib import Path

import pypdfium2 as pdfium
from playwright.sync_api import Browser

from generator.sources.load import load_sources
from generator.sources.model.common import Audience, Strength
from generator.sources.model.policy import Clause
from generator.views.labels import strength_label
from generator.views.policy import PolicyView
from generator.views.quick_reference import ONE_GROUP_MAX, QUICK_ORDER
from generator.views.site import site_view
from tests.browser import record_requests
from tests.helpers import BUILD_DATE, REPO, squash

# The demo's largest quick reference: the trust's social media policy, which Example Primary adopts.
LARGEST = ("example-primary", "social-media")
SECTION = re.compile(r'<section class="ps-quickref">(.*?)</section>', re.DOTALL)
GROUP = re.compile(r'<div class="ps-quickref__group">(.*?)</div>', re.DOTALL)
TOPIC = re.compile(r'<h3 class="ps-quickref__topic" id="quick-[^"]+">(.*?)</h3>')
ITEM = re.compile(r'<li><strong>([^<]*):</strong> (.*?) <span class="ps-ref">\(<a href="#([^"]+)">[^<]*</a>\)</span></li>', re.DOTALL)
DOWNLOAD = re.compile(r'<a href="([^"]+)" type="application/pdf">Download the quick reference \(PDF, (\d+) pages?\)</a>')
# Stands in for the print dialog, and notes which part the page asked paper to show.
STUB_PRINT = "window.printed = []; window.print = () => { window.printed.push(document.documentElement.dataset.psPrint || null); };"


@cache
def demo_views() -> dict[tuple[str, str], PolicyView]:
    sources = load_sources(REPO / "policy_sources")
    today = dt.date.fromisoformat(BUILD_DATE)
    return {(org, v.policy.id): v for org in sorted(sources.orgs) for v in site_view(sources, org, today, 60).policies}


def staff_pages(site: Path) -> dict[tuple[str, str], Path]:
    return {key: page for key in demo_views() if (page := site / key[0] / "policies" / key[1] / "staff" / "index.html").exists()}


def plain(fragment: str) -> str:
    return squash(unescape(re.sub("<[^>]+>", "", fragment)))


def groups_on(html: str) -> list[tuple[str | None, list[tuple[str, str, str]]]]:
    """Each group of the page's quick reference: its heading (or None) and its items (label, words, clause id)."""
    section = SECTION.search(html)
    assert section, "no quick reference"
    found = []
    for group in GROUP.findall(section[1]):
        heading = TOPIC.search(group)
        found.append((plain(heading[1]) if heading else None, [(label, plain(words), cid) for label, words, cid in ITEM.findall(group)]))
    return found


def rank(clause: Clause) -> int:
    return QUICK_ORDER.index(clause.strength)


def test_each_staff_quick_reference_opens_on_a_must_not_in_short_topic_groups(demo_site: Path) -> None:
    pages = staff_pages(demo_site)
    assert len(pages) >= 15
    for key, page in pages.items():
        view = demo_views()[key]
        html = page.read_text(encoding="utf-8")
        expected = {c.id: c for c in view.binding(Audience.staff) if c.strength in QUICK_ORDER}
        if not expected:
            assert 'class="ps-quickref"' not in html, page
            continue
        assert '<h2 id="quick-reference">' in html, page
        groups = groups_on(html)
        items = [item for _, group in groups for item in group]
        # Every rule that binds staff with a do or don't strength, once, each linked to its rule on the page.
        assert sorted(cid for _, _, cid in items) == sorted(expected), page
        for label, words, cid in items:
            # The strength in words (or the policy's own name for the kind of rule), then the rule.
            assert label == view.strength_text(expected[cid]) and words, (page, cid)
            assert f'id="{cid}"' in html, (page, cid)
        strengths = [expected[cid] for _, _, cid in items]
        if any(c.strength is Strength.must_not for c in strengths):
            assert strengths[0].strength is Strength.must_not, page
        for _, group in groups:
            ranks = [rank(expected[cid]) for _, _, cid in group]
            assert ranks == sorted(ranks), (page, "don'ts first, strongest first, within a group")
        # Groups holding a must not before those with only a should not, before those of dos alone.
        firsts = [rank(expected[group[0][2]]) for _, group in groups]
        assert firsts == sorted(firsts), page
        if len(items) <= ONE_GROUP_MAX:
            assert [heading for heading, _ in groups] == [None], page
        else:
            headings = [heading for heading, _ in groups]
            assert None not in headings and len(set(headings)) == len(headings), page
            topics = [sorted({expected[cid].topic for _, _, cid in group}) for _, group in groups]
            assert all(len(t) == 1 for t in topics), (page, "one topic a group")
            assert len({t[0] for t in topics}) == len(topics), (page, "one group a topic")


def test_the_largest_quick_reference_opens_with_its_first_must_not(demo_site: Path) -> None:
    html = staff_pages(demo_site)[LARGEST].read_text(encoding="utf-8")
    groups = groups_on(html)
    assert len(groups) > 5
    heading, items = groups[0]
    assert heading and items[0][0] == strength_label("must-not")
    assert sum(len(group) for _, group in groups) >= 40


def pdf_pages_and_text(path: Path) -> tuple[int, str]:
    document = pdfium.PdfDocument(path)
    try:
        return len(document), squash(" ".join(document[n].get_textpage().get_text_range() for n in range(len(document))))
    finally:
        document.close()


def test_the_quick_reference_pdf_is_linked_with_its_count_and_prints_on_two_sides_at_most(demo_site: Path) -> None:
    for key, page in staff_pages(demo_site).items():
        html = page.read_text(encoding="utf-8")
        if 'class="ps-quickref"' not in html:
            assert not DOWNLOAD.search(html), page
            continue
        ((href, shown),) = DOWNLOAD.findall(html)
        pdf = (page.parent / href).resolve()
        assert pdf == (page.parent.parent / f"{key[0]}-{key[1]}-staff-quick-reference.pdf").resolve()
        count, text = pdf_pages_and_text(pdf)
        assert count == int(shown), (pdf.name, count, shown)
        assert count <= 2, (pdf.name, count)
        # The print header, the title and the quick reference; none of the rest of the page.
        title = plain(re.search(r"<h1[^>]*>(.*?)</h1>", html, re.DOTALL)[1])
        for words in ("For staff", title, "Quick reference: do and don't"):
            assert words in text, (pdf.name, words)
        for elsewhere in ("Rules by topic", "What to do in an incident", "Approval and review", "Print the quick reference", "Download"):
            assert elsewhere not in text, (pdf.name, elsewhere)
        label, words, _ = groups_on(html)[0][1][0]
        unspaced = "".join(text.split())
        assert "".join(f"{label}: {words}".split()) in unspaced, (pdf.name, words)


def test_the_largest_quick_reference_pdf_has_at_most_two_a4_pages(demo_site: Path) -> None:
    org, policy = LARGEST
    path = demo_site / org / "policies" / policy / f"{org}-{policy}-staff-quick-reference.pdf"
    document = pdfium.PdfDocument(path)
    try:
        assert 1 <= len(document) <= 2
        for n in range(len(document)):
            width, height = document[n].get_size()
            assert abs(width - 595) <= 1 and abs(height - 842) <= 1
    finally:
        document.close()
    # The whole staff page, beside it, is longer: the quick reference PDF is not the page's.
    assert pdf_pages_and_text(path.parent / f"{org}-{policy}-staff.pdf")[0] > 2


def test_the_quick_reference_button_prints_it_alone_and_afterwards_paper_has_the_whole_page(demo_server: str, browser: Browser) -> None:
    context = browser.new_context()
    context.add_init_script(STUB_PRINT)
    page = context.new_page()
    log = record_requests(page, demo_server)
    page.goto(demo_server + "{}/policies/{}/staff/".format(*LARGEST))
    button = page.get_by_role("button", name="Print the quick reference")
    rules = page.locator("#rules")
    assert button.is_visible()
    button.click()
    assert page.evaluate("window.printed") == ["quick-reference"]
    # While the browser prints, paper shows the header, the title and the quick reference only.
    page.emulate_media(media="print")
    assert page.locator(".ps-print-header").is_visible() and page.locator("h1").is_visible()
    assert page.locator("#quick-reference").is_visible() and page.locator(".ps-quickref li").first.is_visible()
    assert not rules.is_visible() and not page.locator(".ps-ratification").first.is_visible()
    assert not button.is_visible() and not page.get_by_text("Download the quick reference").is_visible()
    assert page.locator(".ps-quickref__groups").evaluate("g => getComputedStyle(g).columnCount") == "2"
    # Once printed, the page is whole again, for the browser's own Print or "Print this page".
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("document.documentElement.dataset.psPrint") is None
    assert rules.is_visible() and page.locator(".ps-quickref").is_visible()
    assert log.foreign() == [] and log.failed == []
    context.close()
