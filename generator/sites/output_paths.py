"""Where a build's output and the records policy-site keeps beside it live, and how the output is shown."""

from __future__ import annotations

import os
from pathlib import Path

from generator.sources.errors import display_path

MANIFEST_SUFFIX = ".manifest.json"


def output_path(given: str) -> Path:
    """The output as an absolute path whose last part is NOT resolved: it is the link we replace."""
    path = Path(os.path.abspath(given))  # abspath: "--output .." names the parent folder
    return path.parent.resolve() / path.name


def shown(output: Path) -> str:
    """The output as the admin named it (display_path would follow the link into .site.builds)."""
    return str(Path(display_path(output.parent)) / output.name)


def builds_folder(output: Path) -> Path:
    return output.with_name(f".{output.name}.builds")


def lock_path(output: Path) -> Path:
    return output.with_name(f".{output.name}.lock")
