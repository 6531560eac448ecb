"""The reading age of the built pages pupils and parents read, by page type: each page's body text taken as one sample."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.sources.reading_checks import FORMULAS
from generator.sources.reading_level import sample_age
from tests.page_text import body_pieces

# (page type, audience, how its pages are found under a site's folder)
PAGE_TYPES = (
    ("pupils' hub", "pupils", "pupils/index.html"),
    ("pupils' policy pages", "pupils", "policies/*/pupils/index.html"),
    ("parents' hub", "parents", "parents/index.html"),
    ("parents' policy pages", "parents", "policies/*/parents/index.html"),
)


def page_age(page: Path, audience: str) -> float:
    return sample_age(body_pieces(page.read_text(encoding="utf-8")), FORMULAS[audience])


def page_levels(site: Path) -> dict[tuple[str, str], list[tuple[Path, float]]]:
    """For each demo site and page type, every page and its reading age."""
    levels: dict[tuple[str, str], list[tuple[Path, float]]] = {}
    for org in sorted(p for p in site.iterdir() if (p / "index.html").is_file()):
        for kind, audience, pattern in PAGE_TYPES:
            pages = sorted(org.glob(pattern))
            if pages:
                levels[(org.name, kind)] = [(page, page_age(page, audience)) for page in pages]
    return levels


if __name__ == "__main__":
    for (org, kind), pages in page_levels(Path(sys.argv[1])).items():
        ages = [age for _, age in pages]
        print(f"| {org} | {kind} | {min(ages)}–{max(ages)} |" if len(ages) > 1 else f"| {org} | {kind} | {ages[0]} |")
