"""The governors' dashboard at a glance: a summary line whose counts are the rows', a table that
becomes cards on a phone, and on a trust's dashboard which schools changed the trust's policy and
how many collisions wait for their decision.

The demo and a small trust fixture are built with the CLI; the pages are read as HTML, and in a
real browser at 375 px and on a wide screen.
"""

from __future__ import annotations

import html as html_lib
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser import serve_folder
from tests.helpers import REPO, make_project, run_cli, squash
from tests.page_sentences import unexplained_sentences
from tests.test_gates import PHONE, Visit, check_pages, nu_errors, report, tools_present
from tests.trust_sources import TRUST, trust_policy, write, write_trust

# On this date the demo has policies overdue, due soon, in date and with no approval recorded.
DATE = "2026-12-01"
DEMO_ORGS = sorted(p.name for p in (REPO / "policy_sources").iterdir() if (p / "organisation.yml").is_file())
SUMMARY = re.compile(r'<p class="ps-glance">(.*?)</p>', re.S)
COUNT = re.compile(r'<span class="ps-status ps-status--([a-z-]+)" data-count="\1">(\d+) ([^<]+)</span>')
# The status of each row of the dashboard's main table (a trust's dashboard has a second kind of table).
ROW_STATUS = re.compile(r'<tr data-status="([a-z-]+)">')


def _text(fragment: str) -> str:
    return squash(html_lib.unescape(re.sub(r"<[^>]+>", "", fragment)))


def _build(project: Path, out: Path) -> str:
    result = run_cli("build", "--output", str(out), "--date", DATE, "--no-pdf", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("governors") / "site"
    _build(REPO, out)
    return out


def _dashboard(site: Path, org: str) -> str:
    return (site / org / "governors" / "index.html").read_text(encoding="utf-8")


def _summary(page: str) -> str:
    line = SUMMARY.search(page)
    assert line, "no summary line"
    return line.group(1)


def test_the_summary_line_counts_the_rows(demo: Path) -> None:
    seen: Counter[str] = Counter()
    for org in DEMO_ORGS:
        page = _dashboard(demo, org)
        counts = {kind: int(n) for kind, n, _ in COUNT.findall(_summary(page))}
        rows = Counter(ROW_STATUS.findall(page))
        assert counts == dict(rows), f"{org}: the summary says {counts}, the rows are {dict(rows)}"
        assert all(n > 0 for n in counts.values()), "a status no row has is left out"
        # The line comes before the table it sums up, and so does the whole of it.
        assert page.index('class="ps-glance"') < page.index("<table")
        seen.update(counts)
    assert seen["overdue"] > 0 and seen["in-date"] > 0, "the demo on this date has policies overdue and in date"
    trust = _text(_summary(_dashboard(demo, "st-james-emmanuel-trust")))
    assert trust == "2 overdue, 2 in use without a recorded approval, 2 due for review in the next 60 days, 6 in date"
    # One status alone: no list, and none of the statuses no row has.
    assert _text(_summary(_dashboard(demo, "st-lukes"))) == "1 in use without a recorded approval"


def test_every_cell_is_labelled_with_its_column_heading(demo: Path) -> None:
    page = _dashboard(demo, "st-james-emmanuel-trust")
    table = page[page.index("<table") : page.index("</table>")]
    headings = re.findall(r"<th[^>]*>([^<]+)</th>", table)
    assert headings == ["School", "Policy", "Status", "Version", "Last approved or ratified", "Next review"]
    for row in re.findall(r"<tr data-status.*?</tr>", table):
        labels = re.findall(r'data-label="([^"]+)"', row)
        # The policy's title heads the card and needs no label; every other cell has its heading.
        assert labels == [h for h in headings if h != "Policy"], row


@pytest.fixture(scope="module")
def trust_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Oak Academy Trust: Ash changed three clauses of the trust's policy and the trust has since
    reworded one of them (a collision); Birch uses it unchanged; Cedar only has its own policy."""
    tmp = tmp_path_factory.mktemp("trust-dashboard")
    project = make_project(tmp)
    write_trust(project / "policy_sources")
    policy = trust_policy()
    policy["sections"][0]["clauses"][1]["text"] = "Adults may use their own phones only in the staff room at break times."
    write(project / "policy_sources" / TRUST / "policies" / "online-safety.yml", policy)
    out = project / "site"
    stdout = _build(project, out)
    assert "ash/online-safety: the trust has changed clause 'phones-at-break'" in stdout
    return out


def _school_rows(page: str) -> dict[str, tuple[str, ...]]:
    """Per school on a trust's dashboard: its name, what it changed, and the collisions waiting."""
    rows = re.findall(r'<tr data-school="([^"]+)">(.*?)</tr>', page, re.S)
    return {school: tuple(_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)) for school, row in rows}


def test_a_trusts_dashboard_shows_what_each_school_changed_and_the_collisions_waiting(trust_site: Path) -> None:
    page = _dashboard(trust_site, TRUST)
    part = page[page.index('id="in-schools"') :]
    assert '<h3 id="in-schools-online-safety">Online Safety Policy</h3>' in part
    rows = _school_rows(part)
    assert rows == {
        "ash": ("Ash Primary School", "Changed 3 clauses", "1 collision waiting"),
        "birch": ("Birch Primary School", "Uses it unchanged", "None"),
    }, "Cedar has no copy of the trust's policy, so no row"
    # The collision links to the page where the school reads both wordings and decides.
    ash = re.search(r'<tr data-school="ash">.*?</tr>', part, re.S)
    assert ash
    links = re.findall(r'href="([^"]+)"', ash.group(0))
    assert links == ["../../ash/policies/online-safety/trust/"] * 2
    decide = trust_site / TRUST / "governors" / links[0] / "index.html"
    assert "The trust has changed 1 clause this school had changed" in squash(_text(decide.resolve().read_text(encoding="utf-8")))
    # The same, on the trust's list of all policies; a school's own dashboard has no such part.
    assert _school_rows((trust_site / TRUST / "policies" / "index.html").read_text(encoding="utf-8")) == rows
    assert 'id="in-schools"' not in _dashboard(trust_site, "ash")
    # Every sentence of the part is the sources' words or a listed interface string.
    sources = trust_site.parent / "policy_sources"
    report = unexplained_sentences(trust_site, sources, trust_site.parent / "docs")
    assert not report.get(f"{TRUST}/governors/index.html"), report


def test_the_demo_trusts_dashboard_names_the_school_that_adapts_its_policy(demo: Path) -> None:
    rows = _school_rows(_dashboard(demo, "st-james-emmanuel-trust"))
    # Example Primary changes no clause of the social media policy, only its list of accounts.
    assert rows == {"example-primary": ("Example Primary", "Changed no clauses; also different: the school's accounts", "None")}


# In the browser: a governor on a phone, and on a wide screen.

LAYOUT = """() => {
  const table = document.querySelector(".ps-dashboard table");
  const status = table.querySelector("tbody .ps-status");
  const box = status.getBoundingClientRect();
  // Material wraps a wide table in a box that scrolls sideways by itself.
  const wrapper = table.closest(".md-typeset__scrollwrap") || table.parentElement;
  return {
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    wrapperScrolls: wrapper.scrollWidth > wrapper.clientWidth,
    statusShown: box.width > 0 && box.left >= 0 && box.right <= document.documentElement.clientWidth && getComputedStyle(status).visibility === "visible",
    statusText: status.innerText,
    row: getComputedStyle(table.querySelector("tbody tr")).display,
    headingsShown: table.querySelector("thead").getBoundingClientRect().height > 1,
  };
}"""


@pytest.fixture(scope="module")
def demo_server(demo: Path) -> Iterator[str]:
    with serve_folder(demo) as base_url:
        yield base_url


def test_on_a_phone_every_dashboard_fits_the_screen(browser: Browser, demo_server: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)  # type: ignore[arg-type]
    try:
        tab = context.new_page()
        for org in DEMO_ORGS:
            tab.goto(f"{demo_server}{org}/governors/")
            seen = tab.evaluate(LAYOUT)
            assert seen["scrollWidth"] <= seen["clientWidth"], f"{org}: the dashboard scrolls sideways at 375 px"
            assert not seen["wrapperScrolls"], f"{org}: the table is cut off inside its box"
            assert seen["statusShown"] and seen["statusText"], f"{org}: the first policy's status is not in view"
            assert seen["row"] == "flex" and not seen["headingsShown"], f"{org}: the rows are not cards"
    finally:
        context.close()
    wide = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = wide.new_page()
        tab.goto(f"{demo_server}st-james-emmanuel-trust/governors/")
        seen = tab.evaluate(LAYOUT)
        assert seen["row"] == "table-row" and seen["headingsShown"] and seen["statusShown"], "a wide screen shows the table"
    finally:
        wide.close()


def test_dashboards_on_a_phone_pass_the_accessibility_and_html_gates(browser: Browser, demo: Path, demo_server: str, trust_site: Path) -> None:
    """axe on a phone in light and dark (the full gate tests check every page on a wide screen,
    and one school's on a phone), and the Nu checker on every dashboard, the fixture trust's too."""
    tools_present()
    visits = [Visit(f"{org}/governors/", f"{demo_server}{org}/governors/", demo_server) for org in DEMO_ORGS]
    problems = [p for scheme in ("light", "dark") for p in check_pages(browser, scheme, visits, phone=True)]  # type: ignore[arg-type]
    problems += nu_errors([demo / org / "governors" / "index.html" for org in DEMO_ORGS] + [trust_site / TRUST / "governors" / "index.html"])
    assert not problems, report(problems)
