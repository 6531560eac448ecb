"""Where the machine's Chromium is and how to start it headless without touching the network.

Shared by the PDF printer and the browser tests: both use the Chromium installed on the
machine (`tools/install` puts Debian's on PATH), never one downloaded by a test tool.
"""

from __future__ import annotations

import shutil

NAMES = ("chromium", "chromium-browser", "google-chrome")
# Without the background-networking flags Chromium keeps trying to reach Google's services,
# which on a closed network means a stream of refused connections and slow start-ups.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """The first Chromium (or Chrome) on PATH, or None."""
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None
