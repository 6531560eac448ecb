"""What a visitor's phone downloads and waits for (on demand: `make bench-pages`, not part of the tests).

Builds the demo, serves it on 127.0.0.1 and, in Chromium:
- each page type's transfer on a first visit: every file the page requests, raw and gzipped
  (what a host with compression sends);
- each site's search index, raw and gzipped;
- time to first search result on a slow phone (Lighthouse's mobile profile: 4x CPU slowdown,
  150 ms round trip, 1.6 Mbit/s): opening the search page with a query, and typing a new query;
- Lighthouse mobile scores for a few page types, when `bench/lighthouse` has been installed
  (`npm ci --prefix bench/lighthouse --ignore-scripts`).
Prints a table, then one line of JSON.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.render.chromium import ARGS  # noqa: E402
from tests.browser import find_chromium, launch_chromium, serve_folder  # noqa: E402

SCHOOL = "bledington"
PAGE_TYPES = {
    "home": "",
    "audience hub (parents)": "parents/",
    "policy, full": "policies/social-media/",
    "policy, parents": "policies/social-media/parents/",
    "policy, pupils": "policies/social-media/pupils/",
    "policy, staff": "policies/social-media/staff/",
    "history": "policies/social-media/history/",
    "archived version": "policies/social-media/versions/3/",
    "search": "search/",
}
CATEGORIES = "performance,accessibility,best-practices,seo"
LIGHTHOUSE_PAGES = ("home", "policy, parents", "policy, full", "search")
SLOW_PHONE = {"offline": False, "latency": 150, "downloadThroughput": 1.6 * 1024 * 1024 / 8, "uploadThroughput": 750 * 1024 / 8}


def build(output: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "generator.cli", "build", "--output", str(output), "--date", "2026-11-21"], cwd=REPO, env=env, check=True, capture_output=True)


def transfer(page: Page, url: str, site: Path, base: str) -> tuple[int, int, int]:
    """(files, raw bytes, gzipped bytes) of everything the page fetched on a cold load."""
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(url, wait_until="networkidle")
    raw = zipped = 0
    files = 0
    for u in dict.fromkeys(urls):
        path = site / u.removeprefix(base).split("#")[0].split("?")[0]
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            data = path.read_bytes()
            files += 1
            raw += len(data)
            zipped += len(gzip.compress(data, 6))
    return files, raw, zipped


def first_result_ms(browser, base: str) -> tuple[float, float]:
    """On a throttled phone: ms from navigation to the first result drawn, and from pressing
    Enter on a new query to its results."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_PHONE)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(f"{base}{SCHOOL}/search/?q=friend+request&for=staff")
    page.wait_for_selector(".ps-result")
    opened = page.evaluate("performance.now()")
    start = time.perf_counter()
    page.get_by_label("Words to search for").fill("photos of pupils")
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('ps-status').textContent.indexOf('photos of pupils') >= 0")
    typed = (time.perf_counter() - start) * 1000
    context.close()
    return opened, typed


def lighthouse(url: str) -> dict[str, int] | None:
    cli = REPO / "bench/lighthouse/node_modules/.bin/lighthouse"
    if not cli.exists():
        return None
    with tempfile.TemporaryDirectory() as profile:
        flags = " ".join(["--headless", *ARGS, f"--user-data-dir={profile}"])
        out = subprocess.run(
            [str(cli), url, "--form-factor=mobile", "--output=json", "--quiet", f"--chrome-flags={flags}", f"--only-categories={CATEGORIES}"],
            env={**os.environ, "CHROME_PATH": find_chromium()},
            capture_output=True,
            text=True,
            timeout=300,
        )
    if out.returncode != 0:
        print(out.stderr[-2000:], file=sys.stderr)
        return None
    report = json.loads(out.stdout)
    return {name: round(cat["score"] * 100) for name, cat in report["categories"].items()}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        started = time.perf_counter()
        build(site)
        build_s = time.perf_counter() - started
        result: dict[str, object] = {"build_s": round(build_s, 2)}
        print(f"Demo build: {build_s:.1f} s\n")
        print("Search index per site      raw KB   gzip KB   documents")
        indexes = {}
        for path in sorted(site.glob("*/search/index.json")):
            data = path.read_bytes()
            docs = len(json.loads(data)["docs"])
            indexes[path.parent.parent.name] = {"raw_kb": round(len(data) / 1024, 1), "gzip_kb": round(len(gzip.compress(data, 6)) / 1024, 1), "docs": docs}
            print(f"  {path.parent.parent.name:<24} {len(data) / 1024:6.1f}   {len(gzip.compress(data, 6)) / 1024:7.1f}   {docs:9}")
        result["index"] = indexes
        with serve_folder(site) as base, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            print(f"\nFirst visit to a {SCHOOL} page      files   raw KB   gzip KB")
            sizes = {}
            for name, path in PAGE_TYPES.items():
                context = browser.new_context()
                page = context.new_page()
                files, raw, zipped = transfer(page, f"{base}{SCHOOL}/{path}", site, base)
                context.close()
                sizes[name] = {"files": files, "raw_kb": round(raw / 1024, 1), "gzip_kb": round(zipped / 1024, 1)}
                print(f"  {name:<30} {files:7} {raw / 1024:8.1f} {zipped / 1024:9.1f}")
            result["pages"] = sizes
            opened, typed = first_result_ms(browser, base)
            result["first_result_ms"] = {"open_search_page": round(opened), "new_query": round(typed)}
            print(f"\nSlow phone (4x CPU, 150 ms RTT, 1.6 Mbit/s): search page opened to first result {opened:.0f} ms; new query to results {typed:.0f} ms")
            browser.close()
            scores = {}
            for name in LIGHTHOUSE_PAGES:
                found = lighthouse(f"{base}{SCHOOL}/{PAGE_TYPES[name]}")
                if found:
                    scores[name] = found
            if scores:
                print("\nLighthouse (mobile)             performance  accessibility  best-practices  seo")
                for name, s in scores.items():
                    print(f"  {name:<30} {s['performance']:11} {s['accessibility']:14} {s['best-practices']:15} {s['seo']:4}")
            else:
                print("\nLighthouse not installed: npm ci --prefix bench/lighthouse --ignore-scripts")
            result["lighthouse"] = scores
        print(json.dumps(result, separators=(",", ":")))


if __name__ == "__main__":
    main()
