"""The gates every built page must pass: accessibility (axe-core, WCAG 2.2 AA, in the light and
the dark colour scheme), privacy (no request to any other host, nothing missing) and validity
(the Nu HTML Checker).

The browser loads every HTML file of the demo build, and the version-history pages of a small
build that has comparisons, which the demo lacks; the Nu checker reads every file of both.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from tests.browser import RequestLog, record_requests, serve_folder
from tests.helpers import REPO, make_project
from tests.test_history import FIXTURE as HISTORY_FIXTURE
from tests.test_history import PAGES as HISTORY_PAGES
from tests.test_history import build, edit, ratify, ratify_twice

AXE = REPO / "tools/node_modules/axe-core/axe.min.js"
VNU = REPO / "tools/node_modules/vnu-jar/build/dist/vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
Scheme = Literal["light", "dark"]
SCHEMES: list[Scheme] = ["light", "dark"]
# Any path that no site has: the host answers it with the site's own 404.html.
MISSING = "policies/no-such-policy/"
# The pages of version history, which the demo has only some of (no comparisons).
HISTORY_KINDS = re.compile(r"/policies/[^/]+/(history|versions|compare)/")
# Failing elements listed per rule and page: enough to find the cause, short enough to read.
SHOWN = 3
# The phone layout (Material's mobile navigation drawer, our search button alone) is checked
# on one organisation's pages: every other site has the same page kinds in the same templates.
PHONE = {"width": 375, "height": 740}
PHONE_ORG = "bledington"
# Browser tabs working at once in each colour scheme (see check_pages).
LANES = 2

# Started without waiting, so the next page can load meanwhile; AXE_RESULT waits for it.
START_AXE = """(tags) => {
  window.__gateAxe = axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]}).then((result) =>
    result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => ({target: n.target.join(" "), why: (n.any[0] || n.all[0] || n.none[0] || {}).message || ""})),
    })));
}"""
AXE_RESULT = "() => window.__gateAxe"

SCHEME_SEEN = """() => ({
  dark: matchMedia("(prefers-color-scheme: dark)").matches,
  material: document.body.getAttribute("data-md-color-scheme"),
  background: getComputedStyle(document.body).backgroundColor,
})"""


@dataclass(frozen=True)
class Visit:
    """One page to load: how reports name it, its address, and the server it comes from."""

    label: str
    url: str
    base_url: str
    status: int = 200


def tools_present() -> None:
    missing = [str(p.relative_to(REPO)) for p in (AXE, VNU) if not p.is_file()]
    assert not missing, f"missing {', '.join(missing)}: run tools/install"


def site_visits(folder: Path, base_url: str) -> list[Visit]:
    """Every HTML page of a built output folder, at the address a visitor uses (folder URLs).

    404.html is not among them: it is only ever shown for an address that does not exist.
    """
    visits = []
    for path in sorted(folder.rglob("*.html")):
        relative = path.relative_to(folder).as_posix()
        if path.name == "404.html":
            continue
        url = relative.removesuffix("index.html")
        visits.append(Visit(relative, base_url + url, base_url))
    return visits


def not_found_visits(stack: ExitStack, folder: Path) -> list[Visit]:
    """Each organisation's 404.html, as its host answers a mistyped address.

    Without `site_url`, MkDocs gives the 404 page root-relative links (`/assets/...`): it can
    be shown at any depth, so relative links would break. It therefore works where the
    organisation's folder is published at the root of its host, which is how it is served here.
    """
    visits = []
    for page in sorted(folder.glob("*/404.html")):
        base_url = stack.enter_context(serve_folder(page.parent, not_found_page=page))
        visits.append(Visit(page.relative_to(folder).as_posix(), base_url + MISSING, base_url, status=404))
    return visits


def scheme_problems(scheme: Scheme, seen: dict[str, Any]) -> list[str]:
    """Whether the page really shows the colour scheme the visitor's system asks for."""
    dark = scheme == "dark"
    problems = []
    if seen["dark"] != dark:
        problems.append(f"the browser did not report prefers-color-scheme: {scheme}")
    if seen["material"] is not None:
        expected = "slate" if dark else "default"
        if seen["material"] != expected:
            problems.append(f"Material palette is {seen['material']!r}, expected {expected!r}")
    elif dark and not is_dark(seen["background"]):
        problems.append(f"page background {seen['background']} in the dark scheme")
    return problems


def is_dark(css_colour: str) -> bool:
    """Whether a computed `rgb()`/`rgba()` colour is opaque and darker than mid-grey."""
    parts = [float(p) for p in re.findall(r"[\d.]+", css_colour)]
    return len(parts) >= 3 and (len(parts) == 3 or parts[3] == 1) and sum(parts[:3]) / 3 < 128


def _load_and_start_axe(page: Page, log: RequestLog, visit: Visit, scheme: Scheme) -> list[str]:
    log.reset(visit.base_url)
    response = page.goto(visit.url, wait_until="load")
    where = f"{visit.label} ({scheme})"
    problems = []
    if response is None or response.status != visit.status:
        problems.append(f"{where}: status {response.status if response else 'none'}, expected {visit.status}")
    problems += [f"{where}: {p}" for p in scheme_problems(scheme, page.evaluate(SCHEME_SEEN))]
    page.evaluate(START_AXE, AXE_TAGS)
    return problems


def _axe_and_network_problems(page: Page, log: RequestLog, visit: Visit, scheme: Scheme) -> list[str]:
    where = f"{visit.label} ({scheme})"
    problems = []
    for violation in page.evaluate(AXE_RESULT):
        nodes = violation["nodes"]
        problems.append(f"{where}: axe {violation['id']}: {violation['help']} ({len(nodes)} elements)")
        problems += [f"    {node['target']}  {node['why']}" for node in nodes[:SHOWN]]
        problems += [f"    ... and {len(nodes) - SHOWN} more"] if len(nodes) > SHOWN else []
    problems += [f"{where}: request to another host: {url}" for url in log.foreign()]
    # The document of a 404 visit is meant to be a 404; anything it loads is not.
    failed = [f for f in log.failed if not (visit.status == 404 and f.startswith(visit.url + " "))]
    problems += [f"{where}: request failed: {f}" for f in failed]
    return problems


def _sideways_scroll(page: Page, visit: Visit, scheme: Scheme) -> list[str]:
    """On a phone the document is exactly as wide as the screen: nothing is reached by scrolling sideways."""
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    return [f"{visit.label} ({scheme}): {widths[0]} px wide on a {widths[1]} px screen"] if widths[0] > widths[1] else []


def check_pages(browser: Browser, scheme: Scheme, visits: list[Visit], phone: bool = False) -> list[str]:
    """Load each page in `scheme`, run axe on it and read its network log; returns readable problems.

    Pages go through LANES browser tabs in turn, so that axe works on one page while the next
    one loads: each tab has its own renderer process.
    """
    problems: list[str] = []
    size = {"viewport": PHONE, "is_mobile": True, "has_touch": True} if phone else {}
    context = browser.new_context(color_scheme=scheme, **size)  # type: ignore[arg-type]
    # An init script, unlike an added <script> element, leaves the page's own DOM as built.
    context.add_init_script(script=AXE.read_text(encoding="utf-8"))
    try:
        tabs = [context.new_page() for _ in range(LANES)]
        logs = [record_requests(tab, visits[0].base_url) for tab in tabs]
        for first in range(0, len(visits), LANES):
            batch = list(zip(tabs, logs, visits[first : first + LANES], strict=False))
            for tab, log, visit in batch:
                problems += _load_and_start_axe(tab, log, visit, scheme)
                if phone:
                    problems += _sideways_scroll(tab, visit, scheme)
            for tab, log, visit in batch:
                problems += _axe_and_network_problems(tab, log, visit, scheme)
    finally:
        context.close()
    return problems


def nu_errors(files: list[Path]) -> list[str]:
    """Errors from the Nu HTML Checker on all `files` in one Java run (a JVM start costs seconds)."""
    result = subprocess.run(
        ["java", "-Xss1024k", "-jar", str(VNU), "--format", "json", "--skip-non-html", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        messages = json.loads(result.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        return [f"the Nu checker did not report JSON (exit {result.returncode}): {result.stderr[:2000]}"]
    problems = []
    for m in messages:
        if m.get("type") in ("error", "non-document-error"):
            where = unquote(urlsplit(m.get("url", "")).path)
            problems.append(f"{where}:{m.get('lastLine', '?')}: {m.get('message')}  [{m.get('extract', '').strip()[:120]}]")
    return problems


def report(problems: list[str]) -> str:
    return f"{len(problems)} problems:\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built output folder whose policy has versions 1 and 2 and an edit since: archived
    version pages and both kinds of comparison (version to version, version to current)."""
    project = make_project(tmp_path_factory.mktemp("gates-history"), HISTORY_FIXTURE)
    ratify_twice(project)
    code, out = ratify(project, "--date", "2026-03-04", "--note-staff", "a", "--note-parents", "b", "--note-governors", "c")
    assert code == 0, out
    edit(project, "Parents should check the privacy settings", "Parents and carers should check the privacy settings")
    build(project)
    pages = project / HISTORY_PAGES
    for page in ("compare/1-to-2", "compare/2-to-current", "versions/1", "versions/2", "history"):
        assert (pages / page / "index.html").is_file(), f"the history fixture no longer builds {page}/"
    return project / "site"


@pytest.fixture(scope="module")
def history_server(history_site: Path) -> Iterator[str]:
    with serve_folder(history_site) as base_url:
        yield base_url


@pytest.mark.parametrize("scheme", SCHEMES)
def test_demo_pages_are_accessible_and_request_nothing_from_elsewhere(browser: Browser, demo_site: Path, demo_server: str, scheme: Scheme) -> None:
    tools_present()
    with ExitStack() as stack:
        visits = site_visits(demo_site, demo_server) + not_found_visits(stack, demo_site)
        assert len(visits) == len(list(demo_site.rglob("*.html"))), "every built page is visited"
        assert len(visits) > 50
        problems = check_pages(browser, scheme, visits)
    assert not problems, report(problems)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_phone_layout_is_accessible(browser: Browser, demo_site: Path, demo_server: str, scheme: Scheme) -> None:
    tools_present()
    visits = [v for v in site_visits(demo_site, demo_server) if v.label.startswith(f"{PHONE_ORG}/")]
    assert len(visits) > 10
    problems = check_pages(browser, scheme, visits, phone=True)
    assert not problems, report(problems)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_version_history_pages_are_accessible_and_request_nothing_from_elsewhere(browser: Browser, history_site: Path, history_server: str, scheme: Scheme) -> None:
    # The demo covers every other kind of page, in the same templates; the Nu check below
    # still reads every page of this build.
    tools_present()
    visits = [v for v in site_visits(history_site, history_server) if HISTORY_KINDS.search(v.url)]
    assert {kind for v in visits for kind in HISTORY_KINDS.findall(v.url)} == {"history", "versions", "compare"}
    problems = check_pages(browser, scheme, visits)
    assert not problems, report(problems)


def test_every_page_is_valid_html(demo_site: Path, history_site: Path) -> None:
    tools_present()
    files = sorted(demo_site.rglob("*.html")) + sorted(history_site.rglob("*.html"))
    problems = nu_errors(files)
    assert not problems, report(problems)
