"""Each policy's pages (the full policy and each audience's) printed to A4 PDFs by headless Chromium.

The PDF is the page a reader would print from the browser: the print rules
(`generator/render/assets/print.css`, served within `assets/policy-site.css`) decide what goes on
paper. Chromium is the one installed on the machine (found on PATH, as `tools/install` puts
it there); nothing is downloaded, and the page may load nothing from outside the folder of
the site being built. Once printed, each PDF's page count is written into the links to it
("Download this page (PDF, 2 pages)"): the links are hidden on paper, so the count cannot
change what was printed. A part of a page can have a PDF of its own (the staff quick reference):
its job names the part, and print.css leaves the rest of the page off paper.
"""

from __future__ import annotations

import atexit
import datetime as dt
import html
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from urllib.request import url2pathname

from generator.render.chromium import ARGS, chromium_path
from generator.render.urls import page_url
from generator.sources.model.common import Audience
from generator.views.policy import PolicyView
from generator.views.quick_reference import QUICK_REFERENCE
from generator.views.site import SiteView

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright, Route

SWITCH_OFF = "or set `pdf: false` under the policy-site plugin in mkdocs.yml to build without PDFs"
MISSING_CHROMIUM = f"cannot make the policy PDFs because Chromium is not installed: run tools/install (or put chromium on PATH), {SWITCH_OFF}"
MISSING_PLAYWRIGHT = f"cannot make the policy PDFs because the Python package playwright is not installed: run make setup, {SWITCH_OFF}"

# Links in the PDF must not point into the build folder (file:///...): that would publish a
# path on the build machine and make the bytes depend on where the site was built. Links to
# elsewhere on the same page become jumps within the PDF; links to other pages take the
# absolute address print_urls.py gave them (only with site_url), or stop being links.
PREPARE_PAGE = """() => {
  const page = (href) => href.replace(/#.*$/, "").replace(/index\\.html$/, "");
  const here = page(location.href);
  for (const a of document.querySelectorAll("a[href]")) {
    const url = new URL(a.href);
    if (url.protocol !== "file:") continue;
    if (page(url.href) === here && url.hash) a.setAttribute("href", url.hash);
    else if (a.dataset.printUrl) a.setAttribute("href", a.dataset.printUrl);
    else a.removeAttribute("href");
  }
  // The build prints on its own date, not the clock's: the bytes must not depend on the day they are made.
  for (const date of document.querySelectorAll(".ps-print-date[data-label]")) {
    date.textContent = date.dataset.label + " " + date.dataset.built;
    date.removeAttribute("data-label");
  }
  return document.fonts.ready.then(() => true);
}"""
# Page numbers help whoever reassembles a printout; Chromium fills in the classed spans.
FOOTER = (
    '<div style="font: 8pt sans-serif; width: 100%; margin: 0 16mm; display: flex; justify-content: space-between; color: #333">'
    '<span class="title"></span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'
)
# Where a link's page count goes until the PDF is printed; pages write it by page_count_mark.
PAGE_COUNT_MARK = re.compile(r'<span class="ps-pdf-pages" data-pdf="([^"<>]+)"></span>')
# Chromium stamps both dates with the wall clock as D:YYYYMMDDHHmmSS followed by a UTC offset.
PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})([^)]*)\)")


class PdfError(Exception):
    """The PDFs could not be made; the message says what to install, fix or switch off."""


# Set on the page's root before a part is printed; print.css hides the rest of the page while it is
# there (print-page.js sets the same attribute for the part's print button).
PRINT_PART = """(part) => { document.documentElement.dataset.psPrint = part; }"""


@dataclass(frozen=True)
class PrintJob:
    page: Path
    pdf: Path
    part: str | None = None  # None: the whole page


def pdf_name(org_id: str, policy_id: str, audience: Audience | None = None, part: str | None = None) -> str:
    """The file name: it says whose policy it is, for whom and which part, once it sits among other downloads."""
    return f"{org_id}-{policy_id}{f'-{audience.value}' if audience else ''}{f'-{part}' if part else ''}.pdf"


def pdf_path(org_id: str, view: PolicyView, audience: Audience | None = None, part: str | None = None) -> str:
    """Where a page's PDF sits in the site: beside the full policy's, in the policy's folder."""
    return f"{view.folder}/{pdf_name(org_id, view.policy.id, audience, part)}"


def page_count_mark(path: str) -> str:
    """A link's page count before the PDF exists: an empty span that fill_page_counts replaces."""
    return f'<span class="ps-pdf-pages" data-pdf="{html.escape(path, quote=True)}"></span>'


def print_jobs(site: SiteView, site_dir: Path, directory_urls: bool) -> list[PrintJob]:
    """Every policy's full page and audience pages, each to its own PDF, and the staff page's quick
    reference alone (staff keep it by the desk: one or two sides, not the whole page)."""
    jobs = []
    for view in site.policies:
        for audience in [None, *view.pages]:
            url = page_url(view.page(audience), directory_urls)
            page = site_dir / (url + "index.html" if url.endswith("/") else url)
            jobs.append(PrintJob(page, site_dir / pdf_path(site.org.id, view, audience)))
            if audience is Audience.staff and view.quick_reference(audience):
                jobs.append(PrintJob(page, site_dir / pdf_path(site.org.id, view, audience, QUICK_REFERENCE), QUICK_REFERENCE))
    return jobs


def page_count(pdf: bytes) -> int:
    # Here, not atop the module: only a build that prints PDFs needs PDFium loaded.
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def fill_page_counts(pages: Sequence[Path], counts: dict[str, int]) -> None:
    """Write each printed PDF's page count into the links to it (", 2 pages"); a link to a PDF not
    printed keeps its plain "(PDF)"."""

    def count(match: re.Match[str]) -> str:
        n = counts.get(html.unescape(match.group(1)))
        return "" if n is None else f", {n} page{'' if n == 1 else 's'}"

    for page in sorted(set(pages)):
        text = page.read_text(encoding="utf-8")
        filled = PAGE_COUNT_MARK.sub(count, text)
        if filled != text:
            page.write_text(filled, encoding="utf-8")


def find_chromium() -> str:
    found = chromium_path()
    if found is None:
        raise PdfError(MISSING_CHROMIUM)
    return found


def stamp_dates(pdf: bytes, day: dt.date) -> bytes:
    """Replace the wall-clock creation and modification dates by the build date, at midnight UTC.

    The replacement has the same length as the original, so the cross-reference offsets stay valid.
    """

    def stamp(match: re.Match[bytes]) -> bytes:
        offset = b"+00'00'" if len(match.group(3)) == 7 else match.group(3)
        return b"/%s (D:%s%s)" % (match.group(1), day.strftime("%Y%m%d000000").encode(), offset)

    return PDF_DATE.sub(stamp, pdf)


@dataclass
class _Chromium:
    playwright: Playwright
    browser: Browser
    thread: int

    def close(self) -> None:
        self.browser.close()
        self.playwright.stop()


_shared: _Chromium | None = None


def _start() -> _Chromium:
    executable = find_chromium()
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        raise PdfError(MISSING_PLAYWRIGHT) from None
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
    except Error as exc:
        playwright.stop()
        raise PdfError(f"cannot make the policy PDFs because Chromium ({executable}) did not start: {_first_line(exc)}; {SWITCH_OFF}") from None
    return _Chromium(playwright, browser, threading.get_ident())


def _first_line(exc: Exception) -> str:
    """Playwright's messages run to a page of call log; the first line says what went wrong."""
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _close_shared() -> None:
    global _shared
    if _shared is not None and _shared.thread == threading.get_ident():
        _shared.close()
    _shared = None


def _chromium() -> _Chromium:
    """One browser for every build in this process (the CLI builds each organisation in turn)."""
    global _shared
    if _shared is None:
        _shared = _start()
        atexit.register(_close_shared)
    return _shared


def _only_inside(folder: Path) -> Callable[[Route], None]:
    root = folder.resolve()

    def handle(route: Route) -> None:
        parts = urlsplit(route.request.url)
        inside = parts.scheme == "file" and Path(url2pathname(parts.path)).resolve().is_relative_to(root)
        if inside:
            route.continue_()
        else:
            route.abort("blockedbyclient")

    return handle


def print_pdfs(site_dir: Path, jobs: Sequence[PrintJob], day: dt.date) -> None:
    """Print each job's page to its PDF, loading nothing from outside site_dir."""
    if not jobs:
        return
    shared = _chromium()
    # Playwright's sync objects belong to the thread that made them: elsewhere, use a browser of our own.
    from playwright.sync_api import Error

    chromium = shared if shared.thread == threading.get_ident() else _start()
    context = chromium.browser.new_context(color_scheme="light")
    try:
        context.route("**/*", _only_inside(site_dir))
        # Two tabs: the next page loads in one while the other prints, which nearly halves the time
        # on a machine with cores to spare (a policy now has a PDF for each of its pages).
        tabs = [context.new_page(), context.new_page()]
        counts: dict[str, int] = {}
        for n, job in enumerate(jobs):
            page = tabs[n % 2]
            try:
                if n == 0:
                    page.goto(job.page.resolve().as_uri(), wait_until="commit")
                if n + 1 < len(jobs):
                    tabs[(n + 1) % 2].goto(jobs[n + 1].page.resolve().as_uri(), wait_until="commit")
                page.wait_for_load_state("load")
                page.evaluate(PREPARE_PAGE)
                if job.part:
                    page.evaluate(PRINT_PART, job.part)
                data = page.pdf(
                    format="A4",
                    prefer_css_page_size=True,
                    print_background=True,
                    display_header_footer=True,
                    header_template="<div></div>",
                    footer_template=FOOTER,
                    outline=True,
                    tagged=True,
                )
            except Error as exc:
                raise PdfError(f"printing {job.page} to PDF failed: {_first_line(exc)}; {SWITCH_OFF}") from None
            job.pdf.write_bytes(stamp_dates(data, day))
            counts[job.pdf.relative_to(site_dir).as_posix()] = page_count(data)
        fill_page_counts([job.page for job in jobs], counts)
    finally:
        context.close()
        if chromium is not shared:
            chromium.close()
