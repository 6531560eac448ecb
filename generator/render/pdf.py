"""Each policy's full page printed to an A4 PDF by headless Chromium, from the built HTML.

The PDF is the page a reader would print from the browser: the print rules
(`generator/render/assets/print.css`, served within `assets/policy-site.css`) decide what goes on
paper. Chromium is the one installed on the machine (found on PATH, as `tools/install` puts
it there); nothing is downloaded, and the page may load nothing from outside the folder of
the site being built.
"""

from __future__ import annotations

import atexit
import datetime as dt
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from urllib.request import url2pathname

from generator.render.chromium import ARGS, chromium_path

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
  return document.fonts.ready.then(() => true);
}"""
# Page numbers help whoever reassembles a printout; Chromium fills in the classed spans.
FOOTER = (
    '<div style="font: 8pt sans-serif; width: 100%; margin: 0 16mm; display: flex; justify-content: space-between; color: #333">'
    '<span class="title"></span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'
)
# Chromium stamps both dates with the wall clock as D:YYYYMMDDHHmmSS followed by a UTC offset.
PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})([^)]*)\)")


class PdfError(Exception):
    """The PDFs could not be made; the message says what to install, fix or switch off."""


@dataclass(frozen=True)
class PrintJob:
    page: Path
    pdf: Path


def pdf_name(org_id: str, policy_id: str) -> str:
    """The file name: it says whose policy it is once it sits among other downloads."""
    return f"{org_id}-{policy_id}.pdf"


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
        page = context.new_page()
        for job in jobs:
            try:
                page.goto(job.page.resolve().as_uri(), wait_until="load")
                page.evaluate(PREPARE_PAGE)
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
    finally:
        context.close()
        if chromium is not shared:
            chromium.close()
