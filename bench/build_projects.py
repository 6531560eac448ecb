"""The projects the benchmark builds: ours with a synthetic trust, and the plain MkDocs ones the timed generator stage writes."""

from __future__ import annotations

import hashlib
import re
import shutil
import sys
import time
from pathlib import Path

import yaml
from build_runs import TODAY
from synthetic.trust import SyntheticTrust, write_trust

from generator.mkdocs_adapter.plugin import STYLESHEET, STYLESHEET_PARTS
from generator.render.renderer import ASSETS, Renderer
from generator.sources.inert_text import theme_safe
from generator.sources.load import load_sources
from generator.views.site import site_view

REPO = Path(__file__).resolve().parent.parent
# Keys of mkdocs.yml that the plain project sets itself.
PLAIN_OWN_KEYS = {"site_name", "site_description", "docs_dir", "site_dir", "strict", "plugins", "nav", "extra_css"}


def code_digest() -> str:
    """The generator's code: if it changes during the run (someone editing), every site rebuilds."""
    h = hashlib.sha256()
    for path in sorted((REPO / "generator").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(path.as_posix().encode() + path.read_bytes())
    return h.hexdigest()


def setup_project(work: Path, schools: int) -> tuple[Path, SyntheticTrust]:
    """The repository's mkdocs.yml (PDFs off), docs/ and overrides/, and a synthetic trust."""
    project = work / "project"
    project.mkdir()
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config, found = re.subn(r"^(\s*- policy-site:\n)", r"\1      pdf: false\n", config, count=1, flags=re.MULTILINE)
    if not found:
        sys.exit("mkdocs.yml has no `- policy-site:` plugin entry to turn PDFs off in")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    for name in ("docs", "overrides"):
        shutil.copytree(REPO / name, project / name)
    return project, write_trust(project / "policy_sources", schools)


def top_level_blocks(text: str) -> list[tuple[str | None, str]]:
    """mkdocs.yml cut into its top-level keys, each with its indented lines (text kept as written:
    it holds !!python/name tags that safe YAML cannot read)."""
    blocks: list[tuple[str | None, str]] = []
    for line in text.splitlines(keepends=True):
        match = re.match(r"([A-Za-z_][\w-]*):", line)
        if match:
            blocks.append((match.group(1), line))
        elif blocks:
            blocks[-1] = (blocks[-1][0], blocks[-1][1] + line)
        else:
            blocks.append((None, line))
    return blocks


def generator_stage(project: Path, plain: Path) -> dict[str, float | int]:
    """Time YAML -> pages in process; write each organisation's plain MkDocs project on the way
    (outside the timed parts)."""
    templates = project / "overrides" / "policy_pages"
    start = time.perf_counter()
    sources = load_sources(project / "policy_sources")
    load_s = time.perf_counter() - start
    config_text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    kept = "".join(block for key, block in top_level_blocks(config_text) if key not in PLAIN_OWN_KEYS)
    docs = project / "docs"
    css = "\n".join((ASSETS / part).read_text(encoding="utf-8") for part in STYLESHEET_PARTS)
    views_s = render_s = 0.0
    pages = 0
    for org_id in sorted(sources.orgs):
        start = time.perf_counter()
        site = site_view(sources, org_id, TODAY, 60)
        renderer = Renderer(site, templates, True)
        views_s += time.perf_counter() - start
        folder = plain / org_id
        shutil.copytree(docs, folder / "docs")
        (folder / "overrides").symlink_to(project / "overrides")
        for page in site.pages:
            start = time.perf_counter()
            markdown = renderer.page(page)
            render_s += time.perf_counter() - start
            target = folder / "docs" / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8")
        pages += len(site.pages)
        hand_written = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
        for src_uri in hand_written:
            (folder / "docs" / src_uri).write_text(renderer.hand_written((docs / src_uri).read_text(encoding="utf-8"), src_uri), encoding="utf-8")
        (folder / "docs" / STYLESHEET).parent.mkdir(parents=True, exist_ok=True)
        (folder / "docs" / STYLESHEET).write_text(css, encoding="utf-8")
        own = {
            "site_name": theme_safe(site.org.name),
            "site_description": theme_safe(f"{site.org.name}: policies for parents and carers, pupils, staff and governors"),
            "docs_dir": "docs",
            "site_dir": str(plain / "site" / org_id),
            "strict": False,  # our pages link to files only our plugin makes (search/index.json, feeds)
        }
        tail = {"plugins": ["search"], "extra_css": [STYLESHEET], "nav": site.nav([u for u in hand_written if u != "index.md"])}
        (folder / "mkdocs.yml").write_text(
            yaml.safe_dump(own, sort_keys=False) + kept + "\n" + yaml.safe_dump(tail, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    return {"orgs": len(sources.orgs), "pages": pages, "load_s": load_s, "views_s": views_s, "render_s": render_s}
