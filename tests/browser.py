"""Helpers for tests that look at built sites in a real browser (Chromium driven by Playwright).

The sites are served over HTTP from 127.0.0.1, as a web host would serve them: pages opened as
`file://` behave differently (no folder index pages, different origin rules), so they would not
show what a visitor sees. Nothing here may reach the network: Chromium is the one installed on
the machine (`tools/install`), never a browser downloaded by Playwright.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, Playwright, Request, Response

from generator.render.chromium import ARGS, NAMES, chromium_path
from generator.sites.static_server import static_server


@contextmanager
def serve_folder(folder: Path, not_found_page: Path | None = None) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 at a free port for the duration of the block; yields the base URL.

    `not_found_page` is sent, with status 404, for any path that does not exist, the way a host
    configured with the site's 404.html would answer a mistyped address.
    """
    server = static_server(folder, not_found_page=not_found_page)
    thread = threading.Thread(target=server.serve_forever, name=f"serve {folder.name}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def find_chromium() -> str:
    """The path of the installed Chromium (or Chrome); fails with what to do when there is none."""
    found = chromium_path()
    if found is None:
        raise RuntimeError(f"no Chromium found on PATH (looked for {', '.join(NAMES)}): run tools/install, which installs it")
    return found


def launch_chromium(playwright: Playwright) -> Browser:
    """Headless Chromium from PATH with the flags that keep it off the network."""
    return playwright.chromium.launch(executable_path=find_chromium(), headless=True, args=ARGS)


@dataclass
class RequestLog:
    """Every request one page made, and those that failed, as URLs."""

    base_url: str
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def _on_request(self, request: Request) -> None:
        self.requests.append(request.url)

    def _fail(self, url: str, why: str) -> None:
        # A missing stylesheet is both a 404 response and an aborted request: report it once.
        if not any(f.startswith(url + " ") for f in self.failed):
            self.failed.append(f"{url} ({why})")

    def _on_failed(self, request: Request) -> None:
        self._fail(request.url, request.failure or "failed")

    def _on_response(self, response: Response) -> None:
        if response.status >= 400:
            self._fail(response.url, f"HTTP {response.status}")

    def foreign(self) -> list[str]:
        """Requests to anywhere but the local server; `data:` and `blob:` URLs are made in the page and fetch nothing."""
        local = urlsplit(self.base_url).netloc
        return [url for url in self.requests if not url.startswith(("data:", "blob:")) and urlsplit(url).netloc != local]

    def reset(self, base_url: str | None = None) -> None:
        """Forget what was recorded, before the page loads another address (perhaps from another server)."""
        self.requests.clear()
        self.failed.clear()
        if base_url is not None:
            self.base_url = base_url


def record_requests(page: Page, base_url: str) -> RequestLog:
    """Start recording what `page` asks for; call before the page navigates.

    A response with an error status counts as failed too: a missing stylesheet or script
    comes back as a 404, which the browser does not report as a failed request. One page
    can load many addresses in turn (opening a page costs far more than a navigation):
    call `reset()` before each.
    """
    log = RequestLog(base_url)
    page.on("request", log._on_request)
    page.on("requestfailed", log._on_failed)
    page.on("response", log._on_response)
    return log
