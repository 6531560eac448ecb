"""Where the answer starts on a phone (on demand: `make bench-first-screen`, not part of the tests).

Builds the demo (no PDFs), opens every policy's audience page in Chromium at 375 x 812 and
reports, per page type, the first rule's top edge (or, on a page with no rule for its reader,
its first group's heading) and the page's height in CSS pixels: the largest and the median over
the demo's pages. Prints a table, then one line of JSON.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser import launch_chromium, serve_folder  # noqa: E402
from tests.first_screen import PHONE, FirstScreen, audience_pages, measure  # noqa: E402

BUILD_DATE = "2026-12-01"


def measure_demo(site: Path) -> dict[str, FirstScreen]:
    """Each audience page of the built demo at `site`, as a phone shows it."""
    seen = {}
    with serve_folder(site) as base_url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)  # type: ignore[arg-type]
        tab = context.new_page()
        for address in audience_pages(site):
            tab.goto(base_url + address)
            seen[address] = measure(tab)
        browser.close()
    return seen


def summary(seen: dict[str, FirstScreen]) -> dict[str, dict[str, int]]:
    """Per page type: the worst and the median first-rule offset, and the median and largest height."""
    types: dict[str, list[FirstScreen]] = {}
    for address, screen in seen.items():
        types.setdefault(address.rstrip("/").rsplit("/", 1)[-1], []).append(screen)
    out = {}
    for name, screens in sorted(types.items()):
        offsets = [s.first_answer for s in screens if s.first_answer is not None]
        heights = [s.height for s in screens]
        out[name] = {
            "pages": len(screens),
            "first_answer_max": max(offsets),
            "first_answer_median": round(statistics.median(offsets)),
            "height_median": round(statistics.median(heights)),
            "height_max": max(heights),
            "over_first_screen": sum(not s.answer_on_first_screen for s in screens),
        }
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        command = [sys.executable, "-m", "generator.cli", "build", "--output", str(site), "--date", BUILD_DATE, "--no-pdf"]
        subprocess.run(command, cwd=REPO, check=True, capture_output=True)
        seen = measure_demo(site)
    for address, screen in seen.items():
        print(f"{address:70} first rule {screen.first_rule!s:>6} px  first answer {screen.first_answer!s:>6} px  height {screen.height:>6} px")
    table = summary(seen)
    print(f"\n{'page type':10} {'pages':>5} {'first answer max':>17} {'median':>7} {'height median':>14} {'max':>7} {'below 812':>9}")
    for name, row in table.items():
        cells = [row[k] for k in ("pages", "first_answer_max", "first_answer_median", "height_median", "height_max", "over_first_screen")]
        print(f"{name:10} {cells[0]:>5} {cells[1]:>17} {cells[2]:>7} {cells[3]:>14} {cells[4]:>7} {cells[5]:>9}")
    print(json.dumps({"screen": PHONE, "page_types": table}))


if __name__ == "__main__":
    main()
