from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.browser import launch_chromium, serve_folder
from tests.helpers import BUILD_DATE, REPO, run_cli


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site built from the seed policies by the CLI, as an admin would."""
    output = tmp_path_factory.mktemp("demo") / "site"
    result = run_cli("build", "--output", str(output), "--date", BUILD_DATE, cwd=REPO)
    assert result.returncode == 0, result.stderr + result.stdout
    return output


@pytest.fixture(scope="session")
def demo_server(demo_site: Path) -> Iterator[str]:
    """Base URL of a local web server publishing the whole demo output folder."""
    with serve_folder(demo_site) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session: starting it costs about a second."""
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()
