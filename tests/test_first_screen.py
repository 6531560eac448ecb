"""The answer first on a phone: every audience page of every demo site, opened at 375 x 812 in a
real browser, shows its first rule on the first screen (under the title, one line for whom it
is, and one line of status), never scrolls sideways, and ends with the school's contact details.

The figures before and after live in the benchmark (`make bench-first-screen`); this checks the
bar each page must clear.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from playwright.sync_api import Browser

from tests.first_screen import PHONE, audience_pages, measure
from tests.helpers import REPO, read_page

FOOTER = "() => document.querySelector('footer.ps-footer address').innerText"


def _contact_details(org_id: str) -> list[str]:
    """What the school's sources say the footer gives: its name, and each contact detail it wrote."""
    data = yaml.safe_load((REPO / "policy_sources" / org_id / "organisation.yml").read_text(encoding="utf-8"))
    contact = data.get("contact") or {}
    details = [data["name"]] + [str(contact[k]) for k in ("address", "phone", "email") if contact.get(k)]
    if data.get("website"):
        details.append(re.sub(r"^https?://(www\.)?|/$", "", data["website"]))
    return details


def test_every_audience_page_shows_its_first_rule_on_a_phones_first_screen(browser: Browser, demo_site: Path, demo_server: str) -> None:
    pages = audience_pages(demo_site)
    # Every demo site, and each of its audience page types, is measured.
    assert {p.split("/")[0] for p in pages} == {o.parent.name for o in (REPO / "policy_sources").glob("*/organisation.yml")}
    assert {p.rstrip("/").rsplit("/", 1)[1] for p in pages} == {"parents", "pupils", "staff", "governors"}
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)  # type: ignore[arg-type]
    late, wide, unnamed = [], [], []
    try:
        tab = context.new_page()
        for address in pages:
            tab.goto(demo_server + address)
            screen = measure(tab)
            if not screen.answer_on_first_screen:
                late.append(f"{address}: first rule at {screen.first_answer} px")
            if screen.scroll_width > screen.client_width:
                wide.append(f"{address}: {screen.scroll_width} px wide in a {screen.client_width} px screen")
            footer = tab.evaluate(FOOTER)
            missing = [d for d in _contact_details(address.split("/")[0]) if d not in footer]
            if missing:
                unnamed.append(f"{address}: footer lacks {missing}")
    finally:
        context.close()
    assert not late, late
    assert not wide, wide
    assert not unnamed, unnamed


def test_the_audience_switch_is_one_line_that_opens_onto_the_other_versions(browser: Browser, demo_server: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)  # type: ignore[arg-type]
    try:
        tab = context.new_page()
        tab.goto(demo_server + "example-primary/policies/mobile-phones/parents/")
        switch = tab.locator("details.ps-switch")
        summary = switch.locator("summary")
        assert summary.inner_text().split("\n")[0].strip() == "For parents and carers"
        assert summary.bounding_box()["height"] <= 60  # type: ignore[index]
        staff = switch.get_by_role("link", name="Staff", exact=True)
        assert not staff.is_visible()
        summary.click()
        assert staff.is_visible()
        staff.click()
        tab.wait_for_url("**/mobile-phones/staff/")
        assert tab.locator("details.ps-switch summary").inner_text().startswith("For staff")
    finally:
        context.close()


def test_the_status_line_says_where_the_policy_stands_and_the_record_follows_the_rules(demo_site: Path) -> None:
    folder = demo_site / "example-primary" / "policies" / "mobile-phones"
    for audience in ("parents", "staff", "governors"):
        html = (folder / audience / "index.html").read_text(encoding="utf-8")
        line = re.search(r'<p class="ps-status-line" data-status="overdue">(.*?)</p>', html, re.DOTALL)
        assert line, audience
        text = re.sub(r"<[^>]+>", "", line[1])
        assert text == "Overdue for review · Approved 18 March 2025 · review due by September 2026 · Full record", text
        assert '<a href="#approval-and-review">Full record</a>' in line[1]
        # The record itself comes after the rules, and keeps its place in the page's links.
        assert html.index('class="ps-status-line"') < html.index('class="ps-clause') < html.index('id="approval-and-review"')
    in_date = read_page(demo_site / "example-primary" / "policies" / "medical-conditions" / "parents" / "index.html").article
    assert "Approved 11 March 2026 · next review March 2027 · Full record" in in_date
    # The full policy keeps the record atop, as a formal document does.
    full = (folder / "index.html").read_text(encoding="utf-8")
    assert full.index('id="approval-and-review"') < full.index('class="ps-clause')
    assert "ps-status-line" not in full


def test_long_pages_list_their_groups_and_short_ones_do_not(demo_site: Path) -> None:
    html = (demo_site / "example-primary" / "policies" / "medical-conditions" / "parents" / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav aria-labelledby="on-this-page" class="ps-on-this-page">(.*?)</nav>', html, re.DOTALL)
    assert nav, "no On this page list"
    links = re.findall(r'<a href="#([\w-]+)">(.*?)</a>', nav[1])
    assert links[0] == ("what-we-ask", "What we ask of you")
    for anchor, _ in links:
        assert f'id="{anchor}"' in html, anchor
    # A pupils' page is short, and its reader needs no list of groups.
    pupils = (demo_site / "example-primary" / "policies" / "mobile-phones" / "pupils" / "index.html").read_text(encoding="utf-8")
    assert "ps-on-this-page" not in pupils
