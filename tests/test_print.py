"""Print and keep: every policy page has a print button and its own PDF, and paper says whose page it is.

One small site, built with its PDFs by the CLI as an admin would (printing is slow), read as
HTML, as PDF text and in a real browser.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from playwright.sync_api import Browser

from generator.sources.load import load_sources
from tests.browser import record_requests, serve_folder
from tests.helpers import BUILD_DATE, make_project, run_cli, squash
from tests.test_errors import FIXTURE

ORG = "oak-primary"
AUDIENCES = {"parents": "For parents and carers", "pupils": "For pupils", "staff": "For staff", "governors": "For governors"}
THIS_PAGE = re.compile(r'<a href="([^"]+)" type="application/pdf">Download this page \(PDF, (\d+) pages?\)</a>')
FULL_POLICY = re.compile(r'<a href="([^"]+)" type="application/pdf">Download the full policy \(PDF, (\d+) pages?\)</a>')
BUTTON = '<button type="button" class="md-button md-button--primary ps-print-button" hidden>Print this page</button>'
BUILT_ON = "Page built on 21 November 2026"
# Stands in for the browser's print dialog, which a headless test cannot answer.
STUB_PRINT = "window.printed = 0; window.print = () => { window.printed += 1; };"


@dataclass(frozen=True)
class PolicyPage:
    policy: str
    title: str
    audience: str | None  # None: the full policy
    path: Path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("print"), FIXTURE, pdf=True)
    result = run_cli("build", "--date", BUILD_DATE, cwd=project)
    assert result.returncode == 0, result.stderr + result.stdout
    return project / "site" / ORG


@pytest.fixture(scope="module")
def school() -> str:
    return load_sources(FIXTURE).orgs[ORG].org.name


def policy_pages(site: Path) -> Iterator[PolicyPage]:
    sources = load_sources(FIXTURE).orgs[ORG]
    for policy_id, ps in sorted(sources.policies.items()):
        folder = site / "policies" / policy_id
        yield PolicyPage(policy_id, ps.policy.title, None, folder / "index.html")
        for audience in AUDIENCES:
            if (folder / audience / "index.html").exists():
                yield PolicyPage(policy_id, ps.policy.title, audience, folder / audience / "index.html")


def pdf_text(path: Path) -> tuple[int, str]:
    document = pdfium.PdfDocument(path)
    try:
        text = " ".join(document[n].get_textpage().get_text_range() for n in range(len(document)))
        return len(document), squash(text)
    finally:
        document.close()


def version_of(html: str) -> str | None:
    found = re.search(r"<dt>Version</dt><dd>(.*?)</dd>", html)
    return unescape(found[1]) if found else None


def test_each_audience_page_links_its_own_pdf_with_its_page_count(site: Path, school: str) -> None:
    pages = [p for p in policy_pages(site) if p.audience]
    assert {p.audience for p in pages} == set(AUDIENCES), "the fixture has a page for every audience"
    for page in pages:
        html = page.path.read_text(encoding="utf-8")
        links = THIS_PAGE.findall(html)
        assert len(links) == 1, page.path
        href, shown = links[0]
        pdf = (page.path.parent / href).resolve()
        assert pdf == (site / "policies" / page.policy / f"{ORG}-{page.policy}-{page.audience}.pdf").resolve()
        count, text = pdf_text(pdf)
        assert count == int(shown), (page.path, count, shown)
        # A sheet found on its own says whose it is, for whom, which version and when it was printed.
        for words in (school, page.title, AUDIENCES[page.audience or ""], "Printed on 21 November 2026"):
            assert words in text, (pdf.name, words)
        # The version as the policy's approval box records it (children's pages show none); a policy
        # that records none says so.
        version = version_of((site / "policies" / page.policy / "index.html").read_text(encoding="utf-8"))
        assert (f"Version {version}" if version else "Version not recorded") in text, pdf.name
        # Beside it, the full policy's, with its own count.
        (full_href, full_shown), *others = FULL_POLICY.findall(html)
        assert not others
        full = (page.path.parent / full_href).resolve()
        assert full == (site / "policies" / page.policy / f"{ORG}-{page.policy}.pdf").resolve()
        assert pdf_text(full)[0] == int(full_shown)


def test_the_full_policy_pdf_names_the_school_and_is_linked_with_its_count(site: Path, school: str) -> None:
    for page in policy_pages(site):
        if page.audience:
            continue
        html = page.path.read_text(encoding="utf-8")
        assert not THIS_PAGE.search(html), "the full policy's own PDF is the full policy"
        ((href, shown),) = FULL_POLICY.findall(html)
        count, text = pdf_text((page.path.parent / href).resolve())
        assert count == int(shown)
        assert school in text and page.title in text and "Full policy" in text
        # Counts are filled in once printed: no page keeps the empty place for one.
        assert "ps-pdf-pages" not in html


def test_every_policy_page_has_the_print_button_and_its_script(site: Path) -> None:
    for page in policy_pages(site):
        html = page.path.read_text(encoding="utf-8")
        assert html.count(BUTTON) == 1, page.path
        assert re.search(r'<script src="(\.\./)+assets/print-page\.js" defer></script>', html), page.path
        assert BUILT_ON in html and 'data-label="Printed on"' in html
    assert "window.print()" in (site / "assets" / "print-page.js").read_text(encoding="utf-8")
    # Pages that are not a policy's own have neither.
    for other in (site / "index.html", site / "policies" / "social-media" / "history" / "index.html"):
        html = other.read_text(encoding="utf-8")
        assert "ps-print-button" not in html and "print-page.js" not in html, other


def test_the_button_prints_and_paper_shows_the_header_not_the_button(site: Path, browser: Browser) -> None:
    with serve_folder(site) as base_url:
        context = browser.new_context()
        context.add_init_script(STUB_PRINT)
        page = context.new_page()
        log = record_requests(page, base_url)
        page.goto(base_url + "policies/social-media/parents/")
        button = page.get_by_role("button", name="Print this page")
        header = page.locator(".ps-print-header")
        assert button.is_visible() and not header.is_visible()
        button.click()
        assert page.evaluate("window.printed") == 1
        page.emulate_media(media="print")
        assert header.is_visible() and not button.is_visible()
        assert not page.locator(".ps-download").is_visible()
        # The browser says when it prints; the page then carries that day, not the build's.
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        today = dt.date.today()
        about = squash(page.locator(".ps-print-header__about").inner_text())
        assert about == f"For parents and carers · Version 1 · Printed on {today.day} {today:%B %Y}", about
        assert header.inner_text().startswith("Oak Primary School")
        assert log.foreign() == [] and log.failed == []
        context.close()


def test_without_script_no_button_shows_and_paper_says_when_the_page_was_built(site: Path, browser: Browser) -> None:
    with serve_folder(site) as base_url:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(base_url + "policies/social-media/staff/")
        assert page.locator(".ps-print-button").count() == 1
        assert not page.locator(".ps-print-button").is_visible()
        assert page.get_by_role("button", name="Print this page").count() == 0
        page.emulate_media(media="print")
        assert squash(page.locator(".ps-print-header__about").inner_text()) == f"For staff · Version 1 · {BUILT_ON}"
        context.close()
