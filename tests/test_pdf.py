"""Each policy prints cleanly on A4, and the build makes its PDF from the same page."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.render import pdf
from generator.render.print_urls import mark_links, print_url
from tests.helpers import BUILD_DATE, make_project, read_page, run_cli, squash
from tests.test_errors import FIXTURE, tree_digest

ORGS = ["bledington", "st-james-emmanuel-trust", "st-josephs", "st-lukes", "st-thomas"]
POLICY = "policies/social-media"
AUDIENCE_PAGES = ["index.html", "parents/index.html", "pupils/index.html", "staff/index.html", "governors/index.html"]
# Text that is on the web page only in the header, navigation, table of contents or footer.
SCREEN_ONLY = [
    *("Skip to content", "Search the policies", "Table of contents", "Full policies", "Back to top"),
    *("Download the full policy", "Print this page", "Download this page"),
]
# With the PDF's page count, read from the PDF once printed (tests/test_print.py checks it).
DOWNLOAD = re.compile(r'<a href="([^"]+)"[^>]*>Download the full policy \(PDF, \d+ pages?\)</a>')


def pdf_of(site: Path, org: str) -> Path:
    return site / org / POLICY / f"{org}-social-media.pdf"


def plain(fragment: str) -> str:
    return squash(unescape(re.sub("<[^>]+>", "", fragment)))


@cache
def pdf_text(path: Path) -> list[str]:
    return [squash(page.extract_text() or "") for page in PdfReader(path).pages]


def link_targets(path: Path) -> list[str]:
    """Every web address the PDF's clickable links point to (jumps within the PDF have none)."""
    targets = []
    for page in PdfReader(path).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                targets.append(str(action["/URI"]))
    return targets


@pytest.mark.parametrize("org", ORGS)
def test_pdf_is_a4_with_title_and_ratification_on_page_one(demo_site: Path, org: str) -> None:
    html = (demo_site / org / POLICY / "index.html").read_text(encoding="utf-8")
    title = plain(re.search(r"<h1[^>]*>(.*?)</h1>", html, re.DOTALL)[1])
    block = re.search(r'<div class="ps-ratification".*?</dl>', html, re.DOTALL)[0]
    # Each line of the block: ratified or approved (or the last update), version, signatories, review, status.
    entries = [(plain(dt), plain(dd)) for dt, dd in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", block)]
    assert len(entries) >= 3
    reader = PdfReader(pdf_of(demo_site, org))
    for number, sheet in enumerate(reader.pages, 1):
        assert abs(float(sheet.mediabox.width) - 595) <= 1 and abs(float(sheet.mediabox.height) - 842) <= 1, (org, number)
    first = pdf_text(pdf_of(demo_site, org))[0]
    assert title in first
    assert "Approval and review" in first
    for label, value in entries:
        assert label in first and value in first, (label, value)
    assert dict(entries).get("Version") in (None, *re.findall(r"Version (\S+)", first))


@pytest.mark.parametrize("org", ORGS)
def test_pdf_has_the_clauses_with_their_strengths_and_no_screen_furniture(demo_site: Path, org: str) -> None:
    text = " ".join(pdf_text(pdf_of(demo_site, org)))
    assert "Must not" in text and "Must " in text
    clauses = read_page(demo_site / org / POLICY / "index.html").clauses
    assert clauses
    for clause_id, clause_text in list(clauses.items())[:: max(1, len(clauses) // 5)]:
        # The clause's closing words: its own text, past the number, strength and audiences.
        assert " ".join(squash(clause_text).split()[-6:]) in text, clause_id
    for screen_only in SCREEN_ONLY:
        assert screen_only not in text, (org, screen_only)


def test_pdf_shows_external_addresses_and_links_nowhere_on_the_build_machine(demo_site: Path) -> None:
    path = pdf_of(demo_site, "bledington")
    unspaced = "".join(" ".join(pdf_text(path)).split())
    assert "SafeguardingPolicy(https://www.bledington.gloucs.sch.uk/policies/)" in unspaced
    targets = link_targets(path)
    assert "https://www.bledington.gloucs.sch.uk/policies/" in targets
    for org in ORGS:
        data = pdf_of(demo_site, org).read_bytes()
        assert b"file:" not in data and str(demo_site).encode() not in data, org
        assert all(t.startswith(("https:", "http:", "mailto:", "tel:")) for t in link_targets(pdf_of(demo_site, org))), org


@pytest.mark.parametrize("org", ORGS)
def test_every_page_of_a_policy_links_its_pdf(demo_site: Path, org: str) -> None:
    folder = demo_site / org / POLICY
    for name in AUDIENCE_PAGES:
        page = folder / name
        if not page.exists():
            # Only the audience pages the policy has (St Luke's has no rules for pupils).
            assert name.startswith("pupils") and org == "st-lukes", page
            continue
        links = DOWNLOAD.findall(page.read_text(encoding="utf-8"))
        assert len(links) == 1, page
        assert (page.parent / links[0]).resolve() == pdf_of(demo_site, org).resolve()
    # The print rules travel in the page's one stylesheet of ours.
    assert 'href="../../assets/policy-site.css"' in (folder / "index.html").read_text(encoding="utf-8")
    assert "@page" in (demo_site / org / "assets/policy-site.css").read_text(encoding="utf-8")


def test_pdf_bytes_depend_only_on_sources_and_date(tmp_path: Path, demo_site: Path) -> None:
    # A second build, in another process, into a folder at another depth: where and when a
    # site is built must not show in its PDF.
    output = tmp_path / "elsewhere" / "site"
    result = run_cli("build", "--school", "bledington", "--output", str(output), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    again = pdf_of(output, "bledington").read_bytes()
    assert again == pdf_of(demo_site, "bledington").read_bytes()
    assert b"/CreationDate (D:20261121000000+00'00')" in again and b"/ModDate (D:20261121000000+00'00')" in again


def test_stamp_dates_keeps_every_offset() -> None:
    original = b"%PDF-1.4\n1 0 obj\n<</CreationDate (D:20300102030405+01'00')\n/ModDate (D:20300102030405Z)>>\nendobj\nxref 42"
    stamped = pdf.stamp_dates(original, dt.date(2026, 11, 21))
    assert len(stamped) == len(original)
    assert stamped == original.replace(b"20300102030405+01'00'", b"20261121000000+00'00'").replace(b"20300102030405Z", b"20261121000000Z")


def test_without_chromium_the_build_fails_with_one_clear_sentence_and_keeps_the_old_site(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE)
    assert run_cli("build", "--date", BUILD_DATE, cwd=project).returncode == 0
    before = tree_digest(project / "site")
    builds = sorted(p.name for p in (project / ".site.builds").iterdir())
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      pdf: false\n", ""), encoding="utf-8")
    assert "pdf:" not in config.read_text(encoding="utf-8"), "PDFs are on by default"
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    result = run_cli("build", "--date", BUILD_DATE, cwd=project, env={"PATH": str(empty)})
    assert result.returncode == 1
    assert pdf.MISSING_CHROMIUM in result.stderr
    assert "tools/install" in pdf.MISSING_CHROMIUM and "pdf: false" in pdf.MISSING_CHROMIUM
    assert "Traceback" not in result.stderr
    assert tree_digest(project / "site") == before
    # No half-made generation is left beside the live one.
    assert sorted(p.name for p in (project / ".site.builds").iterdir()) == builds


def test_pdf_false_means_no_pdf_and_no_link(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE)
    assert "      pdf: false\n" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    result = run_cli("build", "--date", BUILD_DATE, cwd=project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert not list(site.rglob("*.pdf"))
    pages = list(site.rglob("policies/*/index.html"))
    assert pages and not any("Download the full policy" in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))


def test_with_site_url_internal_links_print_their_full_address(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE)
    config = project / "mkdocs.yml"
    config.write_text("site_url: https://policies.example.org/\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("build", "--date", BUILD_DATE, cwd=project)
    assert result.returncode == 0, result.stderr
    org = next(p.name for p in (project / "site").iterdir() if p.is_dir())
    policy = next((project / "site" / org / "policies").iterdir())
    html = (policy / "index.html").read_text(encoding="utf-8")
    assert f'<a href="history/" data-print-url="https://policies.example.org/{org}/policies/{policy.name}/history/">' in html


def test_print_urls_decides_which_address_paper_needs() -> None:
    here = "https://policies.example.org/oak/policies/online-safety/"
    assert print_url("https://www.gov.uk/guidance", None) == "https://www.gov.uk/guidance"
    assert print_url("mailto:office%40oak.sch.uk?subject=Policy", None) == "office@oak.sch.uk"
    assert print_url("tel:01234567890", here) == "01234567890"
    assert print_url("history/", here) == here + "history/"
    assert print_url("../../parents/", here) == "https://policies.example.org/oak/parents/"
    assert print_url("history/", None) is None
    assert print_url("#clause", here) is None and print_url("./#clause", here) is None
    marked = mark_links('<p><a href="https://x.example/">https://x.example/</a> <a class="c" href="mailto:a@b.uk">write <em>to us</em></a></p>', None)
    assert marked == '<p><a href="https://x.example/">https://x.example/</a> <a class="c" href="mailto:a@b.uk" data-print-url="a@b.uk">write <em>to us</em></a></p>'
