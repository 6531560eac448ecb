"""The README's screenshots, taken from the real demo build: each audience's page on a phone and on a desktop, in one command (`make screenshots`).

Builds the demo (no PDFs) into a temporary folder, serves it as a web host would, and saves the
first screen of each page with the machine's headless Chromium, never a downloaded browser.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from generator.render.chromium import ARGS, chromium_path
from generator.sites.static_server import static_server

REPO = Path(__file__).resolve().parent.parent
# (file name, page of the demo, what the README says it shows)
PAGES = (
    ("parents", "st-lukes/policies/social-media/parents/", "St Luke's social media policy for parents"),
    ("pupils", "example-primary/policies/mobile-phones/pupils/", "Example Primary's phones policy for pupils"),
    ("staff", "bledington/policies/social-media/staff/", "Bledington's social media policy for staff"),
    ("governors", "st-james-emmanuel-trust/governors/", "The trust's dashboard for governors"),
)
SCREENS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 800}}
BUILD_DATE = "2026-12-01"


def take(out: Path) -> list[Path]:
    """Build the demo and save each page on each screen as `out/<name>-<screen>.png`."""
    browser_path = chromium_path()
    if browser_path is None:
        sys.exit("no Chromium found: run tools/install (make tools), which installs it")
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build = [sys.executable, "-m", "generator.cli", "build", "--output", str(site), "--date", BUILD_DATE, "--no-pdf"]
        subprocess.run(build, cwd=REPO, check=True, capture_output=True)
        server = static_server(site)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=browser_path, headless=True, args=ARGS)
                for screen, viewport in SCREENS.items():
                    phone = screen == "phone"
                    context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone, device_scale_factor=1, color_scheme="light")  # type: ignore[arg-type]
                    page = context.new_page()
                    for name, address, _ in PAGES:
                        page.goto(base + address)
                        path = out / f"{name}-{screen}.png"
                        page.screenshot(path=str(path), animations="disabled")
                        saved.append(path)
                    context.close()
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(REPO / "screenshots"), help="folder for the PNG files (default: screenshots/)")
    for path in take(Path(parser.parse_args().out)):
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)


if __name__ == "__main__":
    main()
