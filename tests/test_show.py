"""`policy-site show` and `make demo`'s last step: the built sites served at an address it prints, every school and page reachable there."""

from __future__ import annotations

import signal
import socket
import subprocess
import urllib.request
from pathlib import Path

from tests.helpers import CLI, REPO, cli_env, run_cli


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_show_serves_every_built_site_at_the_address_it_prints(demo_site: Path) -> None:
    port = _free_port()
    show = subprocess.Popen(
        [*CLI, "show", "--site", str(demo_site), "--port", str(port)], cwd=REPO, env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert show.stdout is not None
        line = show.stdout.readline()
        address = f"http://127.0.0.1:{port}/"
        assert address in line and "open that address in a browser" in line, line
        front = urllib.request.urlopen(address, timeout=10).read().decode()
        # The front page's link to a school opens that school's home page, not a folder listing.
        assert 'href="example-primary/"' in front
        assert "part of St James and Emmanuel" in front and "part of st-james-emmanuel-trust" not in front
        school = urllib.request.urlopen(address + "example-primary/", timeout=10).read().decode()
        assert "Index of" not in school and "Example Primary" in school
        page = urllib.request.urlopen(address + "example-primary/policies/mobile-phones/pupils/", timeout=10).read().decode()
        assert "Who can I tell?" in page
    finally:
        show.send_signal(signal.SIGTERM)
        assert show.wait(timeout=10) == 0


def test_show_with_nothing_built_says_what_to_run(tmp_path: Path) -> None:
    result = run_cli("show", "--site", str(tmp_path / "site"))
    assert result.returncode == 1
    assert "run `policy-site build` (or `make demo`) first" in result.stderr + result.stdout
