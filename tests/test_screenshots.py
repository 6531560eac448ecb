"""`make screenshots`: the README's pictures come from the real demo build, each audience's page on a phone and a desktop."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO, cli_env


def _size(png: Path) -> tuple[int, int]:
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", png
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_one_command_takes_every_screenshot_the_readme_shows(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "tools/screenshots.py", "--out", str(tmp_path)], cwd=REPO, env=cli_env(), capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for audience in ("parents", "pupils", "staff", "governors"):
        for screen, size in (("phone", (375, 812)), ("desktop", (1280, 800))):
            name = f"{audience}-{screen}.png"
            assert _size(tmp_path / name) == size, name
            # The README shows each one, and the committed copy is the same size.
            assert f"(screenshots/{name})" in readme and _size(REPO / "screenshots" / name) == size
